#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/content/content_store.h"
#include "core/update/updater.h"
#include "update_fixtures.h"

using namespace mk;
using mk::test::TempDir;
using Result = UpdateOutcome::Result;
namespace fs = std::filesystem;

namespace {

using Rig = test::UpdateRig;

}  // namespace

TEST_CASE("a newer signed bundle is installed over file://, the old one kept, and the status written") {
  Rig r;
  r.publishVersion(8);
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  REQUIRE(out.result == Result::Installed);
  CHECK(out.version == 8);
  CHECK(r.shownVersion() == 8);
  auto p = readInstalledPointer(contentStoreDir(r.state));
  REQUIRE(p);
  CHECK(p->current == "content-8.db");
  CHECK(p->previous.empty());  // the shipped database is the fallback by itself
  CHECK_THAT(r.status(), Catch::Contains("result=installed\nversion=8\nmessage=installed content version 8\n") &&
                             Catch::StartsWith("time=1800000000\n"));

  // Nothing new: the manifest is not even read again in full.
  out = runUpdate(r.s);
  CHECK(out.result == Result::Unchanged);
  CHECK(out.version == 8);
  CHECK_THAT(r.status(), Catch::Contains("result=unchanged\nversion=8\n"));

  // Version 9 keeps 8 as the previous version, and 9 wins.
  r.publishVersion(9);
  fs::last_write_time(r.server / "manifest", fs::last_write_time(r.server / "manifest") + std::chrono::seconds(5));
  out = runUpdate(r.s);
  REQUIRE(out.result == Result::Installed);
  p = readInstalledPointer(contentStoreDir(r.state));
  REQUIRE(p);
  CHECK(p->current == "content-9.db");
  CHECK(p->previous == "content-8.db");
  CHECK(r.shownVersion() == 9);
  // Nothing but the two named databases is left in the store.
  int databases = 0;
  for (const auto& e : fs::directory_iterator(contentStoreDir(r.state))) databases += e.path().extension() == ".db";
  CHECK(databases == 2);
}

TEST_CASE("unsigned, foreign, rolled-back, expired, too-new and oversized bundles are not installed") {
  Rig r;
  // Version 8 is installed directly: this test is about what comes next.
  fs::path store = contentStoreDir(r.state);
  fs::create_directories(store);
  test::placeSigned(r.build(8), store, r.key.secretKey);
  writeInstalledPointer(store, {"content-8.db", 8, "", 0});
  REQUIRE(r.shownVersion() == 8);
  fs::path v9 = r.dir.path / "v9.db", v6 = r.dir.path / "v6.db", v8b = r.dir.path / "v8b.db";
  test::buildVersion(v9, 9);
  test::buildVersion(v6, 6);
  test::buildVersion(v8b, 8, true);
  auto refused = [&](const std::string& why) {
    fs::remove(store / "fetch-state");  // ask afresh each time
    UpdateOutcome out = runUpdate(r.s);
    INFO(out.message);
    CHECK(out.result == Result::Refused);
    CHECK_THAT(out.message, Catch::Contains(why));
    CHECK(out.version == 8);
    CHECK(r.shownVersion() == 8);
    CHECK_THAT(r.status(), Catch::Contains("result=refused\nversion=8\n"));
    fs::remove_all(r.server);
  };
  // Signed with a key the kiosk does not know.
  test::publish(v9, r.server, generateKeyPair().secretKey);
  refused("signature does not match");
  // Not signed at all.
  test::publish(v9, r.server, r.key.secretKey);
  std::string text = test::readAll(r.server / "manifest");
  std::ofstream(r.server / "manifest") << text.substr(0, text.find("signature="));
  refused("not signed");
  // An older version (rollback), and the same version with different content.
  test::publish(v6, r.server, r.key.secretKey);
  refused("not newer than the installed version 8");
  test::publish(v8b, r.server, r.key.secretKey);
  refused("not newer than the installed version 8");
  // Expired, and made for a newer app.
  test::publish(v9, r.server, r.key.secretKey, "2026-01-01");
  fs::remove(store / "fetch-state");
  UpdateOutcome expired = runUpdate(r.s);
  CHECK(expired.result == Result::Expired);  // its own result (issue #14, item 3)
  CHECK_THAT(expired.message, Catch::Contains("expired at 2026-01-01"));
  CHECK(r.shownVersion() == 8);
  fs::remove_all(r.server);
  test::publish(v9, r.server, r.key.secretKey, "2099-01-01", "0.2");
  refused("needs app version 0.2");
  // A database larger than the manifest says, and one changed after signing.
  Manifest m = test::publish(v9, r.server, r.key.secretKey);
  std::ofstream(r.server / m.database, std::ios::app) << "trailing bytes";
  refused("larger than");
  m = test::publish(v9, r.server, r.key.secretKey);
  std::fstream f(r.server / m.database, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(100);
  f.write("x", 1);
  f.close();
  refused("SHA-256");
  // Nothing refused was left behind in the store.
  for (const auto& e : fs::directory_iterator(store)) CHECK(e.path().filename() != "content-9.db");

  // A second configured key lets the publisher rotate keys.
  KeyPair next = generateKeyPair();
  r.s.publicKeys = {r.key.publicKey, next.publicKey};
  test::publish(v9, r.server, next.secretKey);
  fs::remove(store / "fetch-state");
  UpdateOutcome out = runUpdate(r.s);
  CHECK(out.result == Result::Installed);
  CHECK(r.shownVersion() == 9);
}

TEST_CASE("content whose screens do not render is refused") {
  Rig r;
  r.s.renderCheck = "/bin/false";  // stands for a renderer that fails on this content
  r.publishVersion(8);
  UpdateOutcome out = runUpdate(r.s);
  CHECK(out.result == Result::Refused);
  CHECK_THAT(out.message, Catch::Contains("rendering the screens"));
  CHECK(r.shownVersion() == 7);
  for (const auto& e : fs::directory_iterator(contentStoreDir(r.state))) CHECK(e.path().extension() != ".part");
}

TEST_CASE("a server that cannot be reached fails, and the next run tries again in full") {
  Rig r;
  UpdateOutcome out = runUpdate(r.s);
  CHECK(out.result == Result::Failed);
  CHECK_THAT(out.message, Catch::Contains("cannot fetch the manifest"));
  CHECK(out.version == 7);
  CHECK_THAT(r.status(), Catch::Contains("result=failed\nversion=7\n"));
  r.publishVersion(8);
  out = runUpdate(r.s);
  CHECK(out.result == Result::Installed);
}

TEST_CASE("the crash steps are listed in the order a run reaches them") {
  const auto& steps = updateCrashSteps();
  REQUIRE(steps.size() >= 10);
  CHECK(steps.front() == "locked");
  CHECK(steps.back() == "status-written");
}

TEST_CASE("a database planted in the store with a hand-written pointer blocks no genuine update") {
  Rig r;
  fs::path store = contentStoreDir(r.state);
  fs::create_directories(store);
  test::buildVersion(store / "content-1000.db", 1000, true);  // no signed manifest
  writeInstalledPointer(store, {"content-1000.db", 1000, "", 0});
  CHECK(r.shownVersion() == 7);  // the shipped content, not the planted one
  r.publishVersion(9);
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Installed);
  CHECK(r.shownVersion() == 9);
  CHECK(fs::exists(store / "content-9.manifest"));
  CHECK_FALSE(fs::exists(store / "content-1000.db"));  // nothing names it any more
}
