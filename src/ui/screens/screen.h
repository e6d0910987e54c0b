#pragma once
// One class per screen; each draws with small draw...() methods.
#include "core/session/gesture.h"
#include "ui/ui_context.h"

namespace mk::ui {

class ScreenView {
 public:
  virtual ~ScreenView() = default;
  virtual void draw(UiContext& ctx) = 0;
  // The colour the frame is cleared to. Painting it again as a full-screen
  // rectangle would cost a whole extra pass in the software renderer.
  virtual Rgb background(const Palette& p) const { return p.background; }
  // Drags and flings that the screen may use (the brochure scrolls with them).
  virtual void onGesture(UiContext&, const GestureEvent&) {}
  // A new patient: forget everything kept for the last one (caches included).
  virtual void onNewSession() {}
};

}  // namespace mk::ui
