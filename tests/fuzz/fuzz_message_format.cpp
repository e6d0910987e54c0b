// libFuzzer target: UI message formatting (ICU MessageFormat with named arguments)
// with arbitrary patterns and arguments of every kind, including NaN, infinities and
// dates far outside any calendar. Input: byte 0 picks a locale, then the pattern up
// to a 0 byte, then arguments, each a type byte and 8 value bytes (or a 0-ended
// string).
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/i18n/ui_strings.h"

namespace {

constexpr std::array<const char*, 8> kLocales = {"en", "de_AT", "el_GR", "pl_PL", "ga", "lt", "ar", "root"};
constexpr std::array<const char*, 6> kNames = {"count", "seconds", "date", "name", "n", "x"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const char* locale = kLocales[data[0] % kLocales.size()];
  std::size_t pos = 1;
  std::string pattern;
  while (pos < size && data[pos] != 0) pattern.push_back(static_cast<char>(data[pos++]));
  ++pos;
  mk::MessageArgs args;
  while (pos < size && args.size() < 8) {
    std::uint8_t type = data[pos++];
    std::string name = kNames[(type >> 2) % kNames.size()];
    if ((type & 3) == 2) {
      std::string s;
      while (pos < size && data[pos] != 0) s.push_back(static_cast<char>(data[pos++]));
      ++pos;
      args.emplace_back(name, s);
      continue;
    }
    std::uint64_t bits = 0;
    std::size_t n = std::min<std::size_t>(8, size > pos ? size - pos : 0);
    std::memcpy(&bits, data + pos, n);
    pos += n;
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    switch (type & 3) {
      case 0:
        args.emplace_back(name, static_cast<std::int64_t>(bits));
        break;
      case 1:
        args.emplace_back(name, d);
        break;
      default:
        args.emplace_back(name, mk::DateArg{d});
        break;
    }
  }
  std::string out;
  (void)mk::UiStrings::formatPattern(pattern, locale, args, out);
  (void)mk::parseIsoDate(pattern);
  return 0;
}
