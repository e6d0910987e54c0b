#pragma once
// Figures declared in medicine.ini (content_model.h, Figure): reading a [figure.<id>]
// section, and the build's check that every number a figure draws is stated by its
// caption block in every brochure that shows the section.
//
//   [figure.cycles]
//   kind = dose-calendar
//   source = EMA/240195/2019, "How is Imnovid used?"
//   item.1 = how_to_take#2 block 2: 21 days, take 1-14
//
// Items by kind, after the caption block's selector and a colon:
//   dose-calendar  "<days> days, take <first>-<last>"
//   capsules       "<strength> mg, <pictogram>"
//   cards          "<pictogram> [<pictogram> ...]"
// Optional keys: `titles = headings` (cards titled with their part's heading) and
// `captions = whole` (the whole block, where its bold lead alone would drop a
// condition, such as when a rule applies).
#include <string>
#include <string_view>
#include <vector>

#include "core/content/content_model.h"
#include "core/content/markdown.h"

namespace mk {

// The keys of one [figure.<id>] section as read (in file order), checked together
// once the whole file is read. Throws ContentError naming `path` and `line`.
struct FigureKeys {
  std::string id;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> keys;
};
Figure parseFigure(const std::string& path, const FigureKeys& keys);

// Throws ContentError naming the brochure file and section line, or medicine.ini.
void checkFigures(const Medicine& med, const std::string& iniPath);

// An item's caption from its block: the block's bold lead when it has one (unless
// `whole`), else its whole text, without a closing colon.
std::string figureCaption(const Block& block, bool whole = false);
// An item's caption from the blocks of its part (which has them): as above, or for a
// range of blocks their whole text.
std::string figureCaption(const std::vector<Block>& part, const FigureItem& item, bool whole);

}  // namespace mk
