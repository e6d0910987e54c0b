#include "app/app.h"

#include <algorithm>

#include <chrono>

#include "core/base/log.h"
#include "core/base/utc_time.h"
#include "core/update/installed_check.h"
#include "ui/sdl_audio.h"

namespace mk::app {
namespace fs = std::filesystem;
namespace {
// How often the Attract screen looks at the content sources (a stat and a small
// read), and how often it re-checks databases in full while running on a fallback.
constexpr std::int64_t kContentCheckMs = 5'000;
constexpr std::int64_t kContentRetryMs = 60'000;
}  // namespace

std::int64_t wallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t monotonicMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

App::App(const Options& options, const std::string& argv0, std::int64_t nowMs) {
  if (!options.config.empty()) settings_ = loadConfig(options.config).settings;
  if (!options.country.empty()) settings_.country = options.country;
  if (!options.locale.empty()) settings_.locale = options.locale;
  if (options.textSize) settings_.textSize = options.textSize;
  if (!options.dataDir.empty()) settings_.dataDirectory = options.dataDir;
  if (!options.metricsFile.empty()) settings_.metricsTextfile = options.metricsFile;
  configuredLocale_ = settings_.locale;
  paths_ = resolveDataPaths(argv0);
  if (!settings_.dataDirectory.empty()) paths_.stateDir = settings_.dataDirectory;
  metricsFile_ = settings_.metricsTextfile.empty() ? (paths_.stateDir / "metrics" / "medkiosk.prom").string()
                                                   : settings_.metricsTextfile;
  explicitContent_ = options.content;
  // Installed updates are opened only with their signed manifest ([content] public_keys).
  sources_ = ContentSources{paths_.stateDir,
                            settings_.contentDb.empty() ? paths_.contentDb : std::filesystem::path(settings_.contentDb),
                            installedCheck(settings_.publicKeys)};
  sources_.graceSeconds = settings_.expiryGraceDays * 86'400;
  // A medicine's texts are checked when it is first shown, not all at start (issue #16).
  sources_.check = ContentCheck::OnFirstUse;
  auto started = std::chrono::steady_clock::now();
  openContent();
  times_.contentOpenMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  strings_ = std::make_unique<UiStrings>(paths_.localesDir);
  // The baked atlas is kept between starts: reading it is much faster than making it.
  fonts_ = std::make_unique<ui::Fonts>(findFonts(), ui::atlasCacheDir(paths_.stateDir));
  openPictures();
  sink_ = std::make_unique<MemorySink>();
  reader_ = std::make_unique<ReadAloud>(SpeechEngine::create(), *sink_);
  // Nurse records do not depend on the content: they stay open across content switches.
  NurseConfig nc;
  nc.recordsPath = paths_.stateDir / "records.db";
  nc.exportDir = settings_.exportDirectory.empty() ? paths_.stateDir / "exports" : fs::path(settings_.exportDirectory);
  nc.retentionDays = settings_.retentionDays;
  nc.pinPolicy.freeTries = settings_.nurseFreeTries;
  nc.pinPolicy.dailyWrongPins = settings_.nurseDailyWrongPins;
  nurse_ = std::make_unique<NurseMode>(nc);
  nurse_->purgeIfDue();
  buildUi(nowMs);
  nextCheckMs_ = nowMs + kContentCheckMs;
  nextRetryMs_ = nowMs + kContentRetryMs;
}

void App::openPictures() {
  pictures_ = std::make_unique<ui::Pictures>(paths_.assetsDir / "pictograms");
  checkPictures();
}

// Run at start and after each content switch: an update may name pictograms that an
// older kiosk lacks (the content build checks names against its own version's).
void App::checkPictures() {
  fs::path dir = paths_.assetsDir / "pictograms";
  // The controls' pictograms and those the content's figures name.
  std::vector<std::string> wanted = ui::pictogramsInUse();
  if (db_)
    for (const auto& m : db_->medicines())
      for (const auto& f : db_->figures(m.id))
        for (const auto& item : f.items)
          for (const auto& name : item.pictures)
            if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) wanted.push_back(name);
  std::vector<std::string> missing = pictures_->missing(wanted);
  if (missing.empty()) return;
  std::string names;
  for (const auto& n : missing) names += (names.empty() ? "" : ", ") + n;
  log::error("pictures",
             "pictograms missing from " + dir.string() + ": " + names +
                 "; those controls and figures show their words alone (reinstall the package to restore them)");
}

void App::openContent() {
  if (!explicitContent_.empty()) {
    try {
      db_ = std::make_unique<ContentDb>(explicitContent_, ContentCheck::OnFirstUse);
      origin_ = "command line";
      log::info("content",
                "opened " + explicitContent_ + " (content version " + std::to_string(db_->info().contentVersion) + ")");
    } catch (const std::exception& e) {
      log::error("content", std::string(e.what()) + "; showing the 'information unavailable' screen");
    }
    return;
  }
  sourcesStamp_ = contentSourcesStamp(sources_);
  sources_.now = wallSeconds();
  OpenedContent c = openBestContent(sources_);
  for (const auto& why : c.skipped) log::error("content", "not using " + why);
  onFallback_ = !c.skipped.empty();
  noteExpiry(c);
  if (!c.db) {
    log::error("content", "no usable content; showing the 'information unavailable' screen and checking again");
    return;
  }
  db_ = std::move(c.db);
  origin_ = c.origin;
  log::info("content", "opened " + c.path.string() + " (" + c.origin + ", content version " +
                           std::to_string(db_->info().contentVersion) + ")");
}

void App::noteExpiry(const OpenedContent& c) {
  contentExpires_ = c.db ? c.expires : 0;
  outOfDate_ = c.db && c.outOfDate;
  expiredSkipped_ = c.expiredSkipped;
  nextExpiryChange_ = nextExpiryChange(c, sources_.graceSeconds);
  if (outOfDate_)
    log::warn("content", c.path.string() + " expired on " + formatUtcTime(static_cast<std::time_t>(c.expires)) +
                             "; showing it with the 'may be out of date, please ask staff' notice until " +
                             formatUtcTime(static_cast<std::time_t>(nextExpiryChange_)));
}

void App::applyExpiry() {
  if (view_) view_->setOutOfDate(outOfDate_);
  if (metrics_) metrics_->setContentExpiry(contentExpires_, outOfDate_, expiredSkipped_);
}

void App::buildUi(std::int64_t nowMs) {
  auto started = std::chrono::steady_clock::now();
  view_ = std::make_unique<ContentView>(db_.get(), settings_.contentShow);
  view_->setOutOfDate(outOfDate_);
  times_.firstQueryMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  settings_.locale = configuredLocale_;
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
  ui::UiConfig uc;
  uc.screenDiagonalInches = settings_.screenDiagonalInches;
  uc.dpi = settings_.dpi;
  uc.pictures = pictures_.get();
  ui_ = std::make_unique<ui::KioskUi>(*kiosk_, *view_, *strings_, *fonts_, uc, nurse_.get());
  ui_->setReadAloud(reader_.get());
  wireMetrics();
}

void App::wireMetrics() {
  // Called for every new Kiosk (content switches build a new one): the metrics
  // follow the content in use and keep counting this kiosk's sessions.
  if (!metrics_) return;
  metrics_->setContent(db_ ? db_->info().contentVersion : -1, db_ ? isoUtcToUnixSeconds(db_->info().buildTime) : 0);
  applyExpiry();
  kiosk_->setMetrics(metrics_.get());
}

bool App::pollContent(std::int64_t nowMs) {
  // A medicine whose texts failed their check put up the 'information unavailable'
  // screen: look for intact content at once, checking every candidate whole, so the
  // damaged database is refused and the previous one (or the shipped one) is used.
  bool damaged = view_ && !view_->damage().empty();
  bool firstDamage = damaged && sources_.check != ContentCheck::Whole;
  if (!explicitContent_.empty() || (nowMs < nextCheckMs_ && !firstDamage)) return false;
  if (firstDamage) sources_.check = ContentCheck::Whole;
  const Session& s = kiosk_->session();
  // Content changes only between patients, never under someone's finger.
  if (!damaged && (s.screen != Screen::Attract || s.idleWarning || (nurse_ && nurse_->signedIn()))) return false;
  nextCheckMs_ = nowMs + kContentCheckMs;
  bool retry = firstDamage || ((!db_ || onFallback_ || damaged) && nowMs >= nextRetryMs_);
  sources_.now = wallSeconds();
  // Expiry is looked at on every return to Attract: the notice comes, and the grace
  // period ends, between patients.
  bool expiryDue = nextExpiryChange_ > 0 && sources_.now >= nextExpiryChange_;
  std::string stamp = contentSourcesStamp(sources_);
  if (stamp == sourcesStamp_ && !retry && !expiryDue) return false;
  sourcesStamp_ = stamp;
  if (retry) nextRetryMs_ = nowMs + kContentRetryMs;
  OpenedContent c = openBestContent(sources_);
  onFallback_ = !c.skipped.empty();
  if (!c.db) {
    // Keep what is open: it passed its checks and stays readable even if the file
    // was removed meanwhile.
    if (db_)
      log::error("content", "no usable content found on re-check; keeping content version " +
                                std::to_string(db_->info().contentVersion));
    // Expired content with nothing to fall back to stays on screen, with its notice;
    // the re-check every minute (onFallback_) looks for something better.
    nextExpiryChange_ = 0;
    outOfDate_ = outOfDate_ || c.expiredSkipped > 0;
    applyExpiry();
    return false;
  }
  bool wasOutOfDate = outOfDate_;
  noteExpiry(c);
  if (db_ && !damaged && c.db->info().hash == db_->info().hash &&
      c.db->info().contentVersion == db_->info().contentVersion) {
    origin_ = c.origin;
    applyExpiry();
    return wasOutOfDate != outOfDate_;  // the notice came or went: redraw
  }
  for (const auto& why : c.skipped) log::error("content", "not using " + why);
  log::info("content", "switching to " + c.path.string() + " (" + c.origin + ", content version " +
                           std::to_string(c.db->info().contentVersion) + ")");
  ui::Renderer* renderer = ui_->renderer();
  if (reader_) reader_->stop();
  // The UI refers to the kiosk and the view, and the view to the database.
  ui_.reset();
  kiosk_.reset();
  view_.reset();
  db_ = std::move(c.db);
  origin_ = c.origin;
  checkPictures();
  buildUi(nowMs);
  if (renderer) ui_->setRenderer(renderer);
  return true;
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
  metrics_->setWalkthroughsByGroup(settings_.metricsWalkthroughsByGroup);
  metrics_->noteStart(wallNow);
  wireMetrics();
  // The audit head goes to the metrics (issue #14 item 6): a copy outside records.db.
  nurse_->setAuditObserver([m = metrics_.get()](const AuditHead& h) { m->setAuditHead(h.kept, h.lastId, h.lastHash); });
  if (metrics_->write(wallNow)) log::info("metrics", "writing " + metricsFile_);
}

App::~App() {
  if (metrics_) {
    kiosk_->setMetrics(nullptr);
    if (nurse_) nurse_->setAuditObserver(nullptr);
    metrics_->noteCleanExit(wallSeconds());
  }
  // The UI refers to the reader, and the reader to its sink: detach in that order.
  if (ui_) ui_->setReadAloud(nullptr);
  reader_.reset();
}

}  // namespace mk::app
