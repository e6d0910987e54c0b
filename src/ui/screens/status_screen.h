#pragma once
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// Content and status for the nurse: content version and date, languages, records
// kept and their retention, the application version; back to nurse mode's start.
class StatusScreen : public ScreenView {
 public:
  StatusScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  std::vector<std::string> lines(UiContext& ctx);

  NurseMode& nurse_;
  ContentView& content_;
};

}  // namespace mk::ui
