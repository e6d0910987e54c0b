#pragma once
// "key=value" lines, as in the kiosk's small state files (the installed content
// pointer, the updater's fetch state and status): one reader for all of them.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mk {

struct KeyValueLines {
  std::vector<std::pair<std::string, std::string>> entries;  // in file order
  std::vector<int> lines;                                    // 1-based line of each entry
  int malformed = 0;                                         // non-empty lines without '='
  std::vector<int> malformedLines;                           // where they are
};

// Splits at the first '='; a trailing CR is dropped (a file edited on Windows).
KeyValueLines parseKeyValueLines(std::string_view text);

// Without leading and trailing spaces, tabs, CR and LF.
std::string trimmed(std::string_view s);

}  // namespace mk
