#pragma once
// Plain data shared by the content source parser, the database and the UI.
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/patient_groups.h"

namespace mk {

// Section ids are stable: the database, tests and the command line refer to them.
inline constexpr std::array<std::string_view, 8> kSectionIds = {"purpose",  "how_to_take",  "pregnancy",    "donation",
                                                                "symptoms", "side_effects", "how_it_works", "sources"};

// A text's review status, derived at build from the review records (reviews.h), never
// written by hand:
// Reviewed: a healthcare professional signed off exactly this text (and, for a
//   translation, against exactly the English text it has now).
// Outdated: a reviewed translation whose English text changed after the review.
// Pending: English text without a review of its current words.
// Unreviewed: a translation without a review of its current words.
enum class ReviewStatus { Reviewed, Outdated, Pending, Unreviewed };

std::string_view toString(ReviewStatus status);
bool parseReviewStatus(std::string_view text, ReviewStatus& out);

struct Review {
  ReviewStatus status = ReviewStatus::Pending;
  std::string reviewer;    // Reviewed and Outdated only
  std::string reviewedOn;  // ISO date, YYYY-MM-DD
};

// One line of content/<medicine>/reviews/<locale>.tsv: who reviewed which text when,
// and the SHA-256 of the exact text reviewed and, for a translation, of the English
// text it was checked against.
struct ReviewRecord {
  std::string item;  // "warning", "section/<section id>" or "point/<point id>"
  std::string reviewer;
  std::string role;  // pharmacist, physician or nurse; "native-speaking <role>" for a translation
  std::string date;  // YYYY-MM-DD
  std::string textSha256;
  std::string englishSha256;  // empty for English
  int line = 0;
};

struct ReviewFile {
  std::string locale;
  std::string path;
  std::vector<ReviewRecord> records;
};

struct Section {
  std::string id;
  std::string title;
  std::string body;    // Markdown (NFC)
  std::string source;  // where the facts come from
  Review review;
  int line = 0;  // line of the heading in the source file
};

struct Brochure {
  std::string medicine;
  std::string locale;
  std::string title;
  std::string subtitle;
  std::string warning;  // birth-defect banner, always on screen
  std::string warningSource;
  Review warningReview;
  std::vector<Section> sections;
  // Sections this translation explicitly leaves to the fallback chain (de -> en).
  std::vector<std::string> fallbackSections;
  std::string path;  // source file, for messages

  const Section* section(std::string_view id) const;
};

// One counselling point a nurse confirms with the patient. Which groups it is for,
// where the brochure explains it and its sources come from the English file.
// Blocks first..last (1-based, inclusive) of one brochure part: its paragraphs, list
// items and quoted paragraphs, counted after the part's heading.
struct BlockRange {
  int first = 0;
  int last = 0;
  bool operator==(const BlockRange&) const = default;
};

// The rule a point is about is shown in the brochure's own words: the blocks that
// brochureSection/brochureHeading/brochureBlocks name, in every language
// (counselling_anchor.h). The point itself has only its title and, optionally, what
// the nurse asks the patient.
struct CounsellingPoint {
  std::string id;
  std::string title;
  std::string body;                        // what the nurse asks ('ask:'), plain text (NFC); may be empty
  std::vector<std::string> categories;     // category ids, in kCategoryIds order
  std::string brochureSection;             // a section id
  int brochureHeading = 0;                 // 1-based '###' heading in that section; 0: the whole section
  std::vector<BlockRange> brochureBlocks;  // of that part (0: before the first heading); empty: all of it
  std::string source;
  Review review;  // of the point's text in its locale
  int line = 0;
  int brochureLine = 0, askLine = 0;  // of 'brochure:' and 'ask:' in the source file, for messages
};

struct CounsellingSet {
  std::string locale;
  std::vector<CounsellingPoint> points;
  std::string path;
};

// A picture drawn above a section's text (issue #15): dose calendars, the capsules as
// they look, or cards of pictograms. A figure has no words of its own: each item's
// caption is a brochure block picked like a counselling point's (`how_to_take#2
// block 2`), shown in the language the section is shown in, and every number the
// item draws is checked at build to be in that block in every language
// (figure_source.cpp). Declared in medicine.ini as [figure.<id>].
enum class FigureKind { DoseCalendar, Capsules, Cards };
std::string_view toString(FigureKind kind);
bool parseFigureKind(std::string_view text, FigureKind& out);

struct FigureItem {
  int heading = 0;                    // the caption's block: '###' part (0: before the first)
  int block = 0;                      // and its 1-based block in that part,
  int blockLast = 0;                  // to this one (a rule in two sentences; 0: one block)
  std::vector<std::string> pictures;  // pictogram names (assets/pictograms)
  int cycleDays = 0;                  // DoseCalendar: days in a cycle
  int takeFirst = 0, takeLast = 0;    // DoseCalendar: the days capsules are taken
  int strengthMg = 0;                 // Capsules: the strength drawn
};

struct Figure {
  std::string id;
  FigureKind kind = FigureKind::Cards;
  std::string section;         // a section id
  bool titles = false;         // Cards: each card is titled with its part's heading
  bool wholeCaptions = false;  // each caption is its whole block, not its bold lead
  std::string source;
  std::vector<FigureItem> items;
  int line = 0;  // of its [figure.<id>] in medicine.ini, for messages
};

struct Medicine {
  std::string id;
  std::string name;
  std::string brand;
  int order = 0;
  std::map<std::string, std::string> links;  // locale -> public page
  // locale -> the official site of the package leaflet ([leaflet]), for the take-home
  // QR code beside the public page's; may be empty.
  std::map<std::string, std::string> leaflets;
  std::vector<Figure> figures;  // in medicine.ini order
  std::vector<Brochure> brochures;
  std::vector<CounsellingSet> counselling;  // English first when present
  std::vector<ReviewFile> reviews;          // content/<medicine>/reviews/<locale>.tsv
};

struct MemberState {
  std::string code;  // ISO 3166-1
  std::string name;
  std::vector<std::string> locales;  // first is the default
  std::string authority;
  std::string website;
};

// A member state's authority name in one of its languages (Belgium has three).
struct LocalAuthority {
  std::string code;
  std::string locale;
  std::string authority;
  std::string website;
};

struct ContentSource {
  std::vector<Medicine> medicines;
  std::vector<MemberState> memberStates;
  std::vector<LocalAuthority> localAuthorities;
};

}  // namespace mk
