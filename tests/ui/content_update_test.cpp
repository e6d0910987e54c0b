// The running kiosk and installed updates: last good content at start, a newer
// update taken at the next Attract screen without a restart (never mid-session), and
// content appearing on its own after the 'information unavailable' screen.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "core/base/sqlite_db.h"
#include "core/content/content_source.h"
#include "core/content/content_store.h"
#include "core/update_fixtures.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

struct KioskHome {
  KeyPair key = generateKeyPair();
  fs::path dir;
  fs::path store;
  fs::path ini;
  explicit KioskHome(const std::string& shipped) {
    char tmpl[] = "/tmp/medkiosk-swap-XXXXXX";
    dir = mkdtemp(tmpl);
    store = contentStoreDir(dir / "state");
    fs::create_directories(store);
    ini = dir / "kiosk.ini";
    std::ofstream(ini) << "[content]\ndatabase = " << shipped << "\npublic_keys = " << key.publicKey
                       << "\n[data]\ndirectory = " << (dir / "state").string() << "\n";
  }
  ~KioskHome() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // A database installed as the updater leaves it, with its signed manifest.
  void add(long version, const std::string& expires = "2099-01-01") {
    fs::path db = dir / ("build-" + std::to_string(version) + ".db");
    test::buildVersion(db, version);
    test::placeSigned(db, store, key.secretKey, expires);
  }
  void install(long version, long previous = 0, const std::string& expires = "2099-01-01") {
    add(version, expires);
    InstalledPointer p{"content-" + std::to_string(version) + ".db", version, "", 0};
    if (previous) p = {p.current, version, "content-" + std::to_string(previous) + ".db", previous};
    writeInstalledPointer(store, p);
  }
  app::Options options() const {
    app::Options o;
    o.config = ini.string();
    return o;
  }
};

const std::string kShipped = MEDKIOSK_BINARY_DIR "/content/medkiosk.db";

long shownVersion(app::App& app) { return app.content().db() ? app.content().db()->info().contentVersion : 0; }

// A signed expiry `seconds` from now (negative: in the past).
std::string expiresIn(std::int64_t seconds) {
  return formatUtcTime(static_cast<std::time_t>(app::wallSeconds() + seconds));
}

bool noticeShown(app::App& app, std::int64_t now) {
  app.ui().frame(now);
  for (const auto& t : app.ui().registry().texts)
    if (t.text.find("may be out of date") != std::string::npos) return true;
  return false;
}

bool attractShown(app::App& app, std::int64_t now) {
  app.ui().frame(now);
  for (const auto& t : app.ui().registry().targets)
    if (t.id == "attract.start") return true;
  return false;
}

}  // namespace

TEST_CASE("a newer update is taken at the next Attract screen, never during a session") {
  KioskHome k(kShipped);
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK(app.contentOrigin() == "shipped");
  long shipped = shownVersion(app);
  REQUIRE(shipped > 0);

  app.kiosk().start(1'000);  // a patient is reading
  k.install(shipped + 10);
  CHECK_FALSE(app.pollContent(10'000));
  CHECK(shownVersion(app) == shipped);
  CHECK(app.kiosk().session().screen == Screen::Language);

  app.kiosk().goHome(11'000);
  CHECK(app.pollContent(20'000));
  CHECK(shownVersion(app) == shipped + 10);
  CHECK(app.contentOrigin() == "update");
  CHECK(attractShown(app, 20'016));
  // Nothing changed since: no second switch.
  CHECK_FALSE(app.pollContent(40'000));
}

TEST_CASE("at start a damaged update gives way to the previous one") {
  KioskHome k(kShipped);
  k.add(40);
  k.install(41, 40);
  std::fstream f(k.store / "content-41.db", std::ios::in | std::ios::out | std::ios::binary);
  f.write("not a database!!", 16);
  f.close();
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK(app.contentOrigin() == "previous update");
  CHECK(shownVersion(app) == 40);
  CHECK(attractShown(app, 16));
}

TEST_CASE("a medicine found damaged when chosen shows 'information unavailable', then intact content at once") {
  // Issue #16: the kiosk checks a medicine's texts when it is first read. The shipped
  // database (newer than the installed update) has a text changed after its build.
  char tmpl[] = "/tmp/medkiosk-damaged-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  fs::path shipped = dir / "medkiosk.db";
  test::buildVersion(shipped, 45);
  {
    Database db(shipped.string(), Database::Mode::ReadWriteCreate);
    db.exec("UPDATE section_text SET body = replace(body, '4 mg', '40 mg') WHERE locale = 'en'");
  }
  KioskHome k(shipped.string());
  k.install(40);
  test::LogCapture log;
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK(app.contentOrigin() == "shipped");
  CHECK(shownVersion(app) == 45);
  CHECK(attractShown(app, 16));  // the medicines' titles are checked at open
  app.kiosk().start(1'000);
  app.kiosk().chooseLanguage("en", 1'100);
  app.kiosk().chooseMedicine("pomalidomide", 1'200);
  // The frame that reads the texts finds them changed and asks for another at once.
  CHECK(app.ui().frame(1'216));
  CHECK_FALSE(app.content().available());
  app.ui().frame(1'232);
  bool unavailableShown = false;
  for (const auto& t : app.ui().registry().texts)
    unavailableShown = unavailableShown || t.text == app.ui().strings().get("unavailable.title");
  CHECK(unavailableShown);
  for (const auto& t : app.ui().registry().texts) CHECK(t.text.find("40 mg") == std::string::npos);
  CHECK(log.contains("medicine 'pomalidomide' do not match their recorded hash"));
  // Without waiting for the patient to leave: every candidate is now checked whole,
  // so the damaged database is refused and the installed update is shown.
  CHECK(app.pollContent(1'300));
  CHECK(app.content().available());
  CHECK(shownVersion(app) == 40);
  CHECK(app.contentOrigin() == "update");
  CHECK(log.contains("not using shipped"));
  CHECK(attractShown(app, 1'316));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("without usable content the kiosk keeps checking and shows content once it is there") {
  KioskHome k("/nonexistent/medkiosk.db");
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK_FALSE(app.content().available());
  CHECK_FALSE(attractShown(app, 16));  // the 'information unavailable' screen
  CHECK_FALSE(app.pollContent(6'000));
  k.install(50);
  CHECK(app.pollContent(12'000));
  CHECK(app.content().available());
  CHECK(shownVersion(app) == 50);
  CHECK(attractShown(app, 12'016));
}

TEST_CASE("after a switch to new content the fleet metrics name the new version and keep counting sessions") {
  KioskHome k(kShipped);
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  long shipped = shownVersion(app);
  app.enableMetrics(1'700'000'000);
  REQUIRE(app.metrics());
  app.kiosk().start(1'000);  // session 1
  app.kiosk().goHome(2'000);
  k.install(shipped + 5);
  REQUIRE(app.pollContent(10'000));
  app.kiosk().start(11'000);  // session 2, on the new content
  app.kiosk().goHome(12'000);
  std::string text = app.metrics()->render(1'700'000'100);
  CHECK_THAT(text, Catch::Contains("medkiosk_content_version " + std::to_string(shipped + 5)));
  CHECK_THAT(text, Catch::Contains("medkiosk_sessions_total 2"));
}

// Issue #14 item 3: content past its signed expiry is never shown as if current.
TEST_CASE("content past its expiry is shown with an out-of-date notice, and older content after the grace period") {
  KioskHome k(kShipped);
  ContentDb shippedDb(kShipped);
  long shipped = shippedDb.info().contentVersion;
  k.install(shipped + 10, 0, expiresIn(-86'400));  // expired yesterday: within 14 days
  {
    app::App app(k.options(), "medkiosk_ui_tests", 0);
    CHECK(shownVersion(app) == shipped + 10);
    CHECK(app.content().outOfDate());
    CHECK(noticeShown(app, 16));
    app.enableMetrics(app::wallSeconds());
    CHECK_THAT(app.metrics()->render(app::wallSeconds()), Catch::Contains("medkiosk_content_out_of_date 1"));
  }
  k.install(shipped + 11, 0, expiresIn(-15 * 86'400));  // its grace period is over
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK(app.contentOrigin() == "shipped");
  CHECK_FALSE(app.content().outOfDate());
  CHECK_FALSE(noticeShown(app, 16));
  app.enableMetrics(app::wallSeconds());
  std::string text = app.metrics()->render(app::wallSeconds());
  CHECK_THAT(text, Catch::Contains("medkiosk_content_out_of_date 0"));
  CHECK_THAT(text, Catch::Contains("medkiosk_content_expired_skipped 1"));
}

TEST_CASE("the out-of-date notice appears at the next Attract screen once the content expires") {
  KioskHome k(kShipped);
  ContentDb shippedDb(kShipped);
  // Margin enough for a slow sanitizer build to install and open it first (2 s was not).
  std::int64_t expiry = app::wallSeconds() + 10;
  k.install(shippedDb.info().contentVersion + 10, 0, formatUtcTime(static_cast<std::time_t>(expiry)));
  app::App app(k.options(), "medkiosk_ui_tests", 0);
  CHECK_FALSE(app.content().outOfDate());
  CHECK_FALSE(noticeShown(app, 16));
  while (app::wallSeconds() < expiry) usleep(50'000);  // the signed moment passes
  CHECK(app.pollContent(6'000));
  CHECK(app.content().outOfDate());
  CHECK(noticeShown(app, 6'016));
  CHECK_FALSE(app.pollContent(12'000));  // nothing more changes until the grace period ends
}
