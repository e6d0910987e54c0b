// The figures above a section's text (section_figures.h). Sizes in em; every text is
// drawn through drawText and every pictogram through drawPictogram, so the registry
// holds them with the box they must stay in.
#include "ui/screens/section_figures.h"

#include <algorithm>
#include <cmath>

#include "ui/pictures.h"
#include "ui/widgets.h"

namespace mk::ui {

namespace {
constexpr float kGapEm = 0.5f;
constexpr float kCellEm = 2.4f;     // a calendar day at most
constexpr float kMinCellEm = 1.9f;  // two calendars side by side need this much
constexpr float kCardMinEm = 9.0f;  // a card at least this wide
constexpr float kCardPadEm = 0.5f;
constexpr float kCardPictureEm = 3.2f;
constexpr float kCapsuleEm = 5.0f;
constexpr int kWeek = 7;
}  // namespace

void SectionFigures::draw(const std::vector<ShownFigure>& figures) {
  ImDrawList* dl = col_.drawList();
  for (const auto& f : figures) {
    ImVec2 at = col_.cursor();
    float h = layout(f, at, false);
    // Only a figure in view is drawn (and recorded): one scrolled away is measured.
    if (dl && at.y + h >= dl->GetClipRectMin().y && at.y <= dl->GetClipRectMax().y) layout(f, at, true);
    col_.advance(h);
    col_.space(0.8f);
  }
}

float SectionFigures::layout(const ShownFigure& f, ImVec2 at, bool drawing) {
  if (f.kind == FigureKind::DoseCalendar) return calendars(f, at, drawing);
  if (f.kind == FigureKind::Capsules) return capsules(f, at, drawing);
  return cards(f, at, drawing);
}

float SectionFigures::text(std::string_view s, FontRole role, Rgb col, ImVec2 at, float w, bool drawing, bool centered,
                           const TextBox* box) {
  if (!drawing) return textHeight(ctx_, s, role, w);
  return drawText(ctx_, col_.drawList(), at, w, s, role, col, centered, box);
}

// The schedules side by side where two fit, else one under the other; one legend.
float SectionFigures::calendars(const ShownFigure& f, ImVec2 at, bool drawing) {
  const float width = col_.width(), gap = ctx_.ems(1.0f);
  const auto n = static_cast<float>(f.items.size());
  bool sideBySide = n > 1 && (width - gap * (n - 1)) / n >= kWeek * ctx_.ems(kMinCellEm);
  float calWidth = sideBySide ? (width - gap * (n - 1)) / n : width;
  float cell = std::min(ctx_.ems(kCellEm), calWidth / kWeek);
  float y = 0, rowH = 0, x = 0;
  for (const auto& item : f.items) {
    float h = calendar(item, ImVec2(at.x + x, at.y + y), cell, drawing);
    if (sideBySide) {
      rowH = std::max(rowH, h);
      x += calWidth + gap;
    } else {
      y += h + ctx_.ems(kGapEm);
    }
  }
  if (sideBySide) y = rowH + ctx_.ems(kGapEm);
  return y + legend(ImVec2(at.x, at.y + y), drawing);
}

// One cycle: its caption (the brochure's bold lead, "With dexamethasone only"), then
// its days in weeks of seven, the days to take capsules filled.
float SectionFigures::calendar(const ShownFigureItem& si, ImVec2 at, float cell, bool drawing) {
  const FigureItem& item = si.item;
  float y = text(si.caption, FontRole::Bold, ctx_.palette.text, at, cell * kWeek, drawing) + ctx_.ems(0.3f);
  const float gap = std::max(2.0f, ctx_.ems(0.1f)), line = std::max(2.0f, ctx_.ems(0.07f));
  for (int day = 1; day <= item.cycleDays && drawing; ++day) {
    const int column = (day - 1) % kWeek, week = (day - 1) / kWeek;
    ImVec2 a(at.x + static_cast<float>(column) * cell, at.y + y + static_cast<float>(week) * cell);
    ImVec2 b(a.x + cell - gap, a.y + cell - gap);
    bool take = day >= item.takeFirst && day <= item.takeLast;
    ImDrawList* dl = col_.drawList();
    // Square corners: the software renderer fills an upright rectangle in one call,
    // a rounded one triangle by triangle (the calendars cost 1 ms a frame rounded).
    if (take)
      dl->AddRectFilled(a, b, color(ctx_.palette.railSelected));
    else
      dl->AddRect(a, b, color(ctx_.palette.buttonBorder), 0, 0, line);
    std::string number = ctx_.strings.format("figure.day", {{"day", std::int64_t{day}}});
    drawLabel(ctx_, dl, TextBox{a, b}, number, FontRole::Bold,
              take ? ctx_.palette.railSelectedText : ctx_.palette.mutedText);
  }
  int weeks = (item.cycleDays + kWeek - 1) / kWeek;
  return y + static_cast<float>(weeks) * cell;
}

// What a filled and an empty day mean, each with its swatch.
float SectionFigures::legend(ImVec2 at, bool drawing) {
  const float swatch = ctx_.ems(1.2f), pad = ctx_.ems(0.5f);
  float y = 0;
  for (bool take : {true, false}) {
    std::string label = ctx_.strings.get(take ? "figure.take_day" : "figure.rest_day");
    float w = col_.width() - swatch - pad;
    float h = std::max(swatch, textHeight(ctx_, label, FontRole::Body, w));
    if (drawing) {
      ImDrawList* dl = col_.drawList();
      ImVec2 a(at.x, at.y + y), b(at.x + swatch, at.y + y + swatch);
      if (take)
        dl->AddRectFilled(a, b, color(ctx_.palette.railSelected));
      else
        dl->AddRect(a, b, color(ctx_.palette.buttonBorder), 0, 0, std::max(2.0f, ctx_.ems(0.07f)));
    }
    text(label, FontRole::Body, ctx_.palette.text, ImVec2(at.x + swatch + pad, at.y + y), w, drawing);
    y += h + ctx_.ems(0.2f);
  }
  return y;
}

// The strengths in a row, each capsule as it looks with its strength beneath, under
// the brochure's sentence that lists them.
float SectionFigures::capsules(const ShownFigure& f, ImVec2 at, bool drawing) {
  const float width = col_.width();
  float y = text(f.items.front().caption, FontRole::Bold, ctx_.palette.text, at, width, drawing) + ctx_.ems(0.4f);
  const float slot = width / static_cast<float>(f.items.size());
  // Unscaled: the size rasterised next above, where the slot has room for it.
  const float room = slot - ctx_.ems(kGapEm);
  const float above = static_cast<float>(Pictures::sizeFor(std::min(ctx_.ems(kCapsuleEm), room)));
  const float side = above <= room ? above : Pictures::unscaledSize(room);
  float labelH = 0;
  for (size_t i = 0; i < f.items.size(); ++i) {
    const FigureItem& item = f.items[i].item;
    float x = at.x + slot * static_cast<float>(i);
    // The capsule stays in its slot, above its strength.
    TextBox slotBox{ImVec2(x, at.y + y), ImVec2(x + slot, at.y + y + side)};
    if (drawing)
      drawPictogram(ctx_, col_.drawList(), item.pictures.front(), ImVec2(x + (slot - side) * 0.5f, at.y + y), side,
                    &slotBox);
    std::string label = ctx_.strings.format("figure.strength", {{"mg", std::int64_t{item.strengthMg}}});
    labelH = std::max(labelH, text(label, FontRole::Bold, ctx_.palette.text,
                                   ImVec2(x, at.y + y + side + ctx_.ems(0.2f)), slot, drawing, true));
  }
  return y + side + ctx_.ems(0.2f) + labelH;
}

// As many columns as fit at kCardMinEm (at most 3), fewer where a card would then be
// taller than 60 % of the view: a patient sees each card whole, its pictograms with
// the end of its words, without scrolling within it (large text in landscape).
int SectionFigures::cardColumns(const ShownFigure& f, float width, float gap) {
  int columns = std::clamp(static_cast<int>((width + gap) / (ctx_.ems(kCardMinEm) + gap)), 1, 3);
  columns = std::min(columns, static_cast<int>(f.items.size()));
  for (; columns > 1 && viewHeight_ > 0; --columns) {
    const float w = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    float tallest = 0;
    for (const auto& item : f.items) tallest = std::max(tallest, cardHeight(item, w));
    if (tallest <= 0.6f * viewHeight_) break;
  }
  return columns;
}

// Cards in a grid (cardColumns), each row as tall as its tallest card.
float SectionFigures::cards(const ShownFigure& f, ImVec2 at, bool drawing) {
  const float width = col_.width(), gap = ctx_.ems(kGapEm);
  const int columns = cardColumns(f, width, gap);
  const float w = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  float y = 0;
  for (size_t row = 0; row * static_cast<size_t>(columns) < f.items.size(); ++row) {
    size_t first = row * static_cast<size_t>(columns);
    size_t last = std::min(f.items.size(), first + static_cast<size_t>(columns));
    float h = 0;
    for (size_t i = first; i < last; ++i) h = std::max(h, cardHeight(f.items[i], w));
    for (size_t i = first; i < last; ++i)
      card(f.items[i], ImVec2(at.x + static_cast<float>(i - first) * (w + gap), at.y + y), w, h, drawing);
    y += h + gap;
  }
  return y;
}

float SectionFigures::cardHeight(const ShownFigureItem& item, float w) {
  float inner = w - 2 * ctx_.ems(kCardPadEm);
  float h = 2 * ctx_.ems(kCardPadEm) + ctx_.ems(kCardPictureEm) + ctx_.ems(0.4f);
  if (!item.title.empty()) h += textHeight(ctx_, item.title, FontRole::Body, inner) + ctx_.ems(0.2f);
  return h + textHeight(ctx_, item.caption, FontRole::Bold, inner);
}

// A card: its pictograms in a row, its title (the part's heading) and its caption.
float SectionFigures::card(const ShownFigureItem& item, ImVec2 at, float w, float h, bool drawing) {
  const float pad = ctx_.ems(kCardPadEm), inner = w - 2 * pad;
  const auto count = static_cast<float>(item.item.pictures.size());
  const float side =
      Pictures::unscaledSize(std::min(ctx_.ems(kCardPictureEm), (inner - ctx_.ems(0.3f) * (count - 1)) / count));
  // Its texts and pictures must stay inside the card.
  TextBox cardBox{at, ImVec2(at.x + w, at.y + h)};
  if (drawing) {
    ImDrawList* dl = col_.drawList();
    // Outlined only: the card lies on the page's own colour, and a filled area costs
    // the software renderer far more than its outline (scroll p99 6 -> 17 ms).
    dl->AddRect(at, cardBox.max, color(ctx_.palette.buttonBorder), 0, 0, std::max(2.0f, ctx_.ems(0.08f)));
    for (size_t i = 0; i < item.item.pictures.size(); ++i)
      drawPictogram(ctx_, dl, item.item.pictures[i],
                    ImVec2(at.x + pad + static_cast<float>(i) * (side + ctx_.ems(0.3f)), at.y + pad), side, &cardBox);
  }
  float y = pad + ctx_.ems(kCardPictureEm) + ctx_.ems(0.4f);
  if (!item.title.empty())
    y += text(item.title, FontRole::Body, ctx_.palette.mutedText, ImVec2(at.x + pad, at.y + y), inner, drawing, false,
              &cardBox) +
         ctx_.ems(0.2f);
  text(item.caption, FontRole::Bold, ctx_.palette.text, ImVec2(at.x + pad, at.y + y), inner, drawing, false, &cardBox);
  return h;
}

}  // namespace mk::ui
