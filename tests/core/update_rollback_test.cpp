// Issue #14, item 5: rollback through local state. The installed pointer and the
// databases' meta table can be damaged; neither may let an older signed bundle in or
// cost an intact newer version.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/content/content_store.h"
#include "core/update/updater.h"
#include "update_fixtures.h"

using namespace mk;
using Result = UpdateOutcome::Result;
namespace fs = std::filesystem;

namespace {

using Rig = test::UpdateRig;

// Publishes `version` and runs the updater; the manifest's time moves on so that a
// file:// fetch sees it as new.
UpdateOutcome publishAndRun(Rig& r, long version, int tick) {
  r.publishVersion(version);
  fs::last_write_time(r.server / "manifest", fs::last_write_time(r.server / "manifest") + std::chrono::seconds(tick));
  return runUpdate(r.s);
}

}  // namespace

TEST_CASE("after the pointer is damaged an older signed bundle is refused and the newer database is kept") {
  Rig r(false);
  fs::path store = contentStoreDir(r.state);
  REQUIRE(publishAndRun(r, 11, 1).result == Result::Installed);
  REQUIRE(publishAndRun(r, 13, 2).result == Result::Installed);
  CHECK(test::readAll(store / "highest-version") == "13\n");

  // The pointer is damaged: the kiosk falls back to the shipped version 7.
  std::ofstream(store / "installed", std::ios::trunc) << "garbage";
  CHECK(r.shownVersion() == 7);
  // An old but validly signed version 11 is served again.
  UpdateOutcome out = publishAndRun(r, 11, 3);
  INFO(out.message);
  CHECK(out.result == Result::Refused);
  CHECK_THAT(out.message, Catch::Contains("older than version 13"));
  CHECK(fs::exists(store / "content-13.db"));
  CHECK(fs::exists(store / "content-13.manifest"));

  // Version 13 itself may be installed again, which repairs the pointer.
  out = publishAndRun(r, 13, 4);
  INFO(out.message);
  CHECK(out.result == Result::Installed);
  CHECK(r.shownVersion() == 13);
}

TEST_CASE("a deleted or damaged highest-version record still bars versions older than an intact database") {
  Rig r(false);
  fs::path store = contentStoreDir(r.state);
  REQUIRE(publishAndRun(r, 13, 1).result == Result::Installed);
  std::ofstream(store / "highest-version", std::ios::trunc) << "x9";
  fs::remove(store / "installed");
  UpdateOutcome out = publishAndRun(r, 11, 2);
  CHECK(out.result == Result::Refused);
  CHECK_THAT(out.message, Catch::Contains("older than version 13"));
  fs::remove(store / "highest-version");
  out = publishAndRun(r, 12, 3);
  CHECK(out.result == Result::Refused);
  CHECK(fs::exists(store / "content-13.db"));
}

TEST_CASE("cleaning removes only databases shown to be bad or older than those kept") {
  Rig r(false);
  fs::path store = contentStoreDir(r.state);
  REQUIRE(publishAndRun(r, 8, 1).result == Result::Installed);
  REQUIRE(publishAndRun(r, 9, 2).result == Result::Installed);
  // Beside what the pointer names: an intact signed version 11 (a pointer written over
  // by a damaged disk, say) and a database with no signed manifest.
  test::placeSigned(r.build(11), store, r.key.secretKey);
  test::buildVersion(store / "content-30.db", 30);
  UpdateOutcome out = publishAndRun(r, 12, 3);
  INFO(out.message);
  REQUIRE(out.result == Result::Installed);
  CHECK(fs::exists(store / "content-12.db"));
  CHECK(fs::exists(store / "content-9.db"));   // kept as the previous version
  CHECK(fs::exists(store / "content-11.db"));  // intact: not shown to be bad
  CHECK(fs::exists(store / "content-11.manifest"));
  CHECK_FALSE(fs::exists(store / "content-8.db"));  // intact but older than those kept
  CHECK_FALSE(fs::exists(store / "content-8.manifest"));
  CHECK_FALSE(fs::exists(store / "content-30.db"));  // shown to be bad: nothing vouches for it
}
