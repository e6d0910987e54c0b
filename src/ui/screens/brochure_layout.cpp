// Where each part of the brochure screen goes: title bar, banner, rail, read-aloud
// buttons, section text and toolbar, in portrait and in landscape.
#include "ui/screens/brochure_screen.h"

#include <algorithm>

#include "core/session/ui_keys.h"
#include "ui/pictures.h"
#include "ui/widgets.h"

namespace mk::ui {

namespace {
// The share of the screen's height the section text gets at least, at every text size
// and orientation; below it the controls collapse (issue #15).
constexpr float kReadingShare = 0.60f;
}  // namespace

BrochureScreen::Regions BrochureScreen::layoutRegions(UiContext& ctx, const LoadedBrochure& b) {
  Regions r;
  const float W = ctx.size.x, H = ctx.size.y;
  const float m = ctx.ems(0.6f);
  r.titleMin = ImVec2(0, 0);
  r.titleMax = ImVec2(W, lineHeight(ctx.fonts, FontRole::Heading) + 2 * m);
  float bannerText = textHeight(ctx, this->bannerText(ctx, b), FontRole::Bold, W - 2 * m - bannerTextInset(ctx));
  r.bannerMin = ImVec2(0, r.titleMax.y);
  r.bannerMax = ImVec2(W, r.bannerMin.y + std::max(bannerText, ctx.ems(2.0f)) + 2 * m);
  float tb = toolbarHeight(ctx, W - 2 * m, r);
  r.toolbarMin = ImVec2(0, H - tb);
  r.toolbarMax = ImVec2(W, H);
  if (ctx.portrait())
    layoutPortrait(ctx, r);
  else
    layoutLandscape(ctx, r, b);
  return r;
}

void BrochureScreen::layoutPortrait(UiContext& ctx, Regions& r) {
  const float W = ctx.size.x, H = ctx.size.y;
  const float m = ctx.ems(0.6f);
  // Rail as a grid across the top; each tile at least 9 em wide.
  r.railColumns = std::clamp(static_cast<int>((W - m) / ctx.ems(9.0f)), 1, 4);
  int rows = (static_cast<int>(kSectionIds.size()) + r.railColumns - 1) / r.railColumns;
  float cellW = (W - 2 * m - static_cast<float>(r.railColumns - 1) * m) / static_cast<float>(r.railColumns);
  r.railButtonHeight = ctx.controlHeight(railLabelHeight(ctx, cellW));
  r.railMin = ImVec2(m, r.bannerMax.y + m);
  r.railMax = ImVec2(W - m, r.railMin.y + static_cast<float>(rows) * (r.railButtonHeight + m) - m);
  // A grid taller than an eighth of the screen would leave too little room to read:
  // use one row (previous, a list of sections, next) instead.
  if (r.railMax.y - r.railMin.y > H * 0.125f) useCompactRail(ctx, r);
  float y = r.railMax.y + m;
  if (reader_ && reader_->available()) y = layoutReadButtons(ctx, r, ImVec2(m, y), W - 2 * m) + m;
  r.contentMin = ImVec2(m, y);
  r.contentMax = ImVec2(W - m, r.toolbarMin.y - m * 0.5f);
  if (r.contentMax.y - r.contentMin.y < H * kReadingShare) compactPortrait(ctx, r);
}

void BrochureScreen::compactPortrait(UiContext& ctx, Regions& r) {
  const float W = ctx.size.x, H = ctx.size.y;
  const float m = ctx.ems(0.6f);
  // One toolbar row: home, language, and "text size" with the sizes and contrast.
  r.toolbarMin.y = H - compactToolbarHeight(ctx, W - 2 * m, r);
  if (!r.compactRail) useCompactRail(ctx, r);
  float y = r.railMax.y + m;
  if (reader_ && reader_->available()) {
    y = layoutReadButtons(ctx, r, ImVec2(m, y), W - 2 * m) + m;
  }
  r.contentMin.y = y;
  r.contentMax.y = r.toolbarMin.y - m * 0.5f;
}

void BrochureScreen::layoutLandscape(UiContext& ctx, Regions& r, const LoadedBrochure& b) {
  const float W = ctx.size.x, H = ctx.size.y;
  const float m = ctx.ems(0.6f);
  // Landscape: every control in a column on the left, the text on the right.
  float railW = std::max(ctx.ems(11.0f), W * 0.26f);
  layoutColumn(ctx, r, railW, r.bannerMax.y + m, r.bannerMax.y + m * 0.5f);
  if (r.contentMax.y - r.contentMin.y >= H * kReadingShare) return;
  // Too little room to read (large text): the banner goes to the top of the column,
  // above the rail, and the text starts under the title bar; where the column then
  // overflows (the whole warning, before it has been seen), it stays across.
  const Regions across = r;
  float columnW = std::max(railW, ctx.ems(14.0f));
  float text = textHeight(ctx, bannerText(ctx, b), FontRole::Bold, columnW - 2 * m - bannerTextInset(ctx));
  r.bannerBeside = true;
  r.bannerMin = ImVec2(m, r.titleMax.y + m);
  r.bannerMax = ImVec2(m + columnW, r.bannerMin.y + std::max(text, ctx.ems(2.0f)) + 2 * m);
  layoutColumn(ctx, r, columnW, r.bannerMax.y + m, r.titleMax.y + m * 0.5f);
  float columnEnd = r.railMax.y;
  for (const auto& button : r.readButtons) {
    if (button.first.x > r.railMax.x) columnEnd = H;  // pushed above the text: no room
    columnEnd = std::max(columnEnd, button.second.y);
  }
  if (columnEnd > r.toolbarMin.y - m) r = across;
}

void BrochureScreen::layoutColumn(UiContext& ctx, Regions& r, float railW, float top, float textTop) {
  const float W = ctx.size.x;
  const float m = ctx.ems(0.6f);
  const bool reading = reader_ && reader_->available();
  r.railColumns = 1;
  r.compactRail = false;
  r.railButtonHeight = ctx.controlHeight(railLabelHeight(ctx, railW));
  r.railMin = ImVec2(m, top);
  float columnBottom = r.toolbarMin.y - m;
  float railH = static_cast<float>(kSectionIds.size()) * (r.railButtonHeight + m) - m;
  r.railMax = ImVec2(m + railW, r.railMin.y + railH);
  float readH = reading ? layoutReadButtons(ctx, r, ImVec2(m, 0), railW) + m : 0.0f;
  if (railH + m + readH > columnBottom - r.railMin.y) {
    // The full rail does not fit: one row (previous, sections, next) in a column
    // wide enough for the section names at this text size, with no word broken.
    float widest = 0;
    for (auto id : kSectionIds)
      widest = std::max(widest, longestWordWidth(ctx, ctx.strings.get(sectionLabelKey(id)), FontRole::Bold));
    float arrows = 2 * (ctx.ems(3.0f) + m);
    railW =
        std::max({railW, ctx.ems(14.0f), arrows + widest + (ctx.ems(20.0f) - buttonLabelWidth(ctx, ctx.ems(20.0f)))});
    r.railMax.x = m + railW;
    useCompactRail(ctx, r);
  }
  r.contentMin = ImVec2(r.railMax.x + m * 2, textTop);
  r.contentMax = ImVec2(W - m, r.toolbarMin.y - m * 0.5f);
  if (reading) {
    float bottom = layoutReadButtons(ctx, r, ImVec2(m, r.railMax.y + m), railW);
    if (bottom > columnBottom) {
      // Not even that: the read-aloud buttons go above the text instead.
      float above = r.contentMin.y + m * 0.5f;
      r.contentMin.y = layoutReadButtons(ctx, r, ImVec2(r.contentMin.x, above), r.contentMax.x - r.contentMin.x) + m;
    }
  }
}

void BrochureScreen::useCompactRail(UiContext& ctx, Regions& r) {
  const float m = ctx.ems(0.6f);
  // No pictogram in this narrow button: the label needs all the room.
  float labelW = buttonLabelWidth(ctx, r.railMax.x - r.railMin.x - 2 * (ctx.ems(3.0f) + m));
  float tallest = 0;
  for (auto id : kSectionIds)
    tallest = std::max(tallest, textHeight(ctx, ctx.strings.get(sectionLabelKey(id)), FontRole::Bold, labelW));
  r.compactRail = true;
  r.railButtonHeight = ctx.controlHeight(tallest);
  r.railMax.y = r.railMin.y + r.railButtonHeight;
}

float BrochureScreen::railLabelHeight(UiContext& ctx, float cellWidth) {
  float tallest = 0;
  for (auto id : kSectionIds)
    tallest = std::max(tallest, buttonLabelHeight(ctx, cellWidth, ctx.strings.get(sectionLabelKey(id)),
                                                  railButtonStyle(ctx, id, false, cellWidth)));
  return tallest;
}

float BrochureScreen::toolbarPictogramWidth(UiContext& ctx) {
  // What a pictogram takes from a toolbar button's label (none when it is missing).
  const float w = ctx.ems(20.0f);
  return buttonLabelWidth(ctx, w) - buttonLabelWidth(ctx, w, "home");
}

float BrochureScreen::toolbarHeight(UiContext& ctx, float width, Regions& r) {
  // Two rows when the buttons do not fit on one (large text in portrait).
  float plain = ctx.ems(4.0f) * 3 + ctx.ems(8.0f) + ctx.ems(9.5f) + ctx.ems(0.6f) * 4;
  int rows = plain > width ? 2 : 1;
  // One row with pictograms: home and language (below), three text sizes (3 em),
  // contrast for its label, and the gaps as drawToolbar leaves them. Where the
  // pictograms alone would push the toolbar to a second row (landscape, large text),
  // the row is kept and they are left out: the room goes to the text.
  ImFont* f = ctx.fonts.bold;
  auto natural = [&](const char* key) {
    std::string t = ctx.strings.get(key);
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x;
  };
  // Padding, pictogram, and half an em to spare so a label never breaks on rounding.
  float chrome = ctx.ems(1.3f) + toolbarPictogramWidth(ctx);
  float half = std::max(ctx.ems(8.0f), std::max(natural("brochure.home"), natural("brochure.language")) + chrome);
  float rest = ctx.ems(3 * 3.0f + 4 * 0.6f) + natural("brochure.contrast") + chrome;
  // Home and language alike wide where they fit so; else each as wide as its own label
  // needs ("Zacznij od nowa" beside "Język"), at least 6 em.
  float home = half, language = half;
  if (2 * half + rest > width) {
    home = std::max(ctx.ems(6.0f), natural("brochure.home") + chrome);
    language = std::max(ctx.ems(6.0f), natural("brochure.language") + chrome);
  }
  r.toolbarPictures = rows == 2 || home + language + rest <= width;
  r.toolbarHomeWidth = r.toolbarPictures ? home : ctx.ems(8.0f);
  r.toolbarLanguageWidth = r.toolbarPictures ? language : ctx.ems(8.0f);
  // The largest "A" sets the row's height.
  r.toolbarRowHeight = ctx.controlHeight(lineHeight(ctx.fonts, FontRole::Heading));
  return static_cast<float>(rows) * (r.toolbarRowHeight + ctx.ems(0.6f)) + ctx.ems(0.6f);
}

}  // namespace mk::ui
