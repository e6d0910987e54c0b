#include "core/base/unicode_text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>
#include <set>
#include <stdexcept>

namespace mk::unicode {
namespace {
const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFC normaliser unavailable");
  return *n;
}
}  // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

bool isNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  bool result = nfc().isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && result;
}

std::string toNfc(std::string_view utf8) {
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("NFC normalisation failed");
  return out;
}

char32_t nextCodePoint(std::string_view text, std::size_t& pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  pos = static_cast<std::size_t>(i);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

std::string distinctCharacters(const std::vector<std::string>& texts) {
  std::set<char32_t> seen;
  for (const auto& t : texts)
    for (std::size_t pos = 0; pos < t.size();) seen.insert(nextCodePoint(t, pos));
  std::string out;
  for (char32_t c : seen) out += fromCodePoint(c);
  return out;
}

std::string fromCodePoint(char32_t cp) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(cp), error);
  if (error) return "\xEF\xBF\xBD";
  return std::string(buf, static_cast<std::size_t>(len));
}

}  // namespace mk::unicode
