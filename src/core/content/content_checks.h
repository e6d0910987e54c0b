#pragma once
// Correctness checks over content, run when the database is built and by
// `medkiosk-content check`: a translation may never change a number (dose, days,
// weeks, percentages), every text is NFC, and every character has a glyph.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/content/content_model.h"

namespace mk {

// Digit runs in reading order, e.g. "11,2 months, 4 mg" -> {"11", "2", "4"}.
std::vector<std::string> numbersIn(std::string_view text);
// Empty when `translation` has the numbers of `english` (in any order); else what
// differs, e.g. "missing 4; not in English 40".
std::string numbersDifference(std::string_view english, std::string_view translation);

struct ContentProblem {
  std::string file;
  int line = 0;
  std::string message;
  std::string text() const;
};

// Compares each section (and the warning) of `translation` with `english`.
std::vector<ContentProblem> checkNumbersMatch(const Brochure& english, const Brochure& translation);
std::vector<ContentProblem> checkNfc(const Brochure& brochure);
// Characters of `texts` that the font file at `fontPath` has no glyph for.
std::u32string charactersWithoutGlyph(const std::filesystem::path& fontPath, const std::vector<std::string>& texts);

}  // namespace mk
