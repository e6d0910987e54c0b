#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/content/content_store.h"
#include "update_fixtures.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A state directory with an installed update (current) and the one before it, each
// with its signed manifest.
struct Store {
  TempDir dir;
  KeyPair key = generateKeyPair();
  fs::path shipped, content;
  // `currentExpires`: the signed expiry of the current update.
  Store(long shippedVersion, long previous, long current, const std::string& currentExpires = "2099-01-01") {
    shipped = dir.path / "shipped.db";
    test::buildVersion(shipped, shippedVersion);
    content = contentStoreDir(dir.path / "state");
    for (long v : {previous, current}) {
      fs::path db = dir.path / ("build-" + std::to_string(v) + ".db");
      test::buildVersion(db, v);
      test::placeSigned(db, content, key.secretKey, v == current ? currentExpires : "2099-01-01");
    }
    writeInstalledPointer(content, {"content-" + std::to_string(current) + ".db", current,
                                    "content-" + std::to_string(previous) + ".db", previous});
  }
  ContentSources sources() const { return {dir.path / "state", shipped, installedCheck({key.publicKey})}; }
  void corrupt(long version) {
    std::fstream f(content / ("content-" + std::to_string(version) + ".db"),
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f.write("garbage garbage!", 16);  // the SQLite header
  }
};

}  // namespace

TEST_CASE("without updates the shipped database is opened") {
  TempDir dir;
  fs::path shipped = dir.path / "shipped.db";
  test::buildVersion(shipped, 3);
  OpenedContent c = openBestContent({dir.path / "state", shipped, {}});
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  CHECK(c.db->info().contentVersion == 3);
  CHECK(c.skipped.empty());
}

TEST_CASE("the newest valid content wins, and a damaged one falls back to the last good") {
  Store s(3, 4, 5);
  OpenedContent c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "update");
  CHECK(c.db->info().contentVersion == 5);

  s.corrupt(5);
  c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "previous update");
  CHECK(c.db->info().contentVersion == 4);
  REQUIRE(c.skipped.size() == 1);
  CHECK_THAT(c.skipped[0], Catch::StartsWith("update: ") && Catch::Contains("SHA-256"));

  fs::resize_file(s.content / "content-4.db", 1000);  // truncated
  c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  CHECK(c.skipped.size() == 2);

  fs::remove(s.shipped);
  c = openBestContent(s.sources());
  CHECK_FALSE(c.db);
  CHECK(c.skipped.size() == 3);
}

TEST_CASE("a shipped database newer than the installed update wins") {
  Store s(9, 4, 5);
  OpenedContent c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  CHECK(c.db->info().contentVersion == 9);
}

TEST_CASE("a malformed pointer is reported and the shipped database is used") {
  Store s(3, 4, 5);
  std::ofstream(s.content / "installed") << "current=../../etc/passwd\ncurrent_version=9\n";
  OpenedContent c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  REQUIRE(c.skipped.size() == 1);
  CHECK_THAT(c.skipped[0], Catch::Contains("malformed"));
}

TEST_CASE("the pointer is replaced whole and the sources stamp follows it") {
  Store s(3, 4, 5);
  std::string before = contentSourcesStamp(s.sources());
  CHECK(contentSourcesStamp(s.sources()) == before);
  writeInstalledPointer(s.content, {"content-4.db", 4, "", 0});
  CHECK(contentSourcesStamp(s.sources()) != before);
  auto p = readInstalledPointer(s.content);
  REQUIRE(p);
  CHECK(p->current == "content-4.db");
  CHECK(p->currentVersion == 4);
  CHECK(p->previous.empty());
  for (const auto& e : fs::directory_iterator(s.content))  // no temporary left behind
    CHECK_FALSE(e.path().extension() == ".tmp");
}

// Issue #14 item 2: content in the data directory is used only with the signed
// manifest it was installed with.
TEST_CASE("a database placed in the store by hand is not shown, and does not block genuine updates") {
  Store s(3, 4, 5);
  // "Safe during pregnancy", as version 1000, with a hand-written pointer.
  fs::path planted = s.content / "content-1000.db";
  test::buildVersion(planted, 1000, true);
  writeInstalledPointer(s.content, {"content-1000.db", 1000, "content-5.db", 5});
  OpenedContent c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.origin == "previous update");
  CHECK(c.db->info().contentVersion == 5);
  REQUIRE_FALSE(c.skipped.empty());
  CHECK_THAT(c.skipped[0], Catch::Contains("content-1000.db") && Catch::Contains("no signed manifest"));

  // A manifest copied from a genuine bundle does not make it genuine either.
  fs::copy_file(s.content / "content-5.manifest", s.content / "content-1000.manifest");
  c = openBestContent(s.sources());
  CHECK(c.db->info().contentVersion == 5);
  CHECK_THAT(c.skipped[0], Catch::Contains("names another database"));

  // Nor a manifest signed by another key.
  KeyPair other = generateKeyPair();
  fs::remove(s.content / "content-1000.manifest");
  fs::remove(planted);
  test::placeSigned(s.dir.path / "build-5.db", s.dir.path / "foreign", other.secretKey);
  fs::copy_file(s.dir.path / "foreign" / "content-5.db", planted);
  fs::path foreignManifest = s.dir.path / "foreign" / "content-5.manifest";
  std::string text = test::readAll(foreignManifest);
  std::ofstream(s.content / "content-1000.manifest") << text;
  c = openBestContent(s.sources());
  CHECK(c.db->info().contentVersion == 5);
  CHECK_THAT(c.skipped[0], Catch::Contains("not signed by a key"));
}

TEST_CASE("an installed update without any way to check it, or of another version than named, is not used") {
  Store s(3, 4, 5);
  OpenedContent c = openBestContent({s.dir.path / "state", s.shipped, {}});  // no keys
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  CHECK(c.skipped.size() == 2);
  CHECK_THAT(c.skipped[0], Catch::Contains("cannot be checked"));

  writeInstalledPointer(s.content, {"content-5.db", 50, "content-4.db", 4});
  c = openBestContent(s.sources());
  REQUIRE(c.db);
  CHECK(c.db->info().contentVersion == 4);
  CHECK_THAT(c.skipped[0], Catch::Contains("not the 50 the installed pointer names"));
}

namespace {
std::int64_t utc(const char* text) {
  std::time_t t = 0;
  REQUIRE(parseUtcTime(text, t));
  return static_cast<std::int64_t>(t);
}
}  // namespace

// Issue #14 item 3: expired content is not shown as if it were current.
TEST_CASE("expired content is shown marked out of date for the grace period, then older valid content is used") {
  Store s(3, 4, 5, "2027-01-01");
  ContentSources src = s.sources();
  src.now = utc("2026-12-20");
  OpenedContent c = openBestContent(src);
  REQUIRE(c.db);
  CHECK(c.db->info().contentVersion == 5);
  CHECK_FALSE(c.outOfDate);
  CHECK(c.expires == utc("2027-01-01"));
  CHECK(nextExpiryChange(c, src.graceSeconds) == utc("2027-01-01"));

  src.now = utc("2027-01-10");
  c = openBestContent(src);
  REQUIRE(c.db);
  CHECK(c.db->info().contentVersion == 5);
  CHECK(c.outOfDate);
  CHECK(c.skipped.empty());
  CHECK(nextExpiryChange(c, src.graceSeconds) == utc("2027-01-15"));  // the default 14 days

  src.now = utc("2027-01-15");
  c = openBestContent(src);
  REQUIRE(c.db);
  CHECK(c.origin == "previous update");
  CHECK(c.db->info().contentVersion == 4);
  CHECK_FALSE(c.outOfDate);
  CHECK(c.expiredSkipped == 1);
  REQUIRE(c.skipped.size() == 1);
  CHECK_THAT(c.skipped[0], Catch::Contains("content-5.db") && Catch::Contains("expired on 2027-01-01T00:00:00Z") &&
                               Catch::Contains("grace period of 14 days"));

  // A longer configured grace period keeps it, still marked.
  src.graceSeconds = 30 * 86'400;
  c = openBestContent(src);
  CHECK(c.db->info().contentVersion == 5);
  CHECK(c.outOfDate);

  // Without a clock (the updater) expiry is not applied here.
  src.now = 0;
  c = openBestContent(src);
  CHECK(c.db->info().contentVersion == 5);
  CHECK_FALSE(c.outOfDate);
}

TEST_CASE("when every update is past its grace period the shipped database is used, which does not expire") {
  Store s(3, 4, 5, "2027-01-01");
  // The previous update expires too (re-signed with the same date).
  test::placeSigned(s.dir.path / "build-4.db", s.content, s.key.secretKey, "2027-01-01");
  ContentSources src = s.sources();
  src.now = utc("2027-06-01");
  OpenedContent c = openBestContent(src);
  REQUIRE(c.db);
  CHECK(c.origin == "shipped");
  CHECK(c.expiredSkipped == 2);
  CHECK_FALSE(c.outOfDate);
  CHECK(nextExpiryChange(c, src.graceSeconds) == 0);
}
