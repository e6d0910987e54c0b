#include "core/nurse/records_db.h"

#include <sqlite3.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <system_error>
#include <vector>

#include "core/base/log.h"
#include "core/base/utc_time.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

// Each step takes the schema from version i to i + 1; never edit a released step.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {
      R"sql(
CREATE TABLE nurse(pseudonym TEXT PRIMARY KEY, pin_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE pin_state(id INTEGER PRIMARY KEY CHECK(id = 1), failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL, lockouts INTEGER NOT NULL);
INSERT INTO pin_state VALUES(1, 0, 0, 0);
CREATE TABLE counselling_record(id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL,
  recorded_minute INTEGER NOT NULL, medicine TEXT NOT NULL, category TEXT NOT NULL,
  patient_locale TEXT NOT NULL, content_version INTEGER NOT NULL, points_total INTEGER NOT NULL,
  points_confirmed TEXT NOT NULL, points_not_confirmed TEXT NOT NULL, nurse TEXT NOT NULL);
CREATE INDEX counselling_record_minute ON counselling_record(recorded_minute);
CREATE TABLE audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE audit_head(id INTEGER PRIMARY KEY CHECK(id = 1), last_id INTEGER NOT NULL, last_hash TEXT NOT NULL);
INSERT INTO audit_head VALUES(1, 0, '');
)sql",
  };
  return steps;
}

bool isCorruption(int code) { return code == SQLITE_CORRUPT || code == SQLITE_NOTADB; }

// 20261122T081507Z, for file names.
std::string compactUtc(std::int64_t unixSeconds) {
  std::string out;
  for (char c : formatUtcTime(static_cast<std::time_t>(unixSeconds)))
    if (c != '-' && c != ':') out += c;
  return out;
}

void moveFile(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (fs::exists(from, ec)) fs::rename(from, to, ec);
  if (ec) throw RecordsUnavailable("cannot move " + from.string() + " aside: " + ec.message());
}

}  // namespace

void throwRecordsError(const char* what, const DbError& e) {
  std::string reason = e.code() == SQLITE_FULL       ? "the disk is full"
                       : e.code() == SQLITE_READONLY ? "the data directory is read-only"
                       : e.code() == SQLITE_CANTOPEN ? "the file cannot be opened"
                       : e.code() == SQLITE_IOERR    ? "a disk input/output error"
                                                     : "a database error";
  throw RecordsUnavailable(std::string(what) + " failed (" + reason + "): " + e.what(), e.code());
}

std::string isoMinuteUtc(std::int64_t unixSeconds) { return formatUtcMinute(static_cast<std::time_t>(unixSeconds)); }
std::string isoSecondUtc(std::int64_t unixSeconds) { return formatUtcTime(static_cast<std::time_t>(unixSeconds)); }

RecordsDb::RecordsDb(const fs::path& path, std::int64_t nowUnix) : path_(path) {
  std::error_code ec;
  fs::create_directories(path_.parent_path(), ec);
  if (ec)
    throw RecordsUnavailable("cannot create the data directory " + path_.parent_path().string() + ": " + ec.message());
  if (::access(path_.parent_path().c_str(), W_OK) != 0)
    throw RecordsUnavailable(
        "the data directory " + path_.parent_path().string() + " is read-only (" + std::strerror(errno) + ")",
        SQLITE_READONLY);
  try {
    open();
  } catch (const DbError& e) {
    if (!isCorruption(e.code())) throwRecordsError("opening the records database", e);
    db_.reset();
    movedAside_ = path_;
    movedAside_ += ".corrupt-" + compactUtc(nowUnix);
    log::error("records", path_.string() + " is corrupt (" + e.what() + "); moved to " + movedAside_.string() +
                              " and starting a fresh records database");
    for (const char* suffix : {"-wal", "-shm"}) {
      fs::path side = path_;
      side += suffix;
      fs::path sideTo = movedAside_;
      sideTo += suffix;
      moveFile(side, sideTo);
    }
    moveFile(path_, movedAside_);
    try {
      open();
    } catch (const DbError& again) {
      throwRecordsError("starting a fresh records database", again);
    }
  }
}

RecordsDb::~RecordsDb() = default;

void RecordsDb::open() {
  db_ = std::make_unique<Database>(path_.string(), Database::Mode::ReadWriteCreate);
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=FULL");
  db_->exec("PRAGMA foreign_keys=ON");
  Statement qc(*db_, "PRAGMA quick_check");
  std::string result = qc.step() ? qc.text(0) : "no answer";
  if (result != "ok") throw DbError("quick_check: " + result, SQLITE_CORRUPT);
  migrate();
}

void RecordsDb::migrate() {
  int version = db_->userVersion();
  const auto& steps = migrations();
  if (version > static_cast<int>(steps.size()))
    throw RecordsUnavailable(path_.string() + " has schema version " + std::to_string(version) +
                             ", newer than this Medkiosk knows (" + std::to_string(steps.size()) + ")");
  for (int v = version; v < static_cast<int>(steps.size()); ++v) {
    Transaction tx(*db_);
    db_->exec(steps[static_cast<size_t>(v)]);
    db_->exec("PRAGMA user_version=" + std::to_string(v + 1));
    tx.commit();
    log::info("records", path_.string() + ": schema migrated to version " + std::to_string(v + 1));
  }
}

int RecordsDb::schemaVersion() { return db_->userVersion(); }

}  // namespace mk
