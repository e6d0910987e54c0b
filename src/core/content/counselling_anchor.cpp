// Counselling points refer to the brochure's own blocks (counselling_anchor.h): the
// selector, the selection, and the checks run when the content is loaded.
#include "core/content/counselling_anchor.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

#include "core/content/condition_words.h"
#include "core/content/content_checks.h"
#include "core/content/content_source.h"

namespace mk {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool parseNumber(std::string_view s, int& out) {
  s = trimmed(s);
  if (s.empty() || s.size() > 3) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 1;
}

}  // namespace

bool parseBlockRanges(std::string_view text, std::vector<BlockRange>& out) {
  out.clear();
  if (trimmed(text).empty()) return false;
  int last = 0;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    size_t dash = item.find('-');
    BlockRange r;
    if (!parseNumber(item.substr(0, dash), r.first)) return false;
    r.last = r.first;
    if (dash != std::string_view::npos && !parseNumber(item.substr(dash + 1), r.last)) return false;
    if (r.last < r.first || r.first <= last) return false;
    last = r.last;
    out.push_back(r);
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

std::string formatBlockRanges(const std::vector<BlockRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ',';
    out += std::to_string(r.first);
    if (r.last != r.first) out += '-' + std::to_string(r.last);
  }
  return out;
}

std::vector<Block> brochurePart(const std::vector<Block>& section, int heading) {
  std::vector<Block> part;
  int seen = 0;
  for (const auto& b : section) {
    if (b.kind == BlockKind::Heading) {
      ++seen;
      continue;
    }
    if (seen == heading) part.push_back(b);
  }
  return part;
}

std::vector<Block> anchoredBlocks(const std::vector<Block>& section, int heading,
                                  const std::vector<BlockRange>& ranges) {
  std::vector<Block> part = brochurePart(section, heading);
  if (ranges.empty()) return part;
  std::vector<Block> out;
  for (const auto& r : ranges)
    for (int i = r.first; i <= r.last && i <= static_cast<int>(part.size()); ++i)
      out.push_back(part[static_cast<size_t>(i - 1)]);
  return out;
}

namespace {

// One brochure section's blocks, parsed once per check run.
class ParsedSections {
 public:
  const std::vector<Block>& of(const Brochure& b, const Section& s) {
    auto key = b.locale + "/" + s.id;
    auto it = parsed_.find(key);
    if (it == parsed_.end()) it = parsed_.emplace(key, parseMarkdown(s.body)).first;
    return it->second;
  }

 private:
  std::map<std::string, std::vector<Block>> parsed_;
};

int headingCount(const std::vector<Block>& blocks) {
  return static_cast<int>(
      std::count_if(blocks.begin(), blocks.end(), [](const Block& b) { return b.kind == BlockKind::Heading; }));
}

// The line of the part's '###' heading in the brochure file (the section's heading
// for part 0), so that an error points at the part itself.
int partLine(const Brochure& b, const Section& s, int heading) {
  if (heading == 0) return s.line;
  std::ifstream in(b.path);
  int lineNo = 0, seen = 0;
  for (std::string line; std::getline(in, line);) {
    if (++lineNo <= s.line) continue;
    if (line.rfind("## ", 0) == 0) break;
    if (line.rfind("### ", 0) == 0 && ++seen == heading) return lineNo;
  }
  return s.line;
}

std::string kindName(const Block& b) {
  std::string kind = b.kind == BlockKind::Bullet ? "a list item" : "a paragraph";
  return b.callout ? kind + " in a quote" : kind;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

std::string anchorName(const CounsellingPoint& p) {
  std::string name = p.brochureSection;
  if (p.brochureHeading) name += "#" + std::to_string(p.brochureHeading);
  if (p.brochureBlocks.size() == 1 && p.brochureBlocks[0].first == p.brochureBlocks[0].last)
    name += " block " + formatBlockRanges(p.brochureBlocks);
  else if (!p.brochureBlocks.empty())
    name += " blocks " + formatBlockRanges(p.brochureBlocks);
  return name;
}

const Brochure* brochureIn(const Medicine& med, const std::string& locale) {
  for (const auto& b : med.brochures)
    if (b.locale == locale) return &b;
  return nullptr;
}

// The English brochure has the part, and the blocks the selector names.
void checkEnglishAnchor(const std::string& path, const CounsellingPoint& p, const Brochure& en,
                        ParsedSections& parsed) {
  const Section* s = en.section(p.brochureSection);
  if (!s) return;  // every brochure has every section (brochure_source.cpp)
  const auto& blocks = parsed.of(en, *s);
  if (headingCount(blocks) < p.brochureHeading)
    throw ContentError(en.path, s->line,
                       "section '" + s->id + "' has fewer '###' headings than counselling point '" + p.id +
                           "' refers to (" + std::to_string(p.brochureHeading) + ")");
  int count = static_cast<int>(brochurePart(blocks, p.brochureHeading).size());
  if (count == 0)
    throw ContentError(path, p.brochureLine, "brochure: " + anchorName(p) + " is an empty part of the brochure");
  for (const auto& r : p.brochureBlocks)
    if (r.last > count)
      throw ContentError(path, p.brochureLine,
                         "brochure: " + anchorName(p) + " names block " + std::to_string(r.last) +
                             ", but that part of the English brochure has " + std::to_string(count) +
                             " blocks (paragraphs, list items and quotes, counted from 1 after its heading)");
}

// A translated brochure has the part with English's blocks one for one, so that the
// selector picks the same statements in it.
void checkTranslatedAnchor(const CounsellingPoint& p, const Brochure& en, const Brochure& b, ParsedSections& parsed) {
  const Section* s = b.section(p.brochureSection);
  const Section* es = en.section(p.brochureSection);
  if (!s || !es) return;  // left to the fallback chain (front matter 'fallback:'), shown from there
  const auto& blocks = parsed.of(b, *s);
  if (headingCount(blocks) < p.brochureHeading)
    throw ContentError(b.path, s->line,
                       "section '" + s->id + "' has fewer '###' headings than counselling point '" + p.id +
                           "' refers to (" + std::to_string(p.brochureHeading) + ")");
  std::vector<Block> mine = brochurePart(blocks, p.brochureHeading);
  std::vector<Block> theirs = brochurePart(parsed.of(en, *es), p.brochureHeading);
  std::string where = "section '" + s->id + "'" +
                      (p.brochureHeading ? ", part " + std::to_string(p.brochureHeading) : std::string()) +
                      ", which counselling point '" + p.id + "' shows (" + anchorName(p) + "): ";
  int line = partLine(b, *s, p.brochureHeading);
  if (mine.size() != theirs.size())
    throw ContentError(b.path, line,
                       where + "it has " + std::to_string(mine.size()) + " blocks where English has " +
                           std::to_string(theirs.size()) +
                           "; a translation keeps English's paragraphs, list items and quotes one for one");
  for (size_t i = 0; i < mine.size(); ++i) {
    std::string block = "block " + std::to_string(i + 1);
    if (mine[i].kind != theirs[i].kind || mine[i].callout != theirs[i].callout)
      throw ContentError(b.path, line,
                         where + block + " is " + kindName(mine[i]) + " where English has " + kindName(theirs[i]));
    auto got = numbersIn(plainText(mine[i])), want = numbersIn(plainText(theirs[i]));
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (got != want)
      throw ContentError(b.path, line,
                         where + block + " has the numbers " + joined(got) + " where English has " + joined(want));
  }
}

// The brochure whose blocks a locale's point shows: the locale's own, else the next
// of its chain that has the section (language, then English), as the kiosk shows it.
const Brochure* shownBrochure(const Medicine& med, const std::string& locale, const std::string& section) {
  for (const std::string& l : {locale, locale.substr(0, locale.find('_')), std::string("en")}) {
    const Brochure* b = brochureIn(med, l);
    if (b && b->section(section)) return b;
  }
  return nullptr;
}

// What a point says of its own (its title, what the nurse asks) adds no number and
// no condition to the blocks it shows in the same language.
void checkOwnWords(const Medicine& med, const CounsellingSet& set, const CounsellingPoint& p, ParsedSections& parsed) {
  const Brochure* b = shownBrochure(med, set.locale, p.brochureSection);
  if (!b) return;
  std::string anchor;
  for (const auto& block :
       anchoredBlocks(parsed.of(*b, *b->section(p.brochureSection)), p.brochureHeading, p.brochureBlocks))
    anchor += plainText(block) + "\n";
  std::vector<std::string> anchorNumbers = numbersIn(anchor);
  std::set<std::string> known(anchorNumbers.begin(), anchorNumbers.end());
  std::string shows = " that its brochure blocks (" + anchorName(p) + " in " + b->locale + ") do not state";
  auto refuse = [&](int line, std::string problem) {
    problem.insert(0, "point '" + p.id + "': ");
    problem += shows;
    problem += "; a point states no rule of its own, the brochure's text is shown";
    throw ContentError(set.path, line, problem);
  };
  auto check = [&](const std::string& what, const std::string& text, int line) {
    for (const auto& n : numbersIn(text)) {
      if (known.count(n)) continue;
      std::string problem = what;
      problem += " has the number ";
      problem += n;
      refuse(line, problem);
    }
    std::string word = conditionWordNotIn(set.locale, text, anchor);
    if (!word.empty()) refuse(line, what + " has the condition word '" + word + "'");
  };
  check("its title", p.title, p.line);
  if (!p.body.empty()) check("'ask:'", p.body, p.askLine);
}

}  // namespace

void checkEnglishCounselling(const Medicine& med) {
  const Brochure* en = brochureIn(med, "en");
  if (med.counselling.empty() || !en) return;  // no English brochure: refused before this
  ParsedSections parsed;
  for (const auto& p : med.counselling.front().points) {
    checkEnglishAnchor(med.counselling.front().path, p, *en, parsed);
    checkOwnWords(med, med.counselling.front(), p, parsed);
  }
}

void checkTranslatedCounselling(const Medicine& med) {
  const Brochure* en = brochureIn(med, "en");
  if (med.counselling.empty() || !en) return;
  ParsedSections parsed;
  for (const auto& p : med.counselling.front().points)
    for (const auto& b : med.brochures)
      if (&b != en) checkTranslatedAnchor(p, *en, b, parsed);
  for (size_t k = 1; k < med.counselling.size(); ++k)
    for (const auto& p : med.counselling[k].points) checkOwnWords(med, med.counselling[k], p, parsed);
}

}  // namespace mk
