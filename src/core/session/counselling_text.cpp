#include "core/session/counselling_text.h"

#include "core/content/counselling_anchor.h"

namespace mk {

std::optional<CounsellingText> counsellingText(ContentView& content, const std::string& medicine,
                                               const CounsellingPoint& point, const std::string& locale) {
  // The section as the brochure shows it in this language: the same fallback (a
  // translation that leaves it out, or one the [content] show setting hides) and the
  // same note, so the nurse screen never shows another language silently.
  std::optional<ShownSection> shown = content.section(medicine, locale, point.brochureSection);
  if (!shown || !shown->blocks) return std::nullopt;
  CounsellingText text;
  text.blocks = anchoredBlocks(*shown->blocks, point.brochureHeading, point.brochureBlocks);
  if (text.blocks.empty()) return std::nullopt;
  text.locale = shown->locale;
  text.fellBack = shown->fellBack;
  text.status = shown->section->review.status;
  return text;
}

}  // namespace mk
