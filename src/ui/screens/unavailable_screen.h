#pragma once
#include "ui/screens/screen.h"

namespace mk::ui {

// Shown instead of everything else when no usable content database could be opened:
// never a blank or broken page, and nothing to touch that leads nowhere.
class UnavailableScreen : public ScreenView {
 public:
  void draw(UiContext& ctx) override;
};

}  // namespace mk::ui
