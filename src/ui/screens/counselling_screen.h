#pragma once
#include <optional>
#include <string>
#include "core/nurse/nurse_mode.h"

#include "core/session/content_view.h"
#include "core/session/counselling_text.h"
#include "core/session/scroll.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// One counselling point: its title, the brochure's own blocks that state its rule and
// what the nurse asks, in the patient's language and, when it differs, in the
// nurse's (beneath in portrait, beside in landscape), scrolled by a drag when they
// do not fit; "Understood" and "Explain again", back and forward, and "point 3 of 9".
class CounsellingScreen : public ScreenView {
 public:
  CounsellingScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;
  void onGesture(UiContext& ctx, const GestureEvent& g) override;
  void onNewSession() override;

 private:
  // The point in one language: its title (and ask) in the first locale of the chain
  // that has counselling points, its blocks from the brochure as the patient reads it.
  struct Column {
    const CounsellingPoint* point = nullptr;
    std::string pointLocale;  // of the title and ask
    std::string uiLocale;     // of the notes (the patient's or the nurse's language)
    std::optional<CounsellingText> text;
  };
  Column column(const std::string& locale);
  const CounsellingPoint* point(const std::string& locale, std::string& shownLocale);
  // Measures one column at `origin`, or draws it there (`draw`); returns its height.
  float layColumn(UiContext& ctx, const Column& c, ImVec2 origin, float width, bool draw);
  // Both columns in [top, bottom], scrolled; the scroll range is set from their height.
  void drawPoint(UiContext& ctx, const Column& patient, const Column* nurse, float top, float bottom);
  void drawScrollIndicator(UiContext& ctx);
  struct ButtonHeights {
    float confirm = 0, move = 0;
  };
  ButtonHeights buttonHeights(UiContext& ctx);
  void drawButtons(UiContext& ctx, float top, const ButtonHeights& heights);
  std::string bothLanguages(UiContext& ctx, const std::string& key);

  NurseMode& nurse_;
  ContentView& content_;
  // The text's scroll: it belongs to one point in one pair of languages at one size
  // (scrollKey_) and starts at the top for any other. Drags only: no fling animation.
  KineticScroll scroll_;
  std::string scrollKey_;
  ImVec2 viewMin_, viewMax_;  // where the text was drawn, for drags starting in it
};

}  // namespace mk::ui
