#pragma once
// The figures above a section's text (issue #15): the dose calendars, the capsules as
// they look, and cards of pictograms (the symptoms to report at once, the rules on
// contraception, condoms and donation). Their words come from the brochure
// (ContentView::figures); they are laid out down the section column, measured and
// drawn by one code path like the rest of the header.
#include <string>

#include "core/session/content_view.h"
#include "ui/screens/brochure_column.h"
#include "ui/widgets.h"

namespace mk::ui {

class SectionFigures {
 public:
  // `viewHeight`: the height of the area the section scrolls in (0: unknown).
  SectionFigures(UiContext& ctx, SectionColumn& col, float viewHeight = 0)
      : ctx_(ctx), col_(col), viewHeight_(viewHeight) {}
  // Lays out every figure of the section, each followed by some space.
  void draw(const std::vector<ShownFigure>& figures);

 private:
  // Each draws when `drawing` and returns the height it takes.
  float layout(const ShownFigure& f, ImVec2 at, bool drawing);
  float calendars(const ShownFigure& f, ImVec2 at, bool drawing);
  float calendar(const ShownFigureItem& item, ImVec2 at, float cell, bool drawing);
  float legend(ImVec2 at, bool drawing);
  float capsules(const ShownFigure& f, ImVec2 at, bool drawing);
  float cards(const ShownFigure& f, ImVec2 at, bool drawing);
  float card(const ShownFigureItem& item, ImVec2 at, float w, float h, bool drawing);
  float cardHeight(const ShownFigureItem& item, float w);
  int cardColumns(const ShownFigure& f, float width, float gap);
  // Wrapped text at `at`, `w` wide; recorded with `box` (else its own lines).
  float text(std::string_view s, FontRole role, Rgb col, ImVec2 at, float w, bool drawing, bool centered = false,
             const TextBox* box = nullptr);

  UiContext& ctx_;
  SectionColumn& col_;
  float viewHeight_;
};

}  // namespace mk::ui
