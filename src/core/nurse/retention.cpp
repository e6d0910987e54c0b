#include "core/nurse/retention.h"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/base/log.h"
#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"

namespace mk {
namespace fs = std::filesystem;

PurgeTime RetentionClock::purgeTime(std::int64_t nowUnix) {
  return guardRecords("reading the retention clock", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    Statement last(db, "SELECT last_purge FROM purge_clock WHERE id = 1");
    std::int64_t previous = last.step() ? last.integer(0) : 0;
    PurgeTime t{nowUnix, false};
    if (previous > 0 && nowUnix > previous + kRetentionClockMaxStep) t = {previous + kRetentionClockMaxStep, true};
    Statement(db, "UPDATE purge_clock SET last_purge = ? WHERE id = 1").bind(1, t.asOf).run();
    tx.commit();
    return t;
  });
}

std::int64_t purgeOldExports(const fs::path& dir, std::int64_t cutoffUnix) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  std::int64_t removed = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("medkiosk-counselling-", 0) != 0 || name.size() < 4 || name.substr(name.size() - 4) != ".csv")
      continue;
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtime >= cutoffUnix) continue;
    if (::unlink(entry.path().c_str()) != 0)
      throw std::runtime_error("cannot remove the old export " + entry.path().string() + ": " + std::strerror(errno));
    ++removed;
  }
  if (ec) throw std::runtime_error("cannot list the exports in " + dir.string() + ": " + ec.message());
  return removed;
}

PurgeResult purgePastRetention(RecordsDb& records, const fs::path& exportDir, int retentionDays, std::int64_t nowUnix) {
  PurgeResult r;
  r.when = RetentionClock(records).purgeTime(nowUnix);
  AuditLog audit(records);
  if (r.when.clamped) {
    std::string asOf = isoMinuteUtc(r.when.asOf);
    log::warn("nurse", "the clock is more than 7 days past the last purge; purging only as of " + asOf);
    audit.append("purge_clock", "clock ahead of the last purge; purging as of " + asOf, nowUnix);
  }
  std::int64_t cutoff = r.when.asOf - std::int64_t{retentionDays} * 86400;
  r.records = CounsellingRecords(records).purge(r.when.asOf, retentionDays);
  r.auditEntries = audit.purgeBefore(cutoff, retentionDays, nowUnix);
  r.exports = exportDir.empty() ? 0 : purgeOldExports(exportDir, cutoff);
  audit.append("purge",
               std::to_string(r.records) + " records, " + std::to_string(r.auditEntries) + " audit entries and " +
                   std::to_string(r.exports) + " exports older than " + std::to_string(retentionDays) + " days deleted",
               nowUnix);
  if (r.records || r.exports)
    log::info("nurse", "purged " + std::to_string(r.records) + " counselling records and " + std::to_string(r.exports) +
                           " exports past the retention period");
  return r;
}

}  // namespace mk
