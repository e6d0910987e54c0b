#pragma once
#include "core/nurse/nurse_mode.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// The PIN pad behind the hidden long-press: large keys, dots for the digits typed,
// wrong-PIN and lockout messages, and Cancel back to the patient's start screen.
class PinScreen : public ScreenView {
 public:
  explicit PinScreen(NurseMode& nurse) : nurse_(nurse) {}
  void draw(UiContext& ctx) override;

 private:
  float drawDots(UiContext& ctx, float y);
  float drawMessage(UiContext& ctx, float y, float width);
  void drawKeys(UiContext& ctx, float top, float bottom);
  void press(UiContext& ctx, int key);

  NurseMode& nurse_;
};

}  // namespace mk::ui
