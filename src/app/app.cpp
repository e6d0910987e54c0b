#include "app/app.h"

#include <chrono>

#include "core/log.h"
#include "ui/sdl_audio.h"

namespace mk::app {
namespace fs = std::filesystem;

std::int64_t wallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t monotonicMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

App::App(const Options& options, const std::string& argv0, std::int64_t nowMs) {
  if (!options.config.empty()) settings_ = loadConfig(options.config).settings;
  if (!options.country.empty()) settings_.country = options.country;
  if (!options.locale.empty()) settings_.locale = options.locale;
  if (options.textSize) settings_.textSize = options.textSize;
  if (!options.dataDir.empty()) settings_.dataDirectory = options.dataDir;
  if (!options.metricsFile.empty()) settings_.metricsTextfile = options.metricsFile;
  paths_ = resolveDataPaths(argv0);
  if (!settings_.dataDirectory.empty()) paths_.stateDir = settings_.dataDirectory;
  metricsFile_ = settings_.metricsTextfile.empty() ? (paths_.stateDir / "metrics" / "medkiosk.prom").string()
                                                   : settings_.metricsTextfile;
  std::string dbPath = !options.content.empty() ? options.content
                       : !settings_.contentDb.empty() ? settings_.contentDb
                                                      : paths_.contentDb.string();
  auto started = std::chrono::steady_clock::now();
  auto msSince = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  try {
    db_ = std::make_unique<ContentDb>(dbPath);
    log::info("content", "opened " + dbPath + " (content version " + std::to_string(db_->info().contentVersion) + ")");
  } catch (const std::exception& e) {
    log::error("content", std::string(e.what()) + "; showing the 'information unavailable' screen");
  }
  times_.contentOpenMs = msSince(started);
  started = std::chrono::steady_clock::now();
  view_ = std::make_unique<ui::ContentView>(db_.get(), settings_.showUnreviewed);
  times_.firstQueryMs = msSince(started);
  strings_ = std::make_unique<UiStrings>(paths_.localesDir);
  fonts_ = std::make_unique<ui::Fonts>(findFonts());
  if (settings_.locale.empty()) {
    settings_.locale = "en";
    if (db_ && !settings_.country.empty()) {
      for (const auto& st : db_->memberStates())
        if (st.code == settings_.country) settings_.locale = st.locales.front();
    }
  }
  KioskConfig kc;
  kc.idleTimeoutMs = settings_.idleTimeoutMs;
  kc.defaultTextSize = settings_.textSize;
  kc.defaultLocale = settings_.locale;
  kc.country = settings_.country;
  kc.offeredLocales = settings_.locales;
  std::vector<std::string> medicines;
  for (const auto& m : view_->medicines()) medicines.push_back(m.id);
  kiosk_ = std::make_unique<Kiosk>(kc, medicines, nowMs);
  NurseConfig nc;
  nc.recordsPath = paths_.stateDir / "records.db";
  nc.exportDir = settings_.exportDirectory.empty() ? paths_.stateDir / "exports" : fs::path(settings_.exportDirectory);
  nc.retentionDays = settings_.retentionDays;
  nurse_ = std::make_unique<NurseMode>(nc);
  nurse_->purgeIfDue();
  ui::UiConfig uc;
  uc.screenDiagonalInches = settings_.screenDiagonalInches;
  uc.dpi = settings_.dpi;
  ui_ = std::make_unique<ui::KioskUi>(*kiosk_, *view_, *strings_, *fonts_, uc, nurse_.get());
  sink_ = std::make_unique<MemorySink>();
  reader_ = std::make_unique<ReadAloud>(SpeechEngine::create(), *sink_);
  ui_->setReadAloud(reader_.get());
}

void App::enableAudio() {
  // Without speech or a sound card the read-aloud controls are hidden rather than
  // left on screen doing nothing (the reason is logged by the engine or the sink).
  ui_->setReadAloud(nullptr);
  auto engine = SpeechEngine::create();
  auto sink = engine ? ui::SdlAudioSink::open(engine->sampleRate()) : nullptr;
  if (!sink) {
    reader_.reset();
    return;
  }
  reader_.reset();
  sink_ = std::move(sink);
  reader_ = std::make_unique<ReadAloud>(std::move(engine), *sink_);
  ui_->setReadAloud(reader_.get());
}

void App::enableMetrics(std::int64_t wallNow) {
  if (metricsFile_ == "off") {
    log::info("metrics", "[metrics] textfile is off; no fleet metrics are written");
    return;
  }
  metrics_ = std::make_unique<Metrics>(metricsFile_, paths_.stateDir);
  metrics_->noteStart(wallNow);
  if (db_) metrics_->setContent(db_->info().contentVersion, isoUtcToUnixSeconds(db_->info().buildTime));
  kiosk_->setMetrics(metrics_.get());
  if (metrics_->write(wallNow)) log::info("metrics", "writing " + metricsFile_);
}

App::~App() {
  if (metrics_) {
    kiosk_->setMetrics(nullptr);
    metrics_->noteCleanExit(wallSeconds());
  }
  // The UI refers to the reader, and the reader to its sink: detach in that order.
  if (ui_) ui_->setReadAloud(nullptr);
  reader_.reset();
}

}  // namespace mk::app
