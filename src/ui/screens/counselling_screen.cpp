#include "ui/screens/counselling_screen.h"

#include "core/session/ui_keys.h"
#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

std::string CounsellingScreen::bothLanguages(UiContext& ctx, const std::string& key) {
  const auto& s = nurse_.session();
  std::string patient = stringIn(ctx, s.patientLocale, key);
  std::string nurse = stringIn(ctx, ctx.locale, key);
  return patient == nurse ? patient : patient + " · " + nurse;
}

CounsellingScreen::ButtonHeights CounsellingScreen::buttonHeights(UiContext& ctx) {
  float width = ctx.size.x - ctx.ems(2.0f);
  std::string again = bothLanguages(ctx, "nurse.explain_again"), ok = bothLanguages(ctx, "nurse.understood");
  std::string back = ctx.strings.get("nurse.back"), next = ctx.strings.get("nurse.next");
  return {std::max(buttonHeightFor(ctx, again, width / 2, 4.2f), buttonHeightFor(ctx, ok, width / 2, 4.2f)),
          std::max(buttonHeightFor(ctx, back, width / 2, 3.2f), buttonHeightFor(ctx, next, width / 2, 3.2f))};
}

void CounsellingScreen::drawButtons(UiContext& ctx, float top, const ButtonHeights& heights) {
  const float m = ctx.ems(1.0f);
  auto& w = nurse_.session().walkthrough;
  std::string again = bothLanguages(ctx, "nurse.explain_again"), ok = bothLanguages(ctx, "nurse.understood");
  float width = ctx.size.x - 2 * m;
  float h = heights.confirm;
  bool again_marked = w.state(w.current()) == PointState::ExplainAgain;
  int t = buttonRow(
      ctx, m, m + width, top, h,
      {{"counselling.explain_again", again, true, again_marked}, {"counselling.understood", ok, true, false}});
  if (t == 0) w.explainAgain();
  if (t == 1) {
    w.understood();
    if (w.atSummary()) ctx.kiosk.showScreen(Screen::Summary, ctx.now);
  }
  float y = top + h + ctx.ems(0.8f);
  std::string back = ctx.strings.get("nurse.back"), next = ctx.strings.get("nurse.next");
  float h2 = heights.move;
  t = buttonRow(ctx, m, m + width, y, h2,
                {{"counselling.back", back, w.current() > 0, false}, {"counselling.next", next, true, false}});
  if (t == 0) w.back();
  if (t == 1) {
    w.forward();
    if (w.atSummary()) ctx.kiosk.showScreen(Screen::Summary, ctx.now);
  }
}

void CounsellingScreen::draw(UiContext& ctx) {
  auto& s = nurse_.session();
  if (s.walkthrough.empty() || s.walkthrough.atSummary()) {
    ctx.kiosk.showScreen(s.walkthrough.empty() ? Screen::NurseHome : Screen::Summary, ctx.now);
    return;
  }
  const float m = ctx.ems(1.0f);
  std::string progress =
      ctx.strings.format("nurse.point_of", {{"current", static_cast<std::int64_t>(s.walkthrough.current() + 1)},
                                            {"total", static_cast<std::int64_t>(s.walkthrough.count())}});
  float y = drawNurseHeader(ctx, nurse_, progress + " · " + ctx.strings.get(categoryLabelKey(s.category))) + m;
  ButtonHeights heights = buttonHeights(ctx);
  float buttonsTop = ctx.size.y - m - heights.confirm - ctx.ems(0.8f) - heights.move;
  Column patient = column(s.patientLocale);
  Column nurse = column(ctx.locale);
  // The nurse's language beneath (or beside) the patient's, unless they are the same.
  bool both = nurse.point && (nurse.pointLocale != patient.pointLocale ||
                              (patient.text && nurse.text && patient.text->locale != nurse.text->locale));
  if (patient.point)
    drawPoint(ctx, patient, both ? &nurse : nullptr, y, buttonsTop - m);
  else if (nurse.point)
    drawPoint(ctx, nurse, nullptr, y, buttonsTop - m);
  drawButtons(ctx, buttonsTop, heights);
}

}  // namespace mk::ui
