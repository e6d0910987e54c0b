#pragma once
// Private to the XLIFF exchange (xliff.h): the units of one locale, gathered from the
// sources (xliff_exchange.cpp), and an XLIFF file as read by libxml2 (xliff_read.cpp).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/content/content_model.h"
#include "core/content/source_blocks.h"

namespace mk::xliff_exchange {

struct ExchangeUnit {
  std::string id;        // "<medicine>/brochure/<block key>", "<medicine>/counselling/<block key>"
  std::string medicine;  // the XLIFF <file> it goes in
  std::string english;   // the source (NFC)
  std::string text;      // the locale's text (NFC); empty when absent
  bool present = false;  // the locale's file has this block
  std::string absentReason;
  ReviewStatus review = ReviewStatus::Unreviewed;  // of the locale's text (reviews/<locale>.tsv)
  std::string sources;                             // where its facts come from
  std::string context;                             // what the block is, for the translator
  size_t file = 0;                                 // ExchangeSet::files index, when present
  std::string key;                                 // the block's key in that file
};

struct ExchangeFile {
  source_blocks::SourceFile source;
  bool counselling = false;
  Brochure english;  // for a brochure: the English one, whose numbers each section keeps
};

struct ExchangeSet {
  std::string locale;
  std::vector<std::string> medicines;  // those with a brochure in the locale
  std::vector<ExchangeFile> files;     // the locale's brochures and counselling files
  std::vector<ExchangeUnit> units;

  const ExchangeUnit* unit(std::string_view id) const;
};

// Loads and checks the whole content first (loadContentSource), then pairs each
// English block with the locale's. Throws ContentError.
ExchangeSet loadExchange(const std::filesystem::path& contentDir, const std::string& locale);

// Parses a brochure and checks its blocks against what md4c makes of each section
// (the kiosk's blocks): same count, kinds and callouts. Throws ContentError naming
// the section; returns the brochure.
Brochure checkBlocksAgainstMarkdown(const source_blocks::SourceFile& file, std::string_view text);

struct XliffUnitIn {
  std::string id;
  int line = 0;  // of the <trans-unit> start tag
  std::string source;
  std::string target;  // empty when there is none
  std::string state;   // the target's state attribute
  bool approved = false;
};

struct XliffFileIn {
  std::string sourceLanguage;
  std::string targetLanguage;  // empty when the <file> names none
  int line = 0;
};

struct XliffIn {
  std::vector<XliffFileIn> files;
  std::vector<XliffUnitIn> units;
  int rootLine = 0;
};

// Parses an XLIFF 1.2 file (1.1, which po2xliff writes, too). Throws ContentError with
// the file and line: malformed XML (libxml2's message and line), a DOCTYPE, a root
// that is not <xliff>, a unit without an id, or inline markup other than <mrk>.
XliffIn readXliff(const std::filesystem::path& path);

}  // namespace mk::xliff_exchange
