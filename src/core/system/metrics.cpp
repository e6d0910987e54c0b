#include "core/system/metrics.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fstream>
#include <locale>
#include <sstream>

#include "core/base/files.h"
#include "core/base/key_value.h"
#include "core/base/log.h"
#include "core/base/paths.h"
#include "core/base/patient_groups.h"
#include "core/base/utc_time.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRunningMarker = "medkiosk.running";
constexpr const char* kPersistedFile = "metrics-state";
constexpr std::array<const char*, 5> kUpdateResults = {"installed", "unchanged", "refused", "expired", "failed"};

// Label values: backslash, double quote and line feed are escaped (text format 0.0.4).
std::string labelValue(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

// Numbers as Prometheus reads them: the shortest text that reads back exactly.
std::string number(double v) {
  std::array<char, 32> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

bool parseWhole(const std::string& s, std::int64_t& out) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  out = std::stoll(s);
  return true;
}

// Readable by the node exporter, another user, whatever the service's UMask.
std::string replaceAtomically(const fs::path& target, const std::string& text) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return "cannot create " + target.parent_path().string() + ": " + ec.message();
  try {
    writeFileAtomically(target, text, 0644);
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace

std::int64_t isoUtcToUnixSeconds(const std::string& iso) {
  std::time_t t = 0;
  return parseUtcTime(iso, t) ? static_cast<std::int64_t>(t) : 0;
}

namespace {

// One line of update-status; the first problem found is the one reported.
void readStatusEntry(UpdateStatus& st, const std::string& where, const std::string& key, const std::string& value) {
  auto note = [&](const std::string& problem) {
    if (st.problem.empty()) st.problem = where + problem;  // the first problem is the one to fix
  };
  std::int64_t n = 0;
  if (key == "time") {
    if (parseWhole(value, n))
      st.time = n;
    else
      note("time is not unix seconds");
  } else if (key == "result") {
    if (std::find_if(kUpdateResults.begin(), kUpdateResults.end(), [&](const char* r) { return value == r; }) !=
        kUpdateResults.end())
      st.result = value;
    else
      note("unknown result '" + value + "'");
  } else if (key == "version") {
    if (parseWhole(value, n))
      st.version = static_cast<long>(n);
    else
      note("version is not a whole number");
  }
  // message= and keys added later are not metrics.
}

}  // namespace

UpdateStatus readUpdateStatus(const fs::path& file) {
  UpdateStatus st;
  std::ifstream in(file);
  if (!in) return st;  // no update has run yet: not a problem
  st.present = true;
  std::ostringstream text;
  text << in.rdbuf();
  KeyValueLines kv = parseKeyValueLines(text.str());
  // Problems in file order: a malformed line before an entry is reported first.
  std::size_t next = 0;
  for (std::size_t i = 0; i < kv.entries.size(); ++i) {
    while (next < kv.malformedLines.size() && kv.malformedLines[next] < kv.lines[i] && st.problem.empty())
      st.problem = file.string() + ":" + std::to_string(kv.malformedLines[next++]) + ": expected key=value";
    readStatusEntry(st, file.string() + ":" + std::to_string(kv.lines[i]) + ": ", kv.entries[i].first,
                    kv.entries[i].second);
  }
  if (st.problem.empty() && !kv.malformedLines.empty())
    st.problem = file.string() + ":" + std::to_string(kv.malformedLines.front()) + ": expected key=value";
  if (st.problem.empty() && (st.result.empty() || st.time == 0))
    st.problem = file.string() + ": time= or result= missing";
  return st;
}

Metrics::Metrics(fs::path textfile, fs::path stateDir)
    : textfile_(std::move(textfile)), stateDir_(std::move(stateDir)) {}

void Metrics::loadPersisted() {
  std::ifstream in(stateDir_ / kPersistedFile);
  std::ostringstream text;
  text << in.rdbuf();
  for (const auto& [key, value] : parseKeyValueLines(text.str()).entries) {
    std::int64_t n = 0;
    if (!parseWhole(value, n)) continue;
    if (key == "starts") starts_ = static_cast<std::uint64_t>(n);
    if (key == "unclean_exits") uncleanExits_ = static_cast<std::uint64_t>(n);
  }
}

void Metrics::savePersisted() {
  std::string problem =
      replaceAtomically(stateDir_ / kPersistedFile, "starts=" + std::to_string(starts_) +
                                                        "\nunclean_exits=" + std::to_string(uncleanExits_) + "\n");
  if (!problem.empty()) logOnce(problem + " (restart counts will not survive a restart)");
}

void Metrics::noteStart(std::int64_t wallSeconds) {
  startedAt_ = wallSeconds;
  loadPersisted();
  ++starts_;
  std::error_code ec;
  fs::path marker = stateDir_ / kRunningMarker;
  if (fs::exists(marker, ec)) {
    ++uncleanExits_;
    log::warn("metrics", "the previous run did not exit cleanly (crash, kill or power loss)");
  }
  savePersisted();
  std::ofstream(marker) << wallSeconds << '\n';
}

void Metrics::noteCleanExit(std::int64_t wallSeconds) {
  write(wallSeconds);
  std::error_code ec;
  fs::remove(stateDir_ / kRunningMarker, ec);
}

void Metrics::setContent(long version, std::int64_t buildTimeSeconds) {
  contentVersion_ = version;
  contentBuildTime_ = buildTimeSeconds;
}

void Metrics::setContentExpiry(std::int64_t expires, bool outOfDate, int expiredSkipped) {
  contentExpires_ = expires;
  contentOutOfDate_ = outOfDate;
  expiredSkipped_ = expiredSkipped;
}

void Metrics::renderContent(std::ostringstream& out, std::int64_t wallSeconds) const {
  family(out, "medkiosk_content_version", "gauge", "Version of the content database in use (-1: no content).");
  out << "medkiosk_content_version " << contentVersion_ << '\n';
  if (contentVersion_ >= 0 && contentBuildTime_ > 0) {
    family(out, "medkiosk_content_build_time_seconds", "gauge", "When the content in use was built, unix seconds.");
    out << "medkiosk_content_build_time_seconds " << contentBuildTime_ << '\n';
    family(out, "medkiosk_content_age_seconds", "gauge", "Age of the content in use when this file was written.");
    out << "medkiosk_content_age_seconds " << std::max<std::int64_t>(0, wallSeconds - contentBuildTime_) << '\n';
  }
  if (contentVersion_ >= 0 && contentExpires_ > 0) {
    family(out, "medkiosk_content_expires_time_seconds", "gauge",
           "When the signed bundle of the content in use expires, unix seconds.");
    out << "medkiosk_content_expires_time_seconds " << contentExpires_ << '\n';
  }
  family(out, "medkiosk_content_out_of_date", "gauge",
         "1 while the content in use is past its expiry and shown with the 'may be out of date' notice.");
  out << "medkiosk_content_out_of_date " << contentOutOfDate_ << '\n';
  family(out, "medkiosk_content_expired_skipped", "gauge",
         "Installed updates not shown because their expiry grace period is over (older content is shown).");
  out << "medkiosk_content_expired_skipped " << expiredSkipped_ << '\n';
}

void Metrics::countSession() { ++sessions_; }

void Metrics::countSectionView(const std::string& locale, const std::string& section) {
  ++sectionViews_[{locale, section}];
}

void Metrics::countReadAloud(const std::string& locale) { ++readAloud_[locale]; }

void Metrics::countWalkthrough(const std::string& category) {
  if (!isCategoryId(category)) {
    log::warn("metrics", "not counting a walk-through of unknown category '" + category + "'");
    return;
  }
  ++walkthroughs_[category];
}

void Metrics::observeFrame(double seconds) {
  for (std::size_t i = 0; i < kFrameBucketsSeconds.size(); ++i)
    if (seconds <= kFrameBucketsSeconds[i]) ++frameBuckets_[i];
  ++frameCount_;
  frameSum_ += seconds;
}

void Metrics::setAuditHead(std::int64_t kept, std::int64_t lastId, const std::string& hash) {
  auditKept_ = kept;
  auditLastId_ = lastId;
  auditHash_ = hash;
}

std::string Metrics::render(std::int64_t wallSeconds) const {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  family(out, "medkiosk_info", "gauge", "Medkiosk build; the value is always 1.");
  out << "medkiosk_info{version=\"" << labelValue(MEDKIOSK_VERSION) << "\"} 1\n";
  renderContent(out, wallSeconds);
  UpdateStatus up = readUpdateStatus(updateStatusFile(stateDir_));
  if (up.present && up.problem.empty()) {
    family(out, "medkiosk_update_last_time_seconds", "gauge", "When medkiosk-update last ran, unix seconds.");
    out << "medkiosk_update_last_time_seconds " << up.time << '\n';
    family(out, "medkiosk_update_last_result", "gauge", "Result of the last content update (1 for the result it had).");
    for (const char* r : kUpdateResults)
      out << "medkiosk_update_last_result{result=\"" << r << "\"} " << (up.result == r) << '\n';
    family(out, "medkiosk_update_last_version", "gauge", "Content version reported by the last content update.");
    out << "medkiosk_update_last_version " << up.version << '\n';
  }
  family(out, "medkiosk_update_status_valid", "gauge", "1 when the updater's status file is readable and well formed.");
  out << "medkiosk_update_status_valid " << (up.present && up.problem.empty()) << '\n';
  family(out, "medkiosk_start_time_seconds", "gauge", "When this kiosk process started, unix seconds.");
  out << "medkiosk_start_time_seconds " << startedAt_ << '\n';
  family(out, "medkiosk_starts_total", "counter", "Kiosk starts on this machine, including restarts.");
  out << "medkiosk_starts_total " << starts_ << '\n';
  family(out, "medkiosk_unclean_exits_total", "counter",
         "Runs that ended without a clean exit (crash, kill, watchdog, power loss).");
  out << "medkiosk_unclean_exits_total " << uncleanExits_ << '\n';
  family(out, "medkiosk_sessions_total", "counter", "Patient sessions started (touch on the attract screen).");
  out << "medkiosk_sessions_total " << sessions_ << '\n';
  family(out, "medkiosk_section_views_total", "counter", "Brochure sections shown, by locale and section.");
  for (const auto& [key, n] : sectionViews_)
    out << "medkiosk_section_views_total{locale=\"" << labelValue(key.first) << "\",section=\""
        << labelValue(key.second) << "\"} " << n << '\n';
  family(out, "medkiosk_read_aloud_total", "counter", "Read-aloud uses, by locale.");
  for (const auto& [locale, n] : readAloud_)
    out << "medkiosk_read_aloud_total{locale=\"" << labelValue(locale) << "\"} " << n << '\n';
  renderWalkthroughs(out);
  renderNursePins(out, wallSeconds);
  renderAudit(out);
  family(out, "medkiosk_frame_seconds", "histogram", "Time to draw and present one frame.");
  for (std::size_t i = 0; i < kFrameBucketsSeconds.size(); ++i)
    out << "medkiosk_frame_seconds_bucket{le=\"" << number(kFrameBucketsSeconds[i]) << "\"} " << frameBuckets_[i]
        << '\n';
  out << "medkiosk_frame_seconds_bucket{le=\"+Inf\"} " << frameCount_ << '\n';
  out << "medkiosk_frame_seconds_sum " << number(frameSum_) << '\n';
  out << "medkiosk_frame_seconds_count " << frameCount_ << '\n';
  return out.str();
}

void Metrics::renderWalkthroughs(std::ostringstream& out) const {
  if (!walkthroughsByGroup_) {
    std::uint64_t total = 0;
    for (const auto& [category, n] : walkthroughs_) total += n;
    family(out, "medkiosk_walkthroughs_completed_total", "counter", "Counselling walk-throughs completed.");
    out << "medkiosk_walkthroughs_completed_total " << total << '\n';
    return;
  }
  family(out, "medkiosk_walkthroughs_completed_total", "counter",
         "Counselling walk-throughs completed, by patient category.");
  for (std::string_view c : kCategoryIds) {
    auto it = walkthroughs_.find(std::string(c));
    out << "medkiosk_walkthroughs_completed_total{category=\"" << c << "\"} "
        << (it == walkthroughs_.end() ? 0 : it->second) << '\n';
  }
}

void Metrics::renderNursePins(std::ostringstream& out, std::int64_t wallSeconds) const {
  family(out, "medkiosk_nurse_pin_failures_total", "counter", "Wrong PINs typed on the nurse pad.");
  out << "medkiosk_nurse_pin_failures_total " << nursePins_.wrongTotal << '\n';
  family(out, "medkiosk_nurse_lockouts_total", "counter",
         "Locks of the nurse pad: a nurse after repeated wrong PINs, or everyone after the daily budget.");
  out << "medkiosk_nurse_lockouts_total " << nursePins_.lockoutsTotal << '\n';
  family(out, "medkiosk_nurse_locked", "gauge", "1 while nurse mode is locked for everyone (daily budget spent).");
  out << "medkiosk_nurse_locked " << (wallSeconds < nursePins_.allLockedUntil) << '\n';
  auto locked = std::count_if(nursePins_.nurseLockedUntil.begin(), nursePins_.nurseLockedUntil.end(),
                              [&](std::int64_t until) { return wallSeconds < until; });
  family(out, "medkiosk_nurses_locked", "gauge", "Nurses whose PIN pad is locked after repeated wrong PINs.");
  out << "medkiosk_nurses_locked " << locked << '\n';
}

// Only once nurse mode has opened the records database: a kiosk without one has no log.
void Metrics::renderAudit(std::ostringstream& out) const {
  if (auditKept_ < 0) return;
  family(out, "medkiosk_audit_entries", "gauge", "Audit log entries kept in the records database.");
  out << "medkiosk_audit_entries " << auditKept_ << '\n';
  family(out, "medkiosk_audit_last_entry", "gauge",
         "Number of the audit entry written last; it never goes down unless entries were deleted.");
  out << "medkiosk_audit_last_entry " << auditLastId_ << '\n';
  family(out, "medkiosk_audit_head_info", "gauge",
         "The audit log's last entry: its number and the first 16 hex digits of its chain hash; always 1.");
  out << "medkiosk_audit_head_info{seq=\"" << auditLastId_ << "\",hash=\"" << labelValue(auditHash_.substr(0, 16))
      << "\"} 1\n";
}

void Metrics::logOnce(const std::string& problem) {
  if (problem == lastProblem_) return;
  lastProblem_ = problem;
  log::error("metrics", problem);
}

bool Metrics::write(std::int64_t wallSeconds) {
  UpdateStatus up = readUpdateStatus(updateStatusFile(stateDir_));
  if (up.problem != lastUpdateProblem_) {
    lastUpdateProblem_ = up.problem;
    if (!up.problem.empty()) log::warn("metrics", up.problem + "; update metrics left out");
  }
  std::string problem = replaceAtomically(textfile_, render(wallSeconds));
  if (!problem.empty()) {
    logOnce(problem);
    return false;
  }
  lastProblem_.clear();
  return true;
}

bool Metrics::writeIfDue(std::int64_t monoMs, std::int64_t wallSeconds) {
  if (lastWriteMs_ >= 0 && monoMs - lastWriteMs_ < kWriteIntervalMs) return false;
  lastWriteMs_ = monoMs;
  return write(wallSeconds);
}

}  // namespace mk
