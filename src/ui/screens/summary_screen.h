#pragma once
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "core/session/session_coordinator.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// After the last point: every point, understood or not (tap one to go back to it),
// then "Save and finish"; once saved, the patient can read the brochure through
// the lens of their group, or the nurse logs out.
class SummaryScreen : public ScreenView {
 public:
  SummaryScreen(NurseMode& nurse, ContentView& content, SessionCoordinator& coordinator)
      : nurse_(nurse), content_(content), coordinator_(coordinator) {}
  void draw(UiContext& ctx) override;

 private:
  float drawPoints(UiContext& ctx, float y, float bottom);
  void drawActions(UiContext& ctx, float top);

  NurseMode& nurse_;
  ContentView& content_;
  SessionCoordinator& coordinator_;
};

}  // namespace mk::ui
