// Text size and contrast where large text leaves the toolbar no room for them
// (portrait, text size 3): one "Text size" button opens a panel over the text with
// the three sizes and contrast, by finger, and every choice can be undone there.
#include <catch2/catch.hpp>

#include "app/headless.h"

using namespace mk;

namespace {

struct Finger {
  app::Headless h;
  explicit Finger(const app::Options& o) : h(o, "medkiosk_ui_tests") { h.settle(); }
  const ui::FrameRegistry::Target* target(const std::string& id) {
    for (const auto& t : h.app.ui().registry().targets)
      if (t.id == id && !t.partial) return &t;
    return nullptr;
  }
  bool shown(const std::string& id) { return target(id) != nullptr; }
  void tap(const std::string& id) {
    const auto* t = target(id);
    REQUIRE(t);
    float x = (t->min.x + t->max.x) / 2, y = (t->min.y + t->max.y) / 2;
    h.pointer(PointerEvent::Kind::Down, x, y);
    h.advance(80);
    h.pointer(PointerEvent::Kind::Up, x, y);
    h.advance(400);
  }
};

app::Options portraitAtSize(int textSize) {
  app::Options o;
  o.textSize = textSize;
  return o;
}

}  // namespace

TEST_CASE("at the largest text size in portrait, text size and contrast are in a panel") {
  Finger f(portraitAtSize(3));
  Kiosk& k = f.h.app.kiosk();
  k.start(f.h.now);
  k.chooseLanguage("el", f.h.now);
  f.h.advance(100);
  // One toolbar row: no size or contrast button in it.
  REQUIRE(f.shown("brochure.text_size"));
  CHECK_FALSE(f.shown("brochure.text_size.1"));
  CHECK_FALSE(f.shown("brochure.contrast"));
  CHECK(f.shown("brochure.home"));
  CHECK(f.shown("brochure.language"));

  f.tap("brochure.text_size");
  CHECK(k.session().displayMenuOpen);
  for (const char* id : {"brochure.text_size.1", "brochure.text_size.2", "brochure.text_size.3", "brochure.contrast"})
    CHECK(f.shown(id));
  f.tap("brochure.contrast");
  CHECK(k.session().highContrast);
  f.tap("brochure.contrast");  // and back
  CHECK_FALSE(k.session().highContrast);

  // The sections' menu and the panel exclude each other; a section closes both.
  f.tap("rail.menu");
  CHECK(k.session().sectionMenuOpen);
  CHECK_FALSE(k.session().displayMenuOpen);
  f.tap("brochure.text_size");
  CHECK_FALSE(k.session().sectionMenuOpen);
  f.tap("brochure.text_size");  // the same button closes it
  CHECK_FALSE(k.session().displayMenuOpen);
  CHECK(f.shown("rail.next"));
  f.tap("rail.next");
  CHECK_FALSE(k.session().displayMenuOpen);

  // The smallest size from the panel: the full toolbar is back, with size 3 in it.
  f.tap("brochure.text_size");
  f.tap("brochure.text_size.1");
  CHECK(k.session().textSize == 1);
  CHECK_FALSE(f.shown("brochure.text_size"));
  CHECK(f.shown("brochure.text_size.3"));
  CHECK(f.shown("brochure.contrast"));
}

TEST_CASE("the idle reset closes the text size panel") {
  Finger f(portraitAtSize(3));
  Kiosk& k = f.h.app.kiosk();
  k.start(f.h.now);
  k.chooseLanguage("pl", f.h.now);
  f.h.advance(100);
  f.tap("brochure.text_size");
  REQUIRE(k.session().displayMenuOpen);
  k.goHome(f.h.now);
  CHECK_FALSE(k.session().displayMenuOpen);
}

// The compact rail's menu lists every section, whatever room the text size and the
// orientation leave it (in landscape at size 3, before the warning has been seen, it
// once showed the first four and dropped the rest without a word).
TEST_CASE("the section menu shows every section, in columns where one does not fit") {
  for (int textSize : {1, 2, 3})
    for (bool portrait : {true, false})
      for (const char* locale : {"el", "de", "bg"}) {
        app::Options o = portraitAtSize(textSize);
        if (!portrait) {
          o.width = 1920;
          o.height = 1080;
        }
        INFO(locale << " at " << o.width << "x" << o.height << ", text size " << textSize);
        Finger f(o);
        Kiosk& k = f.h.app.kiosk();
        k.start(f.h.now);
        k.chooseLanguage(locale, f.h.now);
        f.h.advance(100);
        if (!f.shown("rail.menu")) continue;  // the whole rail is on screen
        f.tap("rail.menu");
        for (auto id : kSectionIds) CHECK(f.shown("rail." + std::string(id)));
        f.tap("rail.symptoms");
        CHECK(k.session().section == "symptoms");
      }
}

// A window narrower than a section's longest word at this size: one column, words
// broken, but every section still listed (no column count avoids the break).
TEST_CASE("the section menu in a window too narrow for a whole word still lists every section") {
  app::Options o = portraitAtSize(3);
  o.width = 360;
  o.height = 1400;
  Finger f(o);
  Kiosk& k = f.h.app.kiosk();
  k.start(f.h.now);
  k.chooseLanguage("de", f.h.now);
  f.h.advance(100);
  REQUIRE(f.shown("rail.menu"));
  f.tap("rail.menu");
  int listed = 0;
  for (const auto& t : f.h.app.ui().registry().targets)
    for (auto id : kSectionIds) listed += t.id == "rail." + std::string(id);
  CHECK(listed == static_cast<int>(kSectionIds.size()));
}
