// The take-home QR code at the end of the brochure: render it headless, decode the
// PNG with zbarimg (Debian zbar-tools) and compare with the address in the database.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

#include "app/app.h"

using namespace mk;

namespace {
std::string run(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::array<char, 512> buf{};
  while (fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  return out;
}
}  // namespace

TEST_CASE("the QR codes at the end of the brochure scan back to the EMA page and the package leaflet") {
  for (const char* locale : {"en", "el_GR", "bg_BG"}) {
    for (bool highContrast : {false, true}) {
      INFO(locale << (highContrast ? " high contrast" : ""));
      app::Options o;
      o.locale = locale;
      app::App app(o, "medkiosk_ui_tests", 0);
      auto renderer = ui::Renderer::forSurface(1080, 1920);
      app.ui().setRenderer(renderer.get());
      Kiosk& k = app.kiosk();
      k.start(0);
      k.chooseLanguage(locale, 0);
      k.chooseSection("sources", 0);
      k.setHighContrast(highContrast, 0);
      std::int64_t now = 0;
      for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
      k.session().scroll.jumpTo(1e9f);  // the end of the brochure
      for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
      std::string png = std::string(MEDKIOSK_BINARY_DIR) + "/tests/qr-" + locale + (highContrast ? "-hc" : "") + ".png";
      REQUIRE(renderer->savePng(png));
      std::string ema = app.content().db()->link("pomalidomide", "en");
      std::string leaflet = app.content().db()->link("pomalidomide", "en", "leaflet");
      REQUIRE_FALSE(ema.empty());
      REQUIRE_FALSE(leaflet.empty());
      std::string decoded = run("zbarimg --quiet --raw '" + png + "' 2>/dev/null");  // stderr has D-Bus noise
      // zbarimg lists the codes in no set order.
      CHECK((decoded == ema + "\n" + leaflet + "\n" || decoded == leaflet + "\n" + ema + "\n"));
      // Each is labelled, and its address is written beneath it.
      auto written = [&](const std::string& text) {
        for (const auto& t : app.ui().registry().texts)
          if (t.text == text) return true;
        return false;
      };
      CHECK(written(ema));
      CHECK(written(leaflet));
      CHECK(written(app.ui().strings().get("brochure.take_home_ema")));
      CHECK(written(app.ui().strings().get("brochure.take_home_leaflet")));
    }
  }
}
