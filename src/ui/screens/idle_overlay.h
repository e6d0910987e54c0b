#pragma once
#include "ui/screens/screen.h"

namespace mk::ui {

// The idle warning over any screen: a countdown of at least 20 s and a big
// "Continue" button. Any touch continues.
class IdleOverlay : public ScreenView {
 public:
  void draw(UiContext& ctx) override;
};

}  // namespace mk::ui
