#pragma once
// Navigation and idle timing for one patient session, with time passed in by the
// caller (milliseconds on a monotonic clock) so tests can advance it freely.
// Everything the idle reset must clear lives in Session.
#include <cstdint>
#include <string>
#include <vector>

#include "core/session/scroll.h"

namespace mk {
class Metrics;
struct NursePinMetrics;
}  // namespace mk

namespace mk {

enum class Screen {
  Attract,
  Language,
  Medicine,
  Brochure,
  // Nurse mode (PIN-protected).
  Pin,
  NurseHome,
  NurseLanguage,
  Counselling,
  Summary,
  Status
};

const char* toString(Screen screen);
bool isNurseScreen(Screen screen);

// After a counselling walk-through, the brochure highlights what matters for the
// patient's group: whole sections (heading 0) or one '###' heading of a section.
struct BrochureLens {
  std::string category;
  std::vector<std::pair<std::string, int>> anchors;  // (section id, heading) in walk-through order
  bool empty() const { return anchors.empty(); }
  bool covers(const std::string& section) const;
  // 1-based headings of `section` to highlight; {0} for the whole section.
  std::vector<int> headings(const std::string& section) const;
  // True the first time a covered section is opened in this session (it then opens
  // at its first marked part); false after that, and for sections not covered.
  bool firstOpening(const std::string& section);

 private:
  std::vector<std::string> opened_;  // covered sections already opened
};

struct KioskConfig {
  std::int64_t idleTimeoutMs = 90'000;  // 0 turns the idle reset off
  std::int64_t countdownMs = 30'000;    // at least 20 s to continue
  std::int64_t attractCycleMs = 4'000;  // attract screen language rotation
  int defaultTextSize = 1;              // 1..3
  std::string defaultLocale = "en";
  std::string country;                      // ISO 3166 code, may be empty
  std::vector<std::string> offeredLocales;  // [kiosk] locales; empty: every locale with content
};

struct Session {
  Screen screen = Screen::Attract;
  std::string locale;
  std::string medicine;
  std::string section = "purpose";
  int textSize = 1;
  bool highContrast = false;
  bool sectionMenuOpen = false;  // the compact rail's list of sections
  // Text size and contrast, where the toolbar has no room for them (large text in
  // portrait): a panel opened from one "Text size" button.
  bool displayMenuOpen = false;
  // The birth-defect banner, once seen in full on the first section, shows its first
  // sentence only; a tap on it shows it whole again.
  bool warningCompact = false;
  int volumeStep = 3;            // read-aloud volume, 1..4
  KineticScroll scroll;          // brochure section text
  KineticScroll languageScroll;  // language list
  bool idleWarning = false;
  std::int64_t idleWarningSince = 0;
  std::string viewCounted;  // "locale/section" last counted as a section view
  BrochureLens lens;
};

class Kiosk {
 public:
  Kiosk(KioskConfig config, std::vector<std::string> medicines, std::int64_t nowMs);

  // Any input from the patient; dismisses the idle warning.
  void noteInput(std::int64_t nowMs);
  void start(std::int64_t nowMs);  // Attract -> Language
  void chooseLanguage(const std::string& locale, std::int64_t nowMs);
  void chooseMedicine(const std::string& medicine, std::int64_t nowMs);
  void chooseSection(const std::string& section, std::int64_t nowMs);
  void changeLanguage(std::int64_t nowMs);  // back to the Language screen
  // The Language screen's way back, choosing nothing: to the brochure it was opened
  // from, as it was, or to Attract when no medicine has been shown yet.
  void leaveLanguageChoice(std::int64_t nowMs);
  // The two panels over the text exclude each other: opening one closes the other.
  void setSectionMenuOpen(bool open, std::int64_t nowMs);
  void setDisplayMenuOpen(bool open, std::int64_t nowMs);
  void setWarningCompact(bool compact, std::int64_t nowMs);
  void setVolumeStep(int step, std::int64_t nowMs);
  void setTextSize(int size, std::int64_t nowMs);
  void setHighContrast(bool on, std::int64_t nowMs);
  void goHome(std::int64_t nowMs);                     // clears everything
  void showScreen(Screen screen, std::int64_t nowMs);  // nurse mode's screens
  // The patient continues alone in the brochure, with the lens of their group; it
  // opens at the first highlighted section.
  void openBrochureWithLens(const std::string& locale, const std::string& medicine, BrochureLens lens,
                            std::int64_t nowMs);
  // Advances timers; returns true if what is on screen changed. Time that goes
  // backwards (a clock that is not monotonic after all) restarts the idle timing from
  // now, and a jump forward of more than an hour counts as idle; both are logged.
  bool tick(std::int64_t nowMs);
  // The next time tick() would change something, for the loop's wait; -1 if none.
  std::int64_t nextDeadline(std::int64_t nowMs) const;

  int countdownSecondsLeft(std::int64_t nowMs) const;
  std::size_t attractCycleIndex(std::int64_t nowMs, std::size_t count) const;
  // How many language cycles the attract screen has shown since it appeared.
  std::int64_t attractStep(std::int64_t nowMs) const;
  const Session& session() const { return session_; }
  Session& session() { return session_; }
  const KioskConfig& config() const { return config_; }
  const std::vector<std::string>& medicines() const { return medicines_; }
  // Incremented by every reset, so the UI can drop per-session caches.
  std::uint64_t sessionNumber() const { return sessionNumber_; }
  // Fleet counts (sessions, section views); may be null. Not owned.
  void setMetrics(Metrics* metrics) { metrics_ = metrics; }
  // The patient started reading aloud (play or restart), in the language being read.
  void noteReadAloud(const std::string& locale, std::int64_t nowMs);
  // Nurse mode finished a counselling walk-through (woman_cbp, woman_ncbp or man).
  void noteWalkthroughCompleted(const std::string& category);
  // The nurse pad's wrong-PIN counters changed (or were first read).
  void noteNursePins(const NursePinMetrics& pins);

 private:
  void reset(std::int64_t nowMs);
  void noticeClockJump(std::int64_t nowMs);
  void countSectionView();

  KioskConfig config_;
  std::vector<std::string> medicines_;
  Session session_;
  std::int64_t lastInput_ = 0;
  std::int64_t attractSince_ = 0;
  std::int64_t lastTick_ = 0;
  std::uint64_t sessionNumber_ = 0;
  Metrics* metrics_ = nullptr;
};

}  // namespace mk
