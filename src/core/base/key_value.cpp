#include "core/base/key_value.h"

namespace mk {

std::string trimmed(std::string_view s) {
  const char* space = " \t\r\n";
  auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(space) - first + 1));
}

KeyValueLines parseKeyValueLines(std::string_view text) {
  KeyValueLines out;
  int lineNo = 0;
  while (!text.empty()) {
    ++lineNo;
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      ++out.malformed;
      out.malformedLines.push_back(lineNo);
      continue;
    }
    out.entries.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
    out.lines.push_back(lineNo);
  }
  return out;
}

}  // namespace mk
