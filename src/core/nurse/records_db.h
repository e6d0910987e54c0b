#pragma once
// The kiosk's one writable database (<data directory>/records.db): nurses and their
// PIN hashes, the PIN lockout state, counselling records and the audit log. It is
// created on first use, kept in WAL mode with synchronous=FULL, and migrated by
// schema version. Nothing in it identifies a patient.
// A corrupt file is moved aside and a fresh one started; a read-only or full disk
// raises RecordsUnavailable, which nurse mode shows and patient mode never sees.
// Thread-safety: one RecordsDb per thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "core/base/sqlite_db.h"
#include "core/nurse/audit_anchor.h"

namespace mk {

inline constexpr int kRecordsSchemaVersion = 3;

class RecordsUnavailable : public DbError {
 public:
  using DbError::DbError;
};

class RecordsDb {
 public:
  // Opens (creating the directory and file when missing) and migrates. `nowUnix`
  // names a corrupt file moved aside. Throws RecordsUnavailable.
  RecordsDb(const std::filesystem::path& path, std::int64_t nowUnix);
  ~RecordsDb();
  RecordsDb(const RecordsDb&) = delete;
  RecordsDb& operator=(const RecordsDb&) = delete;

  Database& db() { return *db_; }
  const std::filesystem::path& path() const { return path_; }
  // Where a corrupt file was moved on opening; empty when none was.
  const std::filesystem::path& movedAside() const { return movedAside_; }
  int schemaVersion();
  // Where each audit entry's number and hash go once it is committed (issue #14
  // item 6). The systemd journal unless replaced (tests capture them instead).
  void setAuditAnchor(AuditAnchorSink sink) { auditAnchor_ = std::move(sink); }
  void anchorAudit(const AuditHead& head) {
    if (auditAnchor_) auditAnchor_(head);
  }

 private:
  void open();
  void migrate();

  std::filesystem::path path_;
  std::filesystem::path movedAside_;
  std::unique_ptr<Database> db_;
  AuditAnchorSink auditAnchor_ = journalAnchorSink();
};

// "2026-11-22T08:15Z" / "2026-11-22T08:15:07Z" for a Unix time, in UTC.
std::string isoMinuteUtc(std::int64_t unixSeconds);
std::string isoSecondUtc(std::int64_t unixSeconds);
[[noreturn]] void throwRecordsError(const char* what, const DbError& e);

// Runs `fn`, turning SQLite's disk-full, read-only and I/O errors into
// RecordsUnavailable that names `what` was being done.
template <typename Fn>
auto guardRecords(const char* what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const RecordsUnavailable&) {
    throw;
  } catch (const DbError& e) {
    throwRecordsError(what, e);
  }
}

}  // namespace mk
