#pragma once
// The audit log of nurse mode: PIN successes and failures, lockouts, mode changes,
// exports and purges, each with its time. Entries are hash-chained (SHA-256 over the
// previous entry's hash and this entry's fields), and the chain's head is kept
// apart, so an edited, inserted or deleted entry is found by verify(). Entries past
// the retention period are purged behind a checkpoint entry, so the rest still verifies.
// Entries never hold patient data.
#include <cstdint>
#include <string>
#include <vector>

#include "core/nurse/records_db.h"

namespace mk {

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  // ISO 8601 UTC, to the minute (entries written before version 2: to the second)
  std::string event;
  std::string detail;
  std::string hash;  // as stored
};

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t firstBadId = 0;  // 0 when ok
  std::string problem;
};

class AuditLog {
 public:
  explicit AuditLog(RecordsDb& records) : records_(records) {}
  // Throws RecordsUnavailable.
  void append(const std::string& event, const std::string& detail, std::int64_t nowUnix);
  // Deletes the entries written before `cutoffUnix` and appends a checkpoint entry,
  // chained like any other, naming the hash the chain now continues after; returns
  // how many went. Throws RecordsUnavailable.
  std::int64_t purgeBefore(std::int64_t cutoffUnix, int retentionDays, std::int64_t nowUnix);
  std::vector<AuditEntry> entries();
  AuditHead head();
  AuditVerification verify();

 private:
  RecordsDb& records_;
};

// The chain hash of one entry, hex.
std::string auditHash(const std::string& prevHash, std::int64_t id, const std::string& at, const std::string& event,
                      const std::string& detail);

}  // namespace mk
