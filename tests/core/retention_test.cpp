// Records do not outlive their retention (issue #14 item 9): audit entries and CSV
// exports are purged with the records, the chain still verifies through a chained
// checkpoint, audit times are coarse, and a clock that jumps far ahead purges no
// more than a week's worth per run.
#include <sqlite3.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <fstream>

#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"
#include "core/nurse/nurse_mode.h"
#include "core/nurse/records_db.h"
#include "core/nurse/retention.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace mk;
using mk::test::TempDir;

namespace {

constexpr std::int64_t kT0 = 1'790'000'000;  // 2026-09-21T14:13:20Z
constexpr std::int64_t kDay = 86'400;

void sql(const fs::path& db, const std::string& statement) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  int rc = sqlite3_exec(h, statement.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(h);
  REQUIRE(rc == SQLITE_OK);
}

void touch(const fs::path& file, std::int64_t mtime) {
  std::ofstream(file) << "x\r\n";
  fs::last_write_time(file, fs::file_time_type::clock::now() -
                                std::chrono::seconds(std::time(nullptr) - static_cast<std::time_t>(mtime)));
}

}  // namespace

TEST_CASE("audit times are kept to the minute", "[nurse][retention]") {
  TempDir dir;
  RecordsDb db(dir.path / "records.db", kT0);
  AuditLog log(db);
  log.append("mode", "PIN pad opened", kT0 + 37);
  auto entries = log.entries();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].at == "2026-09-21T14:13:00Z");
  CHECK(log.verify().ok);
}

TEST_CASE("old audit entries are purged behind a chained checkpoint and the chain still verifies",
          "[nurse][retention]") {
  TempDir dir;
  fs::path path = dir.path / "records.db";
  {
    RecordsDb db(path, kT0);
    AuditLog log(db);
    for (int i = 0; i < 4; ++i) log.append("mode", "old " + std::to_string(i), kT0 + i * kDay);
    for (int i = 0; i < 3; ++i) log.append("mode", "recent " + std::to_string(i), kT0 + (100 + i) * kDay);
    CHECK(log.purgeBefore(kT0 + 50 * kDay, 90, kT0 + 140 * kDay) == 4);
    auto entries = log.entries();
    REQUIRE(entries.size() == 4);  // three recent ones and the checkpoint
    CHECK(entries.front().id == 5);
    CHECK(entries.back().event == "checkpoint");
    CHECK(entries.back().detail.find("entries 1-4") != std::string::npos);
    AuditVerification v = log.verify();
    INFO(v.problem);
    CHECK(v.ok);
    CHECK(v.entries == 4);
    CHECK(log.purgeBefore(kT0 + 50 * kDay, 90, kT0 + 141 * kDay) == 0);  // nothing more is old
    log.append("mode", "after the purge", kT0 + 141 * kDay);
    CHECK(log.verify().ok);
  }
  SECTION("an entry deleted after the purge is still found") {
    sql(path, "DELETE FROM audit WHERE id = 6");
    RecordsDb db(path, kT0);
    AuditVerification v = AuditLog(db).verify();
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadId == 6);
  }
  SECTION("moving the start of the chain without a checkpoint is found") {
    sql(path,
        "UPDATE audit_head SET first_id = 7, first_prev_hash = (SELECT hash FROM audit WHERE id = 6);"
        "DELETE FROM audit WHERE id <= 6");
    RecordsDb db(path, kT0);
    AuditVerification v = AuditLog(db).verify();
    CHECK_FALSE(v.ok);
    CHECK(v.problem.find("checkpoint") != std::string::npos);
  }
}

TEST_CASE("CSV exports older than the retention period are removed, and nothing else", "[nurse][retention]") {
  TempDir dir;
  fs::path exports = dir.path / "exports";
  fs::create_directories(exports);
  touch(exports / "medkiosk-counselling-20260101T0900Z.csv", kT0 - 100 * kDay);
  touch(exports / "medkiosk-counselling-20260901T0900Z.csv", kT0 - 10 * kDay);
  touch(exports / "notes.csv", kT0 - 100 * kDay);  // not ours: left alone
  CHECK(purgeOldExports(exports, kT0 - 90 * kDay) == 1);
  CHECK_FALSE(fs::exists(exports / "medkiosk-counselling-20260101T0900Z.csv"));
  CHECK(fs::exists(exports / "medkiosk-counselling-20260901T0900Z.csv"));
  CHECK(fs::exists(exports / "notes.csv"));
  CHECK(purgeOldExports(dir.path / "none", kT0) == 0);  // no export directory yet
}

TEST_CASE("the retention clock advances at most a week per purge when the clock jumps ahead", "[nurse][retention]") {
  TempDir dir;
  RecordsDb db(dir.path / "records.db", kT0);
  RetentionClock clock(db);
  CHECK(clock.purgeTime(kT0).asOf == kT0);  // the first purge takes the clock as it is
  CHECK_FALSE(clock.purgeTime(kT0 + kDay).clamped);
  PurgeTime jumped = clock.purgeTime(kT0 + 3650 * kDay);  // ten years ahead
  CHECK(jumped.clamped);
  CHECK(jumped.asOf == kT0 + kDay + kRetentionClockMaxStep);
  CHECK(clock.purgeTime(kT0 + 3650 * kDay).asOf == kT0 + kDay + 2 * kRetentionClockMaxStep);
  PurgeTime back = clock.purgeTime(kT0 + 2 * kDay);  // the clock put right again
  CHECK_FALSE(back.clamped);
  CHECK(back.asOf == kT0 + 2 * kDay);
}

TEST_CASE("nurse mode purges records, audit entries and exports together, and audits a clock jump",
          "[nurse][retention]") {
  TempDir dir;
  std::int64_t wall = kT0;
  NurseConfig config;
  config.recordsPath = dir.path / "records.db";
  config.exportDir = dir.path / "exports";
  config.retentionDays = 90;
  config.wallClock = [&] { return wall; };
  fs::create_directories(config.exportDir);
  {
    RecordsDb db(config.recordsPath, wall);
    CounsellingRecord r{"", "pomalidomide", "man", "pl", 1, {"x"}, {}, "Anna"};
    CounsellingRecords(db).save(r, wall);
    AuditLog(db).append("mode", "PIN pad opened", wall);
  }
  touch(config.exportDir / "medkiosk-counselling-20260921T1413Z.csv", wall);
  NurseMode nurse(config);
  nurse.purgeIfDue();
  CHECK(nurse.recordCount() == 1);
  for (int day = 1; day <= 91; ++day) {  // the kiosk runs every day
    wall = kT0 + day * kDay;
    nurse.purgeIfDue();
  }
  CHECK(nurse.recordCount() == 0);
  CHECK_FALSE(fs::exists(config.exportDir / "medkiosk-counselling-20260921T1413Z.csv"));
  RecordsDb db(config.recordsPath, wall);
  AuditLog log(db);
  CHECK(log.verify().ok);
  for (const auto& e : log.entries()) CHECK(e.detail != "PIN pad opened");  // 91 days old: gone

  CounsellingRecord r{"", "pomalidomide", "man", "pl", 1, {"x"}, {}, "Anna"};
  CounsellingRecords(db).save(r, wall);
  wall += 3650 * kDay;  // a clock ten years ahead keeps today's record
  nurse.purgeIfDue();
  CHECK(nurse.recordCount() == 1);
  bool audited = false;
  for (const auto& e : log.entries()) audited = audited || e.event == "purge_clock";
  CHECK(audited);
}
