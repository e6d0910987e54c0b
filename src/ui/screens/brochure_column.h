#pragma once
// The brochure section's header and footer, laid out down the text column. Each is
// laid out twice a frame: first only measured, so that the scroll range is final
// before anything is drawn, then drawn. One code path does both, so the measured
// height is always the drawn height.
#include <string_view>
#include <vector>

#include "core/layout/qr_code.h"
#include "ui/ui_context.h"

namespace mk::ui {

class SectionColumn {
 public:
  enum class Pass { Measure, Draw };
  SectionColumn(UiContext& ctx, ImVec2 origin, float width, Pass pass);
  float width() const { return width_; }
  // From the origin to the next free row; the same whatever the origin, so that
  // the column measured is the column drawn.
  float height() const { return y_; }
  void space(float ems);
  // Wrapped text, then `afterEms` of space.
  void text(std::string_view text, FontRole role, Rgb col, float afterEms = 0);
  // Text in a box of the badge colours (fallback language, review status).
  void note(std::string_view text);
  // Text in a box of the outdated colours with a thick bar down its left side, so that
  // it looks unlike the review badge in colour and in shape (an outdated translation).
  void outdatedNote(std::string_view text);
  // Text on a bar of the accent colour ("Important for you").
  void highlight(std::string_view text);
  // A button across the column; true when tapped (never while measuring, when no
  // target is registered).
  bool button(const char* id, std::string_view label);
  // A QR code with its quiet zone, at most `maxSide` px wide.
  void qrCode(const QrCode& code, float maxSide);
  // QR codes side by side where they fit at a readable size (else one under the
  // other), each with its label above and its address beneath.
  struct LabelledCode {
    std::string_view label;
    const QrCode* code;
    std::string_view url;
  };
  void labelledCodes(const std::vector<LabelledCode>& codes, float maxSide);
  // For drawings of their own (section_figures.h): where the next row starts, the
  // draw list (null while measuring), and moving on by `px`.
  ImVec2 cursor() const { return at(); }
  ImDrawList* drawList() const { return dl_; }
  void advance(float px) { y_ += px; }

 private:
  UiContext& ctx_;
  ImDrawList* dl_;  // null while measuring
  ImVec2 origin_;
  float width_;
  float y_ = 0;  // from the origin

  ImVec2 at(float dx = 0, float dy = 0) const { return ImVec2(origin_.x + dx, origin_.y + y_ + dy); }
};

}  // namespace mk::ui
