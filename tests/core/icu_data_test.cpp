// The kiosk's own ICU data file (issue #16): what the build makes is accepted, and a
// damaged, cut-short or foreign file is refused with a reason before ICU sees it.
#include <unicode/utypes.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/i18n/icu_data.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

std::string builtData() {
  std::ifstream in(icuDataFile(MEDKIOSK_BINARY_DIR), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
  return file.string();
}

}  // namespace

TEST_CASE("the ICU data the build makes is ICU common data for this ICU") {
  CHECK(icuDataFile("/usr/share/medkiosk") == fs::path("/usr/share/medkiosk/icu") / (U_ICUDATA_NAME ".dat"));
  std::string data = builtData();
  REQUIRE(data.size() > 1'000'000);
  CHECK(icuCommonDataProblem(data).empty());
  // Far smaller than the system's 31 MB: the other languages' locales are gone.
  CHECK(data.size() < 16'000'000);
}

TEST_CASE("a cut-short, foreign or wrong ICU data file is refused with a reason") {
  const std::string data = builtData();
  REQUIRE(icuCommonDataProblem(data).empty());
  CHECK(icuCommonDataProblem("") == "not ICU data");
  CHECK(icuCommonDataProblem(std::string(4096, '\0')) == "not ICU data");
  CHECK(icuCommonDataProblem(data.substr(0, 20)) == "not ICU data");
  // Cut anywhere from the table of contents to the items' data.
  CHECK(icuCommonDataProblem(data.substr(0, 200)) == "its table of contents is cut short");
  CHECK(icuCommonDataProblem(data.substr(0, data.size() / 2)) == "an item lies outside the file (cut short?)");
  std::string changed = data;
  changed[12] = 'X';  // the format: not common data
  CHECK(icuCommonDataProblem(changed) == "not ICU common data");
  changed = data;
  changed[8] = static_cast<char>(!U_IS_BIG_ENDIAN);
  CHECK(icuCommonDataProblem(changed) == "ICU data for another byte order or character set");
  // Another ICU version's items are named icudtNN with another NN.
  changed = data;
  std::size_t name = changed.find(U_ICUDATA_NAME "/");
  REQUIRE(name != std::string::npos);
  changed[name + 5] = changed[name + 5] == '9' ? '8' : '9';
  CHECK(icuCommonDataProblem(changed).find("data for another ICU version") != std::string::npos);
}

TEST_CASE("an ICU data file that cannot be used is not given to ICU, and says why") {
  test::TempDir dir;
  {
    IcuData missing(dir.path / "icudt.dat");
    CHECK_FALSE(missing.installed());
    CHECK(missing.problem() == (dir.path / "icudt.dat").string() + ": No such file or directory");
  }
  {
    IcuData empty(write(dir.path / "empty.dat", ""));
    CHECK_FALSE(empty.installed());
    CHECK(empty.problem() == (dir.path / "empty.dat").string() + ": empty");
  }
  {
    std::string data = builtData();
    IcuData cut(write(dir.path / "cut.dat", data.substr(0, data.size() / 3)));
    CHECK_FALSE(cut.installed());
    CHECK(cut.problem() == (dir.path / "cut.dat").string() + ": an item lies outside the file (cut short?)");
  }
}
