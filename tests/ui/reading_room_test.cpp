// Room to read: the share of the screen's height the section text gets, in both
// orientations, at every text size, before reading aloud and with the banner seen.
// Where the controls would leave less, they collapse (brochure_layout.cpp).
#include <catch2/catch.hpp>

#include "app/app.h"
#include "ui/screens/brochure_screen.h"

using namespace mk;

TEST_CASE("the section text gets at least 60 % of the screen's height at every text size and orientation") {
  struct Size {
    int w, h;
  };
  // The languages with the longest labels and warnings, and the three scripts.
  for (const char* locale : {"en", "el", "bg", "pl", "de", "fi", "hu", "lt", "es", "ro"}) {
    for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
      for (int textSize = 1; textSize <= 3; ++textSize) {
        app::Options o;
        o.textSize = textSize;
        o.country = "GR";
        app::App app(o, "medkiosk_ui_tests", 0);
        auto renderer = ui::Renderer::forSurface(size.w, size.h);
        app.ui().setRenderer(renderer.get());
        Kiosk& k = app.kiosk();
        k.start(0);
        k.chooseLanguage(locale, 0);
        k.chooseSection("how_to_take", 16);  // the banner has been seen
        app.ui().frame(32);
        app.ui().frame(48);
        double share = app.ui().brochureScreen().readingHeight() / static_cast<double>(size.h);
        INFO(locale << " " << size.w << "x" << size.h << " text size " << textSize << ": the text gets "
                    << static_cast<int>(share * 100 + 0.5) << " % of the height");
        CHECK(share >= 0.60);
      }
    }
  }
}
