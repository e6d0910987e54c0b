#pragma once
// The UI root: owns the ImGui context, fonts, screens and per-frame registry, and
// turns one step of core state into one drawn frame. The window loop, screenshots
// and replays all drive it through the same frame() call.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/i18n/ui_strings.h"
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "core/session/kiosk_state.h"
#include "core/session/session_coordinator.h"
#include "core/speech/speech.h"
#include "ui/fonts.h"
#include "ui/input.h"
#include "ui/pictures.h"
#include "ui/renderer.h"
#include "ui/ui_context.h"

struct ImGuiContext;

namespace mk::ui {

class AttractScreen;
class LanguageScreen;
class MedicineScreen;
class BrochureScreen;
class IdleOverlay;
class UnavailableScreen;
class PinScreen;
class NurseHomeScreen;
class NurseLanguageScreen;
class CounsellingScreen;
class SummaryScreen;
class StatusScreen;
class ScreenView;

struct UiConfig {
  float screenDiagonalInches = 21.5f;  // physical size, for mm-based sizes
  float dpi = 0;                       // measured pixels per inch; 0: from the diagonal
  std::int64_t nurseHoldMs = 3'000;    // the hidden long-press that opens the PIN pad
  Pictures* pictures = nullptr;        // pictograms (not owned); none: labels alone
};

class KioskUi {
 public:
  // `nurse` may be null: no nurse mode.
  KioskUi(Kiosk& kiosk, ContentView& content, UiStrings& strings, Fonts& fonts, UiConfig config,
          NurseMode* nurse = nullptr);
  ~KioskUi();
  KioskUi(const KioskUi&) = delete;
  KioskUi& operator=(const KioskUi&) = delete;

  void setRenderer(Renderer* renderer);
  // When false, frames are built (ImGui, layout, all UI logic) but not rasterised:
  // the random-touch run draws pixels only now and then to stay fast.
  void setRasterize(bool on) { rasterize_ = on; }
  Renderer* renderer() const { return renderer_; }
  // Read aloud (may be null: no speech). Not owned.
  void setReadAloud(ReadAloud* reader);
  PointerInput& input() { return input_; }
  void handleGestures(const std::vector<GestureEvent>& gestures, std::int64_t nowMs);
  // Steps core, draws one frame and renders it. Returns true when another frame is
  // wanted right away (animation, fling, queued input). A frame that throws is
  // closed cleanly before the exception leaves, so the next frame can run.
  bool frame(std::int64_t nowMs);
  // Called in the middle of every frame (inside the ImGui frame); tests make frames
  // fail through it. Empty by default.
  void setFrameFaultHook(std::function<void()> hook) { faultHook_ = std::move(hook); }
  // When the loop must wake next even without input; -1 for never.
  std::int64_t nextWake(std::int64_t nowMs) const;

  const FrameRegistry& registry() const { return registry_; }
  const FontSet& fontSet() const { return fontSet_; }
  float dpi() const;
  // Every string the kiosk can show with a character the atlas lacks, as
  // "locale: text" lines. Empty when every glyph is present.
  std::vector<std::string> missingGlyphReport();
  const LanguageScreen& languageScreen() const { return *language_; }
  const BrochureScreen& brochureScreen() const { return *brochure_; }
  // The UI strings, in the language of the last frame drawn.
  UiStrings& strings() { return strings_; }
  // The fixed corner a finger must rest on for nurseHoldMs to open the PIN pad.
  void nurseCorner(ImVec2& min, ImVec2& max) const;

 private:
  bool drawFrame(std::int64_t nowMs);
  void startSession();  // a new patient: nothing laid out or remembered for the last one
  void useLocale(const std::string& locale);
  // Keeps only the session's brochure (its medicine, in its language's chain) loaded,
  // dropping the rest between frames when that changes.
  void keepShownContent();
  UiContext context(std::int64_t nowMs, const std::string& locale);
  // The finger resting in the nurse corner, if any, for the coordinator.
  CornerHold cornerHold() const;
  void abandonImGuiFrame();
  void ensureFonts(int textSize, float width, float height);
  std::vector<std::string> textsForAtlas(std::vector<std::string>& titleTexts);
  ScreenView* currentScreen();
  // Every screen that exists (the nurse screens only with nurse mode).
  std::vector<ScreenView*> allScreens();

  Kiosk& kiosk_;
  ContentView& content_;
  UiStrings& strings_;
  Fonts& fonts_;
  UiConfig config_;
  Renderer* renderer_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  PointerInput input_;
  TextCache text_;
  std::string textLocale_;                 // the language text_ holds
  std::string keptMedicine_, keptLocale_;  // the session's, when content_ last dropped the rest
  FrameRegistry registry_;
  FontSet fontSet_;
  float fontEm_ = 0;
  ImVec2 size_{1080, 1920};
  std::int64_t lastFrameMs_ = -1;
  std::uint64_t sessionSeen_ = 0;
  std::function<void()> faultHook_;
  bool rasterize_ = true;
  NurseMode* nurse_ = nullptr;
  SessionCoordinator coordinator_;
  std::unique_ptr<AttractScreen> attract_;
  std::unique_ptr<LanguageScreen> language_;
  std::unique_ptr<MedicineScreen> medicine_;
  std::unique_ptr<BrochureScreen> brochure_;
  std::unique_ptr<IdleOverlay> idle_;
  std::unique_ptr<UnavailableScreen> unavailable_;
  std::unique_ptr<PinScreen> pin_;
  std::unique_ptr<NurseHomeScreen> nurseHome_;
  std::unique_ptr<NurseLanguageScreen> nurseLanguage_;
  std::unique_ptr<CounsellingScreen> counselling_;
  std::unique_ptr<SummaryScreen> summary_;
  std::unique_ptr<StatusScreen> status_;
};

}  // namespace mk::ui
