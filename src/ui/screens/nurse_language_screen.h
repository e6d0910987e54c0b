#pragma once
#include <string>
#include <vector>

#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// Every language with counselling points, each named in itself, for the patient's
// or the nurse's language.
class NurseLanguageScreen : public ScreenView {
 public:
  NurseLanguageScreen(NurseMode& nurse, ContentView& content) : nurse_(nurse), content_(content) {}
  void draw(UiContext& ctx) override;

 private:
  struct List {
    std::string medicine, uiLocale;
    std::vector<std::string> locales, names;
    std::vector<std::size_t> order;
  };
  const List& languages(const std::string& medicine, const std::string& uiLocale);

  NurseMode& nurse_;
  ContentView& content_;
  List list_;
};

}  // namespace mk::ui
