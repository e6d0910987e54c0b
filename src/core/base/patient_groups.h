#pragma once
// Patient groups of the pregnancy prevention programme. The ids are stable: they
// appear on the command line, in the content sources and database, in counselling
// records and in the fleet metrics.
#include <algorithm>
#include <array>
#include <string_view>

namespace mk {

inline constexpr std::array<std::string_view, 3> kCategoryIds = {"woman_cbp", "woman_ncbp", "man"};

inline bool isCategoryId(std::string_view id) {
  return std::find(kCategoryIds.begin(), kCategoryIds.end(), id) != kCategoryIds.end();
}

}  // namespace mk
