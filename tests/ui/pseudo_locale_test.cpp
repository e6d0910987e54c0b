// The en_XA pseudo-locale (accented, about 40 % longer) on every screen in both
// orientations at all text sizes: no text may leave its box or be cut off.
#include <catch2/catch.hpp>

#include "app/app.h"
#include "core/i18n/pseudo_text.h"
#include "ui/frame_checks.h"

using namespace mk;
using mk::test::checkTextInsideBoxes;

namespace {

app::Options pseudoOptions(int textSize) {
  app::Options o;
  o.content = MEDKIOSK_PSEUDO_DB;
  o.locale = kPseudoLocale;
  o.country = "IE";
  o.textSize = textSize;
  return o;
}

}  // namespace

TEST_CASE("pseudo-localised text is longer, accented and keeps numbers and placeholders") {
  std::string p = pseudoLocalize("Take 4 mg once a day");
  CHECK(p.find("4") != std::string::npos);
  CHECK(p.find("Take") == std::string::npos);
  CHECK(p.size() > std::string("Take 4 mg once a day").size() * 14 / 10);
  std::string m = pseudoLocalizeMessage("{seconds, plural, one {# second} other {# seconds}} left");
  CHECK(m.find("{seconds, plural, one {# ") == 0);
  CHECK(m.find("other {# ") != std::string::npos);
  CHECK(m.find("second}") == std::string::npos);  // the sub-message text was transformed
}

TEST_CASE("every screen in the pseudo-locale keeps its text inside its boxes") {
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    for (int textSize = 1; textSize <= 3; ++textSize) {
      DYNAMIC_SECTION(size.w << "x" << size.h << " text size " << textSize) {
        app::App app(pseudoOptions(textSize), "medkiosk_ui_tests", 0);
        auto renderer = ui::Renderer::forSurface(size.w, size.h);
        app.ui().setRenderer(renderer.get());
        std::int64_t now = 0;
        auto frames = [&] {
          for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
        };
        frames();
        CHECK(app.ui().missingGlyphReport().empty());
        checkTextInsideBoxes(app.ui().registry(), "attract");
        Kiosk& k = app.kiosk();
        k.start(now);
        frames();
        checkTextInsideBoxes(app.ui().registry(), "language");
        k.chooseLanguage(kPseudoLocale, now);
        REQUIRE(k.session().screen == Screen::Brochure);
        for (auto section : kSectionIds) {
          k.chooseSection(std::string(section), now);
          frames();
          checkTextInsideBoxes(app.ui().registry(), std::string(section));
          // The whole section, scrolled to its end, as well.
          k.session().scroll.jumpTo(1e9f);
          frames();
          checkTextInsideBoxes(app.ui().registry(), std::string(section) + " end");
        }
        now += k.config().idleTimeoutMs;
        frames();
        REQUIRE(k.session().idleWarning);
        checkTextInsideBoxes(app.ui().registry(), "idle");
      }
    }
  }
}
