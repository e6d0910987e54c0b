// Task tests (issue #15): from the brochure's first screen, in every language, a
// patient finds each answer with at most 2 taps, and it is on screen: checked in the
// UI's registry of what was drawn, as text and pictures inside the visible text area.
// The taps go through the replay's headless loop (app/headless.h) at the centre of the
// targets the UI registered, as a finger would.
#include <catch2/catch.hpp>

#include "app/headless.h"
#include "core/content/figure_source.h"
#include "ui/screens/brochure_screen.h"

using namespace mk;

namespace {

struct Patient {
  app::Headless h;

  std::string locale;

  Patient(const app::Options& o, std::string loc) : h(o, "medkiosk_ui_tests"), locale(std::move(loc)) { h.settle(); }
  // The next patient, from the brochure's first screen in their language.
  void arrive() {
    h.app.kiosk().goHome(h.now);
    h.advance(100);
    h.app.kiosk().start(h.now);
    h.app.kiosk().chooseLanguage(locale, h.now);
    h.advance(100);
  }
  const ui::FrameRegistry& reg() { return h.app.ui().registry(); }
  bool tap(const std::string& id) {
    for (const auto& t : reg().targets)
      if (t.id == id && !t.partial) {
        float x = (t.min.x + t.max.x) / 2, y = (t.min.y + t.max.y) / 2;
        h.pointer(PointerEvent::Kind::Down, x, y);
        h.advance(80);
        h.pointer(PointerEvent::Kind::Up, x, y);
        h.advance(400);
        return true;
      }
    return false;
  }
  // A section by the rail (1 tap), or by the compact rail's menu (2 taps): never more.
  void open(const std::string& section) {
    if (!tap("rail." + section)) {
      REQUIRE(tap("rail.menu"));
      REQUIRE(tap("rail." + section));
    }
    REQUIRE(h.app.kiosk().session().section == section);
  }
  bool inView(ImVec2 a, ImVec2 z) {
    ImVec2 lo = h.app.ui().brochureScreen().contentMin(), hi = h.app.ui().brochureScreen().contentMax();
    return a.y >= lo.y - 1 && z.y <= hi.y + 1 && a.x >= lo.x - 1 && z.x <= hi.x + 1;
  }
  bool textShown(const std::string& text) {
    for (const auto& t : reg().texts)
      if (t.text == text && inView(t.textMin, t.textMax)) return true;
    return false;
  }
  bool pictureShown(const std::string& name) {
    for (const auto& p : reg().pictures)
      if (p.name == name && inView(p.min, p.max)) return true;
    return false;
  }
  // The section's figure as shown in the patient's language.
  ShownFigure figure(const std::string& id) {
    Session& s = h.app.kiosk().session();
    auto shown = h.app.content().section(s.medicine, s.locale, s.section);
    REQUIRE(shown);
    for (const auto& f : h.app.content().figures(s.medicine, *shown))
      if (f.id == id) return f;
    FAIL("no figure " << id << " in " << s.section);
    return {};
  }
  std::string format(const char* key, const char* arg, int n) {
    return h.app.ui().strings().format(key, {{arg, std::int64_t{n}}});
  }
};

void answers(const app::Options& o, const std::string& locale) {
  INFO(locale << " at " << o.width << "x" << o.height);
  Patient p(o, locale);
  {
    // Which days to take capsules with dexamethasone only; what the 3 mg capsule looks like.
    p.arrive();
    p.open("how_to_take");
    ShownFigure cycles = p.figure("cycles");
    CHECK(p.textShown(cycles.items[1].caption));
    for (int day = 1; day <= 28; ++day) CHECK(p.textShown(p.format("figure.day", "day", day)));
    CHECK(p.textShown(p.h.app.ui().strings().get("figure.take_day")));
    CHECK(p.pictureShown("capsule-3mg"));
    CHECK(p.textShown(p.format("figure.strength", "mg", 3)));
  }
  {
    // How long after stopping a man must use condoms.
    p.arrive();
    p.open("pregnancy");
    ShownFigure rules = p.figure("rules");
    CHECK(p.pictureShown("condom"));
    CHECK(p.textShown(rules.items[1].caption));
    CHECK(rules.items[1].caption.find('7') != std::string::npos);
  }
  {
    // Whether the patient may give blood.
    p.arrive();
    p.open("donation");
    CHECK(p.pictureShown("no-blood-donation"));
    ShownFigure donation = p.figure("donation");
    CHECK(p.textShown(donation.items[0].caption));
    // The whole rule: during treatment, during breaks and for 7 days after.
    CHECK(donation.items[0].caption.find('7') != std::string::npos);
  }
  {
    // Which symptoms to report at once: every card, its words and its pictures.
    p.arrive();
    p.open("symptoms");
    for (const auto& card : p.figure("symptoms").items) {
      CHECK(p.textShown(card.caption));
      for (const auto& picture : card.item.pictures) CHECK(p.pictureShown(picture));
    }
  }
}

std::vector<std::string> brochureLocales() {
  app::Options o;
  app::App a(o, "medkiosk_ui_tests", 0);
  return a.content().locales("pomalidomide");
}

}  // namespace

TEST_CASE("every answer is on screen within 2 taps, in every language, portrait", "[task]") {
  auto locales = brochureLocales();
  REQUIRE(locales.size() == 24);
  for (const auto& locale : locales) {
    app::Options o;
    answers(o, locale);
  }
}

TEST_CASE("every answer is on screen within 2 taps, in every language, landscape", "[task]") {
  for (const auto& locale : brochureLocales()) {
    app::Options o;
    o.width = 1920;
    o.height = 1080;
    answers(o, locale);
  }
}
