#include "ui/screens/summary_screen.h"

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

float SummaryScreen::drawPoints(UiContext& ctx, float y, float bottom) {
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.4f);
  auto& s = nurse_.session();
  auto& w = s.walkthrough;
  const auto& points = content_.counselling(s.medicine, s.category, ctx.locale).points;
  float width = ctx.size.x - 2 * m;
  std::string yes = ctx.strings.get("nurse.point_confirmed"), no = ctx.strings.get("nurse.point_open");
  float rowH = (bottom - y) / static_cast<float>(std::max<size_t>(1, w.count())) - gap;
  rowH = std::min(rowH, ctx.ems(3.4f));
  float y0 = y;
  for (size_t i = 0; i < w.count() && i < points.size(); ++i) {
    bool understood = w.state(i) == PointState::Understood;
    std::string label = points[i].title + " — " + (understood ? yes : no);
    std::string id = "summary.point." + w.ids()[i];
    ButtonStyle style = understood ? normalButton(ctx.palette) : selectedButton(ctx.palette);
    style.centered = false;
    style.role = FontRole::Body;
    if (!s.saved && touchButton(ctx, id.c_str(), ImVec2(m, y), ImVec2(m + width, y + rowH), label, style)) {
      w.open(i);
      ctx.kiosk.showScreen(Screen::Counselling, ctx.now);
    } else if (s.saved) {
      ImDrawList* dl = ImGui::GetWindowDrawList();
      drawText(ctx, dl, ImVec2(m, y), width, label, FontRole::Body, understood ? ctx.palette.text : ctx.palette.mutedText);
    }
    y += rowH + gap;
  }
  return y - y0;
}

void SummaryScreen::openBrochure(UiContext& ctx) {
  auto& s = nurse_.session();
  BrochureLens lens;
  lens.category = s.category;
  for (const auto& p : content_.counselling(s.medicine, s.category, "en").points) lens.anchors.emplace_back(p.brochureSection, p.brochureHeading);
  std::string locale = s.patientLocale, medicine = s.medicine;
  nurse_.logout("handed the kiosk to the patient");
  ctx.kiosk.openBrochureWithLens(locale, medicine, std::move(lens), ctx.now);
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
    int t = buttonRow(ctx, m, m + width, y, h, {{"summary.back", ctx.strings.get("nurse.back"), true, false},
                                                {"summary.finish", ctx.strings.get("nurse.finish"), true, false}});
    if (t == 0) {
      s.walkthrough.back();
      ctx.kiosk.showScreen(Screen::Counselling, ctx.now);
    } else if (t == 1) {
      long version = content_.db() ? content_.db()->info().contentVersion : 0;
      s.saveFailed = !nurse_.saveRecord(version);
    }
    return;
  }
  std::string read = stringIn(ctx, s.patientLocale, "nurse.read_brochure");
  int t = buttonRow(ctx, m, m + width, y, h, {{"summary.read_brochure", read, true, false},
                                              {"summary.logout", ctx.strings.get("nurse.logout"), true, false}});
  if (t == 0) openBrochure(ctx);
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
  std::string count = ctx.strings.format("nurse.summary_count", {{"confirmed", static_cast<std::int64_t>(s.walkthrough.confirmedCount())},
                                                                  {"total", static_cast<std::int64_t>(s.walkthrough.count())}});
  y += drawText(ctx, dl, ImVec2(m, y), ctx.size.x - 2 * m, count, FontRole::Heading, ctx.palette.text) + m;
  float actionsTop = ctx.size.y - m - ctx.ems(3.8f) - ((s.saved || s.saveFailed) ? ctx.ems(4.0f) : 0.0f);
  drawPoints(ctx, y, actionsTop - m);
  drawActions(ctx, actionsTop);
}

}  // namespace mk::ui
