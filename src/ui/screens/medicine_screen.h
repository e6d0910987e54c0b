#pragma once
#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// Choose a medicine; skipped by the navigation when only one is on offer.
class MedicineScreen : public ScreenView {
 public:
  explicit MedicineScreen(ContentView& content) : content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  ContentView& content_;
};

}  // namespace mk::ui
