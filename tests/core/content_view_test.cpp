// Which text a patient is shown: the fallback chain per section, the three modes of
// [content] show by review status, and the member state's reporting authority.
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/session/content_view.h"
#include "review_fixture.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  fs::path dir;
  std::unique_ptr<ContentDb> db;
  // Shipped content, with the German translation leaving "donation" to English.
  Fixture() {
    char tmpl[] = "/tmp/medkiosk-view-XXXXXX";
    dir = mkdtemp(tmpl);
    fs::copy(MEDKIOSK_SOURCE_DIR "/content", dir / "content", fs::copy_options::recursive);
    fs::path de = dir / "content/pomalidomide/de.md";
    std::ifstream in(de);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto start = text.find("{#donation}");
    start = text.rfind("\n## ", start) + 1;
    auto end = text.find("\n## ", start) + 1;
    text.erase(start, end - start);
    text.insert(text.find("\n---\n", 4), "\nfallback: donation");
    std::ofstream(de) << text;
    buildContentDatabase(loadContentSource(dir / "content"), 1, dir / "c.db");
    db = std::make_unique<ContentDb>(dir / "c.db");
  }
  ~Fixture() {
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("a section a translation leaves out falls back along the chain with a note") {
  Fixture f;
  ContentView view(f.db.get());
  auto own = view.section("pomalidomide", "de_AT", "pregnancy");
  REQUIRE(own);
  CHECK(own->locale == "de");
  CHECK_FALSE(own->fellBack);
  auto fallen = view.section("pomalidomide", "de_AT", "donation");
  REQUIRE(fallen);
  CHECK(fallen->locale == "en");
  CHECK(fallen->fellBack);
  CHECK(fallen->section->title == view.section("pomalidomide", "en", "donation")->section->title);
}

namespace {

// The fixture's content with English and German reviewed throughout, Greek only in
// 'purpose', and Polish throughout before the English 'symptoms' section changed
// (German after it).
struct Reviewed : Fixture {
  Reviewed() {
    fs::path content = dir / "content";
    test::signReviews(content, "en");
    test::signReviews(content, "el", {"section/purpose"});
    test::signReviews(content, "pl");
    test::replaceInFile(content / "pomalidomide/en.md", "Do not wait for your next", "Do not wait until your next");
    test::signReviews(content, "en", {"section/symptoms"});  // the English change is reviewed too
    test::signReviews(content, "de");                        // against the English text as it is now
    db.reset();
    buildContentDatabase(loadContentSource(content), 1, dir / "c.db");
    db = std::make_unique<ContentDb>(dir / "c.db");
  }
};

bool offers(ContentView& view, const std::string& locale) {
  auto all = view.locales("pomalidomide");
  return std::find(all.begin(), all.end(), locale) != all.end();
}

}  // namespace

TEST_CASE("show all: every text in its own language with its status, outdated included") {
  Reviewed f;
  ContentView view(f.db.get(), ContentShow::All);
  auto pl = view.section("pomalidomide", "pl_PL", "symptoms");
  REQUIRE(pl);
  CHECK(pl->locale == "pl");
  CHECK(pl->section->review.status == ReviewStatus::Outdated);
  auto el = view.section("pomalidomide", "el_GR", "pregnancy");
  REQUIRE(el);
  CHECK(el->locale == "el");
  CHECK(el->section->review.status == ReviewStatus::Unreviewed);
  CHECK(view.section("pomalidomide", "el", "purpose")->section->review.status == ReviewStatus::Reviewed);
  CHECK(offers(view, "el"));
  CHECK(offers(view, "pl"));
  CHECK(view.counselling("pomalidomide", "man", "el").locale == "el");
  CHECK(view.brochure("pomalidomide", "el_GR")->brochure.warning !=
        view.brochure("pomalidomide", "en")->brochure.warning);
}

TEST_CASE("show reviewed: a text not reviewed falls back to the reviewed source language") {
  Reviewed f;
  ContentView view(f.db.get(), ContentShow::Reviewed);
  auto purpose = view.section("pomalidomide", "el_GR", "purpose");
  REQUIRE(purpose);
  CHECK(purpose->locale == "el");
  CHECK_FALSE(purpose->fellBack);
  auto pregnancy = view.section("pomalidomide", "el_GR", "pregnancy");
  REQUIRE(pregnancy);
  CHECK(pregnancy->locale == "en");
  CHECK(pregnancy->fellBack);
  CHECK(pregnancy->section->review.status == ReviewStatus::Reviewed);
  // Outdated is not reviewed: the reviewed English text is shown instead.
  auto symptoms = view.section("pomalidomide", "pl_PL", "symptoms");
  REQUIRE(symptoms);
  CHECK(symptoms->locale == "en");
  CHECK(symptoms->section->review.status == ReviewStatus::Reviewed);
  CHECK(view.section("pomalidomide", "pl_PL", "donation")->locale == "pl");
  // The title and warning banner too: the Greek warning is not reviewed, the German is.
  const std::string english = view.brochure("pomalidomide", "en")->brochure.warning;
  CHECK(view.brochure("pomalidomide", "el_GR")->brochure.warning == english);
  CHECK(view.brochure("pomalidomide", "de_AT")->brochure.warning != english);
  // A walk-through is in one language: Greek points are not reviewed, German ones are.
  CHECK(view.counselling("pomalidomide", "man", "el").locale == "en");
  CHECK(view.counselling("pomalidomide", "man", "de").locale == "de");
  // Every language stays on offer.
  CHECK(offers(view, "el"));
  CHECK(offers(view, "pl"));
}

TEST_CASE("show reviewed-locales: only fully reviewed languages are offered, and the refusal is logged") {
  Reviewed f;
  test::LogCapture log;
  ContentView view(f.db.get(), ContentShow::ReviewedLocales);
  CHECK(offers(view, "en"));
  CHECK(offers(view, "de"));
  CHECK_FALSE(offers(view, "el"));
  CHECK_FALSE(offers(view, "pl"));  // one outdated section is enough
  CHECK_FALSE(offers(view, "fr"));
  CHECK(log.contains("'el' is not offered"));
  CHECK(log.contains("'pl' is not offered"));
  // A patient locale of a refused language resolves to English, never to it.
  CHECK(view.resolveLocale("pomalidomide", "el_GR") == "en");
  CHECK(view.resolveLocale("pomalidomide", "de_AT") == "de");
  auto de = view.section("pomalidomide", "de_AT", "pregnancy");
  REQUIRE(de);
  CHECK(de->locale == "de");
  CHECK(de->section->review.status == ReviewStatus::Reviewed);
  // Nurse mode offers the same languages.
  auto points = view.counsellingLocales("pomalidomide");
  CHECK(std::find(points.begin(), points.end(), "de") != points.end());
  CHECK(std::find(points.begin(), points.end(), "el") == points.end());
}

TEST_CASE("a declared fallback is recorded and a missing undeclared section is refused") {
  Fixture f;
  auto de = f.db->brochure("pomalidomide", "de");
  REQUIRE(de);
  CHECK(de->fallbackSections == std::vector<std::string>{"donation"});
  CHECK(de->section("donation") == nullptr);
  // Without the declaration the same file is an error naming the file.
  fs::path path = f.dir / "content/pomalidomide/de.md";
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = std::regex_replace(ss.str(), std::regex("\nfallback: donation"), "");
  try {
    parseBrochure(path.string(), text);
    FAIL("accepted a missing section");
  } catch (const ContentError& e) {
    CHECK_THAT(e.what(), Catch::Contains("de.md"));
    CHECK_THAT(e.what(), Catch::Contains("'donation'"));
  }
}

TEST_CASE("the reporting authority is the member state's, per language in Belgium") {
  Fixture f;
  auto fr = f.db->reportingAuthority("BE", "fr_BE");
  REQUIRE(fr);
  CHECK_THAT(fr->authority, Catch::Contains("AFMPS"));
  CHECK(fr->website == "www.afmps.be");
  auto nl = f.db->reportingAuthority("BE", "nl_BE");
  REQUIRE(nl);
  CHECK_THAT(nl->authority, Catch::Contains("FAGG"));
  auto other = f.db->reportingAuthority("BE", "pl");  // a Polish patient in Brussels
  REQUIRE(other);
  CHECK_THAT(other->authority, Catch::Contains("FAMHP"));
  auto bg = f.db->reportingAuthority("BG", "bg_BG");
  REQUIRE(bg);
  CHECK(bg->website == "www.bda.bg");
  CHECK_FALSE(f.db->reportingAuthority("XX", "en"));
}

TEST_CASE("a medicine whose texts fail their check when first read makes the content unavailable, logged") {
  test::TempDir dir;
  fs::path path = dir.path / "c.db";
  buildContentDatabase(loadContentSource(MEDKIOSK_SOURCE_DIR "/content"), 1, path);
  {
    Database db(path.string(), Database::Mode::ReadWriteCreate);
    db.exec("UPDATE section_text SET body = replace(body, '4 mg', '40 mg') WHERE locale = 'en'");
  }
  ContentDb db(path, ContentCheck::OnFirstUse);
  test::LogCapture log;
  ContentView view(&db);
  REQUIRE(view.available());
  // The Attract screen's titles come from what was checked at open.
  CHECK(view.title("pomalidomide", "el_GR").find("Imnovid") != std::string::npos);
  CHECK(view.title("pomalidomide", "el_GR") == db.brochureHead("pomalidomide", "el")->title);
  CHECK(view.available());
  // Choosing it reads its texts: refused, nothing of it shown, and the reason logged.
  CHECK(view.brochure("pomalidomide", "en") == nullptr);
  CHECK_FALSE(view.available());
  CHECK(view.damage().find("medicine 'pomalidomide'") != std::string::npos);
  CHECK(log.contains("'pomalidomide' do not match their recorded hash; showing the 'information unavailable' screen"));
  CHECK_FALSE(view.section("pomalidomide", "de", "pregnancy"));
  CHECK(view.counsellingLocales("pomalidomide").empty());
  CHECK(view.allTexts().empty());
}

TEST_CASE("only the medicine and languages on screen stay loaded, and the others are read again when chosen") {
  Fixture f;
  ContentView view(f.db.get());
  const std::string m = "pomalidomide";
  const std::vector<std::string> all = view.locales(m);
  REQUIRE(all.size() == 24);
  std::map<std::string, std::string> titles;  // of the 'purpose' section, as first read
  for (const auto& locale : all) {
    auto s = view.section(m, locale, "purpose");
    REQUIRE(s);
    titles[locale] = s->section->title;
  }
  const std::size_t greekFigures = view.figures(m, *view.section(m, "el", "pregnancy")).size();
  REQUIRE(greekFigures > 0);
  REQUIRE(view.brochuresHeld() == all.size());

  view.keepOnly(m, "de_AT");  // Austrian German: German, then English, the chain
  CHECK(view.brochuresHeld() == 2);
  // What is kept is not read again: the same section, at the same address.
  const Section* german = view.section(m, "de", "purpose")->section;
  CHECK(view.brochuresHeld() == 2);
  view.keepOnly(m, "de");
  CHECK(view.section(m, "de", "purpose")->section == german);
  auto donation = view.section(m, "de", "donation");  // German leaves it to English
  REQUIRE(donation);
  CHECK(donation->locale == "en");
  CHECK(view.brochuresHeld() == 2);

  // A dropped language comes back whole when chosen again.
  auto greek = view.section(m, "el", "purpose");
  REQUIRE(greek);
  CHECK(greek->section->title == titles["el"]);
  auto greekPregnancy = view.section(m, "el", "pregnancy");
  REQUIRE(greekPregnancy);
  CHECK(view.figures(m, *greekPregnancy).size() == greekFigures);
  CHECK(view.brochuresHeld() == 3);

  // Another medicine (or none, on the first screen): nothing of this one is kept.
  view.keepOnly("", "el");
  CHECK(view.brochuresHeld() == 0);
  CHECK(view.section(m, "pl", "purpose")->section->title == titles["pl"]);
}
