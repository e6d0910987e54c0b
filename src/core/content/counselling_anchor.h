#pragma once
// A counselling point shows the brochure's own words for the rule it is about, never a
// restatement of them (a restated point once lost a condition the brochure had):
// `brochure: pregnancy#2 blocks 1-6` names blocks of one brochure part. Here: that
// block selector, picking the blocks out of a section, and the build's checks that
// every brochure has them and that a point's own words (its title and what the nurse
// asks) add no number and no condition that the blocks do not state.
#include <string>
#include <string_view>
#include <vector>

#include "core/content/content_model.h"
#include "core/content/markdown.h"

namespace mk {

// "2-6", "7", "1, 3-4" -> ranges in that order. False on anything else (an empty
// text, a 0, a range that runs backwards, ranges out of order or overlapping).
bool parseBlockRanges(std::string_view text, std::vector<BlockRange>& out);
// The inverse: "1,3-4"; "" for no ranges (the whole part).
std::string formatBlockRanges(const std::vector<BlockRange>& ranges);

// The blocks of one part of a section, its heading excluded: those under the
// `heading`th '###' heading (1-based) up to the next one, or for 0 those before the
// first heading (all of a section without one). Empty when there is no such part.
std::vector<Block> brochurePart(const std::vector<Block>& section, int heading);
// The part's blocks that `ranges` select (1-based within the part), in order; all of
// the part when `ranges` is empty. Blocks beyond the part are not there to select.
std::vector<Block> anchoredBlocks(const std::vector<Block>& section, int heading,
                                  const std::vector<BlockRange>& ranges);

// Build checks over a medicine's counselling sets (English first) and its brochures;
// each throws ContentError naming the file and line.
// English, before the translations are read against it: the English brochure has the
// part and the blocks every point names, and each point's title and `ask:` text carry
// no number that those blocks lack and no condition word (condition_words.h) that
// they lack.
void checkEnglishCounselling(const Medicine& med);
// Then, with the translations completed from English: every other brochure that has
// the section has the same part with as many blocks, each of the same kind and with
// the same numbers as in English, so that a selector picks the same statements in
// every language (a brochure that leaves the section to its fallback, front matter
// `fallback:`, is shown from there); and each translated point's own words pass the
// same test against the blocks it shows in its language.
void checkTranslatedCounselling(const Medicine& med);

}  // namespace mk
