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
---

## Harm to an unborn baby {#birth_defects}
for: all
brochure: pregnancy
source: EMA/240195/2019

## Condoms {#condom}
for: man
brochure: pregnancy#3 blocks 1-3, 5
source: Imnovid SmPC, section 4.4
ask: Until when do you use a condom?
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
  CHECK(set.points[0].review.status == ReviewStatus::Pending);
  REQUIRE(set.points.size() == 2);
  CHECK(set.points[0].categories == std::vector<std::string>{"woman_cbp", "woman_ncbp", "man"});
  CHECK(set.points[0].brochureHeading == 0);
  CHECK(set.points[1].id == "condom");
  CHECK(set.points[1].title == "Condoms");
  CHECK(set.points[0].brochureBlocks.empty());  // the whole part
  CHECK(set.points[0].body.empty());
  CHECK(set.points[1].body == "Until when do you use a condom?");  // what the nurse asks
  CHECK(set.points[1].askLine == 14);
  CHECK(set.points[1].categories == std::vector<std::string>{"man"});
  CHECK(set.points[1].brochureSection == "pregnancy");
  CHECK(set.points[1].brochureHeading == 3);
  CHECK(set.points[1].brochureBlocks == std::vector<BlockRange>{{1, 3}, {5, 5}});
  CHECK(set.points[1].brochureLine == 12);
  CHECK(set.points[1].line == 10);
}

TEST_CASE("malformed counselling files are refused with the line", "[counselling]") {
  std::string en = kEnglish;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = en;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  CHECK(errorOf("en.md", with("for: man", "for: women")).find("en.md:11: unknown patient group 'women'") == 0);
  CHECK(errorOf("en.md", with("brochure: pregnancy#3 blocks 1-3, 5", "brochure: dosage"))
            .find("en.md:12: unknown section id 'dosage'") == 0);
  CHECK(errorOf("en.md", with("brochure: pregnancy#3", "brochure: pregnancy#x")).find("en.md:12: brochure: expects") ==
        0);
  CHECK(errorOf("en.md", with("blocks 1-3, 5", "parts 1-3")).find("en.md:12: brochure: expects") == 0);
  for (const char* bad : {"blocks 3-1", "blocks 0", "blocks 4, 2", "blocks 1-3, 3", "blocks 1,,2", "blocks x"}) {
    INFO(bad);
    CHECK(errorOf("en.md", with("blocks 1-3, 5", bad)).find("en.md:12: brochure: blocks '") == 0);
  }
  CHECK(errorOf("en.md", with("for: man\n", "")).find("en.md:10: point 'condom' needs") == 0);
  CHECK(errorOf("en.md", with("{#condom}", "{#birth_defects}")).find("en.md:10: duplicate point") == 0);
  // A point has no text of its own: the rule is shown from the brochure.
  CHECK(errorOf("en.md", with("a condom?", "a condom?\n\nUse a condom for 7 days after you stop."))
            .find("en.md:16: point 'condom' has text of its own") == 0);
  CHECK(errorOf("en.md", with("EMA/240195/2019\n", "EMA/240195/2019\n\nIt can cause severe birth defects.\n"))
            .find("en.md:10: point 'birth_defects' has text of its own") == 0);
  CHECK(errorOf("en.md", with("a condom?", "a condom?\nask: And why?")).find("en.md:15: a second 'ask:' line") == 0);
  // Reviews are records in reviews/<locale>.tsv now; a status line says where they went.
  CHECK(errorOf("en.md", with("locale: en", "locale: en\nstatus: pending"))
            .find("en.md:3: 'status:' is no longer used: reviews are recorded per point in reviews/<locale>.tsv") == 0);
  CHECK(errorOf("de.md", with("locale: en", "locale: de")).find("de.md:6: 'for:' belongs in the English file only") ==
        0);
}

TEST_CASE("translations must follow English point by point", "[counselling]") {
  ContentCopy copy;
  REQUIRE(copy.loadError() == "no error");
  SECTION("a changed number") {
    copy.edit("pl", "## Prezerwatywa {#condom}", "## Prezerwatywa przez 14 dni {#condom}");
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
