#pragma once
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// Nurse mode's start: the patient's group, the patient's and the nurse's language,
// start the walk-through, export records, content and status, log out.
class NurseHomeScreen : public ScreenView {
 public:
  NurseHomeScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  float drawCategories(UiContext& ctx, float x, float y, float width);
  float drawLanguageLine(UiContext& ctx, float x, float y, float width, bool patient);
  float drawActions(UiContext& ctx, float x, float y, float width);
  void start(UiContext& ctx);

  NurseMode& nurse_;
  ContentView& content_;
};

}  // namespace mk::ui
