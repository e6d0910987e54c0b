#include "ui/screens/summary_screen.h"

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

float SummaryScreen::drawPoints(UiContext& ctx, float y, float bottom) {
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.4f);
  auto& s = nurse_.session();
  auto& w = s.walkthrough;
  const auto& points = content_.counselling(s.medicine, s.category, ctx.locale).points;
  std::string yes = ctx.strings.get("nurse.point_confirmed"), no = ctx.strings.get("nurse.point_open");
  size_t n = std::min(w.count(), points.size());
  auto label = [&](size_t i) { return points[i].title + " — " + (w.state(i) == PointState::Understood ? yes : no); };
  // One column if every row fits its label, else two.
  auto rowsHeight = [&](int cols) {
    float cellW = (ctx.size.x - 2 * m - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    float h = 0;
    for (size_t i = 0; i < n; ++i) h = std::max(h, buttonHeightFor(ctx, label(i), cellW, 2.6f));
    return h;
  };
  int cols = 1;
  float rowH = rowsHeight(1);
  if (static_cast<float>(n) * (rowH + gap) > bottom - y) {
    cols = 2;
    rowH = rowsHeight(2);
  }
  float cellW = (ctx.size.x - 2 * m - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  size_t perCol = (n + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols);
  for (size_t i = 0; i < n; ++i) {
    bool understood = w.state(i) == PointState::Understood;
    size_t column = i / perCol, row = i % perCol;  // filled column by column
    float x = m + static_cast<float>(column) * (cellW + gap);
    float top = y + static_cast<float>(row) * (rowH + gap);
    std::string id = "summary.point." + w.ids()[i];
    ButtonStyle style = understood ? normalButton(ctx.palette) : selectedButton(ctx.palette);
    style.centered = false;
    style.role = FontRole::Body;
    if (!s.saved) {
      if (touchButton(ctx, id.c_str(), ImVec2(x, top), ImVec2(x + cellW, top + rowH), label(i), style)) {
        w.open(i);
        ctx.kiosk.showScreen(Screen::Counselling, ctx.now);
      }
    } else {
      drawText(ctx, ImGui::GetWindowDrawList(), ImVec2(x, top), cellW, label(i), FontRole::Body,
               understood ? ctx.palette.text : ctx.palette.mutedText);
    }
  }
  return static_cast<float>(perCol) * (rowH + gap);
}

void SummaryScreen::drawActions(UiContext& ctx, float top) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  auto& s = nurse_.session();
  float y = top;
  if (s.saved || s.saveFailed) {
    std::string note = ctx.strings.get(s.saved ? "nurse.saved" : "nurse.not_saved");
    y += drawText(ctx, dl, ImVec2(m, y), width, note, FontRole::Bold, ctx.palette.text) + ctx.ems(0.6f);
  }
  float h = ctx.ems(3.8f);
  if (!s.saved) {
    int t = buttonRow(ctx, m, m + width, y, h,
                      {{"summary.back", ctx.strings.get("nurse.back"), true, false},
                       {"summary.finish", ctx.strings.get("nurse.finish"), true, false}});
    if (t == 0) {
      s.walkthrough.back();
      ctx.kiosk.showScreen(Screen::Counselling, ctx.now);
    } else if (t == 1) {
      // Saved after this frame (KioskUi::frame), which also counts the walk-through
      // for the fleet metrics once the record is saved.
      nurse_.requestSave(content_.db() ? content_.db()->info().contentVersion : 0);
    }
    return;
  }
  std::string read = stringIn(ctx, s.patientLocale, "nurse.read_brochure");
  int t = buttonRow(
      ctx, m, m + width, y, h,
      {{"summary.read_brochure", read, true, false}, {"summary.logout", ctx.strings.get("nurse.logout"), true, false}});
  if (t == 0) coordinator_.handOverToPatient(content_, ctx.now);
  if (t == 1) {
    nurse_.logout("logged out");
    ctx.kiosk.goHome(ctx.now);
  }
}

void SummaryScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  auto& s = nurse_.session();
  float y = drawNurseHeader(ctx, nurse_, ctx.strings.get("nurse.summary_title")) + m;
  std::string count = ctx.strings.format("nurse.summary_count",
                                         {{"confirmed", static_cast<std::int64_t>(s.walkthrough.confirmedCount())},
                                          {"total", static_cast<std::int64_t>(s.walkthrough.count())}});
  y += drawText(ctx, dl, ImVec2(m, y), ctx.size.x - 2 * m, count, FontRole::Heading, ctx.palette.text) + m;
  float actionsTop = ctx.size.y - m - ctx.ems(3.8f) - ((s.saved || s.saveFailed) ? ctx.ems(4.0f) : 0.0f);
  drawPoints(ctx, y, actionsTop - m);
  drawActions(ctx, actionsTop);
}

}  // namespace mk::ui
