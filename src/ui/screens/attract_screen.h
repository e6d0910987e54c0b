#pragma once
#include <string>
#include <vector>

#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// The waiting room's screen: a greeting, a hand and "touch to start", and the medicines
// on offer, all in one language at a time, cycling through the kiosk's languages. The
// whole picture drifts a little at every change of language, so a panel left on all
// day does not burn in, without drawing frames in between.
class AttractScreen : public ScreenView {
 public:
  // `cycleLocales`: the languages the invitation cycles through.
  AttractScreen(std::vector<std::string> cycleLocales, ContentView& content);
  void draw(UiContext& ctx) override;
  Rgb background(const Palette& p) const override { return p.accent; }
  const std::vector<std::string>& cycleLocales() const { return cycleLocales_; }
  // Where the picture sits at cycle `step`, in em from the centre: a slow loop within
  // kDriftEm either way, never the same place twice in a row.
  static ImVec2 drift(std::int64_t step);
  static constexpr float kDriftEm = 1.5f;

 private:
  // The texts of one language: greeting, invitation, subtitle, "available" and the
  // medicines' titles.
  struct Texts {
    std::string greeting, invite, subtitle, available;
    std::vector<std::string> medicines;
  };
  Texts textsIn(UiContext& ctx, const std::string& locale);
  float stackHeight(UiContext& ctx, const Texts& t, float width);
  void drawStack(UiContext& ctx, ImDrawList* dl, const Texts& t, ImVec2 origin, float width);
  // Expired content (within its grace period) says so before anyone touches it.
  void drawOutOfDate(UiContext& ctx, ImDrawList* dl);

  std::vector<std::string> cycleLocales_;
  ContentView& content_;
};

}  // namespace mk::ui
