#pragma once
// Clinical reviews: the records in content/<medicine>/reviews/<locale>.tsv, the text
// each one covers, and the review status every text gets from them at build.
//
// "The text" a review covers is the text as compiled: NFC, LF line ends, the blank
// lines around it dropped, exactly what the database holds and the kiosk shows:
//   warning           the brochure's title, subtitle and warning, each ended by '\n';
//   section/<id>      the section's title and '\n', then its Markdown body as compiled;
//   point/<id>        the counselling point's title and '\n', then its text and '\n'.
// The record holds that text's SHA-256 (and, for a translation, the English text's).
// Any change to the text, one letter or one re-wrapped line, ends the review; a
// change to the English text makes a reviewed translation outdated.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/content/content_model.h"

namespace mk {

// Who may review: these roles; a translation's reviewer is also a native speaker of
// its language ("native-speaking physician").
inline constexpr std::string_view kReviewRoles[] = {"pharmacist", "physician", "nurse"};
inline constexpr std::string_view kNativeSpeaking = "native-speaking ";

// True for a role allowed in a file of `locale` (English: a bare role; a translation:
// "native-speaking " and a role).
bool isReviewRole(std::string_view role, const std::string& locale);

// SHA-256 of `text` as 64 lower-case hex digits (libsodium).
std::string sha256Hex(std::string_view text);

// One reviewable text of a medicine in one locale.
struct ReviewItem {
  std::string item;     // "warning", "section/<id>" or "point/<id>"
  std::string title;    // its heading in the locale (the brochure title for the warning)
  std::string text;     // the text a review covers (see above)
  std::string english;  // the English text it translates; empty in English
};

// The medicine's reviewable texts in `locale`, in file order: the warning and the
// sections of its brochure, then its counselling points. Empty when it has none.
std::vector<ReviewItem> reviewItems(const Medicine& med, const std::string& locale);

// A text's review status now, with the locale's record for it (kept even when it no
// longer covers the text, so a report can say whose review lapsed).
struct ReviewState {
  std::string medicine;
  std::string locale;
  std::string item;
  ReviewStatus status = ReviewStatus::Unreviewed;
  std::string textSha256;     // of the text now
  std::string englishSha256;  // of the English text now; empty in English
  std::optional<ReviewRecord> record;
};

// Every text of the medicine in every locale (English first, then by locale id).
std::vector<ReviewState> reviewStates(const Medicine& med);

// Parses and validates a review file; every error names the file and line.
ReviewFile parseReviewFile(const std::string& path, const std::string& locale, std::string_view text);

// The file's text: a header saying what it is, then one line per record in the
// medicine's order (warning, sections, points), so that signing changes one line.
std::string formatReviewFile(const Medicine& med, const ReviewFile& file);

// `file` with `record` added for its item, replacing an earlier record of the same
// item. The hashes are computed here from the medicine's texts. Throws
// std::invalid_argument when the locale has no such text, or the reviewer, role or
// date is not valid.
ReviewFile withReview(const Medicine& med, const std::string& locale, ReviewRecord record);

// Sets every brochure section's, warning's and counselling point's Review from
// reviewStates(med).
void applyReviewStatus(Medicine& med);

}  // namespace mk
