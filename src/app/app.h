#pragma once
// Wires core and ui together for every mode: settings, content, strings, fonts,
// navigation and the UI root.
#include <memory>
#include <string>

#include "app/cli.h"
#include "core/base/paths.h"
#include "core/content/content_db.h"
#include "core/content/content_store.h"
#include "core/i18n/ui_strings.h"
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "core/session/kiosk_state.h"
#include "core/speech/speech.h"
#include "core/system/config.h"
#include "core/system/metrics.h"
#include "ui/fonts.h"
#include "ui/kiosk_ui.h"

namespace mk::app {

// Start-up costs, for the benchmark.
struct StartupTimes {
  double contentOpenMs = 0;  // opening and checking the content database
  double firstQueryMs = 0;   // the first query: the list of medicines
};

class App {
 public:
  // Throws std::runtime_error for what cannot be worked around (no UI strings).
  App(const Options& options, const std::string& argv0, std::int64_t nowMs);
  ~App();

  Kiosk& kiosk() { return *kiosk_; }
  ui::KioskUi& ui() { return *ui_; }
  ContentView& content() { return *view_; }
  NurseMode& nurse() { return *nurse_; }
  const KioskSettings& settings() const { return settings_; }
  const DataPaths& paths() const { return paths_; }
  const StartupTimes& startupTimes() const { return times_; }
  const ui::Fonts& fonts() const { return *fonts_; }
  // Read aloud through the sound card (the window); headless modes keep a silent
  // memory sink so that everything else behaves the same.
  void enableAudio();
  ReadAloud* readAloud() { return reader_.get(); }
  PcmSink* audioSink() { return sink_.get(); }
  // Fleet metrics for the running kiosk (not for screenshots or replays): counts
  // this start and writes the textfile. Null when [metrics] textfile is off.
  void enableMetrics(std::int64_t wallSeconds);
  Metrics* metrics() { return metrics_.get(); }

  // Called by the loop on every pass. While the Attract screen is showing (and at
  // most every few seconds) it looks for newer or repaired content: an installed
  // update, or any content at all while none is usable. Switches to it without a
  // restart and returns true when it did (the UI was rebuilt: redraw).
  bool pollContent(std::int64_t nowMs);
  // Where the open content came from: "update", "previous update", "shipped",
  // "command line", or "" when none is usable.
  const std::string& contentOrigin() const { return origin_; }

 private:
  void openContent();
  void openPictures();
  void checkPictures();
  // Takes the expiry state of newly opened content (the notice, the metrics, when to
  // look again) and logs it.
  void noteExpiry(const OpenedContent& c);
  void applyExpiry();
  void buildUi(std::int64_t nowMs);
  void wireMetrics();

  KioskSettings settings_;
  std::string configuredLocale_;
  StartupTimes times_;
  DataPaths paths_;
  std::string explicitContent_;  // --content: exactly this database, no updates
  ContentSources sources_;
  std::string sourcesStamp_;
  std::string origin_;
  bool onFallback_ = false;  // a newer candidate was skipped as unusable
  // Expiry of the content in use (issue #14 item 3).
  std::int64_t contentExpires_ = 0;
  bool outOfDate_ = false;
  int expiredSkipped_ = 0;
  std::int64_t nextExpiryChange_ = 0;  // wall clock; 0: never
  std::int64_t nextCheckMs_ = 0;
  std::int64_t nextRetryMs_ = 0;
  std::unique_ptr<ContentDb> db_;
  std::unique_ptr<ContentView> view_;
  std::unique_ptr<UiStrings> strings_;
  std::unique_ptr<ui::Fonts> fonts_;
  std::unique_ptr<ui::Pictures> pictures_;  // outlives every KioskUi
  std::unique_ptr<Kiosk> kiosk_;
  std::unique_ptr<NurseMode> nurse_;
  std::unique_ptr<ui::KioskUi> ui_;
  std::unique_ptr<PcmSink> sink_;
  std::unique_ptr<ReadAloud> reader_;
  std::string metricsFile_;
  std::unique_ptr<Metrics> metrics_;
};

// The ways of driving the UI. Each returns the process exit code.
int runWindow(const Options& options, const std::string& argv0);
int runScreenshot(const Options& options, const std::string& argv0);
int runReplay(const Options& options, const std::string& argv0);
int runBench(const Options& options, const std::string& argv0);
int runMonkey(const Options& options, const std::string& argv0);
// Renders every screen with options.content; exit code 1 when any cannot be shown.
int runContentCheck(const Options& options, const std::string& argv0);

// Milliseconds on the monotonic clock.
std::int64_t monotonicMs();
// Seconds on the wall clock (for metrics timestamps only; timers use monotonicMs).
std::int64_t wallSeconds();

}  // namespace mk::app
