#pragma once
// Limits for a content database that came from outside the process (issue #14, item
// 10: a table that was a recursive view hung `medkiosk-update --current`). SQLite's
// defensive settings are in core/base/sqlite_db.cpp; these add what only a reader of
// untrusted content needs.
// Thread-safety: use from the thread that uses the database.
#include <chrono>
#include <string>

namespace mk {

class Database;

// How long opening a content database (integrity check, content hash) may take.
inline constexpr std::chrono::milliseconds kUntrustedOpenDeadline{10'000};

// No memory mapping (a file changed under the map cannot fault the process),
// cell_size_check on, and sqlite3_limit() on statement length, expression depth,
// compound selects, function arguments, attached databases, LIKE patterns and
// trigger depth.
void limitUntrusted(Database& db);

// Throws DbError (naming `what`) when the schema holds a view or a trigger: content
// databases have neither, and a view can be made to run for ever.
void refuseViewsAndTriggers(Database& db, const std::string& what);

// While alive, every statement on `db` is interrupted (DbError, "interrupted") once
// `limit` has passed.
class QueryDeadline {
 public:
  QueryDeadline(Database& db, std::chrono::milliseconds limit);
  ~QueryDeadline();
  QueryDeadline(const QueryDeadline&) = delete;
  QueryDeadline& operator=(const QueryDeadline&) = delete;

 private:
  static int onProgress(void* self);
  Database& db_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace mk
