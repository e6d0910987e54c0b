#pragma once
// The pseudo-locale en_XA for testing layouts: every letter accented and every vowel
// doubled, so text is about 40 % longer and any hard-coded or clipped string shows.
// Digits are left alone, so dose checks still hold.
#include <string>
#include <string_view>

namespace mk {

inline constexpr const char* kPseudoLocale = "en_XA";

std::string pseudoLocalize(std::string_view text);
// The same for an ICU MessageFormat pattern: argument names, types and plural
// keywords stay as they are; literal text and sub-messages are transformed.
std::string pseudoLocalizeMessage(std::string_view pattern);

}  // namespace mk
