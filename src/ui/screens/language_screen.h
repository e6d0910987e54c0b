#pragma once
#include <string>
#include <vector>

#include "core/session/language_offer.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// The member state's languages first, then every other language with content,
// each by its own name, never a flag.
class LanguageScreen : public ScreenView {
 public:
  explicit LanguageScreen(std::vector<LanguageChoice> choices) : choices_(std::move(choices)) {}
  void draw(UiContext& ctx) override;
  void onGesture(UiContext& ctx, const GestureEvent& g) override;
  const std::vector<LanguageChoice>& choices() const { return choices_; }

 private:
  float drawTitleBar(UiContext& ctx, ImDrawList* dl);  // returns its height
  float drawGroup(UiContext& ctx, float y, bool ofCountry, const std::string& heading);
  // Keeps the member state's languages first, in their configured order, and sorts
  // the others with a collator for the language now on screen.
  void sortFor(const std::string& locale);

  std::vector<LanguageChoice> choices_;
  std::string sortedFor_;
  ImVec2 listMin_, listMax_;
  float contentHeight_ = 0;
};

}  // namespace mk::ui
