#include "core/content/content_db.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "core/base/sqlite_db.h"
#include "core/base/utc_time.h"
#include "core/content/content_source.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE medicine(id TEXT PRIMARY KEY, name TEXT NOT NULL, brand TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE medicine_link(medicine TEXT NOT NULL REFERENCES medicine(id), locale TEXT NOT NULL,
  url TEXT NOT NULL, PRIMARY KEY(medicine, locale));
CREATE TABLE section(id TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE brochure(medicine TEXT NOT NULL REFERENCES medicine(id), locale TEXT NOT NULL,
  title TEXT NOT NULL, subtitle TEXT NOT NULL, warning TEXT NOT NULL, warning_source TEXT NOT NULL,
  warning_status TEXT NOT NULL, warning_reviewer TEXT NOT NULL, warning_reviewed_on TEXT NOT NULL,
  source_file TEXT NOT NULL, fallback_sections TEXT NOT NULL, PRIMARY KEY(medicine, locale));
CREATE TABLE section_text(medicine TEXT NOT NULL, section TEXT NOT NULL REFERENCES section(id),
  locale TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, source TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('reviewed','pending','unreviewed')),
  reviewer TEXT NOT NULL, reviewed_on TEXT NOT NULL,
  PRIMARY KEY(medicine, section, locale),
  FOREIGN KEY(medicine, locale) REFERENCES brochure(medicine, locale));
CREATE TABLE member_state(code TEXT PRIMARY KEY, name TEXT NOT NULL, authority TEXT NOT NULL,
  website TEXT NOT NULL);
CREATE TABLE member_state_locale(code TEXT NOT NULL REFERENCES member_state(code),
  locale TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY(code, locale));
CREATE TABLE member_state_authority(code TEXT NOT NULL REFERENCES member_state(code),
  locale TEXT NOT NULL, authority TEXT NOT NULL, website TEXT NOT NULL, PRIMARY KEY(code, locale));
CREATE TABLE counselling_point(medicine TEXT NOT NULL REFERENCES medicine(id), id TEXT NOT NULL,
  sort INTEGER NOT NULL, categories TEXT NOT NULL, brochure_section TEXT NOT NULL REFERENCES section(id),
  brochure_heading INTEGER NOT NULL, source TEXT NOT NULL, PRIMARY KEY(medicine, id));
CREATE TABLE counselling_text(medicine TEXT NOT NULL, point TEXT NOT NULL, locale TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('reviewed','pending','unreviewed')),
  reviewer TEXT NOT NULL, reviewed_on TEXT NOT NULL, PRIMARY KEY(medicine, point, locale),
  FOREIGN KEY(medicine, point) REFERENCES counselling_point(medicine, id));
)sql";

// The canonical serialisation: every content table in a fixed order, each row's
// columns joined by U+001F and rows by U+001E. "meta" is excluded (it holds the hash).
constexpr const char* kHashQueries[] = {
    "SELECT id, name, brand, sort FROM medicine ORDER BY id",
    "SELECT medicine, locale, url FROM medicine_link ORDER BY medicine, locale",
    "SELECT id, sort FROM section ORDER BY id",
    "SELECT medicine, locale, title, subtitle, warning, warning_source, warning_status, "
    "warning_reviewer, warning_reviewed_on, fallback_sections FROM brochure ORDER BY medicine, locale",
    "SELECT medicine, section, locale, title, body, source, status, reviewer, reviewed_on "
    "FROM section_text ORDER BY medicine, section, locale",
    "SELECT code, name, authority, website FROM member_state ORDER BY code",
    "SELECT code, locale, sort FROM member_state_locale ORDER BY code, sort",
    "SELECT code, locale, authority, website FROM member_state_authority ORDER BY code, locale",
    "SELECT medicine, id, sort, categories, brochure_section, brochure_heading, source "
    "FROM counselling_point ORDER BY medicine, id",
    "SELECT medicine, point, locale, title, body, status, reviewer, reviewed_on "
    "FROM counselling_text ORDER BY medicine, point, locale",
};
constexpr int kHashColumns[] = {4, 3, 2, 10, 9, 4, 3, 4, 7, 8};

std::string isoNow() {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(epoch));
  return formatUtcTime(t);
}

std::string joinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

void insertMedicine(Database& db, const Medicine& m) {
  Statement(db, "INSERT INTO medicine VALUES(?,?,?,?)")
      .bind(1, m.id)
      .bind(2, m.name)
      .bind(3, m.brand)
      .bind(4, std::int64_t{m.order})
      .run();
  Statement link(db, "INSERT INTO medicine_link VALUES(?,?,?)");
  for (const auto& [loc, url] : m.links) link.bind(1, m.id).bind(2, loc).bind(3, url).run();
  Statement bro(db, "INSERT INTO brochure VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  Statement sec(db, "INSERT INTO section_text VALUES(?,?,?,?,?,?,?,?,?)");
  for (const auto& b : m.brochures) {
    bro.bind(1, m.id)
        .bind(2, b.locale)
        .bind(3, b.title)
        .bind(4, b.subtitle)
        .bind(5, b.warning)
        .bind(6, b.warningSource)
        .bind(7, toString(b.warningReview.status))
        .bind(8, b.warningReview.reviewer)
        .bind(9, b.warningReview.reviewedOn)
        .bind(10, fs::path(b.path).filename().string())
        .bind(11, joinIds(b.fallbackSections))
        .run();
    for (const auto& s : b.sections) {
      sec.bind(1, m.id)
          .bind(2, s.id)
          .bind(3, b.locale)
          .bind(4, s.title)
          .bind(5, s.body)
          .bind(6, s.source)
          .bind(7, toString(s.review.status))
          .bind(8, s.review.reviewer)
          .bind(9, s.review.reviewedOn)
          .run();
    }
  }
}

void insertCounselling(Database& db, const Medicine& m) {
  if (m.counselling.empty()) return;
  Statement point(db, "INSERT INTO counselling_point VALUES(?,?,?,?,?,?,?)");
  const auto& english = m.counselling.front();
  for (size_t i = 0; i < english.points.size(); ++i) {
    const auto& p = english.points[i];
    point.bind(1, m.id)
        .bind(2, p.id)
        .bind(3, static_cast<std::int64_t>(i))
        .bind(4, joinIds(p.categories))
        .bind(5, p.brochureSection)
        .bind(6, std::int64_t{p.brochureHeading})
        .bind(7, p.source)
        .run();
  }
  Statement text(db, "INSERT INTO counselling_text VALUES(?,?,?,?,?,?,?,?)");
  for (const auto& set : m.counselling)
    for (const auto& p : set.points)
      text.bind(1, m.id)
          .bind(2, p.id)
          .bind(3, set.locale)
          .bind(4, p.title)
          .bind(5, p.body)
          .bind(6, toString(set.review.status))
          .bind(7, set.review.reviewer)
          .bind(8, set.review.reviewedOn)
          .run();
}

void insertLocalAuthorities(Database& db, const std::vector<LocalAuthority>& list) {
  Statement st(db, "INSERT INTO member_state_authority VALUES(?,?,?,?)");
  for (const auto& a : list) st.bind(1, a.code).bind(2, a.locale).bind(3, a.authority).bind(4, a.website).run();
}

void insertMemberStates(Database& db, const std::vector<MemberState>& states) {
  Statement st(db, "INSERT INTO member_state VALUES(?,?,?,?)");
  Statement loc(db, "INSERT INTO member_state_locale VALUES(?,?,?)");
  for (const auto& s : states) {
    st.bind(1, s.code).bind(2, s.name).bind(3, s.authority).bind(4, s.website).run();
    for (size_t i = 0; i < s.locales.size(); ++i)
      loc.bind(1, s.code).bind(2, s.locales[i]).bind(3, static_cast<std::int64_t>(i)).run();
  }
}

void fsyncPath(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string metaValue(Database& db, const char* key) {
  Statement st(db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : std::string();
}

}  // namespace

std::string computeContentHash(Database& db) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&](std::string_view s) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  for (size_t q = 0; q < std::size(kHashQueries); ++q) {
    Statement st(db, kHashQueries[q]);
    while (st.step()) {
      for (int c = 0; c < kHashColumns[q]; ++c) {
        feed(st.text(c));
        feed("\x1f");
      }
      feed("\x1e");
    }
    feed("\x1d");
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

ContentInfo buildContentDatabase(const ContentSource& src, long contentVersion, const fs::path& out) {
  if (sodium_init() < 0) throw DbError("libsodium failed to initialise");
  fs::path tmp = out;
  tmp += ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(tmp, ec);
  ContentInfo info;
  try {
    {
      Database db(tmp.string(), Database::Mode::ReadWriteCreate);
      db.exec("PRAGMA journal_mode=DELETE");
      Transaction tx(db);
      db.exec(kSchema);
      Statement sec(db, "INSERT INTO section VALUES(?,?)");
      for (size_t i = 0; i < kSectionIds.size(); ++i)
        sec.bind(1, kSectionIds[i]).bind(2, static_cast<std::int64_t>(i)).run();
      for (const auto& m : src.medicines) {
        insertMedicine(db, m);
        insertCounselling(db, m);
      }
      insertMemberStates(db, src.memberStates);
      insertLocalAuthorities(db, src.localAuthorities);
      info.schemaVersion = kContentSchemaVersion;
      info.contentVersion = contentVersion;
      info.buildTime = isoNow();
      info.hash = computeContentHash(db);
      Statement meta(db, "INSERT INTO meta VALUES(?,?)");
      meta.bind(1, "content_version").bind(2, std::to_string(contentVersion)).run();
      meta.bind(1, "build_time").bind(2, info.buildTime).run();
      meta.bind(1, "hash").bind(2, info.hash).run();
      db.exec("PRAGMA user_version=" + std::to_string(kContentSchemaVersion));
      tx.commit();
    }
    fsyncPath(tmp, false);
    fs::rename(tmp, out);
    fsyncPath(out.parent_path().empty() ? fs::path(".") : out.parent_path(), true);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  return info;
}

ContentDb::ContentDb(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw DbError("content database " + path.string() + " is missing");
  // immutable=1: the kiosk never writes it, and updates replace the file by rename.
  std::string uri = "file:" + path.string() + "?mode=ro&immutable=1";
  db_ = std::make_unique<Database>(uri, Database::Mode::ReadOnly);
  try {
    db_->exec("PRAGMA trusted_schema=OFF");
    int version = db_->userVersion();
    if (version != kContentSchemaVersion)
      throw DbError("content database " + path.string() + " has schema version " + std::to_string(version) +
                    ", expected " + std::to_string(kContentSchemaVersion));
    {
      Statement qc(*db_, "PRAGMA quick_check");
      std::string result = qc.step() ? qc.text(0) : "no answer";
      if (result != "ok") throw DbError("content database " + path.string() + " failed its integrity check: " + result);
    }
    info_.schemaVersion = version;
    info_.contentVersion = std::atol(metaValue(*db_, "content_version").c_str());
    info_.buildTime = metaValue(*db_, "build_time");
    info_.hash = metaValue(*db_, "hash");
    std::string actual = computeContentHash(*db_);
    if (actual != info_.hash) throw DbError("content database " + path.string() + " does not match its recorded hash");
  } catch (const DbError&) {
    throw;
  }
}

ContentDb::~ContentDb() = default;

std::vector<MedicineSummary> ContentDb::medicines() {
  std::vector<MedicineSummary> out;
  Statement st(*db_, "SELECT id, name, brand FROM medicine ORDER BY sort, id");
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

std::vector<std::string> ContentDb::brochureLocales(const std::string& medicine) {
  std::vector<std::string> out;
  Statement st(*db_, "SELECT locale FROM brochure WHERE medicine = ? ORDER BY locale");
  st.bind(1, medicine);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::optional<Brochure> ContentDb::brochure(const std::string& medicine, const std::string& locale) {
  Statement st(*db_,
               "SELECT title, subtitle, warning, warning_source, warning_status, warning_reviewer, "
               "warning_reviewed_on, source_file, fallback_sections FROM brochure WHERE medicine = ? AND locale = ?");
  st.bind(1, medicine).bind(2, locale);
  if (!st.step()) return std::nullopt;
  Brochure b;
  b.medicine = medicine;
  b.locale = locale;
  b.title = st.text(0);
  b.subtitle = st.text(1);
  b.warning = st.text(2);
  b.warningSource = st.text(3);
  parseReviewStatus(st.text(4), b.warningReview.status);
  b.warningReview.reviewer = st.text(5);
  b.warningReview.reviewedOn = st.text(6);
  b.path = st.text(7);
  std::stringstream ids(st.text(8));
  for (std::string id; std::getline(ids, id, ',');)
    if (!id.empty()) b.fallbackSections.push_back(id);
  Statement secs(*db_,
                 "SELECT t.section, t.title, t.body, t.source, t.status, t.reviewer, t.reviewed_on "
                 "FROM section_text t JOIN section s ON s.id = t.section "
                 "WHERE t.medicine = ? AND t.locale = ? ORDER BY s.sort");
  secs.bind(1, medicine).bind(2, locale);
  while (secs.step()) {
    Section s;
    s.id = secs.text(0);
    s.title = secs.text(1);
    s.body = secs.text(2);
    s.source = secs.text(3);
    parseReviewStatus(secs.text(4), s.review.status);
    s.review.reviewer = secs.text(5);
    s.review.reviewedOn = secs.text(6);
    b.sections.push_back(std::move(s));
  }
  return b;
}

std::vector<MemberState> ContentDb::memberStates() {
  std::vector<MemberState> out;
  Statement st(*db_, "SELECT code, name, authority, website FROM member_state ORDER BY code");
  Statement loc(*db_, "SELECT locale FROM member_state_locale WHERE code = ? ORDER BY sort");
  while (st.step()) {
    MemberState m{st.text(0), st.text(1), {}, st.text(2), st.text(3)};
    loc.bind(1, m.code);
    while (loc.step()) m.locales.push_back(loc.text(0));
    loc.reset();
    out.push_back(std::move(m));
  }
  return out;
}

std::string ContentDb::link(const std::string& medicine, const std::string& locale) {
  Statement st(*db_,
               "SELECT url FROM medicine_link WHERE medicine = ? AND locale IN (?, 'en') "
               "ORDER BY locale = 'en' LIMIT 1");
  st.bind(1, medicine).bind(2, locale);
  return st.step() ? st.text(0) : std::string();
}

std::optional<LocalAuthority> ContentDb::reportingAuthority(const std::string& country, const std::string& locale) {
  Statement local(*db_, "SELECT authority, website FROM member_state_authority WHERE code = ? AND locale = ?");
  local.bind(1, country).bind(2, locale);
  if (local.step()) return LocalAuthority{country, locale, local.text(0), local.text(1)};
  Statement st(*db_, "SELECT authority, website FROM member_state WHERE code = ?");
  st.bind(1, country);
  if (st.step()) return LocalAuthority{country, std::string(), st.text(0), st.text(1)};
  return std::nullopt;
}

std::vector<std::string> ContentDb::allTexts() {
  std::vector<std::string> out;
  Statement b(*db_, "SELECT title, subtitle, warning FROM brochure");
  while (b.step())
    for (int c = 0; c < 3; ++c) out.push_back(b.text(c));
  Statement s(*db_, "SELECT title, body FROM section_text");
  while (s.step())
    for (int c = 0; c < 2; ++c) out.push_back(s.text(c));
  Statement a(
      *db_,
      "SELECT authority, website FROM member_state UNION ALL SELECT authority, website FROM member_state_authority");
  while (a.step())
    for (int c = 0; c < 2; ++c) out.push_back(a.text(c));
  Statement m(*db_, "SELECT name, brand FROM medicine");
  while (m.step())
    for (int c = 0; c < 2; ++c) out.push_back(m.text(c));
  Statement ct(*db_, "SELECT title, body FROM counselling_text");
  while (ct.step())
    for (int c = 0; c < 2; ++c) out.push_back(ct.text(c));
  return out;
}

std::vector<std::string> ContentDb::counsellingLocales(const std::string& medicine) {
  Statement st(*db_, "SELECT DISTINCT locale FROM counselling_text WHERE medicine = ? ORDER BY locale <> 'en', locale");
  st.bind(1, medicine);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<CounsellingPoint> ContentDb::counsellingPoints(const std::string& medicine, const std::string& category,
                                                           const std::string& locale) {
  Statement st(*db_,
               "SELECT p.id, t.title, t.body, p.categories, p.brochure_section, p.brochure_heading, p.source, "
               "t.status, t.reviewer, t.reviewed_on FROM counselling_point p JOIN counselling_text t "
               "ON t.medicine = p.medicine AND t.point = p.id WHERE p.medicine = ? AND t.locale = ? ORDER BY p.sort");
  st.bind(1, medicine).bind(2, locale);
  std::vector<CounsellingPoint> out;
  while (st.step()) {
    CounsellingPoint p;
    p.id = st.text(0);
    p.title = st.text(1);
    p.body = st.text(2);
    std::stringstream ss(st.text(3));
    for (std::string c; std::getline(ss, c, ',');) p.categories.push_back(c);
    if (std::find(p.categories.begin(), p.categories.end(), category) == p.categories.end()) continue;
    p.brochureSection = st.text(4);
    p.brochureHeading = static_cast<int>(st.integer(5));
    p.source = st.text(6);
    parseReviewStatus(st.text(7), p.review.status);
    p.review.reviewer = st.text(8);
    p.review.reviewedOn = st.text(9);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace mk
