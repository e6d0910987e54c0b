#pragma once
// What makes records leave on time (issue #14 item 9): the clock a purge goes by,
// which a wall clock set far ahead cannot drag along, and the CSV exports, which go
// with the records they copy.
#include <cstdint>
#include <filesystem>

#include "core/nurse/records_db.h"

namespace mk {

// A purge goes at most this far past the previous one: a clock ten years ahead
// deletes a week's worth of records per run, not all of them at once.
inline constexpr std::int64_t kRetentionClockMaxStep = 7 * 86'400;

struct PurgeTime {
  std::int64_t asOf = 0;  // the time the purge goes by
  bool clamped = false;   // the wall clock was further ahead than that
};

// The time of the last purge, kept in the records database.
class RetentionClock {
 public:
  explicit RetentionClock(RecordsDb& records) : records_(records) {}
  // The time this purge goes by: the wall clock, but no more than
  // kRetentionClockMaxStep past the last purge; remembered for the next one. A clock
  // put back is taken as it is. Throws RecordsUnavailable.
  PurgeTime purgeTime(std::int64_t nowUnix);

 private:
  RecordsDb& records_;
};

// Removes the CSV exports ("medkiosk-counselling-*.csv", regular files) in `dir`
// last written before `cutoffUnix`; other files stay. Returns how many went; a
// missing directory has none. Throws std::runtime_error when one cannot be removed.
std::int64_t purgeOldExports(const std::filesystem::path& dir, std::int64_t cutoffUnix);

struct PurgeResult {
  PurgeTime when;
  std::int64_t records = 0;
  std::int64_t auditEntries = 0;
  std::int64_t exports = 0;
};

// The purge that nurse mode runs daily and `medkiosk-admin purge` on demand: the
// counselling records, audit entries and exports older than `retentionDays` as of
// the retention clock, audited ("purge", and "purge_clock" when the clock was held
// back) and logged. An empty `exportDir` has no exports. Throws RecordsUnavailable or
// std::runtime_error.
PurgeResult purgePastRetention(RecordsDb& records, const std::filesystem::path& exportDir, int retentionDays,
                               std::int64_t nowUnix);

}  // namespace mk
