// Every screen, headless, in both orientations at all three text sizes: no missing
// glyph and no text outside its box. Uses the real App wiring and the software
// renderer, exactly as --screenshot does.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>

#include "app/app.h"
#include "ui/frame_checks.h"
#include "ui/screens/language_screen.h"

using namespace mk;
using mk::test::checkPicturesInsideBoxes;
using mk::test::checkTextInsideBoxes;

namespace {

struct Rig {
  app::App app;
  std::unique_ptr<ui::Renderer> renderer;
  std::int64_t now = 0;
  Rig(int w, int h, int textSize) : app(options(textSize), "medkiosk_ui_tests", 0) {
    renderer = ui::Renderer::forSurface(w, h);
    app.ui().setRenderer(renderer.get());
  }
  static app::Options options(int textSize) {
    app::Options o;
    o.textSize = textSize;
    o.country = "IE";
    return o;
  }
  void frames(int n = 3) {
    for (int i = 0; i < n; ++i) {
      app.ui().frame(now);
      now += 16;
    }
  }
};

}  // namespace

TEST_CASE("every screen renders in both orientations at every text size") {
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    for (int textSize = 1; textSize <= 3; ++textSize) {
      DYNAMIC_SECTION(size.w << "x" << size.h << " text size " << textSize) {
        Rig rig(size.w, size.h, textSize);
        Kiosk& k = rig.app.kiosk();
        rig.frames();
        REQUIRE(rig.app.ui().missingGlyphReport().empty());
        checkTextInsideBoxes(rig.app.ui().registry(), "attract");
        test::checkNoWordBroken(rig.app.ui().registry(), "attract");

        k.start(rig.now);
        rig.frames();
        checkTextInsideBoxes(rig.app.ui().registry(), "language");
        test::checkNoWordBroken(rig.app.ui().registry(), "language");
        checkPicturesInsideBoxes(rig.app.ui().registry(), "language");

        k.chooseLanguage("en", rig.now);
        for (auto section : kSectionIds) {
          k.chooseSection(std::string(section), rig.now);
          rig.frames();
          INFO("section " << section);
          checkTextInsideBoxes(rig.app.ui().registry(), "screen");
          test::checkNoWordBroken(rig.app.ui().registry(), "screen");
          checkPicturesInsideBoxes(rig.app.ui().registry(), "screen");
          // Its end too: the next button, or the labelled take-home QR codes.
          k.session().scroll.jumpTo(1e9f);
          rig.frames();
          checkTextInsideBoxes(rig.app.ui().registry(), "end of section");
          test::checkNoWordBroken(rig.app.ui().registry(), "end of section");
          checkPicturesInsideBoxes(rig.app.ui().registry(), "end of section");
        }
        k.setHighContrast(true, rig.now);
        rig.frames();
        checkTextInsideBoxes(rig.app.ui().registry(), "high contrast");
        test::checkNoWordBroken(rig.app.ui().registry(), "high contrast");
        checkPicturesInsideBoxes(rig.app.ui().registry(), "high contrast");
        CHECK_FALSE(rig.app.ui().registry().pictures.empty());
        rig.now += k.config().idleTimeoutMs;
        rig.frames();
        CHECK(k.session().idleWarning);  // the countdown comes first
        checkTextInsideBoxes(rig.app.ui().registry(), "screen");
        test::checkNoWordBroken(rig.app.ui().registry(), "screen");
        rig.now += k.config().countdownMs;
        rig.frames();
        REQUIRE(k.session().screen == Screen::Attract);  // then the idle reset
      }
    }
  }
}

TEST_CASE("the idle warning covers the brochure with a continue target") {
  Rig rig(1080, 1920, 1);
  Kiosk& k = rig.app.kiosk();
  k.start(0);
  k.chooseLanguage("en", 0);
  rig.frames();
  rig.now = k.config().idleTimeoutMs + 1000;
  rig.frames();
  REQUIRE(k.session().idleWarning);
  bool found = false;
  for (const auto& t : rig.app.ui().registry().targets) found = found || t.id == "idle.continue";
  CHECK(found);
  checkTextInsideBoxes(rig.app.ui().registry(), "screen");
}

TEST_CASE("the birth-defect warning is on screen without scrolling in every section") {
  for (int textSize = 1; textSize <= 3; ++textSize) {
    Rig rig(1080, 1920, textSize);
    Kiosk& k = rig.app.kiosk();
    k.start(0);
    k.chooseLanguage("en", 0);
    const auto* b = rig.app.content().brochure("pomalidomide", "en");
    REQUIRE(b != nullptr);
    for (auto section : kSectionIds) {
      k.chooseSection(std::string(section), rig.now);
      rig.frames();
      // Whole on the first section; from the second on, its first sentence, which says
      // that the medicine causes birth defects.
      std::string expected =
          section == kSectionIds.front() ? b->brochure.warning : firstSentence(b->brochure.warning, "en");
      bool bannerShown = false;
      for (const auto& t : rig.app.ui().registry().texts)
        bannerShown = bannerShown || (t.text == expected && t.textMax.y < 1920 * 0.3f);
      INFO(section << ": " << expected);
      CHECK(bannerShown);
      CHECK(expected.find("birth defects") != std::string::npos);
    }
  }
}

TEST_CASE("the banner compacts to its first sentence once seen, in every language, and a tap shows it whole") {
  Rig rig(1080, 1920, 1);
  Kiosk& k = rig.app.kiosk();
  for (const auto& choice : rig.app.ui().languageScreen().choices()) {
    k.goHome(rig.now);
    k.start(rig.now);
    k.chooseLanguage(choice.locale, rig.now);
    const auto* b = rig.app.content().brochure("pomalidomide", choice.locale);
    REQUIRE(b != nullptr);
    std::string first = firstSentence(b->brochure.warning, b->brochure.locale);
    INFO(choice.locale << ": '" << first << "' of '" << b->brochure.warning << "'");
    CHECK(first.size() < b->brochure.warning.size());
    CHECK(first.size() * 3 > b->brochure.warning.size());  // a sentence, not a word
    CHECK(b->brochure.warning.rfind(first, 0) == 0);
    auto shown = [&](const std::string& text) {
      for (const auto& t : rig.app.ui().registry().texts)
        if (t.text == text) return true;
      return false;
    };
    rig.frames();
    CHECK(shown(b->brochure.warning));
    k.chooseSection("donation", rig.now);
    rig.frames();
    CHECK(shown(first));
    CHECK_FALSE(shown(b->brochure.warning));
  }
  // A tap on the banner shows it whole; another shrinks it again.
  const auto* b = rig.app.content().brochure("pomalidomide", k.session().locale);
  auto tapBanner = [&] {
    for (const auto& t : rig.app.ui().registry().targets)
      if (t.id == "brochure.warning") {
        float x = (t.min.x + t.max.x) / 2, y = (t.min.y + t.max.y) / 2;
        rig.app.ui().handleGestures(rig.app.ui().input().feed({PointerEvent::Kind::Down, x, y, rig.now}), rig.now);
        rig.frames(1);
        rig.app.ui().handleGestures(rig.app.ui().input().feed({PointerEvent::Kind::Up, x, y, rig.now + 50}), rig.now);
        rig.frames();
        return true;
      }
    return false;
  };
  REQUIRE(tapBanner());
  CHECK_FALSE(k.session().warningCompact);
  bool whole = false;
  for (const auto& t : rig.app.ui().registry().texts) whole = whole || t.text == b->brochure.warning;
  CHECK(whole);
  REQUIRE(tapBanner());
  CHECK(k.session().warningCompact);
}

TEST_CASE("the language screen names each language in itself") {
  Rig rig(1080, 1920, 1);
  const auto& choices = rig.app.ui().languageScreen().choices();
  REQUIRE_FALSE(choices.empty());
  CHECK(choices.front().locale == "en_IE");  // the configured member state first
  CHECK(choices.front().name == "English (Ireland)");
  CHECK(choices.front().ofCountry);
}

TEST_CASE("text sizes grow and the largest capital H is at least 6 mm") {
  float previous = 0;
  for (int textSize = 1; textSize <= 3; ++textSize) {
    Rig rig(1080, 1920, textSize);
    rig.frames(1);
    float em = rig.app.ui().fontSet().em;
    CHECK(em > previous);
    previous = em;
    if (textSize == 3) {
      const ImFontGlyph* h = rig.app.ui().fontSet().body->FindGlyphNoFallback('H');
      REQUIRE(h != nullptr);
      float mm = (h->Y1 - h->Y0) / rig.app.ui().dpi() * 25.4f;
      CHECK(mm >= 6.0f);
    }
  }
}

TEST_CASE("without usable content the kiosk says so in its language, never a blank or broken page") {
  app::Options o;
  o.content = "/nonexistent/medkiosk.db";
  o.locale = "el_GR";
  app::App app(o, "medkiosk_ui_tests", 0);
  auto renderer = ui::Renderer::forSurface(1080, 1920);
  app.ui().setRenderer(renderer.get());
  for (int i = 0; i < 3; ++i) app.ui().frame(16 * i);
  bool said = false;
  for (const auto& t : app.ui().registry().texts)
    said = said || t.text == "Οι πληροφορίες δεν είναι προσωρινά διαθέσιμες";
  std::string shown;
  for (const auto& t : app.ui().registry().texts) shown += t.text + " | ";
  INFO(shown);
  CHECK(said);
  CHECK(app.ui().registry().texts.size() == 2);
  CHECK(app.ui().registry().targets.empty());  // nothing to touch that leads nowhere
  app.kiosk().start(100);
  for (int i = 0; i < 3; ++i) app.ui().frame(200 + 16 * i);
  CHECK(app.ui().registry().texts.size() == 2);
}

TEST_CASE("[kiosk] locales limits the language screen and [display] dpi sets physical sizes") {
  char path[] = "/tmp/medkiosk-locales-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::string ini = "[kiosk]\ncountry = BE\nlocales = el, fr_BE, sv_FI, lb\n[display]\ndpi = 160\n";
  REQUIRE(write(fd, ini.data(), ini.size()) == static_cast<ssize_t>(ini.size()));
  close(fd);
  app::Options o;
  o.config = path;
  app::App app(o, "medkiosk_ui_tests", 0);
  std::remove(path);
  const auto& choices = app.ui().languageScreen().choices();
  REQUIRE(choices.size() == 3);         // lb has no brochure: logged, not offered
  CHECK(choices[0].locale == "fr_BE");  // the member state's own languages come first
  CHECK(choices[0].ofCountry);
  CHECK(choices[1].locale == "el");
  CHECK_FALSE(choices[1].ofCountry);
  CHECK(choices[2].locale == "sv_FI");  // offered with the Swedish brochure
  CHECK(app.ui().dpi() == Approx(160));
}

TEST_CASE("no word is broken inside a button's label, a figure's text or a title, in any language") {
  // Where a word does not fit beside a button's pictogram (German "Schwangerschaft" in
  // a rail tile), the line fitter used to break it between two letters.
  struct Size {
    int w, h;
  };
  for (Size size : {Size{540, 960}, Size{1080, 1920}, Size{1920, 1080}}) {
    for (int textSize = 1; textSize <= 3; ++textSize) {
      Rig rig(size.w, size.h, textSize);
      Kiosk& k = rig.app.kiosk();
      auto& content = rig.app.content();
      REQUIRE_FALSE(content.medicines().empty());
      for (const auto& locale : content.locales(content.medicines().front().id)) {
        INFO(size.w << "x" << size.h << " text size " << textSize << " " << locale);
        k.start(rig.now);
        k.chooseLanguage(locale, rig.now);
        for (auto section : {"pregnancy", "symptoms"}) {
          k.chooseSection(section, rig.now);
          rig.frames(2);
          test::checkNoWordBroken(rig.app.ui().registry(), section);
        }
        k.setSectionMenuOpen(true, rig.now);
        rig.frames(2);
        test::checkNoWordBroken(rig.app.ui().registry(), "section menu");
        k.setSectionMenuOpen(false, rig.now);
        k.changeLanguage(rig.now);
        rig.frames(2);
        test::checkNoWordBroken(rig.app.ui().registry(), "language screen");
        k.goHome(rig.now);
      }
    }
  }
}
