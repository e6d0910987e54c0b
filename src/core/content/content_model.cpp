#include "core/content/content_model.h"

#include <algorithm>

namespace mk {

std::string_view toString(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::Reviewed:
      return "reviewed";
    case ReviewStatus::Outdated:
      return "outdated";
    case ReviewStatus::Pending:
      return "pending";
    case ReviewStatus::Unreviewed:
      return "unreviewed";
  }
  return "pending";
}

bool parseReviewStatus(std::string_view text, ReviewStatus& out) {
  if (text == "reviewed")
    out = ReviewStatus::Reviewed;
  else if (text == "outdated")
    out = ReviewStatus::Outdated;
  else if (text == "pending")
    out = ReviewStatus::Pending;
  else if (text == "unreviewed")
    out = ReviewStatus::Unreviewed;
  else
    return false;
  return true;
}

const Section* Brochure::section(std::string_view id) const {
  for (const auto& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace mk

namespace mk {}  // namespace mk
