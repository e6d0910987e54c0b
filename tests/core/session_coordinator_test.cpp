// The session decisions the UI only reports input for: the corner hold, presses
// during the idle warning, nurse timeouts, the hand-over to the patient with the
// lens, counting a saved walk-through, and the language and text size on screen.
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/nurse/nurse_auth.h"
#include "core/nurse/records_db.h"
#include "core/session/session_coordinator.h"
#include "core/system/metrics.h"
#include "test_support.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kWall = 1'790'000'000;  // 2026-09-21, a fixed wall clock
constexpr std::int64_t kHoldMs = 3'000;

struct Rig {
  TempDir dir;
  UiStrings strings{MEDKIOSK_BINARY_DIR "/locales"};
  Kiosk kiosk{KioskConfig{}, {"pomalidomide"}, 0};
  NurseMode nurse{config()};
  SessionCoordinator coordinator{kiosk, strings, &nurse, kHoldMs};

  NurseConfig config() {
    NurseConfig c;
    c.recordsPath = dir.path / "records.db";
    c.exportDir = dir.path / "exports";
    c.wallClock = [] { return kWall; };
    RecordsDb db(c.recordsPath, kWall);
    NurseAuth(db).addNurse("Anna", "246813", kWall);
    return c;
  }
  void signIn(std::int64_t nowMs) {
    nurse.openPad(nowMs);
    kiosk.showScreen(Screen::Pin, nowMs);
    nurse.chooseNurse("Anna");
    nurse.pinEntry() = "246813";
    REQUIRE(nurse.submitPin(nowMs).outcome == PinAttempt::Outcome::Accepted);
    kiosk.showScreen(Screen::NurseHome, nowMs);
  }
};

}  // namespace

TEST_CASE("A finger held in the nurse corner opens the PIN pad only after the hold time", "[session]") {
  Rig r;
  r.kiosk.start(0);
  r.kiosk.chooseLanguage("pl", 10);
  CornerHold hold{true, 1'000};
  Screen patientScreen = r.kiosk.session().screen;
  r.coordinator.step(1'000 + kHoldMs - 1, hold);
  CHECK(r.kiosk.session().screen == patientScreen);
  CHECK(r.coordinator.nextDeadline(1'500, hold) == 1'000 + kHoldMs);
  r.coordinator.step(1'000 + kHoldMs, hold);
  CHECK(r.kiosk.session().screen == Screen::Pin);
  CHECK(r.kiosk.session().locale == r.kiosk.config().defaultLocale);  // nothing of the patient stays behind the pad
  CHECK(r.kiosk.session().locale != "pl");
  CHECK(r.coordinator.swallowing());  // the resting finger presses no key on lifting
  r.coordinator.pointerReleased();
  CHECK_FALSE(r.coordinator.swallowing());
}

TEST_CASE("A hold outside the corner or on a nurse screen does nothing", "[session]") {
  Rig r;
  r.kiosk.start(0);
  r.coordinator.step(10'000, CornerHold{false, 0});
  CHECK(r.kiosk.session().screen == Screen::Language);
  CHECK(r.coordinator.nextDeadline(10'000, CornerHold{false, 0}) != kHoldMs);
  r.signIn(20'000);
  r.coordinator.step(30'000, CornerHold{true, 20'000});
  CHECK(r.kiosk.session().screen == Screen::NurseHome);
  CHECK(r.nurse.signedIn());
}

TEST_CASE("A press during the idle warning only dismisses it", "[session]") {
  Rig r;
  r.kiosk.start(0);
  r.kiosk.tick(r.kiosk.config().idleTimeoutMs + 1);
  REQUIRE(r.kiosk.session().idleWarning);
  CHECK(r.coordinator.noteGesture(true, r.kiosk.config().idleTimeoutMs + 2));
  CHECK_FALSE(r.kiosk.session().idleWarning);
  r.coordinator.pointerReleased();
  CHECK_FALSE(r.coordinator.noteGesture(true, r.kiosk.config().idleTimeoutMs + 3));
}

TEST_CASE("The nurse timeout and the idle reset end a nurse session", "[session]") {
  Rig r;
  r.signIn(1'000);
  r.coordinator.step(1'000, {});
  CHECK(r.coordinator.screenLocale() == "en");  // the nurse's language, by default the kiosk's
  CHECK(r.coordinator.textSizeOnScreen() == 2);
  r.coordinator.step(1'000 + 60'000, {});
  CHECK_FALSE(r.nurse.signedIn());
  CHECK(r.kiosk.session().screen == Screen::Attract);

  r.signIn(100'000);
  r.coordinator.step(100'000, {});
  r.kiosk.goHome(101'000);  // the idle reset
  r.coordinator.step(101'000, {});
  CHECK_FALSE(r.nurse.signedIn());
}

TEST_CASE("The PIN pad is drawn in the kiosk's default language", "[session]") {
  Rig r;
  r.kiosk.start(0);
  r.kiosk.chooseLanguage("el", 10);
  CHECK(r.coordinator.screenLocale() == "el");
  r.coordinator.step(5'000, CornerHold{true, 1'000});
  REQUIRE(r.kiosk.session().screen == Screen::Pin);
  CHECK(r.coordinator.screenLocale() == r.kiosk.config().defaultLocale);
}

TEST_CASE("A saved walk-through is counted once, after the frame", "[session]") {
  Rig r;
  Metrics metrics(r.dir.path / "m.prom", r.dir.path / "state");
  r.kiosk.setMetrics(&metrics);
  r.signIn(1'000);
  auto& s = r.nurse.session();
  s.medicine = "pomalidomide";
  s.category = "man";
  s.patientLocale = "pl";
  s.nurseLocale = "de";
  r.nurse.startWalkthrough({"birth_defects"});
  s.walkthrough.understood();
  r.nurse.requestSave(5);
  std::string counted = "medkiosk_walkthroughs_completed_total 1\n";
  CHECK(metrics.render(kWall).find(counted) == std::string::npos);
  CHECK(r.coordinator.afterFrame());
  CHECK(metrics.render(kWall).find(counted) != std::string::npos);
  CHECK_FALSE(r.coordinator.afterFrame());
  CHECK(metrics.render(kWall).find(counted) != std::string::npos);
}

TEST_CASE("A lens section opens at its marked part once per session", "[session]") {
  BrochureLens lens;
  lens.anchors = {{"pregnancy", 3}, {"donation", 0}};
  CHECK(lens.firstOpening("pregnancy"));
  CHECK_FALSE(lens.firstOpening("pregnancy"));
  CHECK_FALSE(lens.firstOpening("purpose"));  // not covered
  CHECK(lens.firstOpening("donation"));

  Kiosk kiosk(KioskConfig{}, {"pomalidomide"}, 0);
  kiosk.openBrochureWithLens("pl", "pomalidomide", lens, 0);
  CHECK_FALSE(kiosk.session().lens.firstOpening("pregnancy"));  // carried as given
  kiosk.goHome(1);
  BrochureLens fresh;
  fresh.anchors = lens.anchors;
  kiosk.openBrochureWithLens("pl", "pomalidomide", fresh, 2);
  CHECK(kiosk.session().lens.firstOpening("pregnancy"));  // a new session starts afresh
}
