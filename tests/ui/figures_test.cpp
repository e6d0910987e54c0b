// The figures as drawn (issue #15): a dose calendar's days to take capsules stand out
// from the page and from the days without, in both palettes, measured on the pixels.
#include <catch2/catch.hpp>

#include "app/app.h"
#include "core/layout/palette.h"
#include "test_support.h"
#include "ui/png_image.h"

using namespace mk;

namespace {

Rgb pixelAt(const ui::RgbaImage& image, ImVec2 p) {
  auto i = (static_cast<std::size_t>(p.y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(p.x)) * 4;
  return Rgb{image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]};
}

// An English brochure section drawn at 1080x1920, and its screenshot as read back.
struct DrawnSection {
  app::App app{app::Options{}, "medkiosk_ui_tests", 0};
  std::unique_ptr<ui::Renderer> renderer = ui::Renderer::forSurface(1080, 1920);
  DrawnSection(const std::string& section, bool highContrast) {
    app.ui().setRenderer(renderer.get());
    Kiosk& k = app.kiosk();
    k.start(0);
    k.chooseLanguage("en", 0);
    k.chooseSection(section, 0);
    k.setHighContrast(highContrast, 0);
    std::int64_t now = 0;
    for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
  }
  ui::RgbaImage screenshot() {
    test::TempDir dir;
    REQUIRE(renderer->savePng(dir.path / "screen.png"));
    ui::RgbaImage image;
    std::string error;
    REQUIRE(ui::readPng(dir.path / "screen.png", image, error));
    return image;
  }
};

}  // namespace

TEST_CASE("a calendar's days to take capsules stand out, in both palettes") {
  for (bool highContrast : {false, true}) {
    INFO((highContrast ? "high contrast" : "normal"));
    DrawnSection drawn("how_to_take", highContrast);
    // Day 15 is a day without capsules in the 21-day cycle and a day to take them in
    // the 28-day cycle: the first "15" drawn, then the second.
    std::vector<ui::FrameRegistry::Text> fifteen;
    for (const auto& t : drawn.app.ui().registry().texts)
      if (t.text == "15") fifteen.push_back(t);
    REQUIRE(fifteen.size() == 2);
    const ui::RgbaImage image = drawn.screenshot();
    const Palette& p = highContrast ? highContrastPalette() : normalPalette();
    // Inside each cell, clear of its border and of its number.
    auto inside = [](const ui::FrameRegistry::Text& t) { return ImVec2(t.boxMin.x + 6, t.boxMin.y + 6); };
    Rgb rest = pixelAt(image, inside(fifteen[0]));
    Rgb take = pixelAt(image, inside(fifteen[1]));
    CHECK(contrastRatio(rest, p.background) < 1.1);   // not filled: the page shows
    CHECK(contrastRatio(take, p.background) >= 3.0);  // WCAG 1.4.11, a graphical object
    CHECK(contrastRatio(take, rest) >= 3.0);
  }
}

TEST_CASE("a screenshot has the colours the screen was drawn with") {
  DrawnSection drawn("pregnancy", false);
  const ui::RgbaImage image = drawn.screenshot();
  REQUIRE(image.width == 1080);
  const Palette& p = normalPalette();
  // The title bar's corner (a colour whose red and blue differ, so that bytes written
  // in the wrong order show).
  const Rgb corner = pixelAt(image, ImVec2(1, 1));
  CHECK(corner.r == p.barBackground.r);
  CHECK(corner.g == p.barBackground.g);
  CHECK(corner.b == p.barBackground.b);
  REQUIRE(p.barBackground.r != p.barBackground.b);
}
