#include "ui/screens/counselling_screen.h"

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

const CounsellingPoint* CounsellingScreen::point(const std::string& locale, std::string& shownLocale) {
  const auto& s = nurse_.session();
  const auto& c = content_.counselling(s.medicine, s.category, locale);
  shownLocale = c.locale;
  const std::string& id = s.walkthrough.currentId();
  for (const auto& p : c.points)
    if (p.id == id) return &p;
  return nullptr;
}

std::string CounsellingScreen::bothLanguages(UiContext& ctx, const std::string& key) {
  const auto& s = nurse_.session();
  std::string patient = stringIn(ctx, s.patientLocale, key);
  std::string nurse = stringIn(ctx, ctx.locale, key);
  return patient == nurse ? patient : patient + " · " + nurse;
}

float CounsellingScreen::drawPoint(UiContext& ctx, const CounsellingPoint& p, const std::string& locale, float y,
                                   float bottom, bool patient) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  UiContext lctx = ctx;  // line breaking in the text's own language
  lctx.locale = locale;
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  float y0 = y;
  Rgb text = patient ? ctx.palette.text : ctx.palette.mutedText;
  FontRole titleRole = patient ? FontRole::Title : FontRole::Bold;
  FontRole bodyRole = patient ? FontRole::Heading : FontRole::Body;
  y += drawText(lctx, dl, ImVec2(m, y), width, p.title, titleRole, text) + ctx.ems(0.4f);
  if (y + textHeight(lctx, p.body, bodyRole, width) <= bottom)
    y += drawText(lctx, dl, ImVec2(m, y), width, p.body, bodyRole, text);
  if (p.review.status != ReviewStatus::Reviewed) {
    std::string badge =
        stringIn(ctx, locale,
                 p.review.status == ReviewStatus::Unreviewed ? "brochure.badge_unreviewed" : "brochure.badge_pending");
    float h = textHeight(lctx, badge, FontRole::Body, width);
    if (y + ctx.ems(0.4f) + h <= bottom) {
      y += ctx.ems(0.4f);
      dl->AddRectFilled(ImVec2(m, y), ImVec2(m + width, y + h), color(ctx.palette.badgeBackground), ctx.ems(0.2f));
      y += drawText(lctx, dl, ImVec2(m, y), width, badge, FontRole::Body, ctx.palette.badgeText);
    }
  }
  return y - y0;
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
  float y = drawNurseHeader(ctx, nurse_, progress + " · " + ctx.strings.get("nurse.category." + s.category)) + m;
  ButtonHeights heights = buttonHeights(ctx);
  float buttonsTop = ctx.size.y - m - heights.confirm - ctx.ems(0.8f) - heights.move;
  std::string patientShown, nurseShown;
  const CounsellingPoint* pp = point(s.patientLocale, patientShown);
  const CounsellingPoint* np = point(ctx.locale, nurseShown);
  if (pp) y += drawPoint(ctx, *pp, patientShown, y, buttonsTop - m, true);
  if (np && nurseShown != patientShown) {
    y += m;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(m, y), ImVec2(ctx.size.x - m, y), color(ctx.palette.buttonBorder),
                                        std::max(2.0f, ctx.ems(0.08f)));
    y += m;
    drawPoint(ctx, *np, nurseShown, y, buttonsTop - m, false);
  }
  drawButtons(ctx, buttonsTop, heights);
}

}  // namespace mk::ui
