// The font atlas once it is on the renderer: every script of the content is there,
// and neither the font files nor a CPU copy of the pixels is kept (they would stay
// in memory for as long as the kiosk runs), also after a text size change rebuilds it.
#include <imgui.h>
#include <catch2/catch.hpp>

#include "app/app.h"
#include "ui/fonts.h"

using namespace mk;

namespace {

void frames(app::App& app, std::int64_t& now, int n = 3) {
  for (int i = 0; i < n; ++i) app.ui().frame(now += 16);
}

void checkAtlasKeepsOnlyTheTexture(const ui::KioskUi& kioskUi) {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  CHECK(atlas.ConfigData.Size == 0);  // no font file data, no build configuration
  CHECK(atlas.TexPixelsAlpha8 == nullptr);
  CHECK(atlas.TexPixelsRGBA32 == nullptr);
  CHECK(atlas.TexID != nullptr);
  const ui::FontSet& set = kioskUi.fontSet();
  for (const ImFont* font : {set.body, set.bold, set.heading}) {
    REQUIRE(font != nullptr);
    // Latin, Greek and Cyrillic letters of the content, with their accents.
    CHECK(ui::missingGlyphs(*font, "Schwangerschaft Εγκυμοσύνη Бременност ąčęėįšųūž őű ţș").empty());
  }
}

}  // namespace

TEST_CASE("the font atlas keeps only its texture once built, at every text size") {
  app::App app(app::Options{}, "medkiosk_ui_tests", 0);
  auto renderer = ui::Renderer::forSurface(540, 960);
  app.ui().setRenderer(renderer.get());
  std::int64_t now = 0;
  frames(app, now);
  checkAtlasKeepsOnlyTheTexture(app.ui());
  float em1 = app.ui().fontSet().em;

  app.kiosk().start(now);
  app.kiosk().chooseLanguage("el", now);
  app.kiosk().setTextSize(3, now);
  frames(app, now);
  CHECK(app.ui().fontSet().em > em1);  // rebuilt from the files, read again
  checkAtlasKeepsOnlyTheTexture(app.ui());
  bool greek = false;
  for (const auto& t : app.ui().registry().texts) greek = greek || t.text.find("ε") != std::string::npos;
  CHECK(greek);
}
