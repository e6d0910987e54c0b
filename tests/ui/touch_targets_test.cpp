// Every interactive element on every screen, at every text size and in both
// orientations, is at least 9 mm in both directions at the configured screen size,
// and no two targets touch.
#include <catch2/catch.hpp>

#include "app/app.h"

using namespace mk;

namespace {

void checkTargets(const ui::FrameRegistry& reg, float dpi, const std::string& where) {
  const float minPx = 9.0f / 25.4f * dpi;
  REQUIRE_FALSE(reg.targets.empty());
  for (const auto& t : reg.targets) {
    if (t.partial) continue;  // half scrolled out of view; full size once scrolled in
    INFO(where << ": " << t.id << " is " << (t.max.x - t.min.x) << " x " << (t.max.y - t.min.y) << " px, need "
               << minPx);
    CHECK(t.max.x - t.min.x >= minPx);
    CHECK(t.max.y - t.min.y >= minPx);
  }
  for (size_t i = 0; i < reg.targets.size(); ++i) {
    for (size_t j = i + 1; j < reg.targets.size(); ++j) {
      const auto& a = reg.targets[i];
      const auto& b = reg.targets[j];
      if (a.id == "attract.start" || b.id == "attract.start") continue;  // the whole screen
      bool apart = a.max.x <= b.min.x || b.max.x <= a.min.x || a.max.y <= b.min.y || b.max.y <= a.min.y;
      INFO(where << ": " << a.id << " touches " << b.id);
      CHECK(apart);
    }
  }
}

}  // namespace

TEST_CASE("touch targets are at least 9 mm and apart on every screen") {
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    for (int textSize = 1; textSize <= 3; ++textSize) {
      DYNAMIC_SECTION(size.w << "x" << size.h << " text size " << textSize) {
        app::Options o;
        o.textSize = textSize;
        o.country = "BE";
        app::App app(o, "medkiosk_ui_tests", 0);
        auto renderer = ui::Renderer::forSurface(size.w, size.h);
        app.ui().setRenderer(renderer.get());
        std::int64_t now = 0;
        auto frames = [&] {
          for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
        };
        float dpi = 0;
        frames();
        dpi = app.ui().dpi();
        checkTargets(app.ui().registry(), dpi, "attract");
        Kiosk& k = app.kiosk();
        k.start(now);
        frames();
        checkTargets(app.ui().registry(), dpi, "language");
        k.chooseLanguage("fr_BE", now);
        for (auto section : kSectionIds) {
          k.chooseSection(std::string(section), now);
          frames();
          checkTargets(app.ui().registry(), dpi, std::string(section));
        }
        k.setSectionMenuOpen(true, now);  // only shown with the compact rail
        frames();
        checkTargets(app.ui().registry(), dpi, "section menu");
      }
    }
  }
}
