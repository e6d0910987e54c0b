// libFuzzer target: the content source parsers (brochure Markdown with front matter,
// review records, medicine.ini, the member-states table). Any input must either parse
// or be refused with a ContentError naming a line; nothing else may escape, crash or
// hang.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/content/content_source.h"
#include "core/content/reviews.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    mk::Brochure b = mk::parseBrochure("fuzz/en.md", text);
    if (b.sections.empty()) std::abort();  // a brochure that parses has its sections
  } catch (const mk::ContentError& e) {
    if (e.line() < 0) std::abort();
  }
  try {
    (void)mk::parseReviewFile("fuzz/reviews/de.tsv", "de", text);
  } catch (const mk::ContentError& e) {
    if (e.line() < 0) std::abort();
  }
  try {
    (void)mk::parseMedicineIni("fuzz/medicine.ini", text);
  } catch (const mk::ContentError&) {
  }
  try {
    auto states = mk::parseMemberStates("fuzz/member-states.tsv", text);
    (void)mk::parseLocalAuthorities("fuzz/member-state-authorities.tsv", text, states);
  } catch (const mk::ContentError&) {
  }
  return 0;
}
