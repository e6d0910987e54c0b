#pragma once
// The compiled content database: built by medkiosk-content from the sources, opened
// read-only by the kiosk. Opening verifies schema version, integrity and content hash
// before anything is shown.
// Thread-safety: a ContentDb is used from one thread.
#include <filesystem>
#include <memory>
#include <optional>
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
  explicit ContentDb(const std::filesystem::path& path);
  ~ContentDb();
  ContentDb(const ContentDb&) = delete;
  ContentDb& operator=(const ContentDb&) = delete;

  const ContentInfo& info() const { return info_; }
  std::vector<MedicineSummary> medicines() const;
  std::vector<std::string> brochureLocales(const std::string& medicine) const;
  std::optional<Brochure> brochure(const std::string& medicine, const std::string& locale) const;
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
  ContentInfo info_;
};

// Every text a patient may see in an open database (ContentDb::allTexts).
std::vector<std::string> contentTexts(const Database& db);
// Recomputes the canonical content hash of an open database.
std::string computeContentHash(const Database& db);

}  // namespace mk
