// Issue #14, item 10: a content database that would hang a reader is refused in
// bounded time, never opened.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"
#include "update_fixtures.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

void execOn(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  INFO(msg);
  REQUIRE(rc == SQLITE_OK);
}

// Opens `db` as ContentDb in a child process: 0 refused (DbError), 1 opened,
// -1 still running after `limit` (killed).
int openInChild(const fs::path& db, std::chrono::seconds limit) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      ContentDb content(db);
      ::_exit(1);
    } catch (const DbError&) {
      ::_exit(0);
    }
    ::_exit(2);
  }
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

}  // namespace

TEST_CASE("a content database whose table is a recursive view is refused at once") {
  TempDir dir;
  fs::path db = dir.path / "view.db";
  test::buildVersion(db, 8);
  // The attack of the issue: a table replaced by a view that never ends.
  execOn(db,
         "CREATE TABLE medicine_copy AS SELECT * FROM medicine; DROP TABLE medicine; "
         "CREATE VIEW medicine AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
         "SELECT m.* FROM r, medicine_copy m;");
  auto started = std::chrono::steady_clock::now();
  CHECK(openInChild(db, std::chrono::seconds(20)) == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(15));
}

TEST_CASE("a content database with a trigger is refused") {
  TempDir dir;
  fs::path db = dir.path / "trigger.db";
  test::buildVersion(db, 8);
  execOn(db, "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;");
  CHECK(openInChild(db, std::chrono::seconds(20)) == 0);
}

TEST_CASE("the shipped content still opens with the limits for untrusted databases") {
  TempDir dir;
  fs::path db = dir.path / "good.db";
  test::buildVersion(db, 8);
  CHECK(openInChild(db, std::chrono::seconds(20)) == 1);
}
