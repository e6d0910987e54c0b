// The brochure screen's frame, title bar and banner. The other parts are in
// brochure_layout.cpp (regions), brochure_rail.cpp (the section rail),
// brochure_read_aloud.cpp, brochure_toolbar.cpp and brochure_content.cpp (the section
// text with its header and footer).
#include "ui/screens/brochure_screen.h"

#include <algorithm>

#include "ui/widgets.h"

namespace mk::ui {

int BrochureScreen::sectionIndex(const std::string& id) {
  auto it = std::find(kSectionIds.begin(), kSectionIds.end(), id);
  return it == kSectionIds.end() ? 0 : static_cast<int>(it - kSectionIds.begin());
}

void BrochureScreen::draw(UiContext& ctx) {
  const LoadedBrochure* b = content_.brochure(ctx.kiosk.session().medicine, ctx.kiosk.session().locale);
  if (!b) return;
  Regions r = layoutRegions(ctx, *b);
  drawTitleBar(ctx, *b, r);
  drawBanner(ctx, *b, r);
  const bool menu = r.compactRail && ctx.kiosk.session().sectionMenuOpen;
  if (menu && !r.bannerBeside && !sectionMenuFits(ctx, r.contentMin, r.contentMax)) {
    // Too little room over the text: the menu also covers the controls' column
    // (landscape) or the rail's row (portrait); the section shown, selected in it,
    // closes it.
    const float m = ctx.ems(0.6f);
    drawSectionMenu(ctx, ImVec2(m, std::min(r.railMin.y, r.contentMin.y)), r.contentMax);
    drawToolbar(ctx, r);
    return;
  }
  drawRail(ctx, r);
  drawReadAloudBar(ctx, r);
  if (menu)
    drawSectionMenu(ctx, r.contentMin, r.contentMax);
  else if (r.compactToolbar && ctx.kiosk.session().displayMenuOpen)
    drawDisplayMenu(ctx, r);
  else
    drawContent(ctx, *b, r);
  drawToolbar(ctx, r);
}

void BrochureScreen::drawTitleBar(UiContext& ctx, const LoadedBrochure& b, const Regions& r) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(r.titleMin, r.titleMax, color(ctx.palette.barBackground));
  const float m = ctx.ems(0.6f);
  std::string part = ctx.strings.format("brochure.section_of",
                                        {{"current", std::int64_t{sectionIndex(ctx.kiosk.session().section) + 1}},
                                         {"total", static_cast<std::int64_t>(kSectionIds.size())}});
  ImFont* f = ctx.fonts.body;
  float partW = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, part.c_str()).x;
  float titleW = r.titleMax.x - 3 * m - partW;
  dl->PushClipRect(r.titleMin, r.titleMax, true);
  drawText(ctx, dl, ImVec2(m, m), titleW, b.brochure.title, FontRole::Heading, ctx.palette.barText);
  float lh = lineHeight(ctx.fonts, FontRole::Heading);
  drawText(ctx, dl, ImVec2(r.titleMax.x - m - partW, m + (lh - lineHeight(ctx.fonts, FontRole::Body)) * 0.5f),
           partW + 1, part, FontRole::Body, ctx.palette.barText);
  dl->PopClipRect();
}

void BrochureScreen::drawBanner(UiContext& ctx, const LoadedBrochure& b, const Regions& r) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& p = ctx.palette;
  const float m = ctx.ems(0.6f);
  dl->AddRectFilled(r.bannerMin, r.bannerMax, color(p.warningBackground));
  dl->AddRect(r.bannerMin, r.bannerMax, color(p.warningBorder), 0, 0, ctx.ems(0.15f));
  // A warning sign drawn as a triangle with "!" so it needs no symbol font; smaller
  // once the banner is compact, so that the sentence takes fewer lines.
  float s = bannerTextInset(ctx) - ctx.ems(1.0f);
  ImVec2 c(r.bannerMin.x + m + s * 0.5f + ctx.ems(0.2f), (r.bannerMin.y + r.bannerMax.y) * 0.5f);
  dl->AddTriangleFilled(ImVec2(c.x, c.y - s * 0.5f), ImVec2(c.x + s * 0.55f, c.y + s * 0.45f),
                        ImVec2(c.x - s * 0.55f, c.y + s * 0.45f), color(p.warningText));
  ImFont* bold = ctx.fonts.bold;
  float exSize = bold->FontSize * s / ctx.ems(2.2f);
  ImVec2 ex = bold->CalcTextSizeA(exSize, FLT_MAX, 0, "!");
  dl->AddText(bold, exSize, ImVec2(c.x - ex.x * 0.5f, c.y - ex.y * 0.35f), color(p.warningBackground), "!");
  float x = r.bannerMin.x + m + bannerTextInset(ctx);
  drawText(ctx, dl, ImVec2(x, r.bannerMin.y + m), r.bannerMax.x - x - m, bannerText(ctx, b), FontRole::Bold,
           p.warningText);
  // A tap shows the whole warning again, or its first sentence.
  ImGui::SetCursorScreenPos(r.bannerMin);
  if (ImGui::InvisibleButton("###brochure.warning",
                             ImVec2(r.bannerMax.x - r.bannerMin.x, r.bannerMax.y - r.bannerMin.y)))
    ctx.kiosk.setWarningCompact(!ctx.kiosk.session().warningCompact, ctx.now);
  ctx.registry.targets.push_back({"brochure.warning", r.bannerMin, r.bannerMax});
}

float BrochureScreen::bannerTextInset(const UiContext& ctx) {
  return ctx.ems(ctx.kiosk.session().warningCompact ? 2.4f : 3.2f);
}

const std::string& BrochureScreen::bannerText(UiContext& ctx, const LoadedBrochure& b) {
  if (!ctx.kiosk.session().warningCompact) return b.brochure.warning;
  if (compactWarningOf_ != b.brochure.warning) {
    compactWarningOf_ = b.brochure.warning;
    compactWarning_ = firstSentence(b.brochure.warning, b.brochure.locale);
  }
  return compactWarning_;
}

void BrochureScreen::onNewSession() {
  layoutKey_.clear();
  layout_ = {};
  emaCode_ = {};
  leafletCode_ = {};
  readLocale_.clear();
}

void BrochureScreen::onGesture(UiContext& ctx, const GestureEvent& g) {
  bool inContent =
      g.startX >= contentMin_.x && g.startX <= contentMax_.x && g.startY >= contentMin_.y && g.startY <= contentMax_.y;
  if (!inContent) return;
  auto& scroll = ctx.kiosk.session().scroll;
  switch (g.kind) {
    case GestureEvent::Kind::Press:
      scroll.stop();
      break;
    case GestureEvent::Kind::DragMove:
      scroll.dragBy(g.dy);
      break;
    case GestureEvent::Kind::Fling:
      scroll.fling(g.vy);
      break;
    default:
      break;
  }
}

}  // namespace mk::ui
