#pragma once
// Fleet metrics as a Prometheus node-exporter textfile (`medkiosk.prom`): counts only,
// never anything about a patient. The kiosk counts events as they happen and writes
// the whole file now and then (write a temporary file, fsync, rename), so the
// exporter never reads half a file.
//
// Restarts and crashes: a start counter is persisted in the state directory, and a
// marker file exists while the kiosk runs; finding the marker at start means the
// last run ended without a clean exit (crash, kill, power loss, watchdog).
//
// Thread-safety: none; used from the main loop only.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mk {

// `<state dir>/update-status`, written by medkiosk-update as key=value lines.
struct UpdateStatus {
  bool present = false;
  std::int64_t time = 0;  // unix seconds of the last attempt
  std::string result;     // installed | unchanged | refused | expired | failed
  long version = 0;       // content version after the attempt
  std::string problem;    // why the file could not be used; empty when fine
};

UpdateStatus readUpdateStatus(const std::filesystem::path& file);

// "2026-11-22T01:23:45Z" (the content database's build_time) -> unix seconds; 0 if malformed.
std::int64_t isoUtcToUnixSeconds(const std::string& iso);

// Wrong PINs at the nurse pad (issue #14 item 7). The counts are kept in records.db,
// so they survive restarts; nurse mode passes them in whenever they change.
struct NursePinMetrics {
  std::uint64_t wrongTotal = 0;
  std::uint64_t lockoutsTotal = 0;
  std::int64_t allLockedUntil = 0;             // unix seconds: nurse mode is locked for everyone until then
  std::vector<std::int64_t> nurseLockedUntil;  // unix seconds, one per nurse with a lock
};

class Metrics {
 public:
  static constexpr std::array<double, 9> kFrameBucketsSeconds = {0.004, 0.008, 0.012, 0.016, 0.025,
                                                                 0.050, 0.100, 0.250, 1.0};
  static constexpr std::int64_t kWriteIntervalMs = 60'000;

  // textfile: the .prom file to write; stateDir: where the start counter and the
  // running marker live (and, under content/, the updater's update-status).
  Metrics(std::filesystem::path textfile, std::filesystem::path stateDir);

  // Counts this start, notes an unclean end of the previous run and leaves the
  // running marker. Call once, when the kiosk (not a screenshot) starts.
  void noteStart(std::int64_t wallSeconds);
  // Removes the running marker and writes the file a last time.
  void noteCleanExit(std::int64_t wallSeconds);

  void setContent(long version, std::int64_t buildTimeSeconds);
  // The signed expiry of the content in use (0: none), whether it is shown marked out
  // of date, and how many installed updates were skipped as past their grace period.
  void setContentExpiry(std::int64_t expires, bool outOfDate, int expiredSkipped);
  void countSession();
  void countSectionView(const std::string& locale, const std::string& section);
  void countReadAloud(const std::string& locale);
  // Nurse mode: a counselling walk-through completed for woman_cbp, woman_ncbp or man.
  // Anything else is logged and not counted.
  void countWalkthrough(const std::string& category);
  // Walk-throughs per patient group ([metrics] walkthroughs = by-group) or, by
  // default, only their total: in a small clinic the groups say too much.
  void setWalkthroughsByGroup(bool byGroup) { walkthroughsByGroup_ = byGroup; }
  void observeFrame(double seconds);
  void setNursePins(NursePinMetrics pins) { nursePins_ = std::move(pins); }
  // The audit log's head (issue #14 item 6): entries kept, and the number and hash of
  // the last one written, so a monitoring server keeps a copy outside records.db.
  void setAuditHead(std::int64_t kept, std::int64_t lastId, const std::string& hash);

  // The whole file in the Prometheus text exposition format (version 0.0.4).
  std::string render(std::int64_t wallSeconds) const;
  // Writes atomically; false (and a log line, once per distinct problem) on failure.
  bool write(std::int64_t wallSeconds);
  // Writes when kWriteIntervalMs has passed since the last write (monotonic clock).
  bool writeIfDue(std::int64_t monoMs, std::int64_t wallSeconds);

  const std::filesystem::path& textfile() const { return textfile_; }
  std::uint64_t starts() const { return starts_; }
  std::uint64_t uncleanExits() const { return uncleanExits_; }

 private:
  void loadPersisted();
  void savePersisted();
  void logOnce(const std::string& problem);
  void renderWalkthroughs(std::ostringstream& out) const;
  void renderContent(std::ostringstream& out, std::int64_t wallSeconds) const;
  void renderNursePins(std::ostringstream& out, std::int64_t wallSeconds) const;
  void renderAudit(std::ostringstream& out) const;

  std::filesystem::path textfile_, stateDir_;
  std::uint64_t starts_ = 0, uncleanExits_ = 0;
  std::int64_t startedAt_ = 0;
  long contentVersion_ = -1;  // -1: no content
  std::int64_t contentBuildTime_ = 0;
  std::int64_t contentExpires_ = 0;
  bool contentOutOfDate_ = false;
  int expiredSkipped_ = 0;
  std::uint64_t sessions_ = 0;
  std::map<std::pair<std::string, std::string>, std::uint64_t> sectionViews_;  // (locale, section)
  std::map<std::string, std::uint64_t> readAloud_;                             // locale
  bool walkthroughsByGroup_ = false;
  std::map<std::string, std::uint64_t> walkthroughs_;  // category
  NursePinMetrics nursePins_;
  std::array<std::uint64_t, kFrameBucketsSeconds.size()> frameBuckets_{};
  std::int64_t auditKept_ = -1;  // -1: no audit log seen yet
  std::int64_t auditLastId_ = 0;
  std::string auditHash_;
  std::uint64_t frameCount_ = 0;
  double frameSum_ = 0;
  std::int64_t lastWriteMs_ = -1;
  std::string lastProblem_;
  std::string lastUpdateProblem_;
};

}  // namespace mk
