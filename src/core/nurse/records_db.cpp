#include "core/nurse/records_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <system_error>
#include <vector>

#include "core/base/log.h"
#include "core/base/process_guard.h"
#include "core/base/utc_time.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr mode_t kRecordsMode = 0600;

// Each step takes the schema from version i to i + 1; never edit a released step.
constexpr std::array<const char*, kRecordsSchemaVersion> kMigrations = {
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
    // 2: audit entries purged with the records (issue #14 item 9): where the chain
    // starts after a purge, and the time the last purge went by.
    R"sql(
ALTER TABLE audit_head ADD COLUMN first_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN first_prev_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE purge_clock(id INTEGER PRIMARY KEY CHECK(id = 1), last_purge INTEGER NOT NULL);
INSERT INTO purge_clock VALUES(1, 0);
)sql",
    // 3: PIN guessing at the screen (issue #14 item 7): wrong PINs counted per nurse
    // and per day, and in total for the metrics. pin_state.failures and locked_until
    // (one count for all nurses) are no longer used.
    R"sql(
ALTER TABLE nurse ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE nurse ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pin_state ADD COLUMN day INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pin_state ADD COLUMN day_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pin_state ADD COLUMN wrong_total INTEGER NOT NULL DEFAULT 0;
)sql",
};

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

void refuseOtherOwner(const fs::path& f, const struct stat& st) {
  if (st.st_uid == ::geteuid()) return;
  throw RecordsUnavailable(f.string() + " is owned by " + userName(st.st_uid) + ", not by " + userName(::geteuid()) +
                               ", who runs this program; run medkiosk-admin as the kiosk user (runuser -u medkiosk "
                               "-- medkiosk-admin ...), or give the file back to it with chown",
                           SQLITE_CANTOPEN);
}

// records.db holds the PIN hashes (issue #14 items 1 and 2): it and its WAL and
// shared-memory files belong to the user running the kiosk, rw------- (the content
// updater shares the kiosk's group, and must not read them). SQLite creates the
// WAL and shared-memory files with the main file's mode, so the main file is created
// here first; a file left wider (by an older version) is tightened, one owned by
// another user is refused, never used.
void secureRecordsFiles(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::path f = db;
    f += suffix;
    struct stat st {};
    if (::lstat(f.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      throw RecordsUnavailable("cannot read the status of " + f.string() + ": " + std::strerror(errno),
                               SQLITE_CANTOPEN);
    }
    if (!S_ISREG(st.st_mode))
      throw RecordsUnavailable(f.string() + " is not a regular file; refusing to open it", SQLITE_CANTOPEN);
    refuseOtherOwner(f, st);
    mode_t mode = st.st_mode & 07777;
    if ((mode & ~kRecordsMode) == 0) continue;
    if (::chmod(f.c_str(), mode & kRecordsMode) != 0)
      throw RecordsUnavailable("cannot restrict the mode of " + f.string() + ": " + std::strerror(errno),
                               SQLITE_CANTOPEN);
    log::warn("records", f.string() + " was readable or writable by others; its mode is now rw-------");
  }
  if (fs::exists(db)) return;
  int fd = ::open(db.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kRecordsMode);
  if (fd < 0 && errno != EEXIST)
    throw RecordsUnavailable("cannot create " + db.string() + ": " + std::strerror(errno), SQLITE_CANTOPEN);
  if (fd >= 0) ::close(fd);
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
  if (struct stat dir{}; ::stat(path_.parent_path().c_str(), &dir) == 0) refuseOtherOwner(path_.parent_path(), dir);
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
  secureRecordsFiles(path_);
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
  const auto& steps = kMigrations;
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
