// The section rail: a grid of sections (portrait) or a column (landscape), or, when
// that does not fit, one row of previous / sections / next with a menu of sections.
#include "ui/screens/brochure_screen.h"

#include <algorithm>
#include <vector>

#include "core/session/ui_keys.h"
#include "ui/pictures.h"
#include "ui/widgets.h"

namespace mk::ui {

void BrochureScreen::drawRail(UiContext& ctx, const Regions& r) {
  if (r.compactRail) {
    drawCompactRail(ctx, r);
    return;
  }
  const float m = ctx.ems(0.6f);
  const auto& session = ctx.kiosk.session();
  int cols = ctx.portrait() ? r.railColumns : 1;
  float cellW = (r.railMax.x - r.railMin.x - static_cast<float>(cols - 1) * m) / static_cast<float>(cols);
  float h = r.railButtonHeight;
  if (!ctx.portrait()) {
    // Landscape: the buttons share the rail's height, but never shrink below their label.
    float avail = r.railMax.y - r.railMin.y;
    float fit = (avail - m * static_cast<float>(kSectionIds.size() - 1)) / static_cast<float>(kSectionIds.size());
    h = std::max(h, std::min(ctx.ems(3.2f), fit));
  }
  for (size_t i = 0; i < kSectionIds.size(); ++i) {
    int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
    ImVec2 a(r.railMin.x + static_cast<float>(col) * (cellW + m), r.railMin.y + static_cast<float>(row) * (h + m));
    ImVec2 z(a.x + cellW, a.y + h);
    std::string id = "rail." + std::string(kSectionIds[i]);
    std::string label = ctx.strings.get(sectionLabelKey(kSectionIds[i]));
    ButtonStyle style = railButtonStyle(ctx, kSectionIds[i], session.section == kSectionIds[i], cellW);
    if (touchButton(ctx, id.c_str(), a, z, label, style)) ctx.kiosk.chooseSection(std::string(kSectionIds[i]), ctx.now);
    if (session.lens.covers(std::string(kSectionIds[i]))) drawLensMark(ctx, a, z);
  }
}

// A section the lens covers carries a bar on its rail button.
void BrochureScreen::drawLensMark(UiContext& ctx, ImVec2 a, ImVec2 z) {
  // Thin enough to stay clear of the pictogram, which starts 0.4 em in.
  float inset = ctx.ems(0.1f);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + inset, a.y + ctx.ems(0.25f)),
                                            ImVec2(a.x + inset + ctx.ems(0.24f), z.y - ctx.ems(0.25f)),
                                            color(ctx.palette.accent), ctx.ems(0.1f));
}

void BrochureScreen::drawCompactRail(UiContext& ctx, const Regions& r) {
  const float m = ctx.ems(0.6f), arrowW = ctx.ems(3.0f);
  const auto& session = ctx.kiosk.session();
  int idx = sectionIndex(session.section);
  int last = static_cast<int>(kSectionIds.size()) - 1;
  ImVec2 a = r.railMin, z = r.railMax;
  ButtonStyle arrow = normalButton(ctx.palette);
  arrow.role = FontRole::Heading;
  if (touchButton(ctx, "rail.prev", a, ImVec2(a.x + arrowW, z.y), "\u2039", arrow) && idx > 0)
    ctx.kiosk.chooseSection(std::string(kSectionIds[static_cast<size_t>(idx) - 1]), ctx.now);
  if (touchButton(ctx, "rail.next", ImVec2(z.x - arrowW, a.y), z, "\u203A", arrow) && idx < last)
    ctx.kiosk.chooseSection(std::string(kSectionIds[static_cast<size_t>(idx) + 1]), ctx.now);
  std::string label = ctx.strings.get(sectionLabelKey(session.section));
  ButtonStyle style = session.sectionMenuOpen ? normalButton(ctx.palette) : selectedButton(ctx.palette);
  if (touchButton(ctx, "rail.menu", ImVec2(a.x + arrowW + m, a.y), ImVec2(z.x - arrowW - m, z.y), label, style))
    ctx.kiosk.setSectionMenuOpen(!session.sectionMenuOpen, ctx.now);
}

namespace {
// The section menu in columns: the fewest columns (up to 4) in which every section
// fits `room`, with no word broken across lines; rows as tall as their tallest label
// needs. `fits` is false when no column count does (the grid is then the last one
// tried, at least one column, and overflows).
struct MenuGrid {
  int columns = 1;
  float cellWidth = 0;
  std::vector<float> rowHeights;
  float height = 0;
  bool fits = false;
};

MenuGrid menuGrid(UiContext& ctx, float width, float room, float gap) {
  MenuGrid g;
  for (int cols = 1; cols <= 4; ++cols) {
    MenuGrid t{cols, (width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols), {}, 0, false};
    bool whole = true;  // no word broken
    for (std::size_t i = 0; i < kSectionIds.size(); ++i) {
      auto id = kSectionIds[i];
      std::string label = ctx.strings.get(sectionLabelKey(id));
      whole = whole && longestWordWidth(ctx, label, FontRole::Bold) <= buttonLabelWidth(ctx, t.cellWidth);
      ButtonStyle style = railButtonStyle(ctx, id, false, t.cellWidth);
      float h = ctx.controlHeight(buttonLabelHeight(ctx, t.cellWidth, label, style));
      std::size_t row = i / static_cast<std::size_t>(cols);
      if (row == t.rowHeights.size()) t.rowHeights.push_back(0);
      t.rowHeights[row] = std::max(t.rowHeights[row], h);
    }
    for (float h : t.rowHeights) t.height += h + gap;
    // Narrower cells only break more words; one column is taken even so.
    if (!whole && cols > 1) break;
    t.fits = whole && t.height <= room;
    g = t;
    if (g.fits) break;
  }
  return g;
}
}  // namespace

bool BrochureScreen::sectionMenuFits(UiContext& ctx, ImVec2 min, ImVec2 max) {
  const float gap = ctx.ems(0.3f);
  return menuGrid(ctx, max.x - min.x, max.y - min.y - gap, gap).fits;
}

void BrochureScreen::drawSectionMenu(UiContext& ctx, ImVec2 min, ImVec2 max) {
  // Every section over `min`-`max`, in as many columns as that takes; the same target
  // ids as the grid.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, max, color(ctx.palette.background));
  const float gap = ctx.ems(0.3f);
  MenuGrid g = menuGrid(ctx, max.x - min.x, max.y - min.y - gap, gap);
  float y = min.y + gap;
  for (std::size_t i = 0; i < kSectionIds.size(); ++i) {
    auto id = kSectionIds[i];
    std::size_t row = i / static_cast<std::size_t>(g.columns), col = i % static_cast<std::size_t>(g.columns);
    float x = min.x + static_cast<float>(col) * (g.cellWidth + gap), h = g.rowHeights[row];
    std::string tid = "rail." + std::string(id);
    ButtonStyle style = railButtonStyle(ctx, id, ctx.kiosk.session().section == id, g.cellWidth);
    if (touchButton(ctx, tid.c_str(), ImVec2(x, y), ImVec2(x + g.cellWidth, y + h),
                    ctx.strings.get(sectionLabelKey(id)), style))
      ctx.kiosk.chooseSection(std::string(id), ctx.now);
    if (col + 1 == static_cast<std::size_t>(g.columns)) y += h + gap;
  }
}

ButtonStyle railButtonStyle(const UiContext& ctx, std::string_view section, bool selected, float cellWidth) {
  ButtonStyle style = selected ? selectedButton(ctx.palette) : normalButton(ctx.palette);
  style.pictogram = sectionPictogram(section);
  style.pictogramAbove = wordsNeedPictogramAbove(ctx, cellWidth, ctx.strings.get(sectionLabelKey(section)), style);
  return style;
}

}  // namespace mk::ui
