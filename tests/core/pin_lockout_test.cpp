// PIN guessing at the screen (issue #14 item 7): a PIN signs in only the nurse
// chosen, wrong PINs are counted per nurse and per day where a restart or another
// nurse's sign-in cannot reset them, the check runs on a worker thread, and the
// counts reach the fleet metrics.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <future>

#include "core/nurse/nurse_auth.h"
#include "core/nurse/nurse_mode.h"
#include "core/nurse/pin_lockout.h"
#include "core/nurse/records_db.h"
#include "core/session/session_coordinator.h"
#include "core/system/metrics.h"
#include "test_support.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kDay = 1'790'000'000 / kSecondsPerDay * kSecondsPerDay;  // 2026-09-21T00:00Z
constexpr std::int64_t kNoon = kDay + 12 * 3600;

fs::path recordsIn(const TempDir& dir) { return dir.path / "records.db"; }

void addNurses(const fs::path& db) {
  RecordsDb records(db, kNoon);
  NurseAuth auth(records);
  auth.addNurse("Anna", "246813", kNoon);
  auth.addNurse("Ben", "135790", kNoon);
}

bool has(const std::string& text, const std::string& line) { return text.find(line) != std::string::npos; }

}  // namespace

TEST_CASE("A PIN of nurse B does not sign in when nurse A is chosen", "[nurse][security]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  RecordsDb db(recordsIn(dir), kNoon);
  NurseAuth auth(db);
  PinAttempt a = auth.tryPin("Anna", "135790", kNoon);  // Ben's PIN
  CHECK(a.outcome == PinAttempt::Outcome::Wrong);
  CHECK(a.nurse == "Anna");
  CHECK(auth.lockout().failures("Anna") == 1);
  CHECK(auth.lockout().failures("Ben") == 0);
  CHECK(auth.tryPin("Ben", "135790", kNoon).outcome == PinAttempt::Outcome::Accepted);
  // A pseudonym that is no nurse's is always wrong, and counts against the day.
  CHECK(auth.tryPin("Nobody", "135790", kNoon).outcome == PinAttempt::Outcome::Wrong);
  CHECK(auth.lockout().dayFailures(kNoon) == 2);
}

TEST_CASE("One nurse's lock leaves the other nurses' pads open", "[nurse][security]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  RecordsDb db(recordsIn(dir), kNoon);
  NurseAuth auth(db);
  for (int i = 0; i < kFreeTries; ++i) auth.tryPin("Anna", "000000", kNoon);
  CHECK(auth.lockedFor("Anna", kNoon) == kFirstLockSeconds);
  CHECK(auth.lockedFor("Ben", kNoon) == 0);
  CHECK(auth.tryPin("Ben", "135790", kNoon).outcome == PinAttempt::Outcome::Accepted);
  CHECK(auth.lockedFor("Anna", kNoon) == kFirstLockSeconds);  // Ben's sign-in does not unlock Anna
}

TEST_CASE("The daily budget of wrong PINs locks every nurse until the next day, across restarts", "[nurse][security]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  PinPolicy policy{5, 6};
  std::int64_t t = kNoon;
  {
    RecordsDb db(recordsIn(dir), t);
    NurseAuth auth(db, policy);
    for (int i = 0; i < 3; ++i) auth.tryPin("Anna", "000000", t);
    CHECK(auth.tryPin("Ben", "135790", t).outcome == PinAttempt::Outcome::Accepted);  // resets nothing of the day
    auth.tryPin("Ben", "000000", t);
    auth.tryPin("Ben", "000000", t);
    CHECK(auth.lockout().allLockedFor(t) == 0);
    PinAttempt last = auth.tryPin("Ben", "000000", t);  // the sixth today
    CHECK(last.outcome == PinAttempt::Outcome::Wrong);
    CHECK(last.lockedToday);
    CHECK(last.lockedSeconds == 12 * 3600);  // until 00:00 UTC
  }
  {
    RecordsDb db(recordsIn(dir), t + 60);  // a restart
    NurseAuth auth(db, policy);
    CHECK(auth.lockout().allLockedFor(t + 60) == 12 * 3600 - 60);
    PinAttempt right = auth.tryPin("Anna", "246813", t + 60);
    CHECK(right.outcome == PinAttempt::Outcome::Locked);  // even the right PIN is not checked
    CHECK(right.lockedToday);
    std::int64_t tomorrow = kDay + kSecondsPerDay;
    CHECK(auth.lockout().allLockedFor(tomorrow) == 0);
    CHECK(auth.lockout().dayFailures(tomorrow) == 0);
    CHECK(auth.tryPin("Anna", "246813", tomorrow + 5).outcome == PinAttempt::Outcome::Accepted);
  }
}

TEST_CASE("An attempt is counted before its PIN is checked, and given back when it was right", "[nurse][security]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  {
    RecordsDb db(recordsIn(dir), kNoon);
    NurseAuth auth(db);
    PinCheck check = auth.begin("Anna", "246813", kNoon);
    REQUIRE_FALSE(check.decided);
    CHECK(check.hash.rfind("$argon2id$", 0) == 0);
    // The power fails here, before finish().
  }
  RecordsDb db(recordsIn(dir), kNoon);
  NurseAuth auth(db);
  CHECK(auth.lockout().failures("Anna") == 1);
  CHECK(auth.lockout().dayFailures(kNoon) == 1);
  PinCheck check = auth.begin("Ben", "135790", kNoon);
  CHECK(auth.lockout().dayFailures(kNoon) == 2);
  CHECK(auth.finish(check, true, kNoon).outcome == PinAttempt::Outcome::Accepted);
  CHECK(auth.lockout().dayFailures(kNoon) == 1);
  CHECK(auth.lockout().counters().wrongTotal == 1);
}

TEST_CASE("The PIN is checked on a worker thread while the pad shows it is checking", "[nurse][security]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  NurseConfig config;
  config.recordsPath = recordsIn(dir);
  config.wallClock = [] { return kNoon; };
  NurseMode nurse(config);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> onWorker{false};
  nurse.setBeforePinVerify([&, released] {
    onWorker = true;
    released.wait();
  });
  nurse.openPad(0);
  nurse.chooseNurse("Anna");
  nurse.pinEntry() = "246813";
  const char* buffer = nurse.pinEntry().data();
  REQUIRE(nurse.startPinCheck(100));
  CHECK(nurse.checking());
  CHECK(std::all_of(buffer, buffer + 6, [](char c) { return c == '\0'; }));  // wiped at once
  CHECK_FALSE(nurse.pollPinCheck());
  CHECK_FALSE(nurse.signedIn());
  CHECK_FALSE(nurse.startPinCheck(120));  // one check at a time
  release.set_value();
  nurse.awaitPinCheck();
  CHECK(onWorker);
  std::optional<PinAttempt> done = nurse.pollPinCheck();
  REQUIRE(done);
  CHECK(done->outcome == PinAttempt::Outcome::Accepted);
  CHECK(nurse.signedIn());
  CHECK_FALSE(nurse.pollPinCheck());  // reported once
}

TEST_CASE("Wrong PINs, lockouts and the daily lock reach the metrics", "[nurse][metrics]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  NurseConfig config;
  config.recordsPath = recordsIn(dir);
  config.wallClock = [] { return kNoon; };
  config.pinPolicy = {2, 3};
  UiStrings strings{MEDKIOSK_BINARY_DIR "/locales"};
  Kiosk kiosk{KioskConfig{}, {"pomalidomide"}, 0};
  NurseMode nurse(config);
  SessionCoordinator coordinator{kiosk, strings, &nurse, 3'000};
  Metrics metrics(dir.path / "m.prom", dir.path / "state");
  kiosk.setMetrics(&metrics);
  nurse.openPad(0);
  kiosk.showScreen(Screen::Pin, 0);
  nurse.chooseNurse("Anna");
  for (int i = 0; i < 2; ++i) {
    nurse.pinEntry() = "111111";
    nurse.requestPinCheck();
    coordinator.afterFrame();  // starts the check
    nurse.awaitPinCheck();
    coordinator.step(100, {});  // polls it
  }
  std::string text = metrics.render(kNoon);
  CHECK(has(text, "medkiosk_nurse_pin_failures_total 2\n"));
  CHECK(has(text, "medkiosk_nurse_lockouts_total 1\n"));  // Anna, after 2 in a row
  CHECK(has(text, "medkiosk_nurses_locked 1\n"));
  CHECK(has(text, "medkiosk_nurse_locked 0\n"));
  CHECK(has(metrics.render(kNoon + kFirstLockSeconds), "medkiosk_nurses_locked 0\n"));
  nurse.chooseNurse("Ben");
  nurse.pinEntry() = "111111";
  nurse.submitPin(200);
  coordinator.step(300, {});
  text = metrics.render(kNoon);
  CHECK(has(text, "medkiosk_nurse_pin_failures_total 3\n"));
  CHECK(has(text, "medkiosk_nurse_lockouts_total 2\n"));  // the day's budget
  CHECK(has(text, "medkiosk_nurse_locked 1\n"));
  CHECK(has(metrics.render(kDay + kSecondsPerDay), "medkiosk_nurse_locked 0\n"));
}

TEST_CASE("The counters survive a restart: the metrics read them from the records database", "[nurse][metrics]") {
  TempDir dir;
  addNurses(recordsIn(dir));
  {
    RecordsDb db(recordsIn(dir), kNoon);
    NurseAuth auth(db);
    for (int i = 0; i < kFreeTries; ++i) auth.tryPin("Anna", "000000", kNoon);
  }
  NurseConfig config;
  config.recordsPath = recordsIn(dir);
  config.wallClock = [] { return kNoon; };
  NurseMode nurse(config);
  REQUIRE(nurse.ensureOpen());
  std::optional<PinCounters> c = nurse.takePinCounters();
  REQUIRE(c);
  CHECK(c->wrongTotal == static_cast<std::uint64_t>(kFreeTries));
  CHECK(c->lockoutsTotal == 1);
  CHECK(c->nurseLockedUntil == std::vector<std::int64_t>{kNoon + kFirstLockSeconds});
  CHECK_FALSE(nurse.takePinCounters());  // only when changed
}
