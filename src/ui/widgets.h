#pragma once
// Shared drawing helpers: wrapped text through our own layout, and touch buttons
// whose label wraps inside them. All sizes are passed in px computed from em.
#include <string_view>

#include "core/layout/qr_code.h"
#include "ui/ui_context.h"

namespace mk::ui {

struct ButtonStyle {
  Rgb fill, fillPressed, text, border;
  FontRole role = FontRole::Bold;
  bool centered = true;
  const char* pictogram = nullptr;  // drawn left of the label (assets/pictograms)
  // The pictogram and the padding keep the size they have at the smallest text size,
  // so a row of buttons whose larger labels fill it keeps its pictures (the compact
  // toolbar). The label keeps the text size.
  bool touchSizeChrome = false;
  // The pictogram centred above the label instead of left of it, so that a long label
  // keeps the button's whole width (the compact toolbar in languages with long words).
  bool pictogramAbove = false;
};

ButtonStyle normalButton(const Palette& p);
// The height a pictogram above the label adds to it (ButtonStyle::pictogramAbove).
float pictogramAboveHeight(const UiContext& ctx, bool touchSizeChrome);
ButtonStyle selectedButton(const Palette& p);

// Height of `text` wrapped to `width`.
float textHeight(UiContext& ctx, std::string_view text, FontRole role, float width);
// Where a text is allowed to be: a button, a panel. Recorded with the text so that
// tests can check the glyphs against the layout, not against the text's own lines.
struct TextBox {
  ImVec2 min, max;
};
// Draws wrapped text at `pos`; returns its height. The box recorded for checks is
// `box`, else the column `width` wide from `pos` with the height the lines take.
float drawText(UiContext& ctx, ImDrawList* dl, ImVec2 pos, float width, std::string_view text, FontRole role, Rgb col,
               bool centered = false, const TextBox* box = nullptr);
// One short line (a number, a unit) centred in `box`, without line breaking and so
// without the layout cache; recorded like drawText's with `box` as its box.
void drawLabel(UiContext& ctx, ImDrawList* dl, const TextBox& box, std::string_view text, FontRole role, Rgb col);
// A touch target: a rounded rectangle with a wrapped, centred label.
// `id` stays the same in every language (ImGui "###id"). Returns true when tapped.
bool touchButton(UiContext& ctx, const char* id, ImVec2 min, ImVec2 max, std::string_view label,
                 const ButtonStyle& style);
float lineHeight(const FontSet& fonts, FontRole role);
// A pictogram on its tile, `side` px square at `min`, recorded in the registry. A
// missing picture draws nothing: its label, always beside it, carries the meaning.
// `box` is where it must stay (its button); the screen when null.
void drawPictogram(UiContext& ctx, ImDrawList* dl, std::string_view name, ImVec2 min, float side,
                   const TextBox* box = nullptr);
// Whether `name` can be drawn (null and missing pictures cannot).
bool hasPictogram(const UiContext& ctx, const char* name);
// The width a button of `buttonWidth` leaves for its label, after its padding and
// its pictogram (when it has one that can be drawn). Layouts measure labels with it.
// The em a button's pictogram and padding are measured in (ButtonStyle::touchSizeChrome).
float buttonChromeEm(const UiContext& ctx, bool touchSizeChrome);
float buttonLabelWidth(const UiContext& ctx, float buttonWidth, const char* pictogram = nullptr,
                       bool touchSizeChrome = false);
// The widest word of `label` (words end at spaces) in the font of `role`.
float longestWordWidth(const UiContext& ctx, std::string_view label, FontRole role);
// Whether `label` beside the pictogram of `style` would have a word broken inside it
// that the button's whole width holds ("Schwangerschaft" in a rail tile): the
// pictogram then belongs above the label (ButtonStyle::pictogramAbove).
bool wordsNeedPictogramAbove(const UiContext& ctx, float buttonWidth, std::string_view label, const ButtonStyle& style);
// The height a button `buttonWidth` wide needs for its label, and for its pictogram
// where `style` puts it above the label; without the button's padding.
float buttonLabelHeight(UiContext& ctx, float buttonWidth, std::string_view label, const ButtonStyle& style);
// Draws a QR code with its quiet zone, always dark on white (also in high contrast,
// so phones can read it). Returns the side length in px.
float drawQrCode(ImDrawList* dl, const QrCode& code, ImVec2 pos, float modulePx);

}  // namespace mk::ui
