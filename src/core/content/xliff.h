#pragma once
// The translators' exchange: XLIFF 1.2, the format translation agencies and their
// tools (Trados, memoQ, Weblate, translate-toolkit) read and write. One trans-unit per
// translatable block of a locale's sources (brochure front matter texts, section
// titles, subheadings, paragraphs, list items; counselling point titles and texts),
// with a stable id ("pomalidomide/brochure/how_to_take/3": the third block of the
// section in English; "pomalidomide/counselling/condom/title"), the English Markdown
// as source, notes naming the facts' sources and the numbers that must not change,
// and a state: needs-translation (the locale has no text), translated (it has), final
// with approved="yes" (a review record covers it), needs-review-translation (reviewed,
// but the English text changed since).
//
// An import is checked whole before anything is written: a malformed file (libxml2's
// line), an unknown or repeated id, a source that is no longer the English text, a
// target whose numbers differ from English, a translated or final unit without a
// target, a locale that is not the one asked for, or a text that would change the
// block's Markdown structure each stop it with the XLIFF file and line. Only changed
// blocks are rewritten, in place; every other byte of the sources stays as it was.
// Reviews are not touched: a changed text loses its review by its hash (reviews.h).
#include <filesystem>
#include <map>
#include <string>

namespace mk {

// Every block of `locale` in the medicines that have a brochure in it, as an XLIFF
// 1.2 document. Throws ContentError when the content is invalid or has no brochure
// in that locale.
std::string exportXliff(const std::filesystem::path& contentDir, const std::string& locale);

struct XliffImport {
  std::string locale;
  std::map<std::string, std::string> files;  // source path -> new text, only files that change
  int units = 0;                             // trans-units read
  int changed = 0;                           // whose target differs from the source file's text
  int untranslated = 0;                      // without a target, left as they are
  // Applied although their state is needs-translation (or none): a PO round trip
  // (xliff2po, po2xliff) returns every unapproved translation so.
  int unconfirmed = 0;
};

// Reads `xliffPath` and checks it against the sources in `contentDir`; writes nothing.
// `locale` may be empty when the file names its target-language. Throws ContentError
// naming the XLIFF file and line (or a source file and line).
XliffImport planXliffImport(const std::filesystem::path& contentDir, const std::filesystem::path& xliffPath,
                            const std::string& locale);

// Writes each file of a checked import atomically. Throws std::runtime_error naming
// the file that failed and those already written.
void writeXliffImport(const XliffImport& import);

}  // namespace mk
