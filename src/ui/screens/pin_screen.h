#pragma once
#include "core/nurse/nurse_mode.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// Behind the hidden long-press, two steps (issue #14 item 7): the nurse taps their
// pseudonym, then types their PIN on a pad of large keys, with dots for the digits
// typed. While the PIN is checked (on a worker thread) the pad says so and its keys
// rest; wrong-PIN, lockout and "locked until tomorrow" messages; another name, and
// Cancel back to the patient's start screen.
class PinScreen : public ScreenView {
 public:
  explicit PinScreen(NurseMode& nurse) : nurse_(nurse) {}
  void draw(UiContext& ctx) override;

 private:
  void drawChooser(UiContext& ctx);
  void drawNames(UiContext& ctx, float top, float bottom);
  void drawPad(UiContext& ctx);
  float drawDots(UiContext& ctx, float y);
  std::string padMessage(UiContext& ctx);
  float drawMessage(UiContext& ctx, float y, float width, const std::string& text);
  void drawKeys(UiContext& ctx, float top, float bottom);
  void drawCancel(UiContext& ctx, float bottom, float height);
  void press(UiContext& ctx, int key);

  NurseMode& nurse_;
};

}  // namespace mk::ui
