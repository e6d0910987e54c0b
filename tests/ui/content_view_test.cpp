// Which text a patient is shown: the fallback chain per section, the reviewed-only
// switch, and the member state's reporting authority.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "ui/content_view.h"

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
  ui::ContentView view(f.db.get());
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

TEST_CASE("the reviewed-only switch shows source text instead of an unreviewed translation") {
  Fixture f;
  ui::ContentView shows(f.db.get(), true), hides(f.db.get(), false);
  auto a = shows.section("pomalidomide", "pl_PL", "symptoms");
  REQUIRE(a);
  CHECK(a->locale == "pl");
  CHECK(a->section->review.status == ReviewStatus::Unreviewed);
  auto b = hides.section("pomalidomide", "pl_PL", "symptoms");
  REQUIRE(b);
  CHECK(b->locale == "en");
  CHECK(b->fellBack);
  CHECK(b->section->review.status != ReviewStatus::Unreviewed);
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
