#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/base/sqlite_db.h"
#include "core/base/unicode_text.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "test_support.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path buildShipped(const TempDir& dir) {
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  fs::path db = dir.path / "content.db";
  buildContentDatabase(src, 7, db);
  return db;
}

void sql(const fs::path& db, const char* statement) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  CHECK(sqlite3_exec(h, statement, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
}

}  // namespace

TEST_CASE("a built database opens read-only and answers queries") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  ContentDb db(path);
  CHECK(db.info().schemaVersion == kContentSchemaVersion);
  CHECK(db.info().contentVersion == 7);
  CHECK(db.info().hash.size() == 64);
  auto meds = db.medicines();
  REQUIRE(meds.size() >= 1);
  CHECK(meds[0].id == "pomalidomide");
  CHECK(meds[0].brand == "Imnovid");
  auto b = db.brochure("pomalidomide", "en");
  REQUIRE(b);
  REQUIRE(b->sections.size() == kSectionIds.size());
  for (size_t i = 0; i < kSectionIds.size(); ++i) {
    CHECK(b->sections[i].id == kSectionIds[i]);
    CHECK_FALSE(b->sections[i].source.empty());
  }
  CHECK_FALSE(db.brochure("pomalidomide", "xx"));
  auto states = db.memberStates();
  REQUIRE(states.size() == 27);
  auto be = std::find_if(states.begin(), states.end(), [](const MemberState& s) { return s.code == "BE"; });
  REQUIRE(be != states.end());
  CHECK(be->locales == std::vector<std::string>{"nl_BE", "fr_BE", "de_BE"});
  CHECK(db.link("pomalidomide", "el").rfind("https://www.ema.europa.eu/", 0) == 0);
}

TEST_CASE("building twice gives the same content hash") {
  TempDir a, b;
  ContentDb da(buildShipped(a)), db(buildShipped(b));
  CHECK(da.info().hash == db.info().hash);
}

TEST_CASE("a database whose content was changed is refused") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  // Someone edits a dose in place: the recorded hash no longer matches.
  sql(path, "UPDATE section_text SET body = replace(body, '4 mg', '40 mg')");
  CHECK_THROWS_WITH(ContentDb(path), Catch::Contains("does not match its recorded hash"));
}

TEST_CASE("a database whose content version was changed in meta is refused") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  // Issue #14, item 5: one byte in meta made version 1 look like 92, and a genuine
  // newer update look old. The version is now part of the content hash.
  sql(path, "UPDATE meta SET value = '92' WHERE key = 'content_version'");
  CHECK_THROWS_WITH(ContentDb(path), Catch::Contains("does not match its recorded hash"));
  // Keys the hash does not know are refused too; only "hash" and "build_time" are outside it.
  TempDir dir2;
  fs::path other = buildShipped(dir2);
  sql(other, "INSERT INTO meta VALUES('min_version', '99')");
  CHECK_THROWS_WITH(ContentDb(other), Catch::Contains("does not match its recorded hash"));
}

TEST_CASE("a database with another schema version is refused") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  sql(path, "PRAGMA user_version = 99");
  CHECK_THROWS_WITH(ContentDb(path), Catch::Contains("schema version 99"));
}

TEST_CASE("missing and non-database files are refused") {
  TempDir dir;
  CHECK_THROWS_WITH(ContentDb(dir.path / "none.db"), Catch::Contains("missing"));
  fs::path junk = dir.path / "junk.db";
  std::ofstream(junk) << "this is not a database";
  CHECK_THROWS_AS(ContentDb(junk), DbError);
}

TEST_CASE("a failed build leaves no database behind") {
  TempDir dir;
  fs::path out = dir.path / "out.db";
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  src.medicines.push_back(src.medicines[0]);  // duplicate primary key: the insert fails
  CHECK_THROWS(buildContentDatabase(src, 1, out));
  CHECK_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(dir.path)) FAIL("left behind: " << e.path());
}

TEST_CASE("the build records every character of the content once, for the font atlas") {
  TempDir dir;
  ContentDb db(buildShipped(dir));
  std::string chars = db.characters();
  REQUIRE_FALSE(chars.empty());
  // Every character of every text is in it, and none twice.
  std::set<char32_t> recorded;
  for (std::size_t pos = 0; pos < chars.size();) CHECK(recorded.insert(unicode::nextCodePoint(chars, pos)).second);
  std::size_t checked = 0;
  for (const auto& text : db.allTexts())
    for (std::size_t pos = 0; pos < text.size(); ++checked) {
      char32_t c = unicode::nextCodePoint(text, pos);
      if (!recorded.count(c)) FAIL("U+" << std::hex << static_cast<unsigned>(c) << " is not recorded");
    }
  CHECK(checked > 100000);
  // The three scripts of the brochure: Latin, Greek and Cyrillic.
  for (char32_t c : {U'ż', U'λ', U'ж'}) CHECK(recorded.count(c) == 1);
}

TEST_CASE("a database built before the character record opens and lists no characters") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  sql(path, "DELETE FROM meta WHERE key = 'characters'");
  CHECK_THROWS(ContentDb(path));  // the content hash covers the record
  {
    // As an older medkiosk-content built it: no record, and a hash without it.
    Database old(path.string(), Database::Mode::ReadWriteCreate);
    Statement(old, "UPDATE meta SET value = ? WHERE key = 'hash'").bind(1, computeContentHash(old)).run();
  }
  ContentDb db(path);
  CHECK(db.characters().empty());
  CHECK_FALSE(db.allTexts().empty());  // what the kiosk reads instead
}

// Issue #16: the kiosk checks what every screen reads when it opens the database, and
// each medicine's own texts when that medicine is first read (ContentCheck::OnFirstUse).

TEST_CASE("the build records a hash of each medicine's texts and of what every screen reads") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  Database db(path.string(), Database::Mode::ReadOnly);
  auto meta = [&](const std::string& key) {
    Statement st(db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
  };
  CHECK(meta("shared_hash") == computeSharedHash(db));
  CHECK(meta(std::string(kMedicineHashPrefix) + "pomalidomide") == computeMedicineHash(db, "pomalidomide"));
  CHECK(computeMedicineHash(db, "pomalidomide") != emptyMedicineHash());
  CHECK(computeMedicineHash(db, "no-such-medicine") == emptyMedicineHash());
  // The content hash, which signed bundles name, covers both records.
  CHECK(meta("hash") == computeContentHash(db));
}

TEST_CASE("checking on first use: a changed text is refused when its medicine is first read") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  sql(path, "UPDATE section_text SET body = replace(body, '4 mg', '40 mg') WHERE medicine = 'pomalidomide'");
  CHECK_THROWS_WITH(ContentDb(path), Catch::Contains("does not match its recorded hash"));
  ContentDb db(path, ContentCheck::OnFirstUse);  // the change is not in what every screen reads
  CHECK(db.checksOnFirstUse());
  CHECK(db.medicines().size() == 1);
  auto head = db.brochureHead("pomalidomide", "el");
  REQUIRE(head);
  CHECK_FALSE(head->title.empty());
  CHECK(head->sections.empty());
  CHECK_FALSE(db.figures("pomalidomide").empty());
  // Every way to the medicine's texts is refused, naming it; and so is every text at once.
  CHECK_THROWS_WITH(db.brochure("pomalidomide", "en"), Catch::Contains("medicine 'pomalidomide'"));
  CHECK_THROWS_WITH(db.brochure("pomalidomide", "de"), Catch::Contains("do not match their recorded hash"));
  CHECK_THROWS_AS(db.counsellingLocales("pomalidomide"), DbError);
  CHECK_THROWS_AS(db.counsellingPoints("pomalidomide", "all", "en"), DbError);
  CHECK_THROWS_AS(db.reviewStates("pomalidomide"), DbError);
  CHECK_THROWS_WITH(db.allTexts(), Catch::Contains("does not match its recorded hash"));
}

TEST_CASE("checking on first use: an intact medicine reads as when checked whole") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  ContentDb whole(path), lazy(path, ContentCheck::OnFirstUse);
  CHECK_FALSE(whole.checksOnFirstUse());
  CHECK(lazy.info().hash == whole.info().hash);
  for (const auto& loc : whole.brochureLocales("pomalidomide")) {
    auto a = whole.brochure("pomalidomide", loc), b = lazy.brochure("pomalidomide", loc);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->title == b->title);
    REQUIRE(a->sections.size() == b->sections.size());
    for (std::size_t i = 0; i < a->sections.size(); ++i) CHECK(a->sections[i].body == b->sections[i].body);
  }
  CHECK(lazy.reviewStates("pomalidomide").size() == whole.reviewStates("pomalidomide").size());
  CHECK(lazy.allTexts() == whole.allTexts());
  // A medicine the database does not hold has no texts to check.
  CHECK_NOTHROW(lazy.checkMedicine("no-such-medicine"));
  CHECK_FALSE(lazy.brochure("no-such-medicine", "en"));
}

TEST_CASE("checking on first use: a change to what every screen reads is refused at open") {
  const char* changes[] = {
      "UPDATE brochure SET title = 'Something else' WHERE locale = 'el'",
      "UPDATE brochure SET warning = replace(warning, 'pregnan', 'pregnan ') WHERE locale = 'en'",
      "UPDATE medicine SET name = 'Other'",
      "UPDATE member_state SET website = 'https://example.org/'",
      "UPDATE figure_item SET strength_mg = strength_mg + 1",
      "UPDATE meta SET value = '92' WHERE key = 'content_version'",
      // Hiding a medicine's own hash, or a text with none, is a change to meta.
      "DELETE FROM meta WHERE key LIKE 'medicine_hash.%'",
      "UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'shared_hash') WHERE key LIKE 'medicine_hash.%'",
  };
  for (const char* change : changes) {
    INFO(change);
    TempDir dir;
    fs::path path = buildShipped(dir);
    sql(path, change);
    CHECK_THROWS_WITH(ContentDb(path, ContentCheck::OnFirstUse), Catch::Contains("does not match its recorded hash"));
  }
}

TEST_CASE("checking on first use: texts of a medicine with no recorded hash are refused") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  // Rows outside every recorded hash, as an edit that adds a medicine's text would leave.
  sql(path,
      "INSERT INTO section_text SELECT 'stowaway', section, locale, title, body, source, status, reviewer, "
      "reviewed_on FROM section_text WHERE medicine = 'pomalidomide' AND locale = 'en'");
  ContentDb db(path, ContentCheck::OnFirstUse);
  CHECK_THROWS_WITH(db.checkMedicine("stowaway"), Catch::Contains("medicine 'stowaway'"));
  CHECK_NOTHROW(db.brochure("pomalidomide", "en"));
  CHECK_THROWS_AS(db.allTexts(), DbError);  // the content hash covers every row
}

TEST_CASE("a database built before the per-medicine hashes is checked whole even on first use") {
  TempDir dir;
  fs::path path = buildShipped(dir);
  {
    // As an older medkiosk-content built it: no such records, a content hash without them.
    Database old(path.string(), Database::Mode::ReadWriteCreate);
    old.exec("DELETE FROM meta WHERE key = 'shared_hash' OR key LIKE 'medicine_hash.%'");
    Statement(old, "UPDATE meta SET value = ? WHERE key = 'hash'").bind(1, computeContentHash(old)).run();
  }
  {
    ContentDb db(path, ContentCheck::OnFirstUse);
    CHECK_FALSE(db.checksOnFirstUse());
    CHECK(db.brochure("pomalidomide", "en"));
  }
  // A changed text is then refused at open, as before.
  sql(path, "UPDATE section_text SET body = replace(body, '4 mg', '40 mg')");
  CHECK_THROWS_WITH(ContentDb(path, ContentCheck::OnFirstUse), Catch::Contains("does not match its recorded hash"));
}
