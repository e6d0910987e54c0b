#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/content/content_checks.h"
#include "core/content/content_source.h"
#include "core/layout/font_files.h"

using namespace mk;

namespace {
std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
const std::string kDir = MEDKIOSK_SOURCE_DIR "/content/pomalidomide/";
}  // namespace

TEST_CASE("numbers are read as digit runs") {
  CHECK(numbersIn("11,2 months; 4 mg on days 1–21") == std::vector<std::string>{"11", "2", "4", "1", "21"});
  CHECK(numbersIn("no digits").empty());
}

TEST_CASE("every shipped translation has the numbers of the English text") {
  Brochure en = parseBrochure(kDir + "en.md", readFile(kDir + "en.md"));
  for (const char* loc : {"bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu",
                          "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}) {
    INFO(loc);
    std::string path = kDir + loc + ".md";
    Brochure tr = parseBrochure(path, readFile(path));
    auto problems = checkNumbersMatch(en, tr);
    for (const auto& p : problems) INFO(p.text());
    CHECK(problems.empty());
  }
}

TEST_CASE("a translation with a changed dose is refused, naming file and line") {
  Brochure en = parseBrochure(kDir + "en.md", readFile(kDir + "en.md"));
  std::string text = readFile(kDir + "pl.md");
  auto at = text.find("4 mg");
  REQUIRE(at != std::string::npos);
  text.replace(at, 4, "40 mg");
  Brochure tr = parseBrochure("pl.md", text);
  auto problems = checkNumbersMatch(en, tr);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "pl.md");
  CHECK(problems[0].line == tr.section("how_to_take")->line);
  CHECK_THAT(problems[0].message, Catch::Contains("section 'how_to_take'"));
  CHECK_THAT(problems[0].message, Catch::Contains("missing 4"));
  CHECK_THAT(problems[0].message, Catch::Contains("not in English 40"));
}

TEST_CASE("a dropped number in the warning is caught") {
  Brochure en = parseBrochure(kDir + "en.md", readFile(kDir + "en.md"));
  Brochure tr = en;
  tr.warning += " Take 2.";
  CHECK(checkNumbersMatch(en, tr).size() == 1);
}

TEST_CASE("Noto Sans has a glyph for every EU script and the check sees missing ones") {
  FontFiles fonts = findFonts();
  REQUIRE(fonts.complete);
  CHECK(charactersWithoutGlyph(fonts.regular, {"Ελληνικά", "Български", "Română ș ț", "Malti ħ ġ ż", "€ 2 mg – 3"})
            .empty());
  CHECK(charactersWithoutGlyph(fonts.regular, {"\xE4\xB8\xAD"}) == U"\u4E2D");  // a CJK ideograph
}

TEST_CASE("non-NFC text is reported") {
  Brochure b;
  b.path = "x.md";
  b.sections.push_back(Section{"purpose", "Title", "Cafe\xCC\x81", "s", {}, 12});
  auto problems = checkNfc(b);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 12);
}
