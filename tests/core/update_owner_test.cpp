// Issue #14, item 2: the content directory is written by the updater's own user alone.
// Installed, medkiosk-update owns /var/lib/medkiosk/content and the kiosk's user only
// reads it; an update run by any other user (the kiosk's, or root by hand) is refused
// before it writes a byte. The status file goes into that directory too, so the
// updater needs nothing else in the data directory.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/base/paths.h"
#include "core/content/content_store.h"
#include "core/update/updater.h"
#include "update_fixtures.h"

using namespace mk;
using Result = UpdateOutcome::Result;
namespace fs = std::filesystem;

namespace {

// The names in `dir`, sorted.
std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the updater writes nothing in the data directory outside content") {
  test::UpdateRig r(false);
  r.publishVersion(8);
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  REQUIRE(out.result == Result::Installed);
  CHECK(names(r.state) == std::vector<std::string>{"content"});
  CHECK_THAT(r.status(), Catch::Contains("result=installed"));
  CHECK(fs::exists(updateStatusFile(r.state)));
}

TEST_CASE("an update run by a user who does not own the content directory is refused and changes nothing") {
  if (::geteuid() != 0) {
    WARN("not run: giving the content directory to another user needs root");
    return;
  }
  test::UpdateRig r(false);
  r.publishVersion(8);
  REQUIRE(runUpdate(r.s).result == Result::Installed);
  fs::path store = contentStoreDir(r.state);
  std::vector<std::string> before = names(store);
  std::string status = r.status();
  // The kiosk's user (here: nobody) owns it; root runs the updater by hand.
  REQUIRE(::chown(store.c_str(), 65534, 65534) == 0);
  r.publishVersion(9);
  UpdateOutcome out = runUpdate(r.s);
  INFO(out.message);
  CHECK(out.result == Result::Failed);
  CHECK_THAT(out.message,
             Catch::Contains("is owned by") && Catch::Contains("not by") && Catch::Contains("medkiosk-update"));
  CHECK(names(store) == before);
  CHECK(r.status() == status);
  CHECK(r.shownVersion() == 8);
}
