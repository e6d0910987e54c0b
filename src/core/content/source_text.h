#pragma once
// Private to the content source parsers (content_source.cpp, brochure_source.cpp,
// counselling_source.cpp, medicine_source.cpp, reviews.cpp): the text helpers they share, each
// defined once in content_source.cpp. Not part of the content library's API.
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/content/content_model.h"

namespace mk::source_text {

// Removes leading and trailing spaces and tabs.
std::string trim(std::string_view s);

std::string readFile(const std::filesystem::path& path);

// Splits into lines (LF or CRLF), after checking the bytes are valid UTF-8.
std::vector<std::string> splitLines(const std::string& path, std::string_view text);

// "key: value" with a key of one word; both trimmed.
bool splitKeyValue(const std::string& line, std::string& key, std::string& value);

// Markdown constructs the kiosk cannot show, caught per line so the error names it.
void lintBodyLine(const std::string& path, int lineNo, const std::string& line);

struct FrontMatter {
  std::map<std::string, std::pair<std::string, int>> values;  // key -> (value, line)
};

// Reads the front matter between the '---' lines; returns the index of the line after it.
size_t parseFrontMatter(const std::string& path, const std::vector<std::string>& lines, FrontMatter& fm,
                        const std::set<std::string>& allowed);
std::string required(const std::string& path, const FrontMatter& fm, const std::string& key);

// Lines [from, to) without the blank lines at either end, each ended by '\n'.
std::string joinBody(const std::vector<std::string>& lines, size_t from, size_t to);

// content/<medicine>/counselling/: every locale's points, English first
// (counselling_source.cpp).
void loadCounselling(const std::filesystem::path& dir, Medicine& med);

// content/<medicine>/reviews/: every locale's review records, checked against the
// medicine's texts, and each text's review status derived from them (reviews.cpp).
void loadReviews(const std::filesystem::path& dir, Medicine& med);

}  // namespace mk::source_text
