#include <catch2/catch.hpp>
#include <string>

#include "core/content/content_source.h"

using namespace mk;

namespace {

const std::string kHeader =
    "---\nlocale: en\ntitle: Pomalidomide\nsubtitle: For myeloma\nwarning: Birth defects.\n"
    "warning-source: EMA/240195/2019\n---\n\n";

std::string section(const std::string& id, const std::string& body = "Some text.\n") {
  return "## Title of " + id + " {#" + id + "}\nsource: EMA/240195/2019\n\n" + body + "\n";
}

std::string fullBrochure() {
  std::string s = kHeader;
  for (auto id : kSectionIds) s += section(std::string(id));
  return s;
}

// The line a ContentError names, or 0 if none was thrown.
int errorLine(const std::string& text, std::string* message = nullptr) {
  try {
    parseBrochure("x/en.md", text);
  } catch (const ContentError& e) {
    if (message) *message = e.what();
    return e.line();
  }
  return 0;
}

}  // namespace

TEST_CASE("a complete brochure parses with every section in order") {
  Brochure b = parseBrochure("x/en.md", fullBrochure());
  REQUIRE(b.sections.size() == kSectionIds.size());
  CHECK(b.locale == "en");
  CHECK(b.warning == "Birth defects.");
  CHECK(b.sections[2].id == "pregnancy");
  CHECK(b.sections[2].title == "Title of pregnancy");
  CHECK(b.sections[2].source == "EMA/240195/2019");
  CHECK(b.sections[2].review.status == ReviewStatus::Pending);
  CHECK(b.sections[2].body == "Some text.\n");
  CHECK(b.sections[2].line == 9 + 2 * 5);  // 8 header lines, 5 lines per section
}

TEST_CASE("text is normalised to NFC at build") {
  // "é" written as e + combining acute (NFD) becomes U+00E9.
  std::string s = kHeader;
  for (auto id : kSectionIds) s += section(std::string(id), "Caf\x65\xCC\x81.\n");
  Brochure b = parseBrochure("x/en.md", s);
  CHECK(b.sections[0].body == "Caf\xC3\xA9.\n");
}

TEST_CASE("malformed sources are refused with the file and line") {
  std::string msg;
  SECTION("unknown section id") {
    std::string s = kHeader + section("purpose") + section("dosage");
    CHECK(errorLine(s, &msg) == 14);
    CHECK_THAT(msg, Catch::Contains("x/en.md:14: unknown section id 'dosage'"));
  }
  SECTION("sections out of order") {
    std::string s = kHeader + section("how_to_take") + section("purpose");
    CHECK(errorLine(s, &msg) == 9);
    CHECK_THAT(msg, Catch::Contains("out of order"));
  }
  SECTION("a missing section is named") {
    std::string s = kHeader;
    for (auto id : kSectionIds)
      if (id != "sources") s += section(std::string(id));
    CHECK(errorLine(s, &msg) > 0);
    CHECK_THAT(msg, Catch::Contains("missing section 'sources'"));
  }
  SECTION("a hand-written review status is refused with where reviews are now") {
    std::string s = fullBrochure();
    s.replace(s.find("EMA/240195/2019\n\nSome"), 16, "EMA/240195/2019\nstatus: reviewed\n");
    CHECK(errorLine(s, &msg) == 11);
    CHECK_THAT(msg, Catch::Contains("'status:' is no longer used: reviews are recorded in reviews/<locale>.tsv"));
    s = fullBrochure();
    s.replace(s.find("\n---\n"), 1, "\nwarning-status: pending\n");
    CHECK(errorLine(s, &msg) == 7);
    CHECK_THAT(msg, Catch::Contains("'warning-status:' is no longer used"));
  }
  SECTION("a section without a source") {
    std::string s = fullBrochure();
    s.erase(s.find("source: EMA/240195/2019\n\nSome"), 24);
    CHECK(errorLine(s, &msg) == 9);
    CHECK_THAT(msg, Catch::Contains("no source"));
  }
  SECTION("unsupported Markdown names its line") {
    std::string s = kHeader + section("purpose", "Fine.\n\n1. numbered\n");
    CHECK(errorLine(s, &msg) == 14);
    CHECK_THAT(msg, Catch::Contains("numbered lists"));
    CHECK(errorLine(kHeader + section("purpose", "<b>x</b>\n"), &msg) == 12);
    CHECK_THAT(msg, Catch::Contains("HTML"));
    CHECK(errorLine(kHeader + section("purpose", "see [here](http://x)\n"), &msg) == 12);
    CHECK_THAT(msg, Catch::Contains("links"));
  }
  SECTION("invalid UTF-8") {
    std::string s = fullBrochure();
    s.insert(s.find("Some text"), "\xC3\x28");
    CHECK(errorLine(s, &msg) == 12);
    CHECK_THAT(msg, Catch::Contains("invalid UTF-8"));
  }
  SECTION("front matter") {
    CHECK(errorLine("no front matter\n", &msg) == 1);
    std::string s = fullBrochure();
    s.replace(s.find("title:"), 6, "titel:");
    CHECK(errorLine(s, &msg) == 3);
    CHECK_THAT(msg, Catch::Contains("unknown front matter key 'titel'"));
  }
}

TEST_CASE("medicine.ini is validated") {
  const std::string good =
      "[medicine]\nid = pomalidomide\nname = Pomalidomide\nbrand = Imnovid\n\n[links]\nen = https://example.eu/x\n";
  Medicine m = parseMedicineIni("m.ini", good);
  CHECK(m.id == "pomalidomide");
  CHECK(m.links.at("en") == "https://example.eu/x");
  try {
    parseMedicineIni("m.ini", good + "colour = red\n");
    FAIL("accepted an unknown key");
  } catch (const ContentError& e) {
    CHECK(e.line() == 8);
  }
  CHECK_THROWS_AS(parseMedicineIni("m.ini", "[medicine]\nid = Bad Id\nname = x\n[links]\nen = https://x\n"),
                  ContentError);
  CHECK_THROWS_AS(parseMedicineIni("m.ini", "[medicine]\nid = a\nname = x\n[links]\nen = http://insecure\n"),
                  ContentError);
}

TEST_CASE("member states table") {
  std::string tsv =
      "# comment\ncode\tname\tlocales\tscripts\treporting_authority\twebsite\n"
      "BE\tBelgium\tnl_BE,fr_BE,de_BE\tLatn\tFAMHP\twww.famhp.be\n"
      "BG\tBulgaria\tbg_BG\tCyrl\tИзпълнителна агенция по лекарствата\twww.bda.bg\n";
  auto states = parseMemberStates("s.tsv", tsv);
  REQUIRE(states.size() == 2);
  CHECK(states[0].locales == std::vector<std::string>{"nl_BE", "fr_BE", "de_BE"});
  CHECK(states[1].authority == "Изпълнителна агенция по лекарствата");
  try {
    parseMemberStates("s.tsv", tsv + "XX\tNowhere\tzz-bad\tLatn\tA\tw\n");
    FAIL("accepted a bad locale");
  } catch (const ContentError& e) {
    CHECK(e.line() == 5);
  }
}

TEST_CASE("the shipped content sources load") {
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  REQUIRE_FALSE(src.medicines.empty());
  CHECK(src.medicines[0].id == "pomalidomide");
  CHECK(src.memberStates.size() == 27);
  const Brochure* en = nullptr;
  for (const auto& b : src.medicines[0].brochures)
    if (b.locale == "en") en = &b;
  REQUIRE(en != nullptr);
  // EU facts from content-notes.md that must be present, and non-EU ones that must not.
  std::string all;
  for (const auto& s : en->sections) all += s.body;
  CHECK_THAT(all, Catch::Contains("25 mIU/ml"));
  CHECK_THAT(all, Catch::Contains("7 days"));
  CHECK_THAT(all, Catch::Contains("4 weeks"));
  CHECK_THAT(all, Catch::Contains("1–21"));
  CHECK_THAT(all, Catch::Contains("1–14"));
  CHECK_THAT(all, !Catch::Contains("Kaposi"));
  CHECK_THAT(all, !Catch::Contains("12 hours"));
  CHECK_THAT(all, !Catch::Contains("28 days after"));
  CHECK_THAT(all, !Catch::Contains(" 1 month"));
}
