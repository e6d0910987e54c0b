#pragma once
#include "core/nurse/nurse_mode.h"
#include "ui/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// After the last point: every point, understood or not (tap one to go back to it),
// then "Save and finish"; once saved, the patient can read the brochure through
// the lens of their group, or the nurse logs out.
class SummaryScreen : public ScreenView {
 public:
  SummaryScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  float drawPoints(UiContext& ctx, float y, float bottom);
  void drawActions(UiContext& ctx, float top);
  void openBrochure(UiContext& ctx);

  NurseMode& nurse_;
  ContentView& content_;
};

}  // namespace mk::ui
