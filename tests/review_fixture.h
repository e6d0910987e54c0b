#pragma once
// Review records for tests: what `medkiosk-content review sign` writes, made in a
// copy of the content (the shipped content has no reviews: nobody has reviewed it).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/content/content_source.h"
#include "core/content/reviews.h"

namespace mk::test {

// Records a review of each of `items` (every text of the locale when empty) in the
// content copy at `content`, for its first medicine, as `review sign` does.
inline void signReviews(const std::filesystem::path& content, const std::string& locale,
                        std::vector<std::string> items = {}) {
  ContentSource src = loadContentSource(content);
  Medicine& med = src.medicines.front();
  if (items.empty())
    for (const auto& i : reviewItems(med, locale)) items.push_back(i.item);
  REQUIRE_FALSE(items.empty());
  ReviewFile file;
  for (const auto& item : items) {
    std::string role = locale == "en" ? "pharmacist" : "native-speaking physician";
    file = withReview(med, locale, ReviewRecord{item, "A. Reviewer", role, "2025-01-15", {}, {}, 0});
    med.reviews.erase(
        std::remove_if(med.reviews.begin(), med.reviews.end(), [&](const ReviewFile& f) { return f.locale == locale; }),
        med.reviews.end());
    med.reviews.push_back(file);
  }
  std::filesystem::create_directories(content / med.id / "reviews");
  std::ofstream(content / med.id / "reviews" / (locale + ".tsv")) << formatReviewFile(med, file);
}

// Replaces the first `from` in `file` with `to` (which must be there).
inline void replaceInFile(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file) << text;
}

}  // namespace mk::test
