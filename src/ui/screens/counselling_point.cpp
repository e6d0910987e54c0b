// The counselling screen's text: the point's title, the brochure's own blocks for its
// rule, its notes and what the nurse asks, in one or two languages, scrolled.
#include <algorithm>

#include "ui/document.h"
#include "ui/screens/brochure_column.h"
#include "ui/screens/counselling_screen.h"
#include "ui/screens/nurse_widgets.h"

namespace mk::ui {
namespace {

// How far a status is from a review: the notes name the weakest of the title's and
// the blocks' statuses, so that nothing unreviewed looks reviewed.
int reviewDistance(ReviewStatus s) {
  switch (s) {
    case ReviewStatus::Reviewed:
      return 0;
    case ReviewStatus::Pending:
      return 1;
    case ReviewStatus::Outdated:
      return 2;
    case ReviewStatus::Unreviewed:
      return 3;
  }
  return 3;
}

}  // namespace

const CounsellingPoint* CounsellingScreen::point(const std::string& locale, std::string& shownLocale) {
  const auto& s = nurse_.session();
  const auto& c = content_.counselling(s.medicine, s.category, locale);
  shownLocale = c.locale;
  const std::string& id = s.walkthrough.currentId();
  for (const auto& p : c.points)
    if (p.id == id) return &p;
  return nullptr;
}

CounsellingScreen::Column CounsellingScreen::column(const std::string& locale) {
  Column c;
  c.point = point(locale, c.pointLocale);
  c.uiLocale = locale;
  if (c.point) c.text = counsellingText(content_, nurse_.session().medicine, *c.point, locale);
  return c;
}

float CounsellingScreen::layColumn(UiContext& ctx, const Column& c, ImVec2 origin, float width, bool draw) {
  UiContext tctx = ctx;  // the title and ask are broken into lines by their own language's rules
  tctx.locale = c.pointLocale;
  SectionColumn head(tctx, origin, width, draw ? SectionColumn::Pass::Draw : SectionColumn::Pass::Measure);
  head.text(c.point->title, FontRole::Heading, ctx.palette.text, 0.3f);
  ReviewStatus status = c.point->review.status;
  if (c.text) {
    if (c.text->fellBack)
      head.note(formatIn(ctx, c.uiLocale, "brochure.fallback_note",
                         {{"language", localeDisplayName(c.text->locale, c.uiLocale)}}));
    if (reviewDistance(c.text->status) > reviewDistance(status)) status = c.text->status;
  }
  // The review status is never hidden, as in the brochure.
  if (status == ReviewStatus::Outdated)
    head.outdatedNote(stringIn(ctx, c.uiLocale, "brochure.badge_outdated"));
  else if (status != ReviewStatus::Reviewed)
    head.note(stringIn(ctx, c.uiLocale,
                       status == ReviewStatus::Unreviewed ? "brochure.badge_unreviewed" : "brochure.badge_pending"));
  float y = origin.y + head.height() + ctx.ems(0.2f);
  if (c.text) {
    UiContext bctx = ctx;  // the blocks in the language of the brochure they come from
    bctx.locale = c.text->locale;
    DocLayout doc = layoutDocument(bctx, c.text->blocks, width);
    if (draw) drawDocument(bctx, ImGui::GetWindowDrawList(), doc, ImVec2(origin.x, y), viewMin_, viewMax_);
    y += doc.height;
  }
  if (!c.point->body.empty()) {  // what the nurse asks
    SectionColumn ask(tctx, ImVec2(origin.x, y), width,
                      draw ? SectionColumn::Pass::Draw : SectionColumn::Pass::Measure);
    ask.highlight(c.point->body);
    y += ask.height();
  }
  return y - origin.y;
}

void CounsellingScreen::drawPoint(UiContext& ctx, const Column& patient, const Column* nurse, float top, float bottom) {
  const float m = ctx.ems(1.0f);
  viewMin_ = ImVec2(m, top);
  viewMax_ = ImVec2(ctx.size.x - m, bottom);
  // Side by side when the screen is wide, else the nurse's language beneath.
  bool beside = nurse && !ctx.portrait();
  float width = beside ? (ctx.size.x - 3 * m) / 2 : ctx.size.x - 2 * m;
  width -= ctx.ems(0.6f);  // room for the scroll indicator
  float patientH = layColumn(ctx, patient, ImVec2(m, 0), width, false);
  float nurseH = nurse ? layColumn(ctx, *nurse, ImVec2(m, 0), width, false) : 0.0f;
  float gap = 2 * m;  // the rule between the languages, with space on either side
  float height = beside ? std::max(patientH, nurseH) : patientH + (nurse ? gap + nurseH : 0.0f);
  scroll_.setMax(height - (bottom - top));
  std::string key = nurse_.session().walkthrough.currentId() + "/" + patient.uiLocale + "/" +
                    (nurse ? nurse->uiLocale : std::string()) + "/" + std::to_string(static_cast<int>(ctx.size.x)) +
                    "x" + std::to_string(static_cast<int>(ctx.size.y)) + "/" + std::to_string(ctx.em);
  if (key != scrollKey_) {
    scrollKey_ = key;
    scroll_.jumpTo(0);
  }
  float y0 = top - scroll_.offset();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushClipRect(viewMin_, viewMax_, true);
  layColumn(ctx, patient, ImVec2(m, y0), width, true);
  if (nurse) {
    ImVec2 at = beside ? ImVec2(2 * m + width + ctx.ems(0.6f), y0) : ImVec2(m, y0 + patientH + gap);
    ImVec2 a = beside ? ImVec2(at.x - m, top) : ImVec2(m, at.y - m);
    ImVec2 z = beside ? ImVec2(at.x - m, bottom) : ImVec2(ctx.size.x - m, at.y - m);
    dl->AddLine(a, z, color(ctx.palette.buttonBorder), std::max(2.0f, ctx.ems(0.08f)));
    layColumn(ctx, *nurse, at, width, true);
  }
  ImGui::PopClipRect();
  drawScrollIndicator(ctx);
}

void CounsellingScreen::drawScrollIndicator(UiContext& ctx) {
  // There is more to read: a thin bar at the right edge, as in the brochure.
  if (scroll_.maxOffset() <= 0) return;
  float viewH = viewMax_.y - viewMin_.y;
  float barH = std::max(ctx.ems(2.0f), viewH * viewH / (viewH + scroll_.maxOffset()));
  float barY = viewMin_.y + (viewH - barH) * (scroll_.offset() / scroll_.maxOffset());
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(viewMax_.x - ctx.ems(0.3f), barY), ImVec2(viewMax_.x, barY + barH),
                                            color(ctx.palette.buttonBorder), ctx.ems(0.15f));
}

void CounsellingScreen::onGesture(UiContext&, const GestureEvent& g) {
  bool inText = g.startX >= viewMin_.x && g.startX <= viewMax_.x && g.startY >= viewMin_.y && g.startY <= viewMax_.y;
  if (inText && g.kind == GestureEvent::Kind::DragMove) scroll_.dragBy(g.dy);
}

void CounsellingScreen::onNewSession() {
  scroll_ = KineticScroll();
  scrollKey_.clear();
  viewMin_ = viewMax_ = ImVec2();
}

}  // namespace mk::ui
