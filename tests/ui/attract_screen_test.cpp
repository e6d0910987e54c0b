// The attract screen: one language at a time for everything on it, the hand that says
// "touch", and a picture that drifts a little at each change of language.
#include <catch2/catch.hpp>
#include <cmath>

#include "app/app.h"
#include "ui/frame_checks.h"
#include "ui/screens/attract_screen.h"

using namespace mk;

namespace {

struct Rig {
  app::App app;
  std::unique_ptr<ui::Renderer> renderer;
  UiStrings strings;
  explicit Rig(int w = 1080, int h = 1920) : app(options(), "medkiosk_ui_tests", 0), strings(app.paths().localesDir) {
    renderer = ui::Renderer::forSurface(w, h);
    app.ui().setRenderer(renderer.get());
  }
  static app::Options options() {
    app::Options o;
    o.country = "BE";  // Dutch, French and German
    return o;
  }
  // The attract screen at language cycle `step`.
  const ui::FrameRegistry& at(std::int64_t step) {
    std::int64_t now = step * app.kiosk().config().attractCycleMs + 16;
    app.ui().frame(now);
    app.ui().frame(now + 1);
    return app.ui().registry();
  }
  bool shows(const ui::FrameRegistry& reg, const std::string& text) {
    for (const auto& t : reg.texts)
      if (t.text == text) return true;
    return false;
  }
  std::string in(const std::string& locale, const char* key) {
    strings.setLocale(locale);
    return strings.get(key);
  }
};

}  // namespace

TEST_CASE("the attract screen shows everything in one language at a time") {
  Rig rig;
  REQUIRE(rig.app.kiosk().session().screen == Screen::Attract);
  std::vector<std::string> cycle = {"nl", "fr", "de"};
  for (std::int64_t step = 0; step < 3; ++step) {
    const auto& reg = rig.at(step);
    const std::string& shown = cycle[static_cast<std::size_t>(step)];
    INFO("step " << step << ", " << shown);
    for (const auto& other : cycle) {
      for (const char* key : {"attract.greeting", "attract.touch_to_start", "attract.available"}) {
        INFO(other << " " << key);
        CHECK(rig.shows(reg, rig.in(other, key)) == (other == shown));
      }
    }
    test::checkTextInsideBoxes(reg, "attract");
    test::checkPicturesInsideBoxes(reg, "attract");
    REQUIRE(reg.pictures.size() == 1);
    CHECK(reg.pictures[0].name == "hand");
  }
}

TEST_CASE("the attract picture drifts a little at every change of language, and stays on screen") {
  for (auto [w, h] : {std::pair{1080, 1920}, std::pair{1920, 1080}}) {
    Rig rig(w, h);
    ImVec2 first, last;
    float farthest = 0;
    for (std::int64_t step = 0; step < 60; ++step) {
      const auto& reg = rig.at(step);
      test::checkTextInsideBoxes(reg, "attract");
      REQUIRE(reg.pictures.size() == 1);
      const auto& hand = reg.pictures[0];
      INFO(w << "x" << h << " step " << step);
      CHECK(hand.min.x >= 0);
      CHECK(hand.min.y >= 0);
      CHECK(hand.max.x <= static_cast<float>(w));
      CHECK(hand.max.y <= static_cast<float>(h));
      for (const auto& t : reg.texts) {
        CHECK(t.textMin.x >= 0);
        CHECK(t.textMin.y >= 0);
        CHECK(t.textMax.x <= static_cast<float>(w));
        CHECK(t.textMax.y <= static_cast<float>(h));
      }
      if (step == 0) first = hand.min;
      if (step > 0) CHECK((hand.min.x != last.x || hand.min.y != last.y));  // it moved
      farthest = std::max(farthest, std::hypot(hand.min.x - first.x, hand.min.y - first.y));
      last = hand.min;
    }
    float em = rig.app.ui().fontSet().em;  // built with the first frame
    REQUIRE(em > 0);
    // Slow and small: within the drift either way, yet over the cycles it does travel.
    CHECK(farthest <= 2 * std::sqrt(2.0f) * ui::AttractScreen::kDriftEm * em + 1);
    CHECK(farthest >= ui::AttractScreen::kDriftEm * em);
  }
}
