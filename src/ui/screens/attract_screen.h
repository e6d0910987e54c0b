#pragma once
#include <string>
#include <vector>

#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// "Touch to start", cycling through the kiosk's languages, with the medicines on offer.
class AttractScreen : public ScreenView {
 public:
  // `cycleLocales`: the languages the invitation cycles through.
  AttractScreen(std::vector<std::string> cycleLocales, ContentView& content);
  void draw(UiContext& ctx) override;
  Rgb background(const Palette& p) const override { return p.accent; }
  const std::vector<std::string>& cycleLocales() const { return cycleLocales_; }

 private:
  void drawInvitation(UiContext& ctx, ImDrawList* dl, const std::string& locale);
  void drawMedicines(UiContext& ctx, ImDrawList* dl);
  // Expired content (within its grace period) says so before anyone touches it.
  void drawOutOfDate(UiContext& ctx, ImDrawList* dl);

  std::vector<std::string> cycleLocales_;
  ContentView& content_;
};

}  // namespace mk::ui
