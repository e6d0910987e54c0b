#pragma once
// The compiled content database: built by medkiosk-content from the sources, opened
// read-only by the kiosk. Opening verifies schema version, integrity and content hash
// before anything is shown; the kiosk may instead check each medicine's own texts when
// they are first read (ContentCheck::OnFirstUse), so that start-up does not read every
// medicine's text (issue #16).
// Thread-safety: a ContentDb is used from one thread.
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/content/content_model.h"
#include "core/content/reviews.h"

namespace mk {

class Database;

// 3: review status derived from review records (the review table), 'outdated'.
// 4: counselling points name the brochure blocks they show (brochure_blocks); their
//    own text (counselling_text.body) is only what the nurse asks.
// 5: figures (figure, figure_item) and the package leaflet's site (medicine_link.kind).
inline constexpr int kContentSchemaVersion = 5;

struct ContentInfo {
  int schemaVersion = 0;
  long contentVersion = 0;
  std::string buildTime;  // ISO 8601 UTC
  std::string hash;       // SHA-256 of the canonical content, hex
};

// How much of a content database is checked when it is opened.
enum class ContentCheck {
  // All of it: SQLite's quick_check and the content hash over every table.
  Whole,
  // What every screen reads (medicines, brochure titles and warnings, figures, links,
  // member states, meta) against its own recorded hash; each medicine's section texts,
  // counselling points and reviews against theirs when that medicine is first read.
  // A database built before these hashes were recorded is checked whole.
  OnFirstUse,
};

struct MedicineSummary {
  std::string id;
  std::string name;
  std::string brand;
};

// Compiles sources into a new database at `out`, written beside it and renamed into
// place only when complete. Throws ContentError or DbError; nothing is left behind.
ContentInfo buildContentDatabase(const ContentSource& src, long contentVersion, const std::filesystem::path& out);

class ContentDb {
 public:
  // Throws DbError naming the reason (missing, not a database, wrong schema,
  // integrity failure, hash mismatch).
  explicit ContentDb(const std::filesystem::path& path, ContentCheck check = ContentCheck::Whole);
  ~ContentDb();
  ContentDb(const ContentDb&) = delete;
  ContentDb& operator=(const ContentDb&) = delete;

  const ContentInfo& info() const { return info_; }
  std::vector<MedicineSummary> medicines() const;
  std::vector<std::string> brochureLocales(const std::string& medicine) const;
  // The methods that read a medicine's own texts (brochure, counselling, reviews) throw
  // DbError when those texts fail their check (ContentCheck::OnFirstUse).
  std::optional<Brochure> brochure(const std::string& medicine, const std::string& locale) const;
  // The brochure's title, subtitle and warning, without its sections.
  std::optional<Brochure> brochureHead(const std::string& medicine, const std::string& locale) const;
  // Checks the medicine's own texts now, once (a no-op when opened with Whole, or when
  // done before). Throws DbError naming the medicine when they do not match.
  void checkMedicine(const std::string& medicine) const;
  // True when the medicine's texts are checked when first read, not at open.
  bool checksOnFirstUse() const { return onFirstUse_; }
  std::vector<MemberState> memberStates() const;
  // The public EMA page ("ema") or the package leaflet's site ("leaflet") in `locale`,
  // else in English; empty when the medicine has none.
  std::string link(const std::string& medicine, const std::string& locale, const std::string& kind = "ema") const;
  // The medicine's figures in medicine.ini order.
  std::vector<Figure> figures(const std::string& medicine) const;
  // The authority patients report side effects to, named in `locale` when the
  // member state has a name per language. Empty when the country is unknown.
  std::optional<LocalAuthority> reportingAuthority(const std::string& country, const std::string& locale) const;
  // Locales with counselling points for the medicine, English first.
  std::vector<std::string> counsellingLocales(const std::string& medicine) const;
  // The points for a patient group, in order, with their text in `locale` (exactly
  // that locale; empty when it has none).
  std::vector<CounsellingPoint> counsellingPoints(const std::string& medicine, const std::string& category,
                                                  const std::string& locale) const;
  // Every text a patient may see, for glyph coverage checks.
  std::vector<std::string> allTexts() const;
  // Every character of those texts once (recorded by the build): what the font atlas
  // needs, without reading every text of every medicine at start. Empty for a
  // database built before it was recorded.
  std::string characters() const;
  // Every reviewable text of the medicine with its review status and record, English
  // first, then by locale, each locale's in file order (reviews.h).
  std::vector<ReviewState> reviewStates(const std::string& medicine) const;

 private:
  std::unique_ptr<Database> db_;
  std::string path_;
  ContentInfo info_;
  bool onFirstUse_ = false;
  mutable std::set<std::string> checked_;  // medicines whose texts passed
  mutable bool wholeChecked_ = false;
};

// Every text a patient may see in an open database (ContentDb::allTexts).
std::vector<std::string> contentTexts(const Database& db);
// Recomputes the canonical content hash of an open database.
std::string computeContentHash(const Database& db);
// The hash of what every screen reads (ContentCheck::OnFirstUse), recorded in meta as
// "shared_hash", and of one medicine's own texts, recorded as "medicine_hash.<id>".
std::string computeSharedHash(const Database& db);
std::string computeMedicineHash(const Database& db, const std::string& medicine);
// What computeMedicineHash gives for a medicine with no texts at all.
std::string emptyMedicineHash();
inline constexpr const char* kMedicineHashPrefix = "medicine_hash.";

}  // namespace mk
