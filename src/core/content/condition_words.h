#pragma once
// Words that make a rule conditional or add an exception ("if", "unless", "only",
// "except", "do not count"), per language of the EU. A counselling point's own words
// (its title, what the nurse asks) may use one only where the brochure blocks it shows
// use it too: a condition the brochure does not state is a new rule, and a point
// that restated a rule in its own words once lost one (counselling_anchor.h).
#include <string>
#include <string_view>

namespace mk {

// The first condition word or phrase of the locale's language that `text` contains
// and `anchor` does not, as listed (lower case); "" when there is none, or when the
// language has no list. Words are compared whole and case-folded.
std::string conditionWordNotIn(const std::string& locale, std::string_view text, std::string_view anchor);

// True when the locale's language has a list (all 24 official EU languages do).
bool hasConditionWords(const std::string& locale);

}  // namespace mk
