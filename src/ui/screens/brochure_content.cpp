// The section text, scrolled, with its header (title, the lens's note, the fallback
// note, the review status) and footer (reporting authority, source, the next
// section or the end of the brochure with its take-home QR code).
#include "ui/screens/brochure_screen.h"

#include <algorithm>

#include "core/session/ui_keys.h"
#include "ui/screens/brochure_column.h"
#include "ui/screens/section_figures.h"
#include "ui/widgets.h"

namespace mk::ui {

void BrochureScreen::drawContent(UiContext& ctx, const LoadedBrochure& b, const Regions& r) {
  contentMin_ = r.contentMin;
  contentMax_ = r.contentMax;
  Session& session = ctx.kiosk.session();
  auto shown = content_.section(session.medicine, session.locale, session.section);
  if (!shown) return;
  const Section* s = shown->section;
  // A lens section leaves a margin for the bars beside the patient's parts.
  float indent = session.lens.covers(s->id) ? ctx.ems(0.8f) : 0.0f;
  float width = r.contentMax.x - r.contentMin.x - ctx.ems(0.8f) - indent;
  const DocLayout& doc = sectionLayout(ctx, *shown, width);
  // Header and footer are measured before the scroll range is set, so the first
  // frame of a section or text size already has its final range (and the lens's jump
  // its final place).
  SectionColumn measureHeader(ctx, r.contentMin, width, SectionColumn::Pass::Measure);
  SectionColumn measureFooter(ctx, r.contentMin, width, SectionColumn::Pass::Measure);
  const float headerH = sectionHeader(ctx, *shown, measureHeader);
  const float footerH = sectionFooter(ctx, b, *s, measureFooter);
  auto& scroll = session.scroll;
  scroll.setMax(headerH + doc.height + footerH - (r.contentMax.y - r.contentMin.y) + ctx.ems(0.5f));
  std::vector<bool> marked;
  if (session.lens.covers(s->id)) {
    marked = lensBlocks(*shown->blocks, session.lens.headings(s->id));
    jumpToLens(ctx, headerH, doc, marked, *shown->blocks);
  }
  float y0 = r.contentMin.y + ctx.ems(0.4f) - scroll.offset();
  ImGui::PushClipRect(r.contentMin, r.contentMax, true);
  SectionColumn header(ctx, ImVec2(r.contentMin.x, y0), width, SectionColumn::Pass::Draw);
  sectionHeader(ctx, *shown, header);
  // Paragraph 0 read aloud is the title; block i is paragraph i + 1.
  int reading = reader_ && reader_->active() ? reader_->currentParagraph() - 1 : -1;
  drawDocument(ctx, ImGui::GetWindowDrawList(), doc, ImVec2(r.contentMin.x + indent, y0 + headerH), r.contentMin,
               r.contentMax, reading, marked.empty() ? nullptr : &marked);
  SectionColumn footer(ctx, ImVec2(r.contentMin.x, y0 + headerH + doc.height), width, SectionColumn::Pass::Draw);
  sectionFooter(ctx, b, *s, footer);
  ImGui::PopClipRect();
  drawScrollIndicator(ctx, r);
}

void BrochureScreen::drawScrollIndicator(UiContext& ctx, const Regions& r) {
  // A thin scroll indicator shows there is more to read.
  const auto& scroll = ctx.kiosk.session().scroll;
  if (scroll.maxOffset() <= 0) return;
  float viewH = r.contentMax.y - r.contentMin.y;
  float barH = std::max(ctx.ems(2.0f), viewH * viewH / (viewH + scroll.maxOffset()));
  float barY = r.contentMin.y + (viewH - barH) * (scroll.offset() / scroll.maxOffset());
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(r.contentMax.x - ctx.ems(0.3f), barY),
                                            ImVec2(r.contentMax.x, barY + barH), color(ctx.palette.buttonBorder),
                                            ctx.ems(0.15f));
}

const DocLayout& BrochureScreen::sectionLayout(UiContext& ctx, const ShownSection& s, float width) {
  // Everything the laid-out text depends on: the medicine (two medicines share
  // section ids and locales), the language, the section, the column and the font.
  std::string key = ctx.kiosk.session().medicine + "/" + s.locale + "/" + s.section->id + "/" +
                    std::to_string(static_cast<int>(width)) + "/" + std::to_string(ctx.em);
  if (key != layoutKey_) {
    // Text is broken into lines by the rules of the language it is written in.
    std::string saved = ctx.locale;
    ctx.locale = s.locale;
    layout_ = layoutDocument(ctx, *s.blocks, width);
    ctx.locale = saved;
    layoutKey_ = key;
  }
  return layout_;
}

// The first time a lens section is shown, it opens at the first marked part.
void BrochureScreen::jumpToLens(UiContext& ctx, float headerHeight, const DocLayout& doc,
                                const std::vector<bool>& marked, const std::vector<Block>& blocks) {
  Session& session = ctx.kiosk.session();
  if (!session.lens.firstOpening(session.section)) return;
  float y = firstMarkedY(doc, marked, blocks);
  if (y > 0) ctx.kiosk.session().scroll.jumpTo(headerHeight + y - ctx.ems(0.5f));
}

float BrochureScreen::sectionHeader(UiContext& ctx, const ShownSection& s, SectionColumn& col) {
  col.text(s.section->title, FontRole::Heading, ctx.palette.text);
  col.space(0.3f);
  // Content past its signed expiry says so on every section (issue #14 item 3).
  if (content_.outOfDate()) col.outdatedNote(ctx.strings.get("brochure.out_of_date"));
  if (ctx.kiosk.session().lens.covers(s.section->id)) col.highlight(ctx.strings.get("brochure.for_you"));
  if (s.fellBack) {
    std::string language = localeDisplayName(s.locale, ctx.locale);
    col.note(ctx.strings.format("brochure.fallback_note", {{"language", language}}));
  }
  // The review status is never hidden from the reader.
  ReviewStatus status = s.section->review.status;
  if (status == ReviewStatus::Reviewed) {
    auto date = parseIsoDate(s.section->review.reviewedOn);
    std::string line = ctx.strings.format(
        "brochure.reviewed", {{"reviewer", s.section->review.reviewer}, {"date", date.value_or(DateArg{})}});
    col.text(line, FontRole::Body, ctx.palette.mutedText, 0.3f);
  } else if (status == ReviewStatus::Outdated) {
    col.outdatedNote(ctx.strings.get("brochure.badge_outdated"));
  } else {
    col.note(
        ctx.strings.get(status == ReviewStatus::Unreviewed ? "brochure.badge_unreviewed" : "brochure.badge_pending"));
  }
  col.space(0.3f);
  SectionFigures(ctx, col, contentMax_.y - contentMin_.y).draw(content_.figures(ctx.kiosk.session().medicine, s));
  return col.height();
}

float BrochureScreen::sectionFooter(UiContext& ctx, const LoadedBrochure& b, const Section& s, SectionColumn& col) {
  const std::string& country = ctx.kiosk.config().country;
  if (s.id == "side_effects" && !country.empty()) {
    // Patients may report side effects to their national authority themselves.
    if (auto authority = content_.reportingAuthority(country, ctx.kiosk.session().locale)) {
      std::string line = ctx.strings.format("brochure.report_authority",
                                            {{"authority", authority->authority}, {"website", authority->website}});
      col.text(line, FontRole::Bold, ctx.palette.text, 0.6f);
    }
  }
  col.text(ctx.strings.format("brochure.source", {{"source", s.source}}), FontRole::Body, ctx.palette.mutedText);
  col.space(0.8f);
  int idx = sectionIndex(s.id);
  if (idx + 1 < static_cast<int>(kSectionIds.size()))
    nextSectionButton(ctx, b, std::string(kSectionIds[static_cast<size_t>(idx) + 1]), col);
  else
    endOfBrochure(ctx, b, col);
  return col.height() + ctx.ems(1.0f);
}

void BrochureScreen::nextSectionButton(UiContext& ctx, const LoadedBrochure& b, const std::string& nextId,
                                       SectionColumn& col) {
  auto next = content_.section(b.brochure.medicine, ctx.kiosk.session().locale, nextId);
  std::string title = next ? next->section->title : ctx.strings.get(sectionLabelKey(nextId));
  std::string label = ctx.strings.format("brochure.next_section", {{"title", title}});
  if (col.button("brochure.next", label)) ctx.kiosk.chooseSection(nextId, ctx.now);
}

void BrochureScreen::endOfBrochure(UiContext& ctx, const LoadedBrochure& b, SectionColumn& col) {
  col.text(ctx.strings.get("brochure.end"), FontRole::Bold, ctx.palette.text);
  col.space(0.8f);
  takeHome(ctx, b, col);
  if (!content_.db()) return;
  const ContentInfo& info = content_.db()->info();
  auto built = parseIsoDate(info.buildTime);
  std::string line = ctx.strings.format(
      "brochure.content_info", {{"version", std::int64_t{info.contentVersion}}, {"date", built.value_or(DateArg{})}});
  col.space(0.6f);
  col.text(line, FontRole::Body, ctx.palette.mutedText);
}

const QrCode* BrochureScreen::takeHomeCode(TakeHomeCode& cache, const std::string& url) {
  if (url.empty()) return nullptr;
  if (url != cache.url) {
    cache.code = encodeQr(url);
    cache.url = url;
  }
  return cache.code ? &*cache.code : nullptr;
}

void BrochureScreen::takeHome(UiContext& ctx, const LoadedBrochure& b, SectionColumn& col) {
  // The medicine's public EMA page and its package leaflet's official site, each in
  // the brochure's language where there is one, labelled; the address beneath each
  // for those who type it (it may break at its slashes).
  std::string ema = content_.link(b.brochure.medicine, b.brochure.locale);
  std::string leaflet = content_.leafletLink(b.brochure.medicine, b.brochure.locale);
  std::vector<SectionColumn::LabelledCode> codes;
  std::string emaLabel = ctx.strings.get("brochure.take_home_ema");
  std::string leafletLabel = ctx.strings.get("brochure.take_home_leaflet");
  if (const QrCode* code = takeHomeCode(emaCode_, ema)) codes.push_back({emaLabel, code, ema});
  if (const QrCode* code = takeHomeCode(leafletCode_, leaflet)) codes.push_back({leafletLabel, code, leaflet});
  col.labelledCodes(codes, ctx.ems(11.0f));
}

}  // namespace mk::ui
