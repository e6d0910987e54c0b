// Writing a file whole: a reader sees the old file or the new one, never a mix, also
// when two writers (the kiosk and a screenshot run, two test processes) replace the
// same file at once.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/base/files.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> namesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("a file is replaced whole and its temporary is gone afterwards") {
  test::TempDir dir;
  fs::path file = dir.path / "state.txt";
  writeFileAtomically(file, "first");
  writeFileAtomically(file, "second", 0640);
  CHECK(slurp(file) == "second");
  CHECK((fs::status(file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(namesIn(dir.path) == std::vector<std::string>{"state.txt"});
}

TEST_CASE("two writers of one file each finish, and the file is whole") {
  test::TempDir dir;
  fs::path file = dir.path / "atlas.bin";
  std::string inner(100000, 'b');
  std::string outer(50000, 'a');
  bool innerDone = false;
  // The second writer starts and finishes while the first one's temporary is written
  // but not yet renamed.
  writeFileAtomically(file, outer, 0644, [&](const char* step) {
    if (std::string(step) != "temporary-synced" || innerDone) return;
    innerDone = true;
    writeFileAtomically(file, inner);
  });
  CHECK(innerDone);
  CHECK(slurp(file) == outer);  // the last rename wins, whole
  CHECK(namesIn(dir.path) == std::vector<std::string>{"atlas.bin"});
}

TEST_CASE("a write that cannot happen says which file and why, and leaves nothing behind") {
  test::TempDir dir;
  fs::path file = dir.path / "missing-dir" / "state.txt";
  try {
    writeFileAtomically(file, "x");
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("missing-dir") != std::string::npos);
    CHECK(std::string(e.what()).find("No such file") != std::string::npos);
  }
  CHECK(namesIn(dir.path).empty());
}
