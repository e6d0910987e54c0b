#pragma once
// One class per screen; each draws with small draw...() methods.
#include "core/gesture.h"
#include "ui/ui_context.h"

namespace mk::ui {

class ScreenView {
 public:
  virtual ~ScreenView() = default;
  virtual void draw(UiContext& ctx) = 0;
  // Drags and flings that the screen may use (the brochure scrolls with them).
  virtual void onGesture(UiContext&, const GestureEvent&) {}
};

}  // namespace mk::ui
