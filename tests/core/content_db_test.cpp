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
