#pragma once
// What the counselling screen shows for a point in one language: the brochure's own
// blocks that the point names (counselling_anchor.h), taken from the brochure as the
// patient would read it, with its fallback and review status. The point's file holds
// only its title and what the nurse asks, so a fix to the brochure reaches both.
#include <optional>
#include <string>
#include <vector>

#include "core/content/markdown.h"
#include "core/session/content_view.h"

namespace mk {

struct CounsellingText {
  std::vector<Block> blocks;                    // as the brochure has them (paragraphs, list items, quotes)
  std::string locale;                           // the content locale they are in
  bool fellBack = false;                        // not in the language asked for: the screen says so
  ReviewStatus status = ReviewStatus::Pending;  // of the brochure section they come from
};

// The point's blocks in `locale` (a patient or nurse locale, resolved along its
// chain as the brochure is), or nullopt when no brochure of the chain has the section
// (never for content that passed the build).
std::optional<CounsellingText> counsellingText(ContentView& content, const std::string& medicine,
                                               const CounsellingPoint& point, const std::string& locale);

}  // namespace mk
