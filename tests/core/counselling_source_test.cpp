// Counselling point files: format, English-only metadata, and the checks that keep
// translations in step with English.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/content/content_source.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

const char* kEnglish = R"(---
locale: en
status: pending
---

## Harm to an unborn baby {#birth_defects}
for: all
brochure: pregnancy
source: EMA/240195/2019

It can cause severe birth defects.

## Condoms {#condom}
for: man
brochure: pregnancy#3
source: Imnovid SmPC, section 4.4

Use a condom for 7 days after you stop.
)";

std::string errorOf(const std::string& path, const std::string& text) {
  try {
    parseCounselling(path, text);
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

// The shipped content with one counselling file replaced, in a temporary copy.
struct ContentCopy {
  fs::path dir;
  ContentCopy() {
    dir = fs::temp_directory_path() / ("medkiosk-counselling-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(MEDKIOSK_SOURCE_DIR "/content", dir, fs::copy_options::recursive);
  }
  ~ContentCopy() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void edit(const std::string& locale, const std::string& from, const std::string& to) {
    fs::path p = dir / "pomalidomide" / "counselling" / (locale + ".md");
    std::ifstream in(p);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(p) << text;
  }
  std::string loadError() {
    try {
      loadContentSource(dir);
    } catch (const ContentError& e) {
      return fs::path(e.file()).filename().string() + ":" + std::to_string(e.line()) + ": " + e.what();
    }
    return "no error";
  }
};

}  // namespace

TEST_CASE("an English counselling file parses with groups, anchors and sources", "[counselling]") {
  CounsellingSet set = parseCounselling("en.md", kEnglish);
  CHECK(set.locale == "en");
  CHECK(set.review.status == ReviewStatus::Pending);
  REQUIRE(set.points.size() == 2);
  CHECK(set.points[0].categories == std::vector<std::string>{"woman_cbp", "woman_ncbp", "man"});
  CHECK(set.points[0].brochureHeading == 0);
  CHECK(set.points[1].id == "condom");
  CHECK(set.points[1].title == "Condoms");
  CHECK(set.points[1].body == "Use a condom for 7 days after you stop.");
  CHECK(set.points[1].categories == std::vector<std::string>{"man"});
  CHECK(set.points[1].brochureSection == "pregnancy");
  CHECK(set.points[1].brochureHeading == 3);
  CHECK(set.points[1].line == 13);
}

TEST_CASE("malformed counselling files are refused with the line", "[counselling]") {
  std::string en = kEnglish;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = en;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  CHECK(errorOf("en.md", with("for: man", "for: women")).find("en.md:14: unknown patient group 'women'") == 0);
  CHECK(errorOf("en.md", with("brochure: pregnancy#3", "brochure: dosage"))
            .find("en.md:15: unknown section id 'dosage'") == 0);
  CHECK(errorOf("en.md", with("brochure: pregnancy#3", "brochure: pregnancy#x")).find("en.md:15: brochure: expects") ==
        0);
  CHECK(errorOf("en.md", with("for: man\n", "")).find("en.md:13: point 'condom' needs") == 0);
  CHECK(errorOf("en.md", with("{#condom}", "{#birth_defects}")).find("en.md:13: duplicate point") == 0);
  CHECK(errorOf("en.md", with("Use a condom", "- Use a condom"))
            .find("en.md:18: a counselling point is plain sentences") == 0);
  CHECK(errorOf("en.md", with("status: pending", "status: maybe")).find("en.md:3: status must be") == 0);
  CHECK(errorOf("de.md", with("locale: en", "locale: de")).find("de.md:7: 'for:' belongs in the English file only") ==
        0);
}

TEST_CASE("translations must follow English point by point", "[counselling]") {
  ContentCopy copy;
  REQUIRE(copy.loadError() == "no error");
  SECTION("a changed number") {
    copy.edit("pl", "7 dni", "14 dni");
    CHECK(copy.loadError().find("pl.md:") == 0);
    CHECK(copy.loadError().find("has different numbers from English") != std::string::npos);
  }
  SECTION("a missing point") {
    copy.edit("de", "## Ihre Patientenkarte {#patient_card}", "## Ihre Patientenkarte {#patient_cards}");
    CHECK(copy.loadError().find("is not the English point at this position ('patient_card')") != std::string::npos);
  }
  SECTION("metadata in a translation") {
    copy.edit("el", "{#condom}\n", "{#condom}\nfor: all\n");
    CHECK(copy.loadError().find("belongs in the English file only") != std::string::npos);
  }
  SECTION("an anchor to a heading a brochure lacks") {
    copy.edit("en", "brochure: pregnancy#3", "brochure: pregnancy#9");
    CHECK(copy.loadError().find("fewer '###' headings than counselling point 'condom' refers to (9)") !=
          std::string::npos);
  }
}
