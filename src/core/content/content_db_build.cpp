// Compiling the content sources into the database, and the content hash that
// covers what a patient can read and the reviews of it.
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
#include "core/base/unicode_text.h"
#include "core/base/utc_time.h"
#include "core/content/content_source.h"
#include "core/content/counselling_anchor.h"
#include "core/content/reviews.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE medicine(id TEXT PRIMARY KEY, name TEXT NOT NULL, brand TEXT NOT NULL, sort INTEGER NOT NULL);
-- kind: 'ema' (the public EMA page) or 'leaflet' (the package leaflet's official site).
CREATE TABLE medicine_link(medicine TEXT NOT NULL REFERENCES medicine(id), kind TEXT NOT NULL
  CHECK(kind IN ('ema','leaflet')), locale TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY(medicine, kind, locale));
-- Figures (content_model.h): each item's caption is block `block` of part `heading`
-- of the section, in the language the section is shown in.
CREATE TABLE figure(medicine TEXT NOT NULL REFERENCES medicine(id), id TEXT NOT NULL, sort INTEGER NOT NULL,
  section TEXT NOT NULL REFERENCES section(id), kind TEXT NOT NULL CHECK(kind IN ('dose-calendar','capsules','cards')),
  titles INTEGER NOT NULL, whole_captions INTEGER NOT NULL, source TEXT NOT NULL, PRIMARY KEY(medicine, id));
CREATE TABLE figure_item(medicine TEXT NOT NULL, figure TEXT NOT NULL, sort INTEGER NOT NULL,
  heading INTEGER NOT NULL, block INTEGER NOT NULL, block_last INTEGER NOT NULL, pictures TEXT NOT NULL, cycle_days INTEGER NOT NULL,
  take_first INTEGER NOT NULL, take_last INTEGER NOT NULL, strength_mg INTEGER NOT NULL,
  PRIMARY KEY(medicine, figure, sort), FOREIGN KEY(medicine, figure) REFERENCES figure(medicine, id));
CREATE TABLE section(id TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE brochure(medicine TEXT NOT NULL REFERENCES medicine(id), locale TEXT NOT NULL,
  title TEXT NOT NULL, subtitle TEXT NOT NULL, warning TEXT NOT NULL, warning_source TEXT NOT NULL,
  warning_status TEXT NOT NULL, warning_reviewer TEXT NOT NULL, warning_reviewed_on TEXT NOT NULL,
  source_file TEXT NOT NULL, fallback_sections TEXT NOT NULL, PRIMARY KEY(medicine, locale));
CREATE TABLE section_text(medicine TEXT NOT NULL, section TEXT NOT NULL REFERENCES section(id),
  locale TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, source TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('reviewed','outdated','pending','unreviewed')),
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
  brochure_heading INTEGER NOT NULL, source TEXT NOT NULL, brochure_blocks TEXT NOT NULL, PRIMARY KEY(medicine, id));
CREATE TABLE counselling_text(medicine TEXT NOT NULL, point TEXT NOT NULL, locale TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('reviewed','outdated','pending','unreviewed')),
  reviewer TEXT NOT NULL, reviewed_on TEXT NOT NULL, PRIMARY KEY(medicine, point, locale),
  FOREIGN KEY(medicine, point) REFERENCES counselling_point(medicine, id));
-- Every reviewable text (reviews.h) with its status and the review record for it, if
-- any: the hashes of the texts now and the hashes the reviewer signed.
CREATE TABLE review(medicine TEXT NOT NULL REFERENCES medicine(id), locale TEXT NOT NULL, item TEXT NOT NULL,
  sort INTEGER NOT NULL, status TEXT NOT NULL CHECK(status IN ('reviewed','outdated','pending','unreviewed')),
  reviewer TEXT NOT NULL, role TEXT NOT NULL, reviewed_on TEXT NOT NULL,
  text_sha256 TEXT NOT NULL, english_sha256 TEXT NOT NULL,
  reviewed_text_sha256 TEXT NOT NULL, reviewed_english_sha256 TEXT NOT NULL,
  PRIMARY KEY(medicine, locale, item));
)sql";

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

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void insertFigures(Database& db, const Medicine& m) {
  Statement fig(db, "INSERT INTO figure VALUES(?,?,?,?,?,?,?,?)");
  Statement item(db, "INSERT INTO figure_item VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < m.figures.size(); ++i) {
    const Figure& f = m.figures[i];
    fig.bind(1, m.id)
        .bind(2, f.id)
        .bind(3, static_cast<std::int64_t>(i))
        .bind(4, f.section)
        .bind(5, std::string(toString(f.kind)))
        .bind(6, std::int64_t{f.titles ? 1 : 0})
        .bind(7, std::int64_t{f.wholeCaptions ? 1 : 0})
        .bind(8, f.source)
        .run();
    for (size_t k = 0; k < f.items.size(); ++k) {
      const FigureItem& it = f.items[k];
      item.bind(1, m.id)
          .bind(2, f.id)
          .bind(3, static_cast<std::int64_t>(k))
          .bind(4, std::int64_t{it.heading})
          .bind(5, std::int64_t{it.block})
          .bind(6, std::int64_t{it.blockLast})
          .bind(7, joinWords(it.pictures))
          .bind(8, std::int64_t{it.cycleDays})
          .bind(9, std::int64_t{it.takeFirst})
          .bind(10, std::int64_t{it.takeLast})
          .bind(11, std::int64_t{it.strengthMg})
          .run();
    }
  }
}

void insertMedicine(Database& db, const Medicine& m) {
  Statement(db, "INSERT INTO medicine VALUES(?,?,?,?)")
      .bind(1, m.id)
      .bind(2, m.name)
      .bind(3, m.brand)
      .bind(4, std::int64_t{m.order})
      .run();
  Statement link(db, "INSERT INTO medicine_link VALUES(?,?,?,?)");
  for (const auto& [loc, url] : m.links) link.bind(1, m.id).bind(2, "ema").bind(3, loc).bind(4, url).run();
  for (const auto& [loc, url] : m.leaflets) link.bind(1, m.id).bind(2, "leaflet").bind(3, loc).bind(4, url).run();
  insertFigures(db, m);
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
  Statement point(db, "INSERT INTO counselling_point VALUES(?,?,?,?,?,?,?,?)");
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
        .bind(8, formatBlockRanges(p.brochureBlocks))
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
          .bind(6, toString(p.review.status))
          .bind(7, p.review.reviewer)
          .bind(8, p.review.reviewedOn)
          .run();
}

void insertReviews(Database& db, const Medicine& m) {
  Statement st(db, "INSERT INTO review VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  std::int64_t sort = 0;
  for (const auto& r : reviewStates(m)) {
    ReviewRecord none;
    const ReviewRecord& rec = r.record ? *r.record : none;
    st.bind(1, m.id)
        .bind(2, r.locale)
        .bind(3, r.item)
        .bind(4, sort++)
        .bind(5, toString(r.status))
        .bind(6, rec.reviewer)
        .bind(7, rec.role)
        .bind(8, rec.date)
        .bind(9, r.textSha256)
        .bind(10, r.englishSha256)
        .bind(11, rec.textSha256)
        .bind(12, rec.englishSha256)
        .run();
  }
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

}  // namespace

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
      for (const auto& source : src.medicines) {
        // Every status is derived from the review records here, whatever the model
        // says, so the texts' status and the review table always agree.
        Medicine m = source;
        applyReviewStatus(m);
        insertMedicine(db, m);
        insertCounselling(db, m);
        insertReviews(db, m);
      }
      insertMemberStates(db, src.memberStates);
      insertLocalAuthorities(db, src.localAuthorities);
      info.schemaVersion = kContentSchemaVersion;
      info.contentVersion = contentVersion;
      info.buildTime = isoNow();
      Statement meta(db, "INSERT INTO meta VALUES(?,?)");
      meta.bind(1, "content_version").bind(2, std::to_string(contentVersion)).run();
      meta.bind(1, "build_time").bind(2, info.buildTime).run();
      // The characters for the kiosk's font atlas, so that it need not read every
      // text at start (issue #16); covered by the content hash like the rest.
      meta.bind(1, "characters").bind(2, unicode::distinctCharacters(contentTexts(db))).run();
      // For ContentCheck::OnFirstUse: each medicine's own texts, then what every
      // screen reads (which covers these); the content hash covers both.
      for (const auto& m : src.medicines)
        meta.bind(1, kMedicineHashPrefix + m.id).bind(2, computeMedicineHash(db, m.id)).run();
      meta.bind(1, "shared_hash").bind(2, computeSharedHash(db)).run();
      info.hash = computeContentHash(db);
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

}  // namespace mk
