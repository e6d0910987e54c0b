#pragma once
#include <string>
#include <string_view>

#include "core/layout/qr_code.h"
#include "core/session/content_view.h"
#include "core/speech/speech.h"
#include "ui/document.h"
#include "ui/screens/screen.h"

namespace mk::ui {

class SectionColumn;
struct ButtonStyle;

// A section's button in the rail or the section menu, `cellWidth` wide: its pictogram
// beside the label, or above it where beside it a word would break.
ButtonStyle railButtonStyle(const UiContext& ctx, std::string_view section, bool selected, float cellWidth);

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
  // Where the section's text was drawn in the last frame (for tests and the gallery).
  float readingHeight() const { return contentMax_.y - contentMin_.y; }
  ImVec2 contentMin() const { return contentMin_; }
  ImVec2 contentMax() const { return contentMax_; }
  void onNewSession() override;

  struct Regions {
    ImVec2 titleMin, titleMax, bannerMin, bannerMax, railMin, railMax, contentMin, contentMax, toolbarMin, toolbarMax;
    int railColumns = 1;
    float railButtonHeight = 0;
    bool compactRail = false;                            // portrait with large text: prev / sections / next
    bool toolbarPictures = true;                         // false where they would take a second row
    bool toolbarSmallPictures = false;                   // compact: at the size of text size 1, to fit
    bool toolbarPicturesAbove = false;                   // compact: above the labels, which need the width
    bool compactToolbar = false;                         // home, language, "text size" (large text, portrait)
    float toolbarRowHeight = 0;                          // the toolbar's buttons
    std::vector<float> toolbarCells;                     // the compact toolbar's button widths
    bool bannerBeside = false;                           // landscape, large text: the banner above the rail
    float toolbarHomeWidth = 0;                          // home, in one row
    float toolbarLanguageWidth = 0;                      // language, in one row
    std::vector<std::pair<ImVec2, ImVec2>> readButtons;  // the read-aloud controls
  };

 private:
  // brochure_screen.cpp: the frame, title bar and banner.
  static int sectionIndex(const std::string& id);
  void drawTitleBar(UiContext& ctx, const LoadedBrochure& b, const Regions& r);
  void drawBanner(UiContext& ctx, const LoadedBrochure& b, const Regions& r);

  // brochure_toolbar.cpp: the toolbar, or the compact toolbar and its display panel.
  void drawToolbar(UiContext& ctx, const Regions& r);
  void drawCompactToolbar(UiContext& ctx, const Regions& r);
  void drawDisplayMenu(UiContext& ctx, const Regions& r);
  float compactToolbarHeight(UiContext& ctx, float width, Regions& r);

  // brochure_layout.cpp: where each part of the screen goes.
  Regions layoutRegions(UiContext& ctx, const LoadedBrochure& b);
  void layoutPortrait(UiContext& ctx, Regions& r);
  void layoutLandscape(UiContext& ctx, Regions& r, const LoadedBrochure& b);
  // The landscape column from `top` (rail, read aloud) and the text from `textTop`.
  void layoutColumn(UiContext& ctx, Regions& r, float railW, float top, float textTop);
  void useCompactRail(UiContext& ctx, Regions& r);
  // Where the text gets less than kReadingShare of the height: the controls collapse.
  void compactPortrait(UiContext& ctx, Regions& r);
  float toolbarHeight(UiContext& ctx, float width, Regions& r);
  // How many read-aloud buttons are on screen: all while reading, else only "read aloud".
  std::size_t readButtonsShown() const;
  // The birth-defect warning as the banner shows it: whole, or its first sentence.
  const std::string& bannerText(UiContext& ctx, const LoadedBrochure& b);
  // Where the banner's text starts, after the warning sign.
  static float bannerTextInset(const UiContext& ctx);
  static float toolbarPictogramWidth(UiContext& ctx);
  float railLabelHeight(UiContext& ctx, float cellWidth);

  // brochure_rail.cpp: the section rail, or the compact rail and its section menu.
  void drawRail(UiContext& ctx, const Regions& r);
  void drawCompactRail(UiContext& ctx, const Regions& r);
  // The section menu over the text, or where it does not fit there (large text, the
  // whole warning, a small window) over the rail's row or column and the text together.
  void drawSectionMenu(UiContext& ctx, ImVec2 min, ImVec2 max);
  bool sectionMenuFits(UiContext& ctx, ImVec2 min, ImVec2 max);
  void drawLensMark(UiContext& ctx, ImVec2 a, ImVec2 z);

  // brochure_read_aloud.cpp: the read-aloud buttons.
  // Places the read-aloud buttons from `origin`; returns the bottom edge.
  float layoutReadButtons(UiContext& ctx, Regions& r, ImVec2 origin, float width);
  // What read-aloud button `i` wants of `width`: its longest label and the rest.
  float readButtonWidth(UiContext& ctx, std::size_t i, float width);
  void drawReadAloudBar(UiContext& ctx, const Regions& r);
  void pressReadButton(UiContext& ctx, std::string_view id);

  // brochure_content.cpp: the section text with its header and footer.
  void drawContent(UiContext& ctx, const LoadedBrochure& b, const Regions& r);
  void drawScrollIndicator(UiContext& ctx, const Regions& r);
  const DocLayout& sectionLayout(UiContext& ctx, const ShownSection& s, float width);
  // Header and footer lay themselves out down `col`, measured or drawn; each
  // returns its height.
  float sectionHeader(UiContext& ctx, const ShownSection& s, SectionColumn& col);
  float sectionFooter(UiContext& ctx, const LoadedBrochure& b, const Section& s, SectionColumn& col);
  void nextSectionButton(UiContext& ctx, const LoadedBrochure& b, const std::string& nextId, SectionColumn& col);
  void endOfBrochure(UiContext& ctx, const LoadedBrochure& b, SectionColumn& col);
  void takeHome(UiContext& ctx, const LoadedBrochure& b, SectionColumn& col);
  void jumpToLens(UiContext& ctx, float headerHeight, const DocLayout& doc, const std::vector<bool>& marked,
                  const std::vector<Block>& blocks);

  ContentView& content_;
  ReadAloud* reader_ = nullptr;
  std::string readLocale_;
  ImVec2 contentMin_, contentMax_;  // for routing drags
  std::string layoutKey_;
  DocLayout layout_;
  // The banner's first sentence, and the warning it was taken from.
  std::string compactWarning_, compactWarningOf_;
  // The take-home QR codes, encoded when their address changes.
  struct TakeHomeCode {
    std::string url;
    std::optional<QrCode> code;
  };
  TakeHomeCode emaCode_, leafletCode_;
  static const QrCode* takeHomeCode(TakeHomeCode& cache, const std::string& url);
};

}  // namespace mk::ui
