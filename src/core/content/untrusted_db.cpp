#include "core/content/untrusted_db.h"

#include <sqlite3.h>

#include "core/base/sqlite_db.h"

namespace mk {
namespace {

// Far above what the shipped content needs (its longest statement is a few hundred
// bytes, its deepest expression a handful of levels), far below SQLite's defaults.
constexpr int kMaxSqlLength = 100'000;
constexpr int kMaxExprDepth = 100;
constexpr int kMaxCompoundSelect = 50;
constexpr int kMaxFunctionArgs = 16;
constexpr int kMaxLikePattern = 1'000;
constexpr int kMaxTriggerDepth = 1;
// Virtual machine steps between two looks at the clock.
constexpr int kProgressSteps = 10'000;

}  // namespace

void limitUntrusted(Database& db) {
  db.exec("PRAGMA mmap_size=0");
  db.exec("PRAGMA cell_size_check=ON");
  sqlite3* h = db.handle();
  sqlite3_limit(h, SQLITE_LIMIT_SQL_LENGTH, kMaxSqlLength);
  sqlite3_limit(h, SQLITE_LIMIT_EXPR_DEPTH, kMaxExprDepth);
  sqlite3_limit(h, SQLITE_LIMIT_COMPOUND_SELECT, kMaxCompoundSelect);
  sqlite3_limit(h, SQLITE_LIMIT_FUNCTION_ARG, kMaxFunctionArgs);
  sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit(h, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, kMaxLikePattern);
  sqlite3_limit(h, SQLITE_LIMIT_TRIGGER_DEPTH, kMaxTriggerDepth);
}

void refuseViewsAndTriggers(Database& db, const std::string& what) {
  Statement st(db, "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY name LIMIT 1");
  if (st.step()) throw DbError(what + " has a " + st.text(0) + " '" + st.text(1) + "'; content databases have none");
}

QueryDeadline::QueryDeadline(Database& db, std::chrono::milliseconds limit)
    : db_(db), deadline_(std::chrono::steady_clock::now() + limit) {
  sqlite3_progress_handler(db_.handle(), kProgressSteps, &QueryDeadline::onProgress, this);
}

QueryDeadline::~QueryDeadline() { sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr); }

int QueryDeadline::onProgress(void* self) {
  return std::chrono::steady_clock::now() > static_cast<QueryDeadline*>(self)->deadline_ ? 1 : 0;
}

}  // namespace mk
