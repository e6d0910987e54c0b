#pragma once
#include "core/nurse/nurse_mode.h"
#include "ui/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// One counselling point in large type: the patient's language on top, the nurse's
// beneath when it differs; "Understood" and "Explain again", back and forward, and
// "point 3 of 9".
class CounsellingScreen : public ScreenView {
 public:
  CounsellingScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  const CounsellingPoint* point(const std::string& locale, std::string& shownLocale);
  float drawPoint(UiContext& ctx, const CounsellingPoint& p, const std::string& locale, float y, float bottom,
                  bool patient);
  struct ButtonHeights {
    float confirm = 0, move = 0;
  };
  ButtonHeights buttonHeights(UiContext& ctx);
  void drawButtons(UiContext& ctx, float top, const ButtonHeights& heights);
  std::string bothLanguages(UiContext& ctx, const std::string& key);

  NurseMode& nurse_;
  ContentView& content_;
};

}  // namespace mk::ui
