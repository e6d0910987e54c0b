// Issue #14, update side: a refused download does not freeze a kiosk (item 4), an
// expired bundle has its own result (item 3) and nothing from a manifest reaches a
// terminal or a status file as a control character (item 11).
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/base/log.h"
#include "core/content/content_store.h"
#include "core/system/metrics.h"
#include "core/update/updater.h"
#include "update_fixtures.h"

using namespace mk;
using mk::test::TempDir;
using Result = UpdateOutcome::Result;
namespace fs = std::filesystem;

namespace {

struct RetryRig : test::UpdateRig {
  RetryRig() : UpdateRig(false) {}  // screens are not what these tests are about
};

// Everything written to stderr while `fn` runs.
template <class Fn>
std::string captureStderr(const fs::path& file, Fn fn) {
  std::fflush(stderr);
  int saved = ::dup(STDERR_FILENO);
  std::FILE* f = std::fopen(file.c_str(), "w");
  REQUIRE(f != nullptr);
  ::dup2(::fileno(f), STDERR_FILENO);
  fn();
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::fclose(f);
  return test::readAll(file);
}

}  // namespace

TEST_CASE("a download refused for its bytes stays refused and is retried with backoff") {
  RetryRig r;
  fs::path good = r.build(8);
  Manifest m = test::publish(good, r.server, r.key.secretKey);
  // The server holds a truncated database under the signed manifest.
  fs::resize_file(r.server / m.database, static_cast<std::uintmax_t>(m.size / 2));
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  REQUIRE(out.result == Result::Refused);
  CHECK_THAT(out.message, Catch::Contains("bytes"));

  // The next poll finds the same manifest: still refused, not "unchanged".
  r.s.now += 60;
  out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Refused);
  CHECK_THAT(r.status(), Catch::Contains("result=refused\nversion=7\n"));
  CHECK(r.shownVersion() == 7);

  // The publisher repairs the database without a new manifest: once the backoff has
  // passed the download is tried again, and installed.
  fs::copy_file(good, r.server / m.database, fs::copy_options::overwrite_existing);
  r.s.now += 60;
  out = runUpdate(r.s);
  CHECK(out.result == Result::Refused);
  CHECK_THAT(out.message, Catch::Contains("next download attempt"));
  r.s.now += 24 * 3600;
  out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Installed);
  CHECK(r.shownVersion() == 8);
}

TEST_CASE("a manifest refused for an older app is read again after the app is upgraded") {
  RetryRig r;
  test::publish(r.build(8), r.server, r.key.secretKey, "2099-01-01", "0.2.0");
  UpdateOutcome out = runUpdate(r.s);
  REQUIRE(out.result == Result::Refused);
  r.s.now += 60;
  out = runUpdate(r.s);
  CHECK(out.result == Result::Refused);  // the same manifest: still refused
  r.s.appVersion = "0.2.0";
  r.s.now += 60;
  out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Installed);
  CHECK(r.shownVersion() == 8);
}

TEST_CASE("a manifest refused for an unknown key is read again once the key is configured") {
  RetryRig r;
  KeyPair next = generateKeyPair();
  test::publish(r.build(8), r.server, next.secretKey);
  UpdateOutcome out = runUpdate(r.s);
  REQUIRE(out.result == Result::Refused);
  r.s.now += 60;
  CHECK(runUpdate(r.s).result == Result::Refused);  // the same manifest: still refused
  r.s.publicKeys.push_back(next.publicKey);         // the clinic rotates keys
  r.s.now += 60;
  out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Installed);
}

TEST_CASE("an expired bundle has its own result in the status file") {
  RetryRig r;
  test::publish(r.build(8), r.server, r.key.secretKey, "2026-01-01");
  UpdateOutcome out = runUpdate(r.s);
  CHECK(std::string(toString(out.result)) == "expired");
  CHECK_THAT(r.status(), Catch::Contains("result=expired\nversion=7\n"));
  r.s.now += 60;
  out = runUpdate(r.s);  // the same manifest, not modified since: still expired
  CHECK(std::string(toString(out.result)) == "expired");
}

TEST_CASE("installed content whose bundle has expired is reported expired, not unchanged") {
  RetryRig r;
  // 2027-01-20: five days after the rig's clock.
  test::publish(r.build(8), r.server, r.key.secretKey, "2027-01-20");
  REQUIRE(runUpdate(r.s).result == Result::Installed);
  r.s.now += 10 * 86'400;  // the server still serves the same, now expired, bundle
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  CHECK(std::string(toString(out.result)) == "expired");
  CHECK_THAT(out.message, Catch::Contains("expired at 2027-01-20"));
  CHECK_THAT(r.status(), Catch::Contains("result=expired\nversion=8\n"));
}

TEST_CASE("the same database signed again with a later expiry renews the installed one") {
  RetryRig r;
  test::publish(r.build(8), r.server, r.key.secretKey, "2027-01-20");
  REQUIRE(runUpdate(r.s).result == Result::Installed);
  test::publish(r.build(8), r.server, r.key.secretKey, "2027-06-01");
  fs::last_write_time(r.server / "manifest", fs::last_write_time(r.server / "manifest") + std::chrono::seconds(5));
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Unchanged);
  CHECK_THAT(out.message, Catch::Contains("renewed to 2027-06-01"));
  fs::path db = contentStoreDir(r.state) / "content-8.db";
  std::time_t june = 0;
  REQUIRE(parseUtcTime("2027-06-01", june));
  CHECK(installedCheck(r.s.publicKeys)(db).expires == june);
  r.s.now += 10 * 86'400;
  CHECK(runUpdate(r.s).result == Result::Unchanged);
}

TEST_CASE("control characters from a manifest reach neither the status file nor stderr") {
  TempDir dir;
  UpdateOutcome out;
  out.result = Result::Refused;
  out.message = "manifest line 3: \x1b]0;owned\x07\x1b[2J\rfake line\x9b";
  writeUpdateStatus(dir.path, out, 0);
  std::string status = test::readAll(dir.path / "content" / "update-status");
  CHECK(status.find('\x1b') == std::string::npos);
  CHECK(status.find('\x07') == std::string::npos);
  CHECK(status.find('\r') == std::string::npos);
  CHECK(status.find('\x9b') == std::string::npos);
  CHECK_THAT(status, Catch::Contains("\\x1b[2J"));
  std::string logged = captureStderr(dir.path / "stderr", [&] { log::error("update", out.message + "\nsecond"); });
  CHECK(logged.find('\x1b') == std::string::npos);
  CHECK(logged.find('\x07') == std::string::npos);
  CHECK(logged.find('\r') == std::string::npos);
  CHECK(std::count(logged.begin(), logged.end(), '\n') == 1);  // one line per message
  CHECK_THAT(logged, Catch::Contains("\\x1b]0;owned"));
}

TEST_CASE("the fleet metrics know the expired result") {
  TempDir dir;
  std::ofstream(dir.path / "update-status")
      << "time=1800000000\nresult=expired\nversion=7\nmessage=the bundle expired at 2026-01-01T00:00:00Z\n";
  UpdateStatus st = readUpdateStatus(dir.path / "update-status");
  CHECK(st.problem.empty());
  CHECK(st.result == "expired");
}
