// The text-inside-box check must be able to fail: each text is recorded with the box
// the layout gave it (a button, a column), and where its glyphs were drawn.
#include <catch2/catch.hpp>

#include "app/app.h"
#include "core/layout/palette.h"
#include "ui/widgets.h"

using namespace mk;

namespace {

// Runs `draw` inside a real frame of the kiosk, with its fonts, into `reg`.
struct WidgetRig {
  app::App app;
  std::unique_ptr<ui::Renderer> renderer;
  UiStrings strings;
  ui::TextCache cache;
  ui::FrameRegistry reg;
  WidgetRig() : app(options(), "medkiosk_ui_tests", 0), strings(app.paths().localesDir) {
    renderer = ui::Renderer::forSurface(1080, 1920);
    app.ui().setRenderer(renderer.get());
    app.ui().frame(16);  // fonts are built for the first frame
  }
  static app::Options options() {
    app::Options o;
    o.country = "IE";
    return o;
  }
  template <typename F>
  void draw(F widgets) {
    app.ui().setFrameFaultHook([&] {
      ui::UiContext ctx{app.kiosk(), strings, app.ui().fontSet(), normalPalette(),       cache,
                        reg,         32,      ImVec2(1080, 1920), app.ui().fontSet().em, "en"};
      reg.clear();
      widgets(ctx);
    });
    app.ui().frame(32);
    app.ui().setFrameFaultHook(nullptr);
  }
};

bool outside(const ui::FrameRegistry::Text& t) {
  return t.textMin.x < t.boxMin.x - 1 || t.textMax.x > t.boxMax.x + 1 || t.textMin.y < t.boxMin.y - 1 ||
         t.textMax.y > t.boxMax.y + 1;
}

}  // namespace

TEST_CASE("a button whose label lays out to no lines leaves the previous text's box alone") {
  WidgetRig rig;
  rig.draw([](ui::UiContext& ctx) {
    ui::touchButton(ctx, "first", ImVec2(10, 10), ImVec2(400, 120), "First label", ui::normalButton(ctx.palette));
    ui::touchButton(ctx, "empty", ImVec2(10, 500), ImVec2(400, 600), "", ui::normalButton(ctx.palette));
  });
  REQUIRE(rig.reg.texts.size() == 1);
  CHECK(rig.reg.texts[0].text == "First label");
  CHECK(rig.reg.texts[0].boxMin.y == Approx(10));
  CHECK(rig.reg.texts[0].boxMax.y == Approx(120));
}

TEST_CASE("a label too big for its button is recorded outside the button's box") {
  WidgetRig rig;
  rig.draw([](ui::UiContext& ctx) {
    // A long word in a button 2 em wide and 3 em tall: broken into many lines, it runs
    // out of the bottom of the button.
    ui::touchButton(ctx, "narrow", ImVec2(10, 10), ImVec2(10 + ctx.ems(2), 10 + ctx.ems(3)), "Thrombocytopenia",
                    ui::normalButton(ctx.palette));
  });
  REQUIRE(rig.reg.texts.size() == 1);
  CHECK(outside(rig.reg.texts[0]));
}

TEST_CASE("plain text is recorded with the width it was given as its box") {
  WidgetRig rig;
  rig.draw([](ui::UiContext& ctx) {
    ui::drawText(ctx, ImGui::GetWindowDrawList(), ImVec2(10, 10), ctx.ems(2), "Thrombocytopenia", ui::FontRole::Body,
                 ctx.palette.text);
  });
  REQUIRE(rig.reg.texts.size() == 1);
  CHECK(rig.reg.texts[0].boxMax.x == Approx(10 + rig.app.ui().fontSet().em * 2));
  CHECK_FALSE(outside(rig.reg.texts[0]));  // broken into lines that fit the column
}
