// Task tests (issue #15): from the brochure's first screen, in every language, a
// patient finds each answer with at most 2 taps, and it is on screen: checked in the
// UI's registry of what was drawn, as text and pictures inside the visible text area.
// The taps go through the replay's headless loop (app/headless.h) at the centre of the
// targets the UI registered, as a finger would.
#include <catch2/catch.hpp>
#include <set>

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
  // With `scrolling`, the patient then reads the section to its end.
  bool scrolling = false;
  void open(const std::string& section) {
    INFO("opening " << section);
    if (!tap("rail." + section)) {
      REQUIRE(tap("rail.menu"));

      REQUIRE(tap("rail." + section));
    }
    REQUIRE(h.app.kiosk().session().section == section);
    seenTexts.clear();
    seenPictures.clear();
    look();
    if (scrolling) readToEnd();
  }
  bool inView(ImVec2 a, ImVec2 z) {
    ImVec2 lo = h.app.ui().brochureScreen().contentMin(), hi = h.app.ui().brochureScreen().contentMax();
    return a.y >= lo.y - 1 && z.y <= hi.y + 1 && a.x >= lo.x - 1 && z.x <= hi.x + 1;
  }
  // What the patient has seen of the section: whole texts and pictures inside the
  // visible text area, on the first screen and on each screen a swipe brought.
  std::set<std::string> seenTexts, seenPictures;
  void look() {
    for (const auto& t : reg().texts)
      if (inView(t.textMin, t.textMax)) seenTexts.insert(t.text);
    for (const auto& p : reg().pictures)
      if (inView(p.min, p.max)) seenPictures.insert(p.name);
  }
  // Reads on by slow swipes of a third of the text area (no fling), to the section's
  // end: every text up to two thirds of the area tall is whole on one of the screens.
  // Returns the number of swipes.
  int readToEnd() {
    ImVec2 lo = h.app.ui().brochureScreen().contentMin(), hi = h.app.ui().brochureScreen().contentMax();
    float x = (lo.x + hi.x) / 2, step = (hi.y - lo.y) / 3;
    const KineticScroll& scroll = h.app.kiosk().session().scroll;
    int swipes = 0;
    while (scroll.offset() < scroll.maxOffset() - 1 && swipes < 60) {
      float y = hi.y - step * 0.5f;
      h.pointer(PointerEvent::Kind::Down, x, y);
      h.advance(16);
      for (float moved = 0; moved < step; moved += 80) {
        h.pointer(PointerEvent::Kind::Move, x, y - moved);
        h.advance(16);
      }
      h.advance(300);  // held still: no fling
      h.pointer(PointerEvent::Kind::Up, x, y - step);
      h.advance(400);
      look();
      ++swipes;
    }
    return swipes;
  }
  bool textShown(const std::string& text) { return seenTexts.count(text) > 0; }
  bool pictureShown(const std::string& name) { return seenPictures.count(name) > 0; }
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

void answers(const app::Options& o, const std::string& locale, bool scrolling = false) {
  INFO(locale << " at " << o.width << "x" << o.height << ", text size " << o.textSize);
  Patient p(o, locale);
  p.scrolling = scrolling;
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

// At text sizes 2 and 3 the calendars and cards are larger than one screen: the
// answers are still 2 taps away, and on screen as the patient swipes through the
// section. Languages with the longest words and other scripts, both orientations.
void answersWhileReading(int textSize, std::initializer_list<const char*> locales) {
  for (const char* locale : locales)
    for (bool portrait : {true, false}) {
      app::Options o;
      o.textSize = textSize;
      if (!portrait) {
        o.width = 1920;
        o.height = 1080;
      }
      answers(o, locale, true);
    }
}

TEST_CASE("at text size 3 every answer is within 2 taps and a read to the section's end", "[task]") {
  answersWhileReading(3, {"el", "bg", "de", "fi"});
}

TEST_CASE("at text size 2 every answer is within 2 taps and a read to the section's end", "[task]") {
  answersWhileReading(2, {"el", "pl"});
}
