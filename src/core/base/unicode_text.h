#pragma once
// UTF-8 helpers backed by ICU: validation, NFC normalisation, code point iteration.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mk::unicode {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);
bool isNfc(std::string_view utf8);
std::string toNfc(std::string_view utf8);
// Decodes the code point at `pos` and advances `pos`; returns U+FFFD on bad input.
char32_t nextCodePoint(std::string_view text, std::size_t& pos);
std::string fromCodePoint(char32_t cp);
// Every code point of `texts` once, in code point order, as UTF-8.
std::string distinctCharacters(const std::vector<std::string>& texts);

}  // namespace mk::unicode
