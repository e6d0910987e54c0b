#include "ui/screens/brochure_screen.h"

#include <algorithm>
#include <cmath>

#include "ui/widgets.h"

namespace mk::ui {
namespace {

int sectionIndex(const std::string& id) {
  auto it = std::find(kSectionIds.begin(), kSectionIds.end(), id);
  return it == kSectionIds.end() ? 0 : static_cast<int>(it - kSectionIds.begin());
}

struct ToolButton {
  const char* id;
  std::string label;
  float width;
};

}  // namespace

void BrochureScreen::draw(UiContext& ctx) {
  const LoadedBrochure* b = content_.brochure(ctx.kiosk.session().medicine, ctx.kiosk.session().locale);
  if (!b) return;
  Regions r = layoutRegions(ctx, *b);
  drawTitleBar(ctx, *b, r);
  drawBanner(ctx, *b, r);
  drawRail(ctx, r);
  drawReadAloudBar(ctx, r);
  if (r.compactRail && ctx.kiosk.session().sectionMenuOpen)
    drawSectionMenu(ctx, r);
  else
    drawContent(ctx, *b, r);
  drawToolbar(ctx, r);
}

BrochureScreen::Regions BrochureScreen::layoutRegions(UiContext& ctx, const LoadedBrochure& b) {
  Regions r;
  const float W = ctx.size.x, H = ctx.size.y;
  const float m = ctx.ems(0.6f);
  r.titleMin = ImVec2(0, 0);
  r.titleMax = ImVec2(W, lineHeight(ctx.fonts, FontRole::Heading) + 2 * m);
  float bannerText = textHeight(ctx, b.brochure.warning, FontRole::Bold, W - 2 * m - ctx.ems(3.2f));
  r.bannerMin = ImVec2(0, r.titleMax.y);
  r.bannerMax = ImVec2(W, r.bannerMin.y + std::max(bannerText, ctx.ems(2.0f)) + 2 * m);
  float tb = toolbarHeight(ctx, W - 2 * m);
  r.toolbarMin = ImVec2(0, H - tb);
  r.toolbarMax = ImVec2(W, H);
  bool reading = reader_ && reader_->available();
  if (ctx.portrait()) {
    // Rail as a grid across the top; each tile at least 9 em wide.
    r.railColumns = std::clamp(static_cast<int>((W - m) / ctx.ems(9.0f)), 1, 4);
    int rows = (static_cast<int>(kSectionIds.size()) + r.railColumns - 1) / r.railColumns;
    float cellW = (W - 2 * m - static_cast<float>(r.railColumns - 1) * m) / static_cast<float>(r.railColumns);
    r.railButtonHeight = std::max(ctx.ems(2.6f), railLabelHeight(ctx, cellW) + ctx.ems(0.6f));
    r.railMin = ImVec2(m, r.bannerMax.y + m);
    r.railMax = ImVec2(W - m, r.railMin.y + static_cast<float>(rows) * (r.railButtonHeight + m) - m);
    // A grid taller than a fifth of the screen would leave too little room to read:
    // use one row (previous, a list of sections, next) instead.
    if (r.railMax.y - r.railMin.y > H * 0.2f) useCompactRail(ctx, r);
    float y = r.railMax.y + m;
    if (reading) y = layoutReadButtons(ctx, r, ImVec2(m, y), W - 2 * m) + m;
    r.contentMin = ImVec2(m, y);
    r.contentMax = ImVec2(W - m, r.toolbarMin.y - m * 0.5f);
  } else {
    // Landscape: every control in a column on the left, the text on the right.
    float railW = std::max(ctx.ems(11.0f), W * 0.26f);
    r.railColumns = 1;
    r.railButtonHeight = std::max(ctx.ems(2.6f), railLabelHeight(ctx, railW) + ctx.ems(0.6f));
    r.railMin = ImVec2(m, r.bannerMax.y + m);
    float columnBottom = r.toolbarMin.y - m;
    float railH = static_cast<float>(kSectionIds.size()) * (r.railButtonHeight + m) - m;
    r.railMax = ImVec2(m + railW, r.railMin.y + railH);
    float readH = reading ? layoutReadButtons(ctx, r, ImVec2(m, 0), railW) - 0.0f + m : 0.0f;
    if (railH + m + readH > columnBottom - r.railMin.y) {
      // The full rail does not fit: one row (previous, sections, next) in a column
      // wide enough for the section names at this text size.
      railW = std::max(railW, ctx.ems(14.0f));
      r.railMax.x = m + railW;
      useCompactRail(ctx, r);
    }
    r.contentMin = ImVec2(r.railMax.x + m * 2, r.bannerMax.y + m * 0.5f);
    r.contentMax = ImVec2(W - m, r.toolbarMin.y - m * 0.5f);
    if (reading) {
      float bottom = layoutReadButtons(ctx, r, ImVec2(m, r.railMax.y + m), railW);
      if (bottom > columnBottom) {
        // Not even that: the read-aloud buttons go above the text instead.
        float top = r.contentMin.y + m * 0.5f;
        r.contentMin.y = layoutReadButtons(ctx, r, ImVec2(r.contentMin.x, top), r.contentMax.x - r.contentMin.x) + m;
      }
    }
  }
  return r;
}

void BrochureScreen::useCompactRail(UiContext& ctx, Regions& r) {
  const float m = ctx.ems(0.6f);
  float labelW = r.railMax.x - r.railMin.x - 2 * (ctx.ems(3.0f) + m) - ctx.ems(0.8f);
  float tallest = 0;
  for (auto id : kSectionIds)
    tallest = std::max(tallest,
                       textHeight(ctx, ctx.strings.get("brochure.section." + std::string(id)), FontRole::Bold, labelW));
  r.compactRail = true;
  r.railButtonHeight = std::max(ctx.ems(2.6f), tallest + ctx.ems(0.6f));
  r.railMax.y = r.railMin.y + r.railButtonHeight;
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
  // A warning sign drawn as a triangle with "!" so it needs no symbol font.
  float s = ctx.ems(2.2f);
  ImVec2 c(m + s * 0.5f + ctx.ems(0.2f), (r.bannerMin.y + r.bannerMax.y) * 0.5f);
  dl->AddTriangleFilled(ImVec2(c.x, c.y - s * 0.5f), ImVec2(c.x + s * 0.55f, c.y + s * 0.45f),
                        ImVec2(c.x - s * 0.55f, c.y + s * 0.45f), color(p.warningText));
  ImFont* bold = ctx.fonts.bold;
  ImVec2 ex = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "!");
  dl->AddText(bold, bold->FontSize, ImVec2(c.x - ex.x * 0.5f, c.y - ex.y * 0.35f), color(p.warningBackground), "!");
  float x = m + ctx.ems(3.2f);
  drawText(ctx, dl, ImVec2(x, r.bannerMin.y + m), r.bannerMax.x - x - m, b.brochure.warning, FontRole::Bold,
           p.warningText);
}

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
    std::string label = ctx.strings.get("brochure.section." + std::string(kSectionIds[i]));
    bool selected = session.section == kSectionIds[i];
    ButtonStyle style = selected ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    if (touchButton(ctx, id.c_str(), a, z, label, style)) ctx.kiosk.chooseSection(std::string(kSectionIds[i]), ctx.now);
    if (session.lens.covers(std::string(kSectionIds[i]))) drawLensMark(ctx, a, z);
  }
}

// A section the lens covers carries a bar on its rail button.
void BrochureScreen::drawLensMark(UiContext& ctx, ImVec2 a, ImVec2 z) {
  float inset = ctx.ems(0.25f);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + inset, a.y + inset),
                                            ImVec2(a.x + inset + ctx.ems(0.4f), z.y - inset), color(ctx.palette.accent),
                                            ctx.ems(0.1f));
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
    ctx.kiosk.chooseSection(std::string(kSectionIds[static_cast<size_t>(idx - 1)]), ctx.now);
  if (touchButton(ctx, "rail.next", ImVec2(z.x - arrowW, a.y), z, "\u203A", arrow) && idx < last)
    ctx.kiosk.chooseSection(std::string(kSectionIds[static_cast<size_t>(idx + 1)]), ctx.now);
  std::string label = ctx.strings.get("brochure.section." + session.section);
  ButtonStyle style = session.sectionMenuOpen ? normalButton(ctx.palette) : selectedButton(ctx.palette);
  if (touchButton(ctx, "rail.menu", ImVec2(a.x + arrowW + m, a.y), ImVec2(z.x - arrowW - m, z.y), label, style))
    ctx.kiosk.setSectionMenuOpen(!session.sectionMenuOpen, ctx.now);
}

void BrochureScreen::drawSectionMenu(UiContext& ctx, const Regions& r) {
  // The list of sections over the reading area; the same target ids as the grid.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(r.contentMin, r.contentMax, color(ctx.palette.background));
  const float m = ctx.ems(0.6f);
  const float w = r.contentMax.x - r.contentMin.x;
  float y = r.contentMin.y + m * 0.5f;
  for (auto id : kSectionIds) {
    std::string label = ctx.strings.get("brochure.section." + std::string(id));
    float h = std::max(ctx.ems(2.6f), textHeight(ctx, label, FontRole::Bold, w - ctx.ems(0.8f)) + ctx.ems(0.6f));
    if (y + h > r.contentMax.y) break;
    std::string tid = "rail." + std::string(id);
    bool selected = ctx.kiosk.session().section == id;
    if (touchButton(ctx, tid.c_str(), ImVec2(r.contentMin.x, y), ImVec2(r.contentMax.x, y + h), label,
                    selected ? selectedButton(ctx.palette) : normalButton(ctx.palette)))
      ctx.kiosk.chooseSection(std::string(id), ctx.now);
    y += h + m * 0.5f;
  }
}

void BrochureScreen::onNewSession() {
  layoutKey_.clear();
  layout_ = {};
  headerHeight_ = footerHeight_ = 0;
  qrUrl_.clear();
  qr_.reset();
  readLocale_.clear();
  lensShown_.clear();
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

float BrochureScreen::drawNote(UiContext& ctx, const std::string& text, ImVec2 origin, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float pad = ctx.ems(0.35f);
  float h = textHeight(ctx, text, FontRole::Body, width - 2 * pad);
  ImVec2 a = origin, z(origin.x + width, origin.y + h + 2 * pad);
  dl->AddRectFilled(a, z, color(ctx.palette.badgeBackground), ctx.ems(0.3f));
  dl->AddRect(a, z, color(ctx.palette.badgeText), ctx.ems(0.3f), 0, 2.0f);
  drawText(ctx, dl, ImVec2(origin.x + pad, origin.y + pad), width - 2 * pad, text, FontRole::Body,
           ctx.palette.badgeText);
  return h + 2 * pad + ctx.ems(0.3f);
}

float BrochureScreen::drawSectionHeader(UiContext& ctx, const ShownSection& s, ImVec2 origin, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float y = origin.y;
  y += drawText(ctx, dl, ImVec2(origin.x, y), width, s.section->title, FontRole::Heading, ctx.palette.text);
  y += ctx.ems(0.3f);
  if (ctx.kiosk.session().lens.covers(s.section->id)) {
    std::string note = ctx.strings.get("brochure.for_you");
    float h = textHeight(ctx, note, FontRole::Bold, width - ctx.ems(1.0f)) + ctx.ems(0.4f);
    dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + width, y + h), color(ctx.palette.accent), ctx.ems(0.2f));
    drawText(ctx, dl, ImVec2(origin.x + ctx.ems(0.5f), y + ctx.ems(0.2f)), width - ctx.ems(1.0f), note, FontRole::Bold,
             ctx.palette.accentText);
    y += h + ctx.ems(0.3f);
  }
  if (s.fellBack) {
    std::string language = localeDisplayName(s.locale, ctx.locale);
    y += drawNote(ctx, ctx.strings.format("brochure.fallback_note", {{"language", language}}), ImVec2(origin.x, y),
                  width);
  }
  // The review status is never hidden from the reader.
  ReviewStatus status = s.section->review.status;
  if (status == ReviewStatus::Reviewed) {
    auto date = parseIsoDate(s.section->review.reviewedOn);
    std::string line = ctx.strings.format(
        "brochure.reviewed", {{"reviewer", s.section->review.reviewer}, {"date", date.value_or(DateArg{})}});
    y += drawText(ctx, dl, ImVec2(origin.x, y), width, line, FontRole::Body, ctx.palette.mutedText) + ctx.ems(0.3f);
  } else
    y += drawNote(
        ctx,
        ctx.strings.get(status == ReviewStatus::Unreviewed ? "brochure.badge_unreviewed" : "brochure.badge_pending"),
        ImVec2(origin.x, y), width);
  return y - origin.y + ctx.ems(0.3f);
}

float BrochureScreen::drawSectionFooter(UiContext& ctx, const LoadedBrochure& b, const Section& s, ImVec2 origin,
                                        float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float y = origin.y;
  const std::string& country = ctx.kiosk.config().country;
  if (s.id == "side_effects" && !country.empty()) {
    // Patients may report side effects to their national authority themselves.
    if (auto authority = content_.reportingAuthority(country, ctx.kiosk.session().locale)) {
      std::string line = ctx.strings.format("brochure.report_authority",
                                            {{"authority", authority->authority}, {"website", authority->website}});
      y += drawText(ctx, dl, ImVec2(origin.x, y), width, line, FontRole::Bold, ctx.palette.text) + ctx.ems(0.6f);
    }
  }
  std::string source = ctx.strings.format("brochure.source", {{"source", s.source}});
  y += drawText(ctx, dl, ImVec2(origin.x, y), width, source, FontRole::Body, ctx.palette.mutedText);
  y += ctx.ems(0.8f);
  int idx = sectionIndex(s.id);
  if (idx + 1 < static_cast<int>(kSectionIds.size())) {
    std::string nextId(kSectionIds[static_cast<size_t>(idx + 1)]);
    auto next = content_.section(b.brochure.medicine, ctx.kiosk.session().locale, nextId);
    std::string title = next ? next->section->title : ctx.strings.get("brochure.section." + nextId);
    std::string label = ctx.strings.format("brochure.next_section", {{"title", title}});
    float h = textHeight(ctx, label, FontRole::Bold, width - ctx.ems(0.8f)) + ctx.ems(1.2f);
    if (touchButton(ctx, "brochure.next", ImVec2(origin.x, y), ImVec2(origin.x + width, y + std::max(h, ctx.ems(2.6f))),
                    label, normalButton(ctx.palette)))
      ctx.kiosk.chooseSection(nextId, ctx.now);
    y += std::max(h, ctx.ems(2.6f));
  } else {
    y += drawText(ctx, dl, ImVec2(origin.x, y), width, ctx.strings.get("brochure.end"), FontRole::Bold,
                  ctx.palette.text);
    y += ctx.ems(0.8f);
    y += drawTakeHome(ctx, b, ImVec2(origin.x, y), width);
    if (content_.db()) {
      const ContentInfo& info = content_.db()->info();
      auto built = parseIsoDate(info.buildTime);
      std::string line = ctx.strings.format("brochure.content_info", {{"version", std::int64_t{info.contentVersion}},
                                                                      {"date", built.value_or(DateArg{})}});
      y += ctx.ems(0.6f);
      y += drawText(ctx, dl, ImVec2(origin.x, y), width, line, FontRole::Body, ctx.palette.mutedText);
    }
  }
  return y - origin.y + ctx.ems(1.0f);
}

// The first time a lens section is shown, it opens at the first marked part.
void BrochureScreen::jumpToLens(UiContext& ctx, const DocLayout& doc, const std::vector<bool>& marked,
                                const std::vector<Block>& blocks) {
  if (lensSession_ != ctx.kiosk.sessionNumber()) {
    lensSession_ = ctx.kiosk.sessionNumber();
    lensShown_.clear();
  }
  const std::string& section = ctx.kiosk.session().section;
  if (std::find(lensShown_.begin(), lensShown_.end(), section) != lensShown_.end()) return;
  lensShown_.push_back(section);
  float y = firstMarkedY(doc, marked, blocks);
  if (y > 0) ctx.kiosk.session().scroll.jumpTo(headerHeight_ + y - ctx.ems(0.5f));
}

void BrochureScreen::drawContent(UiContext& ctx, const LoadedBrochure& b, const Regions& r) {
  contentMin_ = r.contentMin;
  contentMax_ = r.contentMax;
  auto shown = content_.section(ctx.kiosk.session().medicine, ctx.kiosk.session().locale, ctx.kiosk.session().section);
  if (!shown) return;
  const Section* s = shown->section;
  // A lens section leaves a margin for the bars beside the patient's parts.
  float indent = ctx.kiosk.session().lens.covers(s->id) ? ctx.ems(0.8f) : 0.0f;
  float width = r.contentMax.x - r.contentMin.x - ctx.ems(0.8f) - indent;
  const DocLayout& doc = sectionLayout(ctx, *shown, width);
  auto& scroll = ctx.kiosk.session().scroll;
  float total = headerHeight_ + doc.height + footerHeight_;
  scroll.setMax(total - (r.contentMax.y - r.contentMin.y) + ctx.ems(0.5f));
  float y0 = r.contentMin.y + ctx.ems(0.4f) - scroll.offset();
  ImGui::PushClipRect(r.contentMin, r.contentMax, true);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  headerHeight_ = drawSectionHeader(ctx, *shown, ImVec2(r.contentMin.x, y0), width);
  // Paragraph 0 read aloud is the title; block i is paragraph i + 1.
  int reading = reader_ && reader_->active() ? reader_->currentParagraph() - 1 : -1;
  const BrochureLens& lens = ctx.kiosk.session().lens;
  std::vector<bool> marked;
  if (lens.covers(s->id)) {
    marked = lensBlocks(*shown->blocks, lens.headings(s->id));
    jumpToLens(ctx, doc, marked, *shown->blocks);
  }
  drawDocument(ctx, dl, doc, ImVec2(r.contentMin.x + indent, y0 + headerHeight_), r.contentMin, r.contentMax, reading,
               marked.empty() ? nullptr : &marked);
  footerHeight_ = drawSectionFooter(ctx, b, *s, ImVec2(r.contentMin.x, y0 + headerHeight_ + doc.height), width);
  ImGui::PopClipRect();
  // A thin scroll indicator shows there is more to read.
  float viewH = r.contentMax.y - r.contentMin.y;
  if (scroll.maxOffset() > 0) {
    float barH = std::max(ctx.ems(2.0f), viewH * viewH / (viewH + scroll.maxOffset()));
    float barY = r.contentMin.y + (viewH - barH) * (scroll.offset() / scroll.maxOffset());
    dl->AddRectFilled(ImVec2(r.contentMax.x - ctx.ems(0.3f), barY), ImVec2(r.contentMax.x, barY + barH),
                      color(ctx.palette.buttonBorder), ctx.ems(0.15f));
  }
}

float BrochureScreen::drawTakeHome(UiContext& ctx, const LoadedBrochure& b, ImVec2 origin, float width) {
  // The medicine's public EMA page in the brochure's language where there is one.
  std::string url = content_.link(b.brochure.medicine, b.brochure.locale);
  if (url.empty()) return 0;
  if (url != qrUrl_) {
    qr_ = encodeQr(url);
    qrUrl_ = url;
  }
  if (!qr_) return 0;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float side = std::min(width, ctx.ems(11.0f));
  float modulePx = std::floor(side / static_cast<float>(qr_->size + 8));
  float drawn = drawQrCode(dl, *qr_, ImVec2(origin.x, origin.y), std::max(2.0f, modulePx));
  float y = origin.y + drawn + ctx.ems(0.3f);
  // The address beneath, for those who type it; it may break at its slashes.
  y += drawText(ctx, dl, ImVec2(origin.x, y), width, url, FontRole::Body, ctx.palette.text);
  return y - origin.y;
}

namespace {
struct ReadButton {
  const char* id;
  const char* key;
};
constexpr ReadButton kReadButtons[] = {{"read.play", "brochure.read_aloud"},
                                       {"read.stop", "brochure.stop"},
                                       {"read.restart", "brochure.restart"},
                                       {"read.quieter", "brochure.quieter"},
                                       {"read.louder", "brochure.louder"}};
}  // namespace

float BrochureScreen::layoutReadButtons(UiContext& ctx, Regions& r, ImVec2 origin, float width) {
  // A flow: buttons share a row while their labels fit without breaking a word,
  // and each row is stretched to the full width.
  const float gap = ctx.ems(0.4f), pad = ctx.ems(0.8f);
  ImFont* f = ctx.fonts.bold;
  auto textWidth = [&](const std::string& t) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x; };
  std::vector<std::string> labels;
  std::vector<float> want;
  for (const auto& b : kReadButtons) {
    float w = 0;
    for (const char* key : {b.key, "brochure.pause", "brochure.resume"}) {
      if (key != b.key && std::string_view(b.id) != "read.play") continue;
      w = std::max(w, textWidth(ctx.strings.get(key)));
    }
    want.push_back(std::min(width, w + pad));
  }
  r.readButtons.clear();
  float y = origin.y;
  std::size_t i = 0;
  while (i < want.size()) {
    std::size_t end = i;
    float used = 0;
    while (end < want.size() && (end == i || used + gap + want[end] <= width)) {
      used += (end == i ? 0.0f : gap) + want[end];
      ++end;
    }
    float stretch =
        (width - gap * static_cast<float>(end - i - 1)) / std::max(1.0f, used - gap * static_cast<float>(end - i - 1));
    float rowH = ctx.ems(2.6f);
    for (std::size_t k = i; k < end; ++k)
      rowH = std::max(rowH,
                      textHeight(ctx, ctx.strings.get(kReadButtons[k].key), FontRole::Bold, want[k] * stretch - pad) +
                          ctx.ems(0.6f));
    float x = origin.x;
    for (std::size_t k = i; k < end; ++k) {
      float w = want[k] * stretch;
      r.readButtons.push_back({ImVec2(x, y), ImVec2(x + w, y + rowH)});
      x += w + gap;
    }
    y += rowH + gap;
    i = end;
  }
  return y - gap;
}

void BrochureScreen::drawReadAloudBar(UiContext& ctx, const Regions& r) {
  if (!reader_ || !reader_->available() || r.readButtons.size() != std::size(kReadButtons)) return;
  auto& session = ctx.kiosk.session();
  bool active = reader_->active();
  for (std::size_t i = 0; i < std::size(kReadButtons); ++i) {
    const auto& b = kReadButtons[i];
    std::string id = b.id;
    std::string label = ctx.strings.get(b.key);
    if (id == "read.play" && active) label = ctx.strings.get(reader_->paused() ? "brochure.resume" : "brochure.pause");
    ButtonStyle style = id == "read.play" && active ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    if (!touchButton(ctx, b.id, r.readButtons[i].first, r.readButtons[i].second, label, style)) continue;
    ctx.kiosk.noteInput(ctx.now);
    if (id == "read.play") {
      if (!active) {
        reader_->start(paragraphsToRead(ctx), readLocale_);
        ctx.kiosk.noteReadAloud(readLocale_, ctx.now);
      } else {
        reader_->setPaused(!reader_->paused());
      }
    } else if (id == "read.stop") {
      reader_->stop();
    } else if (id == "read.restart") {
      reader_->start(paragraphsToRead(ctx), readLocale_);
      ctx.kiosk.noteReadAloud(readLocale_, ctx.now);
    } else if (id == "read.quieter") {
      ctx.kiosk.setVolumeStep(session.volumeStep - 1, ctx.now);
    } else if (id == "read.louder") {
      ctx.kiosk.setVolumeStep(session.volumeStep + 1, ctx.now);
    }
  }
}

std::vector<std::string> BrochureScreen::paragraphsToRead(UiContext& ctx) {
  std::vector<std::string> out;
  auto shown = content_.section(ctx.kiosk.session().medicine, ctx.kiosk.session().locale, ctx.kiosk.session().section);
  if (!shown) return out;
  readLocale_ = shown->locale;  // a fallen-back section is read in its own language
  out.push_back(shown->section->title);
  for (const auto& block : *shown->blocks) out.push_back(plainText(block));
  return out;
}

float BrochureScreen::railLabelHeight(UiContext& ctx, float cellWidth) {
  float tallest = 0;
  for (auto id : kSectionIds)
    tallest = std::max(tallest, textHeight(ctx, ctx.strings.get("brochure.section." + std::string(id)), FontRole::Bold,
                                           cellWidth - ctx.ems(0.8f)));
  return tallest;
}

float BrochureScreen::toolbarHeight(UiContext& ctx, float width) {
  // Two rows when the buttons do not fit on one (large text in portrait).
  float need = ctx.ems(4.0f) * 3 + ctx.ems(8.0f) + ctx.ems(9.5f) + ctx.ems(0.6f) * 4;
  int rows = need > width ? 2 : 1;
  return static_cast<float>(rows) * (ctx.ems(2.6f) + ctx.ems(0.6f)) + ctx.ems(0.6f);
}

void BrochureScreen::drawToolbar(UiContext& ctx, const Regions& r) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(r.toolbarMin, r.toolbarMax, color(ctx.palette.barBackground));
  const float m = ctx.ems(0.6f), h = ctx.ems(2.6f);
  const float W = r.toolbarMax.x;
  bool twoRows = (r.toolbarMax.y - r.toolbarMin.y) > 2 * h;
  auto& session = ctx.kiosk.session();
  float rowY = r.toolbarMin.y + m;
  // Row 1 (or left part): home and language.
  float half = twoRows ? (W - 3 * m) * 0.5f : ctx.ems(8.0f);
  ImVec2 a(m, rowY);
  if (touchButton(ctx, "brochure.home", a, ImVec2(a.x + half, a.y + h), ctx.strings.get("brochure.home"),
                  normalButton(ctx.palette)))
    ctx.kiosk.goHome(ctx.now);
  a.x += half + m;
  if (touchButton(ctx, "brochure.language", a, ImVec2(a.x + half, a.y + h), ctx.strings.get("brochure.language"),
                  normalButton(ctx.palette)))
    ctx.kiosk.changeLanguage(ctx.now);
  if (twoRows) {
    a = ImVec2(m, rowY + h + m);
  } else {
    a.x += half + m;
  }
  // Text size: three "A" buttons of growing size.
  float sizeW = ctx.ems(3.0f);
  for (int step = 1; step <= 3; ++step) {
    std::string id = "brochure.text_size." + std::to_string(step);
    ButtonStyle st = session.textSize == step ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    st.role = step == 1 ? FontRole::Body : (step == 2 ? FontRole::Bold : FontRole::Heading);
    if (touchButton(ctx, id.c_str(), a, ImVec2(a.x + sizeW, a.y + h), "A", st)) ctx.kiosk.setTextSize(step, ctx.now);
    a.x += sizeW + m * 0.5f;
  }
  a.x += m * 0.5f;
  ButtonStyle contrast = session.highContrast ? selectedButton(ctx.palette) : normalButton(ctx.palette);
  if (touchButton(ctx, "brochure.contrast", a, ImVec2(W - m, a.y + h), ctx.strings.get("brochure.contrast"), contrast))
    ctx.kiosk.setHighContrast(!session.highContrast, ctx.now);
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
