// Nurse mode through the real UI, headless: the hidden long-press, the PIN pad,
// the walk-through in two languages, the summary, the brochure lens, timeouts and
// an unusable records database. Targets are found by id and tapped at their centre.
#include <catch2/catch.hpp>
#include <fstream>
#include <future>

#include "app/app.h"
#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"
#include "core/nurse/nurse_auth.h"
#include "core/nurse/records_db.h"
#include "ui/frame_checks.h"

using namespace mk;
using mk::test::checkTextInsideBoxes;
namespace fs = std::filesystem;

namespace {

struct NurseRig {
  fs::path dir;
  std::unique_ptr<app::App> app;
  std::unique_ptr<ui::Renderer> renderer;
  std::int64_t now = 0;

  explicit NurseRig(int w = 1080, int h = 1920, const std::string& content = "", const std::string& dataDir = "") {
    dir = fs::temp_directory_path() / ("medkiosk-nurse-ui-" + std::to_string(::getpid()) + "-" + std::to_string(w) +
                                       "-" + std::to_string(counter()++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path data = dataDir.empty() ? dir / "data" : fs::path(dataDir);
    {
      std::ofstream ini(dir / "kiosk.ini");
      ini << "[kiosk]\ncountry = DE\n[data]\ndirectory = " << data.string() << "\n";
    }
    if (dataDir.empty()) {
      RecordsDb db(data / "records.db", std::time(nullptr));
      NurseAuth(db).addNurse("Schwester Eva", "246813", std::time(nullptr));
    }
    app::Options o;
    o.config = (dir / "kiosk.ini").string();
    o.content = content;
    app = std::make_unique<app::App>(o, "medkiosk_ui_tests", 0);
    renderer = ui::Renderer::forSurface(w, h);
    app->ui().setRenderer(renderer.get());
    frames();
  }
  ~NurseRig() {
    app.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  Kiosk& kiosk() { return app->kiosk(); }
  NurseMode& nurse() { return app->nurse(); }
  // As the headless runner does, each frame first waits for a PIN check in flight.
  void frames(int n = 3) {
    for (int i = 0; i < n; ++i) {
      app->nurse().awaitPinCheck();
      app->ui().frame(now);
      now += 16;
    }
  }
  void feed(PointerEvent::Kind kind, float x, float y) {
    app->ui().handleGestures(app->ui().input().feed(PointerEvent{kind, x, y, now}), now);
  }
  // Holds a finger still for `ms`, letting the UI's timers run as the loop would.
  void hold(float x, float y, std::int64_t ms) {
    feed(PointerEvent::Kind::Down, x, y);
    std::int64_t end = now + ms;
    while (now < end) {
      app->ui().frame(now);
      now = std::min(end, now + 100);
      app->ui().handleGestures(app->ui().input().tick(now), now);
    }
    frames(1);
    feed(PointerEvent::Kind::Up, x, y);
    frames();
  }
  bool has(const std::string& id) {
    for (const auto& t : app->ui().registry().targets)
      if (t.id == id) return true;
    return false;
  }
  void tap(const std::string& id) {
    const ui::FrameRegistry::Target* target = nullptr;
    for (const auto& t : app->ui().registry().targets)
      if (t.id == id) target = &t;
    INFO("target " << id << " on screen " << toString(kiosk().session().screen));
    REQUIRE(target);
    float x = (target->min.x + target->max.x) / 2, y = (target->min.y + target->max.y) / 2;
    feed(PointerEvent::Kind::Down, x, y);
    frames(1);
    feed(PointerEvent::Kind::Up, x, y);
    frames();
  }
  void typePin(const std::string& pin) {
    for (char c : pin) tap(std::string("pin.") + c);
    tap("pin.ok");
  }
  void signIn() {
    hold(20, 20, 3'200);
    REQUIRE(kiosk().session().screen == Screen::Pin);
    tap("pin.nurse.1");
    typePin("246813");
    REQUIRE(kiosk().session().screen == Screen::NurseHome);
  }
};

}  // namespace

TEST_CASE("a 3 s hold on the corner opens the PIN pad, and a shorter hold or one elsewhere does not", "[nurse]") {
  NurseRig rig;
  rig.hold(20, 20, 2'500);
  CHECK(rig.kiosk().session().screen == Screen::Attract);
  rig.hold(540, 960, 3'500);  // the middle starts the patient's session instead
  CHECK(rig.kiosk().session().screen != Screen::Pin);
  rig.kiosk().goHome(rig.now);
  rig.frames();
  rig.hold(20, 20, 3'200);
  CHECK(rig.kiosk().session().screen == Screen::Pin);
  CHECK(rig.has("pin.nurse.1"));
  CHECK(rig.nurse().pinEntry().empty());  // the resting finger pressed no key
  rig.tap("pin.cancel");
  CHECK(rig.kiosk().session().screen == Screen::Attract);
}

TEST_CASE("the corner hold works from a patient's brochure and clears the patient's session", "[nurse]") {
  NurseRig rig;
  rig.kiosk().start(rig.now);
  rig.kiosk().chooseLanguage("el", rig.now);
  rig.kiosk().setTextSize(3, rig.now);
  rig.frames();
  rig.hold(10, 10, 3'100);
  REQUIRE(rig.kiosk().session().screen == Screen::Pin);
  CHECK(rig.kiosk().session().textSize == 1);
  CHECK(rig.kiosk().session().medicine.empty());
}

TEST_CASE("a wrong PIN is refused with the tries left, and the right one signs the nurse in", "[nurse]") {
  NurseRig rig;
  rig.hold(20, 20, 3'200);
  rig.tap("pin.nurse.1");
  rig.typePin("111111");
  CHECK(rig.kiosk().session().screen == Screen::Pin);
  REQUIRE(rig.nurse().lastAttempt());
  CHECK(rig.nurse().lastAttempt()->triesLeft == 4);
  bool shown = false;
  for (const auto& t : rig.app->ui().registry().texts)
    shown |= t.text.find("4") != std::string::npos && t.text.find("PIN") != std::string::npos;
  CHECK(shown);
  rig.typePin("246813");
  CHECK(rig.kiosk().session().screen == Screen::NurseHome);
  CHECK(rig.nurse().nurse() == "Schwester Eva");
}

TEST_CASE("five wrong PINs lock the keys", "[nurse]") {
  NurseRig rig;
  rig.hold(20, 20, 3'200);
  rig.tap("pin.nurse.1");
  for (int i = 0; i < 5; ++i) rig.typePin("111111");
  CHECK(rig.nurse().lockedFor() > 0);
  rig.typePin("246813");  // the keys are disabled: nothing is typed or checked
  CHECK(rig.kiosk().session().screen == Screen::Pin);
  CHECK_FALSE(rig.nurse().signedIn());
}

TEST_CASE("the pad lists the nurses first, and a colleague's PIN does not sign in the nurse chosen", "[nurse]") {
  NurseRig rig;
  {
    RecordsDb db(rig.dir / "data" / "records.db", std::time(nullptr));
    NurseAuth(db).addNurse("Pfleger Tom", "135790", std::time(nullptr));
  }
  rig.hold(20, 20, 3'200);
  REQUIRE(rig.kiosk().session().screen == Screen::Pin);
  CHECK_FALSE(rig.has("pin.5"));  // no keys before a name is chosen
  REQUIRE(rig.has("pin.nurse.1"));
  REQUIRE(rig.has("pin.nurse.2"));  // sorted: 1 Pfleger Tom, 2 Schwester Eva
  rig.tap("pin.nurse.2");
  CHECK(rig.nurse().chosenNurse() == "Schwester Eva");
  rig.typePin("135790");  // Tom's PIN
  CHECK(rig.kiosk().session().screen == Screen::Pin);
  CHECK_FALSE(rig.nurse().signedIn());
  rig.tap("pin.other_nurse");
  CHECK(rig.nurse().chosenNurse().empty());
  rig.tap("pin.nurse.1");
  rig.typePin("135790");
  CHECK(rig.kiosk().session().screen == Screen::NurseHome);
  CHECK(rig.nurse().nurse() == "Pfleger Tom");
}

TEST_CASE("while the PIN is checked the pad says so, its keys rest, and frames keep coming", "[nurse]") {
  NurseRig rig;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  rig.nurse().setBeforePinVerify([released] { released.wait(); });
  rig.hold(20, 20, 3'200);
  rig.tap("pin.nurse.1");
  for (char c : std::string("246813")) rig.tap(std::string("pin.") + c);
  // Taps without the rig's wait for the check: the worker is held.
  auto tapNow = [&](const std::string& id) {
    const ui::FrameRegistry::Target* target = nullptr;
    for (const auto& t : rig.app->ui().registry().targets)
      if (t.id == id) target = &t;
    REQUIRE(target);
    float x = (target->min.x + target->max.x) / 2, y = (target->min.y + target->max.y) / 2;
    rig.feed(PointerEvent::Kind::Down, x, y);
    rig.app->ui().frame(rig.now += 16);
    rig.feed(PointerEvent::Kind::Up, x, y);
    for (int i = 0; i < 3; ++i) rig.app->ui().frame(rig.now += 16);
  };
  tapNow("pin.ok");
  CHECK(rig.nurse().checking());
  CHECK(rig.nurse().pinEntry().empty());
  CHECK(rig.app->ui().nextWake(rig.now) <= rig.now + 20);  // polled soon, not in a second
  bool told = false;
  for (const auto& t : rig.app->ui().registry().texts) told |= t.text.find("PIN wird geprüft") != std::string::npos;
  CHECK(told);
  tapNow("pin.5");  // resting keys type nothing
  CHECK(rig.nurse().pinEntry().empty());
  tapNow("pin.cancel");  // and Cancel waits for the check
  CHECK(rig.kiosk().session().screen == Screen::Pin);
  release.set_value();
  rig.frames();
  CHECK(rig.kiosk().session().screen == Screen::NurseHome);
}

TEST_CASE("after the day's wrong PINs the pad says nurse mode is locked until tomorrow", "[nurse]") {
  NurseRig rig;
  {
    RecordsDb db(rig.dir / "data" / "records.db", std::time(nullptr));
    NurseAuth auth(db);
    for (int i = 0; i < kDailyWrongPins; ++i) auth.tryPin("Nobody", "000000", std::time(nullptr));
  }
  rig.hold(20, 20, 3'200);
  REQUIRE(rig.kiosk().session().screen == Screen::Pin);
  bool told = false;
  for (const auto& t : rig.app->ui().registry().texts) told |= t.text.find("bis morgen gesperrt") != std::string::npos;
  CHECK(told);
  rig.tap("pin.nurse.1");  // disabled
  CHECK(rig.nurse().chosenNurse().empty());
}

TEST_CASE("nurse mode logs out after 60 s without input, and on the idle reset", "[nurse]") {
  NurseRig rig;
  rig.signIn();
  rig.now += 59'000;
  rig.frames();
  CHECK(rig.nurse().signedIn());
  rig.tap("nurse.category.man");  // input restarts the 60 s
  rig.now += 45'000;
  rig.frames();
  CHECK(rig.nurse().signedIn());
  rig.now += 16'000;
  rig.frames();
  CHECK_FALSE(rig.nurse().signedIn());
  CHECK(rig.kiosk().session().screen == Screen::Attract);

  rig.signIn();
  rig.kiosk().goHome(rig.now);  // the idle reset
  rig.frames();
  CHECK_FALSE(rig.nurse().signedIn());
}

TEST_CASE("a walk-through for a man, in Polish with a German nurse, is recorded without identifiers", "[nurse]") {
  NurseRig rig;
  rig.signIn();
  rig.tap("nurse.category.man");
  rig.tap("nurse.change_patient_language");
  REQUIRE(rig.kiosk().session().screen == Screen::NurseLanguage);
  rig.tap("nurse.language.pl");
  CHECK(rig.nurse().session().patientLocale == "pl");
  CHECK(rig.nurse().session().nurseLocale == "de_DE");  // the kiosk's own language
  rig.tap("nurse.start");
  REQUIRE(rig.kiosk().session().screen == Screen::Counselling);
  auto& w = rig.nurse().session().walkthrough;
  REQUIRE(w.count() == 8);

  // Both languages are on screen: the Polish point and the German one beneath.
  auto texts = [&] {
    std::string all;
    for (const auto& t : rig.app->ui().registry().texts) all += t.text + "\n";
    return all;
  };
  CHECK(texts().find("Punkt 1 von 8") != std::string::npos);
  CHECK(texts().find("Pomalidomid może") != std::string::npos);
  CHECK(texts().find("Pomalidomid kann") != std::string::npos);

  rig.tap("counselling.understood");
  rig.tap("counselling.explain_again");
  CHECK(w.current() == 1);
  rig.tap("counselling.understood");
  for (int i = 2; i < 7; ++i) rig.tap("counselling.understood");
  rig.tap("counselling.next");  // the last point is left open
  REQUIRE(rig.kiosk().session().screen == Screen::Summary);
  CHECK(texts().find("7 von 8") != std::string::npos);
  rig.tap("summary.point.symptoms");  // back to the open point
  REQUIRE(rig.kiosk().session().screen == Screen::Counselling);
  CHECK(w.currentId() == "symptoms");
  rig.tap("counselling.understood");
  REQUIRE(rig.kiosk().session().screen == Screen::Summary);
  rig.tap("summary.finish");
  CHECK(rig.nurse().session().saved);

  RecordsDb db(rig.dir / "data" / "records.db", std::time(nullptr));
  auto records = CounsellingRecords(db).all();
  REQUIRE(records.size() == 1);
  CHECK(records[0].category == "man");
  CHECK(records[0].patientLocale == "pl");
  CHECK(records[0].nurse == "Schwester Eva");
  CHECK(records[0].confirmed.size() == 8);
  CHECK(records[0].notConfirmed.empty());
  CHECK(AuditLog(db).verify().ok);

  // The patient reads on alone, through the lens of their group.
  rig.tap("summary.read_brochure");
  CHECK_FALSE(rig.nurse().signedIn());
  const Session& s = rig.kiosk().session();
  CHECK(s.screen == Screen::Brochure);
  CHECK(s.locale == "pl");
  CHECK(s.section == "pregnancy");
  CHECK(s.lens.category == "man");
  CHECK(s.lens.covers("donation"));
  CHECK(s.lens.headings("pregnancy") == std::vector<int>{0, 3, 4});
  CHECK(s.scroll.offset() > 0);  // opened at "Mężczyźni", not at the women's rules
  // The birth-defect warning stays on screen for every group.
  bool warning = false;
  for (const auto& t : rig.app->ui().registry().texts) warning |= t.text.find("wady") != std::string::npos;
  CHECK(warning);
}

TEST_CASE("nurse screens keep text in its boxes and targets large, in Latin, Greek and Cyrillic", "[nurse]") {
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    for (const char* patient : {"pl", "el", "bg"}) {
      for (auto category : kCategoryIds) {
        DYNAMIC_SECTION(size.w << "x" << size.h << " " << patient << " " << category) {
          NurseRig rig(size.w, size.h);
          rig.signIn();
          auto& s = rig.nurse().session();
          s.patientLocale = patient;
          s.category = std::string(category);
          float minPx = 9.0f / 25.4f * rig.app->ui().dpi();
          auto check = [&](const std::string& where) {
            checkTextInsideBoxes(rig.app->ui().registry(), where);
            test::checkNoWordBroken(rig.app->ui().registry(), where);
            for (const auto& t : rig.app->ui().registry().targets) {
              INFO(where << ": " << t.id);
              CHECK(t.max.x - t.min.x >= minPx);
              CHECK(t.max.y - t.min.y >= minPx);
            }
          };
          rig.frames();
          check("nurse home");
          rig.tap("nurse.start");
          for (size_t i = 0; i < s.walkthrough.count(); ++i) {
            check("point " + s.walkthrough.currentId());
            rig.tap("counselling.understood");
          }
          check("summary");
          rig.tap("summary.finish");
          check("summary saved");
        }
      }
    }
  }
}

TEST_CASE("nurse screens in the pseudo-locale keep their text inside their boxes", "[nurse]") {
  NurseRig rig(1080, 1920, MEDKIOSK_PSEUDO_DB);
  rig.signIn();
  auto& s = rig.nurse().session();
  s.nurseLocale = "en_XA";
  s.patientLocale = "el";  // the Greek point above, the pseudo-locale's (about 40 % longer) beneath
  s.category = "woman_cbp";
  for (Screen screen : {Screen::NurseHome, Screen::NurseLanguage, Screen::Status}) {
    rig.kiosk().showScreen(screen, rig.now);
    rig.frames();
    checkTextInsideBoxes(rig.app->ui().registry(), toString(screen));
    test::checkNoWordBroken(rig.app->ui().registry(), toString(screen));
  }
  rig.tap("status.back");
  rig.tap("nurse.start");
  for (size_t i = 0; i < s.walkthrough.count(); ++i) {
    checkTextInsideBoxes(rig.app->ui().registry(), "point " + s.walkthrough.currentId());
    test::checkNoWordBroken(rig.app->ui().registry(), "point " + s.walkthrough.currentId());
    bool pseudo = false;
    for (const auto& t : rig.app->ui().registry().texts) pseudo |= t.text.find("ř") != std::string::npos;
    CHECK(pseudo);
    rig.tap("counselling.understood");
  }
  checkTextInsideBoxes(rig.app->ui().registry(), "summary");
  test::checkNoWordBroken(rig.app->ui().registry(), "summary");
}

TEST_CASE("an unusable records database blocks nurse mode with a message, never patient mode", "[nurse]") {
  fs::path blocker = fs::temp_directory_path() / ("medkiosk-not-a-dir-" + std::to_string(::getpid()));
  { std::ofstream(blocker) << "a file where the data directory should be"; }
  NurseRig rig(1080, 1920, "", (blocker / "data").string());
  rig.hold(20, 20, 3'200);
  REQUIRE(rig.kiosk().session().screen == Screen::Pin);
  CHECK_FALSE(rig.nurse().available());
  CHECK_FALSE(rig.nurse().unavailableReason().empty());
  bool told = false;
  for (const auto& t : rig.app->ui().registry().texts) told |= t.text.find("IT-Abteilung") != std::string::npos;
  CHECK(told);
  rig.tap("pin.cancel");
  rig.kiosk().start(rig.now);
  rig.kiosk().chooseLanguage("en", rig.now);
  rig.frames();
  CHECK(rig.kiosk().session().screen == Screen::Brochure);
  CHECK(rig.has("rail.pregnancy"));
  fs::remove(blocker);
}

TEST_CASE("the counselling screen shows a point's brochure blocks in both languages, scrolled into view", "[nurse]") {
  // A woman who cannot become pregnant, in Greek, with the German nurse: the part of
  // the brochure that says who belongs to her group, cancer treatment and
  // breast-feeding included, and the same part in German beneath or beside it.
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    DYNAMIC_SECTION(size.w << "x" << size.h) {
      NurseRig rig(size.w, size.h);
      rig.signIn();
      auto& s = rig.nurse().session();
      s.patientLocale = "el";
      s.category = "woman_ncbp";
      rig.frames();
      rig.tap("nurse.start");
      rig.tap("counselling.understood");
      REQUIRE(s.walkthrough.currentId() == "cannot_become_pregnant");
      // Everything drawn while the text is dragged up, a screen's third at a time.
      std::string seen;
      auto x = static_cast<float>(size.w) / 2, top = static_cast<float>(size.h) * 0.35f;
      for (int drag = 0; drag < 12; ++drag) {
        checkTextInsideBoxes(rig.app->ui().registry(), "drag " + std::to_string(drag));
        test::checkNoWordBroken(rig.app->ui().registry(), "drag " + std::to_string(drag));
        for (const auto& t : rig.app->ui().registry().texts) seen += t.text + "\n";
        rig.feed(PointerEvent::Kind::Down, x, top * 1.7f);
        for (int step = 1; step <= 8; ++step) {
          rig.now += 16;
          rig.feed(PointerEvent::Kind::Move, x, top * 1.7f - top * 0.7f * static_cast<float>(step) / 8);
          rig.frames(1);
        }
        rig.feed(PointerEvent::Kind::Up, x, top);
        rig.frames();
      }
      CHECK(s.walkthrough.currentId() == "cannot_become_pregnant");  // a drag is no tap
      for (const char* words : {"καρκίν", "θηλασμ", "Krebsbehandlung", "Stillzeit", "Turner"}) {
        INFO(words << " in:\n" << seen);
        CHECK(seen.find(words) != std::string::npos);
      }
    }
  }
}
