#pragma once
#include <string>

#include "core/layout/qr_code.h"
#include "core/speech/speech.h"
#include "ui/content_view.h"
#include "ui/document.h"
#include "ui/screens/screen.h"

namespace mk::ui {

// The brochure: title bar, the birth-defect banner (always visible), the section
// rail, the scrolling section text and the toolbar (home, language, text size,
// contrast).
class BrochureScreen : public ScreenView {
 public:
  explicit BrochureScreen(ContentView& content) : content_(content) {}
  void setReadAloud(ReadAloud* reader) { reader_ = reader; }
  // The section as the paragraphs read aloud: its title, then each block.
  std::vector<std::string> paragraphsToRead(UiContext& ctx);
  void draw(UiContext& ctx) override;
  void onGesture(UiContext& ctx, const GestureEvent& g) override;
  void onNewSession() override;

  struct Regions {
    ImVec2 titleMin, titleMax, bannerMin, bannerMax, railMin, railMax, contentMin, contentMax, toolbarMin, toolbarMax;
    int railColumns = 1;
    float railButtonHeight = 0;
    bool compactRail = false;                            // portrait with large text: prev / sections / next
    std::vector<std::pair<ImVec2, ImVec2>> readButtons;  // the read-aloud controls
  };

 private:
  Regions layoutRegions(UiContext& ctx, const LoadedBrochure& b);
  void drawTitleBar(UiContext& ctx, const LoadedBrochure& b, const Regions& r);
  void drawBanner(UiContext& ctx, const LoadedBrochure& b, const Regions& r);
  void drawRail(UiContext& ctx, const Regions& r);
  void drawCompactRail(UiContext& ctx, const Regions& r);
  void drawSectionMenu(UiContext& ctx, const Regions& r);
  void drawContent(UiContext& ctx, const LoadedBrochure& b, const Regions& r);
  float drawSectionHeader(UiContext& ctx, const ShownSection& s, ImVec2 origin, float width);
  float drawNote(UiContext& ctx, const std::string& text, ImVec2 origin, float width);
  float drawSectionFooter(UiContext& ctx, const LoadedBrochure& b, const Section& s, ImVec2 origin, float width);
  void drawToolbar(UiContext& ctx, const Regions& r);
  void drawReadAloudBar(UiContext& ctx, const Regions& r);
  // Places the read-aloud buttons from `origin`; returns the bottom edge.
  float layoutReadButtons(UiContext& ctx, Regions& r, ImVec2 origin, float width);
  void useCompactRail(UiContext& ctx, Regions& r);
  float toolbarHeight(UiContext& ctx, float width);
  float railLabelHeight(UiContext& ctx, float cellWidth);
  const DocLayout& sectionLayout(UiContext& ctx, const ShownSection& s, float width);
  float drawTakeHome(UiContext& ctx, const LoadedBrochure& b, ImVec2 origin, float width);
  void jumpToLens(UiContext& ctx, const DocLayout& doc, const std::vector<bool>& marked,
                  const std::vector<Block>& blocks);
  void drawLensMark(UiContext& ctx, ImVec2 a, ImVec2 z);

  ContentView& content_;
  ReadAloud* reader_ = nullptr;
  std::string readLocale_;
  ImVec2 contentMin_, contentMax_;  // for routing drags
  std::string layoutKey_;
  DocLayout layout_;
  float headerHeight_ = 0;
  float footerHeight_ = 0;
  std::string qrUrl_;
  std::optional<QrCode> qr_;
  std::uint64_t lensSession_ = 0;
  std::vector<std::string> lensShown_;  // sections of this session already opened at the lens
};

}  // namespace mk::ui
