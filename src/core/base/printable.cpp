#include "core/base/printable.h"

#include <algorithm>

namespace mk {
namespace {

void appendHex(std::string& out, unsigned char c) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  out += "\\x";
  out += kDigits[c >> 4];
  out += kDigits[c & 0xf];
}

bool isContinuation(unsigned char c) { return c >= 0x80 && c <= 0xbf; }

// Length of the well-formed UTF-8 sequence at s[i] (Unicode 15, table 3-7), 0 if none.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : static_cast<unsigned char>(0);
  };
  unsigned char c = at(0), c1 = at(1);
  std::size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n == 0 || !isContinuation(c1)) return 0;
  if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f))
    return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (!isContinuation(at(k))) return 0;
  return n;
}
}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        appendHex(out, c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t n = utf8Length(s, i);
    bool c1Control = n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0;  // U+0080-U+009F
    if (n == 0 || c1Control) {
      for (std::size_t k = 0; k < std::max<std::size_t>(n, 1); ++k)
        appendHex(out, static_cast<unsigned char>(s[i + k]));
      i += std::max<std::size_t>(n, 1);
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace mk
