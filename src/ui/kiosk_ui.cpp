#include "ui/kiosk_ui.h"

#include <imgui_internal.h>
#include <malloc.h>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/base/log.h"
#include "core/base/unicode_text.h"
#include "ui/screens/attract_screen.h"
#include "ui/screens/brochure_screen.h"
#include "ui/screens/counselling_screen.h"
#include "ui/screens/idle_overlay.h"
#include "ui/screens/language_screen.h"
#include "ui/screens/medicine_screen.h"
#include "ui/screens/nurse_home_screen.h"
#include "ui/screens/nurse_language_screen.h"
#include "ui/screens/nurse_widgets.h"
#include "ui/screens/pin_screen.h"
#include "ui/screens/status_screen.h"
#include "ui/screens/summary_screen.h"
#include "ui/screens/unavailable_screen.h"

namespace mk::ui {

KioskUi::KioskUi(Kiosk& kiosk, ContentView& content, UiStrings& strings, Fonts& fonts, UiConfig config,
                 NurseMode* nurse)
    : kiosk_(kiosk),
      content_(content),
      strings_(strings),
      fonts_(fonts),
      config_(config),
      nurse_(nurse),
      coordinator_(kiosk, strings, nurse, config.nurseHoldMs) {
  IMGUI_CHECKVERSION();
  imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk saves no layout
  io.LogFilename = nullptr;
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  ImGui::GetStyle().WindowPadding = ImVec2(0, 0);
  ImGui::GetStyle().WindowBorderSize = 0;
  auto choices = offeredLanguages(content_, kiosk_.config());
  attract_ = std::make_unique<AttractScreen>(attractCycle(choices, kiosk_.config().defaultLocale), content_);
  language_ = std::make_unique<LanguageScreen>(std::move(choices));
  medicine_ = std::make_unique<MedicineScreen>(content_);
  brochure_ = std::make_unique<BrochureScreen>(content_);
  idle_ = std::make_unique<IdleOverlay>();
  unavailable_ = std::make_unique<UnavailableScreen>();
  if (nurse_) {
    pin_ = std::make_unique<PinScreen>(*nurse_);
    nurseHome_ = std::make_unique<NurseHomeScreen>(*nurse_, content_);
    nurseLanguage_ = std::make_unique<NurseLanguageScreen>(*nurse_, content_);
    counselling_ = std::make_unique<CounsellingScreen>(*nurse_, content_);
    summary_ = std::make_unique<SummaryScreen>(*nurse_, content_, coordinator_);
    status_ = std::make_unique<StatusScreen>(*nurse_, content_);
  }
}

void KioskUi::nurseCorner(ImVec2& min, ImVec2& max) const {
  float side = std::max(fontSet_.em, 16.0f) * 3.0f;
  min = ImVec2(0, 0);
  max = ImVec2(side, side);
}

CornerHold KioskUi::cornerHold() const {
  float x = 0, y = 0;
  std::int64_t since = 0;
  if (!input_.recognizer().holding(x, y, since)) return {};
  ImVec2 a, b;
  nurseCorner(a, b);
  return {x >= a.x && y >= a.y && x < b.x && y < b.y, since};
}

KioskUi::~KioskUi() { ImGui::DestroyContext(imgui_); }

void KioskUi::setReadAloud(ReadAloud* reader) {
  coordinator_.setReadAloud(reader);
  brochure_->setReadAloud(reader);
}

void KioskUi::setRenderer(Renderer* renderer) {
  renderer_ = renderer;
  if (config_.pictures) config_.pictures->setRenderer(renderer);
  fontEm_ = 0;  // the texture must be uploaded to this renderer
}

float KioskUi::dpi() const {
  // A measured DPI wins: the diagonal cannot know a screen that is not 16:9 filled.
  if (config_.dpi > 0) return config_.dpi;
  float diagonalPx = std::sqrt(size_.x * size_.x + size_.y * size_.y);
  return diagonalPx / std::max(1.0f, config_.screenDiagonalInches);
}

std::vector<std::string> KioskUi::textsForAtlas(std::vector<std::string>& titleTexts) {
  // The content's characters as its build recorded them; an older database has no
  // such record, and then every text is read (slower with many medicines).
  std::vector<std::string> texts{content_.characters()};
  if (texts.front().empty() && content_.available()) {
    log::warn("fonts",
              "the content database lists no characters (built by an older medkiosk-content): "
              "reading every text for the font atlas");
    texts = content_.allTexts();
  }
  std::string saved = strings_.locale();
  std::vector<std::string> keys = strings_.rootKeys();
  for (const auto& choice : language_->choices()) {
    texts.push_back(choice.name);
    strings_.setLocale(choice.locale);
    for (const auto& k : keys) texts.push_back(strings_.get(k));
    for (const char* k :
         {"attract.greeting", "attract.touch_to_start", "language.title", "medicine.title", "idle.title"})
      titleTexts.push_back(strings_.get(k));
  }
  strings_.setLocale(saved);
  for (const auto& m : content_.medicines()) titleTexts.push_back(m.name + m.brand);
  return texts;
}

void KioskUi::ensureFonts(int textSize, float width, float height) {
  size_ = ImVec2(width, height);
  float em = std::round(emForTextSize(textSize, dpi()));
  if (em == fontEm_) return;
  std::vector<std::string> titles;
  std::vector<std::string> texts = textsForAtlas(titles);
  ImGuiIO& io = ImGui::GetIO();
  fontSet_ = fonts_.build(*io.Fonts, em, texts, titles);
  if (renderer_) renderer_->uploadFontAtlas(*io.Fonts);
  text_.clear();
  fontEm_ = em;
}

ScreenView* KioskUi::currentScreen() {
  if (!content_.available() || content_.medicines().empty()) return unavailable_.get();
  switch (kiosk_.session().screen) {
    case Screen::Attract:
      return attract_.get();
    case Screen::Language:
      return language_.get();
    case Screen::Medicine:
      return medicine_.get();
    case Screen::Brochure:
      return brochure_.get();
    case Screen::Pin:
      return pin_ ? static_cast<ScreenView*>(pin_.get()) : attract_.get();
    case Screen::NurseHome:
      return nurseHome_ ? static_cast<ScreenView*>(nurseHome_.get()) : attract_.get();
    case Screen::NurseLanguage:
      return nurseLanguage_ ? static_cast<ScreenView*>(nurseLanguage_.get()) : attract_.get();
    case Screen::Counselling:
      return counselling_ ? static_cast<ScreenView*>(counselling_.get()) : attract_.get();
    case Screen::Summary:
      return summary_ ? static_cast<ScreenView*>(summary_.get()) : attract_.get();
    case Screen::Status:
      return status_ ? static_cast<ScreenView*>(status_.get()) : attract_.get();
  }
  return attract_.get();
}

std::vector<ScreenView*> KioskUi::allScreens() {
  std::vector<ScreenView*> all = {attract_.get(),     language_.get(), medicine_.get(),  brochure_.get(),
                                  unavailable_.get(), pin_.get(),      nurseHome_.get(), nurseLanguage_.get(),
                                  counselling_.get(), summary_.get(),  status_.get()};
  std::erase(all, nullptr);
  return all;
}

void KioskUi::handleGestures(const std::vector<GestureEvent>& gestures, std::int64_t nowMs) {
  if (gestures.empty()) return;
  UiContext ctx = context(nowMs, kiosk_.session().locale);
  for (const auto& g : gestures)
    if (!coordinator_.noteGesture(g.kind == GestureEvent::Kind::Press, nowMs)) currentScreen()->onGesture(ctx, g);
}

UiContext KioskUi::context(std::int64_t nowMs, const std::string& locale) {
  bool high = kiosk_.session().highContrast;
  UiContext ctx{kiosk_, strings_,    fontSet_, high ? highContrastPalette() : normalPalette(), text_, registry_, nowMs,
                size_,  fontSet_.em, locale};
  ctx.pictures = config_.pictures;
  ctx.highContrast = high;
  ctx.touchEm = std::round(emForTextSize(1, dpi()));
  return ctx;
}

bool KioskUi::frame(std::int64_t nowMs) {
  bool busy = false;
  const bool available = content_.available();
  try {
    busy = drawFrame(nowMs);
    // Content found damaged while drawing (a medicine's texts failed their check):
    // the next frame, at once, is the 'information unavailable' screen.
    busy = busy || (available && !content_.available());
  } catch (...) {
    abandonImGuiFrame();
    throw;
  }
  // Saving a record or exporting runs here, after the frame, never while drawing.
  return coordinator_.afterFrame() || busy;
}

void KioskUi::abandonImGuiFrame() {
  // A frame that threw between NewFrame() and Render() leaves windows open and the
  // atlas locked; the next NewFrame() would assert. Close what is open, end the frame.
  ImGuiContext& g = *GImGui;
  if (!g.WithinFrameScope) return;
  ImGui::ErrorCheckEndFrameRecover(nullptr, nullptr);
  ImGui::EndFrame();
}

void KioskUi::startSession() {
  sessionSeen_ = kiosk_.sessionNumber();
  text_.clear();  // the next patient's languages are laid out afresh
  for (ScreenView* screen : allScreens()) screen->onNewSession();
  // Hand the last session's freed memory (font atlas of another text size, laid-out
  // text, audio) back to the system, so the kiosk at rest stays the same size.
  malloc_trim(0);
  input_.reset();
  coordinator_.pointerReleased();
}

void KioskUi::useLocale(const std::string& locale) {
  if (locale != textLocale_) {
    // Another language on screen: what was laid out and the line breaker of the last
    // one are not needed until a patient chooses it again.
    text_.clear();
    textLocale_ = locale;
  }
  strings_.setLocale(locale);
}

void KioskUi::keepShownContent() {
  const Session& s = kiosk_.session();
  if (s.medicine == keptMedicine_ && s.locale == keptLocale_) return;
  content_.keepOnly(s.medicine, s.locale);
  keptMedicine_ = s.medicine;
  keptLocale_ = s.locale;
}

bool KioskUi::drawFrame(std::int64_t nowMs) {
  kiosk_.tick(nowMs);
  text_.trim();
  if (kiosk_.sessionNumber() != sessionSeen_) startSession();
  coordinator_.step(nowMs, cornerHold());
  float w = renderer_ ? static_cast<float>(renderer_->width()) : size_.x;
  float h = renderer_ ? static_cast<float>(renderer_->height()) : size_.y;
  ensureFonts(coordinator_.textSizeOnScreen(), w, h);
  std::string locale = coordinator_.screenLocale();
  useLocale(locale);
  keepShownContent();
  double dt = lastFrameMs_ < 0 ? 1.0 / 60 : static_cast<double>(nowMs - lastFrameMs_) / 1000.0;
  lastFrameMs_ = nowMs;
  // Both scrollers move every frame, whichever of them is animating.
  bool brochureMoving = kiosk_.session().scroll.step(dt);
  bool languagesMoving = kiosk_.session().languageScroll.step(dt);
  bool animating = brochureMoving || languagesMoving;

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size_;
  io.DeltaTime = static_cast<float>(std::max(dt, 1e-4));
  input_.applyToImGui(io);
  if (coordinator_.swallowing()) {
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
    if (!input_.recognizer().isDown()) coordinator_.pointerReleased();
  }
  ImGui::NewFrame();
  registry_.clear();
  UiContext ctx = context(nowMs, locale);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size_);
  ImGui::Begin("###kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (faultHook_) faultHook_();
  bool overlay = kiosk_.session().idleWarning;
  if (overlay) ImGui::BeginDisabled();
  currentScreen()->draw(ctx);
  if (overlay) {
    ImGui::EndDisabled();
    idle_->draw(ctx);
  }
  ImGui::End();
  ImGui::Render();
  Rgb bg = currentScreen()->background(ctx.palette);
  if (renderer_ && rasterize_) renderer_->render(*ImGui::GetDrawData(), (bg.r << 16) | (bg.g << 8) | bg.b);
  return animating || input_.pending();
}

std::int64_t KioskUi::nextWake(std::int64_t nowMs) const {
  std::int64_t a = coordinator_.nextDeadline(nowMs, cornerHold());
  std::int64_t b = input_.nextDeadline();
  if (a < 0) return b;
  if (b < 0) return a;
  return std::min(a, b);
}

namespace {
std::string describeCharacters(const std::u32string& chars) {
  std::string out;
  for (char32_t c : chars) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    out += (out.empty() ? "" : ", ") + unicode::fromCodePoint(c) + " (" + code + ")";
  }
  return out;
}
}  // namespace

std::vector<std::string> KioskUi::missingGlyphReport() {
  std::vector<std::string> report;
  std::vector<std::string> titles;
  for (const auto& t : textsForAtlas(titles)) {
    for (ImFont* f : {fontSet_.body, fontSet_.bold, fontSet_.heading}) {
      std::u32string missing = missingGlyphs(*f, t);
      if (!missing.empty()) {
        // The characters themselves: the first text is the content's whole character
        // record, whose opening says nothing about which one is missing.
        report.push_back(describeCharacters(missing) + " in: " + t.substr(0, 60));
        break;
      }
    }
  }
  for (const auto& t : titles)
    if (!missingGlyphs(*fontSet_.title, t).empty()) report.push_back("title: " + t.substr(0, 60));
  return report;
}

}  // namespace mk::ui
