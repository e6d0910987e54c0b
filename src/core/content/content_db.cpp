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
#include "core/content/counselling_anchor.h"
#include "core/content/untrusted_db.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

std::string metaValue(Database& db, const char* key) {
  Statement st(db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : std::string();
}

}  // namespace

ContentDb::ContentDb(const fs::path& path, ContentCheck check) : path_(path.string()) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw DbError("content database " + path_ + " is missing");
  // immutable=1: the kiosk never writes it, and updates replace the file by rename.
  std::string uri = "file:" + path_ + "?mode=ro&immutable=1";
  db_ = std::make_unique<Database>(uri, Database::Mode::ReadOnly);
  db_->exec("PRAGMA trusted_schema=OFF");
  // The file is immutable and read through the system's page cache: SQLite's own
  // cache of it need not hold more than the pages of a query or two (issue #16).
  db_->exec("PRAGMA cache_size=-256");
  // Untrusted bytes (issue #14, item 10): limits, no views or triggers, and a deadline
  // on the checks below, so a crafted file cannot hang the kiosk or the updater.
  limitUntrusted(*db_);
  QueryDeadline deadline(*db_, kUntrustedOpenDeadline);
  refuseViewsAndTriggers(*db_, "content database " + path_);
  int version = db_->userVersion();
  if (version != kContentSchemaVersion)
    throw DbError("content database " + path_ + " has schema version " + std::to_string(version) + ", expected " +
                  std::to_string(kContentSchemaVersion));
  std::string shared = check == ContentCheck::OnFirstUse ? metaValue(*db_, "shared_hash") : std::string();
  if (shared.empty()) {
    Statement qc(*db_, "PRAGMA quick_check");
    std::string result = qc.step() ? qc.text(0) : "no answer";
    if (result != "ok") throw DbError("content database " + path_ + " failed its integrity check: " + result);
  }
  info_.schemaVersion = version;
  info_.contentVersion = std::atol(metaValue(*db_, "content_version").c_str());
  info_.buildTime = metaValue(*db_, "build_time");
  info_.hash = metaValue(*db_, "hash");
  // A damaged page under what is read here fails the query (DbError) or the hash.
  std::string actual = shared.empty() ? computeContentHash(*db_) : computeSharedHash(*db_);
  if (actual != (shared.empty() ? info_.hash : shared))
    throw DbError("content database " + path_ + " does not match its recorded hash");
  onFirstUse_ = !shared.empty();
  wholeChecked_ = !onFirstUse_;
}

void ContentDb::checkMedicine(const std::string& medicine) const {
  if (!onFirstUse_ || checked_.count(medicine)) return;
  QueryDeadline deadline(*db_, kUntrustedOpenDeadline);
  std::string recorded = metaValue(*db_, (kMedicineHashPrefix + medicine).c_str());
  std::string actual = computeMedicineHash(*db_, medicine);
  // A medicine with no recorded hash may only have no texts at all.
  if (actual != (recorded.empty() ? emptyMedicineHash() : recorded))
    throw DbError("content database " + path_ + ": the texts of medicine '" + medicine +
                  "' do not match their recorded hash");
  checked_.insert(medicine);
}

ContentDb::~ContentDb() = default;

std::vector<MedicineSummary> ContentDb::medicines() const {
  std::vector<MedicineSummary> out;
  Statement st(*db_, "SELECT id, name, brand FROM medicine ORDER BY sort, id");
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

std::vector<std::string> ContentDb::brochureLocales(const std::string& medicine) const {
  std::vector<std::string> out;
  Statement st(*db_, "SELECT locale FROM brochure WHERE medicine = ? ORDER BY locale");
  st.bind(1, medicine);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::optional<Brochure> ContentDb::brochureHead(const std::string& medicine, const std::string& locale) const {
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
  return b;
}

std::optional<Brochure> ContentDb::brochure(const std::string& medicine, const std::string& locale) const {
  checkMedicine(medicine);
  std::optional<Brochure> b = brochureHead(medicine, locale);
  if (!b) return b;
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
    b->sections.push_back(std::move(s));
  }
  return b;
}

std::vector<MemberState> ContentDb::memberStates() const {
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

std::string ContentDb::link(const std::string& medicine, const std::string& locale, const std::string& kind) const {
  Statement st(*db_,
               "SELECT url FROM medicine_link WHERE medicine = ? AND kind = ? AND locale IN (?, 'en') "
               "ORDER BY locale = 'en' LIMIT 1");
  st.bind(1, medicine).bind(2, kind).bind(3, locale);
  return st.step() ? st.text(0) : std::string();
}

std::vector<Figure> ContentDb::figures(const std::string& medicine) const {
  std::vector<Figure> out;
  Statement fig(
      *db_, "SELECT id, section, kind, titles, whole_captions, source FROM figure WHERE medicine = ? ORDER BY sort");
  Statement item(
      *db_,
      "SELECT heading, block, block_last, pictures, cycle_days, take_first, take_last, strength_mg FROM figure_item "
      "WHERE medicine = ? AND figure = ? ORDER BY sort");
  fig.bind(1, medicine);
  while (fig.step()) {
    Figure f;
    f.id = fig.text(0);
    f.section = fig.text(1);
    if (!parseFigureKind(fig.text(2), f.kind)) throw DbError("figure " + f.id + " has an unknown kind");
    f.titles = fig.integer(3) != 0;
    f.wholeCaptions = fig.integer(4) != 0;
    f.source = fig.text(5);
    item.bind(1, medicine).bind(2, f.id);
    while (item.step()) {
      FigureItem it;
      it.heading = static_cast<int>(item.integer(0));
      it.block = static_cast<int>(item.integer(1));
      it.blockLast = static_cast<int>(item.integer(2));
      std::istringstream words(item.text(3));
      for (std::string w; words >> w;) it.pictures.push_back(w);
      it.cycleDays = static_cast<int>(item.integer(4));
      it.takeFirst = static_cast<int>(item.integer(5));
      it.takeLast = static_cast<int>(item.integer(6));
      it.strengthMg = static_cast<int>(item.integer(7));
      f.items.push_back(std::move(it));
    }
    item.reset();
    out.push_back(std::move(f));
  }
  return out;
}

std::optional<LocalAuthority> ContentDb::reportingAuthority(const std::string& country,
                                                            const std::string& locale) const {
  Statement local(*db_, "SELECT authority, website FROM member_state_authority WHERE code = ? AND locale = ?");
  local.bind(1, country).bind(2, locale);
  if (local.step()) return LocalAuthority{country, locale, local.text(0), local.text(1)};
  Statement st(*db_, "SELECT authority, website FROM member_state WHERE code = ?");
  st.bind(1, country);
  if (st.step()) return LocalAuthority{country, std::string(), st.text(0), st.text(1)};
  return std::nullopt;
}

std::vector<std::string> contentTexts(const Database& db) {
  std::vector<std::string> out;
  Statement b(db, "SELECT title, subtitle, warning FROM brochure");
  while (b.step())
    for (int c = 0; c < 3; ++c) out.push_back(b.text(c));
  Statement s(db, "SELECT title, body FROM section_text");
  while (s.step())
    for (int c = 0; c < 2; ++c) out.push_back(s.text(c));
  Statement a(
      db,
      "SELECT authority, website FROM member_state UNION ALL SELECT authority, website FROM member_state_authority");
  while (a.step())
    for (int c = 0; c < 2; ++c) out.push_back(a.text(c));
  Statement m(db, "SELECT name, brand FROM medicine");
  while (m.step())
    for (int c = 0; c < 2; ++c) out.push_back(m.text(c));
  Statement ct(db, "SELECT title, body FROM counselling_text");
  while (ct.step())
    for (int c = 0; c < 2; ++c) out.push_back(ct.text(c));
  return out;
}

std::vector<std::string> ContentDb::allTexts() const {
  // Every medicine's texts at once: checked whole, as at a Whole open (less the
  // quick_check, whose damage would fail these queries).
  if (!wholeChecked_) {
    QueryDeadline deadline(*db_, kUntrustedOpenDeadline);
    if (computeContentHash(*db_) != info_.hash)
      throw DbError("content database " + path_ + " does not match its recorded hash");
    wholeChecked_ = true;
  }
  return contentTexts(*db_);
}

std::string ContentDb::characters() const { return metaValue(*db_, "characters"); }

std::vector<std::string> ContentDb::counsellingLocales(const std::string& medicine) const {
  checkMedicine(medicine);
  Statement st(*db_, "SELECT DISTINCT locale FROM counselling_text WHERE medicine = ? ORDER BY locale <> 'en', locale");
  st.bind(1, medicine);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<CounsellingPoint> ContentDb::counsellingPoints(const std::string& medicine, const std::string& category,
                                                           const std::string& locale) const {
  checkMedicine(medicine);
  Statement st(
      *db_,
      "SELECT p.id, t.title, t.body, p.categories, p.brochure_section, p.brochure_heading, p.source, "
      "t.status, t.reviewer, t.reviewed_on, p.brochure_blocks FROM counselling_point p JOIN counselling_text t "
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
    // Written by the build from a checked selector; "" selects the whole part.
    if (!st.text(10).empty() && !parseBlockRanges(st.text(10), p.brochureBlocks))
      throw DbError("counselling point '" + p.id + "' has a malformed block selector '" + st.text(10) + "'");
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ReviewState> ContentDb::reviewStates(const std::string& medicine) const {
  checkMedicine(medicine);
  Statement st(*db_,
               "SELECT locale, item, status, reviewer, role, reviewed_on, text_sha256, english_sha256, "
               "reviewed_text_sha256, reviewed_english_sha256 FROM review WHERE medicine = ? ORDER BY sort");
  st.bind(1, medicine);
  std::vector<ReviewState> out;
  while (st.step()) {
    ReviewState r;
    r.medicine = medicine;
    r.locale = st.text(0);
    r.item = st.text(1);
    parseReviewStatus(st.text(2), r.status);
    r.textSha256 = st.text(6);
    r.englishSha256 = st.text(7);
    if (!st.text(8).empty())
      r.record = ReviewRecord{r.item, st.text(3), st.text(4), st.text(5), st.text(8), st.text(9), 0};
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mk
