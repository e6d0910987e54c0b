#pragma once
// Brochures loaded from the content database for display, with each section's
// Markdown parsed as it is read; only the brochure on screen stays loaded (keepOnly).
// Locale fallback follows the explicit chain (de_AT -> de -> en).
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/content/content_db.h"
#include "core/content/markdown.h"
#include "core/system/config.h"

namespace mk {

struct LoadedBrochure {
  Brochure brochure;
  std::map<std::string, std::vector<Block>> blocks;  // section id -> blocks
};

// The section a patient is shown, which may come from another language of the
// fallback chain when the translation leaves it out or, with [content] show =
// reviewed, when it is not reviewed (or outdated).
struct ShownSection {
  const Section* section = nullptr;
  const std::vector<Block>* blocks = nullptr;
  std::string locale;     // the content locale the text is in
  bool fellBack = false;  // not in the brochure's own language: show a note
};

// A figure (content_model.h) with its captions in the language its section is shown
// in: each item's block, its bold lead where it has one, and for titled cards the
// heading of the block's part.
struct ShownFigureItem {
  FigureItem item;
  std::string title;    // empty unless the figure is titled
  std::string caption;  // the block's bold lead, or its whole text
};
struct ShownFigure {
  std::string id;
  FigureKind kind = FigureKind::Cards;
  std::vector<ShownFigureItem> items;
};
// The medicine's figures for a section as shown; an item whose block the shown
// text lacks (refused at build, so only a damaged database) is left out and logged.
std::vector<ShownFigure> showFigures(const std::vector<Figure>& figures, const ShownSection& shown);

class ContentView {
 public:
  // db may be null: content unavailable. `show` is the [content] show setting: with
  // Reviewed, sections, the banner and counselling points not reviewed give way to the
  // next language of the chain (finally English); with ReviewedLocales, locales() and
  // counsellingLocales() leave out every language not fully reviewed.
  explicit ContentView(ContentDb* db, ContentShow show = ContentShow::All);
  // False without a database, and once a medicine's texts failed their check when
  // first read (ContentCheck::OnFirstUse): nothing more is shown from that database.
  bool available() const { return db_ != nullptr && damage_.empty(); }
  // Why the database stopped being shown ("" while it is fine); logged when found.
  const std::string& damage() const { return damage_; }
  // The brochure's title for a patient locale (with [content] show = reviewed, from
  // the first language of the chain whose banner is reviewed); "" when none. Reads no
  // section text.
  std::string title(const std::string& medicine, const std::string& locale);
  // The brochure shown for a patient locale, or null.
  const LoadedBrochure* brochure(const std::string& medicine, const std::string& locale);
  // The content locale a patient locale resolves to ("de_AT" -> "de"), or "".
  std::string resolveLocale(const std::string& medicine, const std::string& locale);
  std::optional<ShownSection> section(const std::string& medicine, const std::string& locale, const std::string& id);
  std::vector<MedicineSummary> medicines() const { return medicines_; }
  std::vector<std::string> locales(const std::string& medicine);
  std::vector<std::string> allTexts();
  std::string characters();  // ContentDb::characters
  // Cached per argument pair: the UI asks for them on every frame.
  std::optional<LocalAuthority> reportingAuthority(const std::string& country, const std::string& locale);
  std::string link(const std::string& medicine, const std::string& locale);
  // The package leaflet's official site in the locale, else in English; may be empty.
  std::string leafletLink(const std::string& medicine, const std::string& locale);
  // The figures drawn above a shown section's text, cached.
  const std::vector<ShownFigure>& figures(const std::string& medicine, const ShownSection& shown);
  // Forgets the brochures and figures read for any other medicine, or for a language
  // outside `locale`'s fallback chain: a kiosk that has shown every language of every
  // medicine keeps only what is on screen (about 60 KB a brochure), and reads the rest
  // again when a patient chooses it. Between frames only: section(), brochure() and
  // figures() hand out references into what this drops.
  void keepOnly(const std::string& medicine, const std::string& locale);
  // Brochures held in memory, each one medicine in one language.
  std::size_t brochuresHeld() const { return cache_.size(); }
  ContentDb* db() const { return db_; }
  // The content is past its signed expiry, within the grace period: the patient
  // screens say it may be out of date and to ask staff (issue #14 item 3).
  void setOutOfDate(bool outOfDate) { outOfDate_ = outOfDate; }
  bool outOfDate() const { return outOfDate_; }

  // Counselling points for a group in the first locale of `locale`'s chain that has
  // them (the returned locale), cached; empty when there are none.
  struct Counselling {
    std::string locale;
    std::vector<CounsellingPoint> points;
  };
  const Counselling& counselling(const std::string& medicine, const std::string& category, const std::string& locale);
  std::vector<std::string> counsellingLocales(const std::string& medicine);

 private:
  const LoadedBrochure* exact(const std::string& medicine, const std::string& locale);
  // [content] show = reviewed-locales: the content locales whose every text is reviewed
  // (and English, the last fallback, in any case); each refusal is logged.
  std::vector<std::string> reviewedLocales(const std::string& medicine, const std::vector<std::string>& all);
  std::string notReviewed(const std::string& medicine, const std::string& locale,
                          const std::vector<ReviewState>& states);
  void useReviewedBanner(const std::string& medicine, Brochure& b);
  // ContentDb::checkMedicine; false, with damage_ set and logged, when it fails.
  bool medicineIntact(const std::string& medicine);
  void noteDamage(const std::exception& e);

  ContentDb* db_;
  ContentShow show_;
  bool outOfDate_ = false;
  std::string damage_;
  std::vector<MedicineSummary> medicines_;
  std::map<std::string, std::vector<std::string>> locales_;
  std::map<std::string, std::unique_ptr<LoadedBrochure>> cache_;
  std::map<std::string, std::string> titles_;  // medicine/locale: the Attract screen asks every frame
  std::map<std::string, std::optional<LocalAuthority>> authorities_;
  std::map<std::string, std::string> links_;
  std::map<std::string, std::vector<Figure>> medicineFigures_;
  std::map<std::string, std::vector<ShownFigure>> figures_;
  std::map<std::string, Counselling> counselling_;
  std::map<std::string, std::vector<std::string>> counsellingLocales_;
};

}  // namespace mk
