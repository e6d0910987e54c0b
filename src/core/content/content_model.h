#pragma once
// Plain data shared by the content source parser, the database and the UI.
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mk {

// Section ids are stable: the database, tests and the command line refer to them.
inline constexpr std::array<std::string_view, 8> kSectionIds = {"purpose",  "how_to_take",  "pregnancy",    "donation",
                                                                "symptoms", "side_effects", "how_it_works", "sources"};

// Reviewed: signed off by a healthcare professional (reviewer and date recorded).
// Pending: written from the sources, awaiting clinical review.
// Unreviewed: a translation not yet reviewed by a professional of that language.
enum class ReviewStatus { Reviewed, Pending, Unreviewed };

std::string_view toString(ReviewStatus status);
bool parseReviewStatus(std::string_view text, ReviewStatus& out);

struct Review {
  ReviewStatus status = ReviewStatus::Pending;
  std::string reviewer;
  std::string reviewedOn;  // ISO date, YYYY-MM-DD
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

// Patient groups of the pregnancy prevention programme; ids are stable (command
// line, database, records).
inline constexpr std::array<std::string_view, 3> kCategoryIds = {"woman_cbp", "woman_ncbp", "man"};
bool isCategoryId(std::string_view id);

// One counselling point a nurse confirms with the patient. Which groups it is for,
// where the brochure explains it and its sources come from the English file.
struct CounsellingPoint {
  std::string id;
  std::string title;
  std::string body;                     // plain text (NFC)
  std::vector<std::string> categories;  // category ids, in kCategoryIds order
  std::string brochureSection;          // a section id
  int brochureHeading = 0;              // 1-based '###' heading in that section; 0: the whole section
  std::string source;
  Review review;  // of the text in its locale (the file's status)
  int line = 0;
};

struct CounsellingSet {
  std::string locale;
  Review review;
  std::vector<CounsellingPoint> points;
  std::string path;
};

struct Medicine {
  std::string id;
  std::string name;
  std::string brand;
  int order = 0;
  std::map<std::string, std::string> links;  // locale -> public page
  std::vector<Brochure> brochures;
  std::vector<CounsellingSet> counselling;  // English first when present
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
