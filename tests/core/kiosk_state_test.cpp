#include <catch2/catch.hpp>

#include "core/session/kiosk_state.h"
#include "test_support.h"

using namespace mk;

namespace {
KioskConfig config() {
  KioskConfig c;
  c.idleTimeoutMs = 90'000;
  c.countdownMs = 30'000;
  c.defaultTextSize = 1;
  return c;
}
}  // namespace

TEST_CASE("navigation goes attract, language, brochure when there is one medicine") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  CHECK(k.session().screen == Screen::Attract);
  k.start(10);
  CHECK(k.session().screen == Screen::Language);
  k.chooseLanguage("de_AT", 20);
  CHECK(k.session().screen == Screen::Brochure);
  CHECK(k.session().medicine == "pomalidomide");
  CHECK(k.session().locale == "de_AT");
  CHECK(k.session().section == "purpose");
}

TEST_CASE("with several medicines the medicine screen is shown") {
  Kiosk k(config(), {"pomalidomide", "lenalidomide"}, 0);
  k.start(0);
  k.chooseLanguage("en", 0);
  CHECK(k.session().screen == Screen::Medicine);
  k.chooseMedicine("lenalidomide", 0);
  CHECK(k.session().screen == Screen::Brochure);
  k.chooseMedicine("unknown", 0);
  CHECK(k.session().medicine == "lenalidomide");
}

TEST_CASE("changing language keeps the brochure and section") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  k.start(0);
  k.chooseLanguage("en", 0);
  k.chooseSection("donation", 0);
  k.changeLanguage(0);
  CHECK(k.session().screen == Screen::Language);
  k.chooseLanguage("el_GR", 0);
  CHECK(k.session().screen == Screen::Brochure);
  CHECK(k.session().section == "donation");
}

TEST_CASE("the language screen's way back returns to the brochure as it was, or to Attract") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  k.start(0);
  std::uint64_t first = k.sessionNumber();
  k.leaveLanguageChoice(1000);  // touched Attract by mistake
  CHECK(k.session().screen == Screen::Attract);
  CHECK(k.sessionNumber() == first + 1);
  k.start(2000);
  k.chooseLanguage("el_GR", 2000);
  k.chooseSection("donation", 3000);
  k.session().scroll.setMax(5000);
  k.session().scroll.jumpTo(700);
  k.changeLanguage(4000);
  REQUIRE(k.session().screen == Screen::Language);
  k.leaveLanguageChoice(5000);
  CHECK(k.session().screen == Screen::Brochure);
  CHECK(k.session().locale == "el_GR");
  CHECK(k.session().section == "donation");
  CHECK(k.session().scroll.offset() == 700);
  k.leaveLanguageChoice(6000);  // only from the Language screen
  CHECK(k.session().screen == Screen::Brochure);
}

TEST_CASE("idle timeout shows a countdown, then the reset clears everything") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  k.start(0);
  k.chooseLanguage("bg_BG", 0);
  k.chooseSection("pregnancy", 1000);
  k.setTextSize(3, 2000);
  k.setHighContrast(true, 3000);
  k.session().scroll.setMax(5000);
  k.session().scroll.jumpTo(1200);
  std::uint64_t session = k.sessionNumber();

  CHECK(k.nextDeadline(3000) == 93'000);
  CHECK_FALSE(k.tick(92'999));
  CHECK_FALSE(k.session().idleWarning);
  CHECK(k.tick(93'000));
  CHECK(k.session().idleWarning);
  CHECK(k.countdownSecondsLeft(93'000) == 30);
  CHECK(k.countdownSecondsLeft(110'500) == 13);
  CHECK(k.nextDeadline(110'500) == 111'000);  // redraw on each second

  CHECK(k.tick(123'000));
  const Session& s = k.session();
  CHECK(s.screen == Screen::Attract);
  CHECK(s.locale == "en");
  CHECK(s.medicine.empty());
  CHECK(s.section == "purpose");
  CHECK(s.textSize == 1);
  CHECK_FALSE(s.highContrast);
  CHECK(s.scroll.offset() == 0);
  CHECK_FALSE(s.idleWarning);
  CHECK(k.sessionNumber() == session + 1);
}

TEST_CASE("a touch during the countdown continues the session") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  k.start(0);
  k.chooseLanguage("en", 0);
  k.tick(90'000);
  REQUIRE(k.session().idleWarning);
  k.noteInput(100'000);
  CHECK_FALSE(k.session().idleWarning);
  CHECK_FALSE(k.tick(150'000));
  CHECK(k.session().screen == Screen::Brochure);
  CHECK(k.tick(190'000));  // a fresh timeout from the last touch
}

TEST_CASE("the countdown is never shorter than 20 seconds and the timeout can be off") {
  KioskConfig c = config();
  c.countdownMs = 5'000;
  Kiosk k(c, {"pomalidomide"}, 0);
  CHECK(k.config().countdownMs == 20'000);
  c.idleTimeoutMs = 0;
  Kiosk off(c, {"pomalidomide"}, 0);
  off.start(0);
  CHECK_FALSE(off.tick(10'000'000));
  CHECK(off.nextDeadline(0) == -1);
}

TEST_CASE("the birth-defect banner is whole on the first section, compact after it, whole again for the next patient") {
  Kiosk k(config(), {"pomalidomide"}, 0);
  k.start(0);
  k.chooseLanguage("en", 0);
  REQUIRE(k.session().screen == Screen::Brochure);
  CHECK_FALSE(k.session().warningCompact);
  k.chooseSection("purpose", 10);  // the same section: nothing new seen
  CHECK_FALSE(k.session().warningCompact);
  k.chooseSection("donation", 20);
  CHECK(k.session().warningCompact);
  k.setWarningCompact(false, 30);  // the patient tapped it
  CHECK_FALSE(k.session().warningCompact);
  k.chooseSection("symptoms", 40);
  CHECK(k.session().warningCompact);
  k.goHome(50);
  CHECK_FALSE(k.session().warningCompact);
}

TEST_CASE("the attract screen cycles its languages on a timer") {
  KioskConfig c = config();
  c.attractCycleMs = 4'000;
  Kiosk k(c, {"pomalidomide"}, 1'000);
  CHECK(k.attractCycleIndex(1'000, 3) == 0);
  CHECK(k.attractCycleIndex(5'000, 3) == 1);
  CHECK(k.attractCycleIndex(13'000, 3) == 0);
  CHECK(k.nextDeadline(2'000) == 5'000);
  // The step keeps counting past the languages: the picture's drift follows it.
  CHECK(k.attractStep(1'000) == 0);
  CHECK(k.attractStep(13'000) == 3);
  CHECK(k.attractStep(400'999) == 99);
}

// The loop passes the monotonic clock, which a wall-clock change (NTP, a technician
// setting the date) does not move. These cases feed the jumps a wall clock would make
// (±1 year) straight into the state machine: the idle reset must still work.
namespace {
constexpr std::int64_t kYearMs = 365LL * 24 * 3600 * 1000;
constexpr std::int64_t kT0 = 1'790'000'000'000;  // a time in 2026, in ms
}  // namespace

TEST_CASE("time going back a year restarts the idle timing, logged, and the reset still comes") {
  test::LogCapture logs;
  Kiosk k(config(), {"pomalidomide"}, kT0);
  k.start(kT0);
  k.chooseLanguage("de", kT0 + 1'000);
  k.setTextSize(3, kT0 + 2'000);
  const std::int64_t back = kT0 + 10'000 - kYearMs;
  CHECK_FALSE(k.tick(back));
  CHECK(logs.contains("clock went back by"));
  CHECK(k.session().screen == Screen::Brochure);
  CHECK_FALSE(k.tick(back + 89'000));
  CHECK(k.nextDeadline(back + 89'000) == back + 90'000);
  CHECK(k.tick(back + 90'000));
  CHECK(k.session().idleWarning);
  CHECK(k.countdownSecondsLeft(back + 90'000) == 30);
  CHECK(k.tick(back + 120'000));
  CHECK(k.session().screen == Screen::Attract);
  CHECK(k.session().textSize == 1);
}

TEST_CASE("time jumping forward a year counts as idle, logged, then the countdown runs") {
  test::LogCapture logs;
  Kiosk k(config(), {"pomalidomide"}, kT0);
  k.start(kT0);
  k.chooseLanguage("de", kT0);
  const std::int64_t ahead = kT0 + kYearMs;
  CHECK(k.tick(ahead));
  CHECK(logs.contains("clock jumped forward by"));
  CHECK(k.session().idleWarning);
  CHECK(k.countdownSecondsLeft(ahead) == 30);
  CHECK_FALSE(k.tick(ahead + 29'000));
  CHECK(k.tick(ahead + 30'000));
  CHECK(k.session().screen == Screen::Attract);
}

TEST_CASE("a jump back during the countdown never shows more than the countdown") {
  Kiosk k(config(), {"pomalidomide"}, kT0);
  k.start(kT0);
  k.chooseLanguage("de", kT0);
  CHECK(k.tick(kT0 + 90'000));
  REQUIRE(k.session().idleWarning);
  const std::int64_t back = kT0 + 95'000 - kYearMs;
  CHECK(k.countdownSecondsLeft(back) == 30);  // clamped even before the next tick
  k.tick(back);
  CHECK(k.session().idleWarning);
  CHECK(k.countdownSecondsLeft(back + 10'000) == 20);
  CHECK(k.tick(back + 30'000));
  CHECK(k.session().screen == Screen::Attract);
  // On the attract screen the language rotation keeps a sane next wake-up.
  std::int64_t wake = k.nextDeadline(back + 30'000 - kYearMs);
  CHECK(wake > back + 30'000 - kYearMs);
  CHECK(wake <= back + 30'000 - kYearMs + k.config().attractCycleMs);
}
