// content/<medicine>/counselling/<locale>.md: the nurse's counselling points, the
// translations completed from English, and their anchors checked against the brochures
// (counselling_anchor.cpp).
#include <algorithm>
#include <regex>
#include <sstream>

#include "core/content/content_checks.h"
#include "core/content/content_source.h"
#include "core/content/counselling_anchor.h"
#include "core/content/source_text.h"
#include "core/i18n/locale_id.h"

namespace mk {
namespace fs = std::filesystem;

using namespace source_text;  // the shared parsing helpers of the content sources

namespace {

const std::regex kPointHeading(R"(^## (.+?) \{#([a-z_]+)\}\s*$)");

const std::regex kBrochureAnchor(R"(^([a-z_]+)(#([1-9][0-9]?))?( blocks? (.+))?$)");

// Front matter of a counselling file: its locale. Reviews are recorded per point in
// reviews/<locale>.tsv, no longer as a status of the whole file.
CounsellingSet parseCounsellingFrontMatter(const std::string& path, const std::vector<std::string>& lines, size_t& i) {
  FrontMatter fm;
  i = parseFrontMatter(path, lines, fm, {"locale", "status", "reviewer", "reviewed-on"});
  for (const char* key : {"status", "reviewer", "reviewed-on"})
    if (fm.values.count(key))
      throw ContentError(path, fm.values[key].second,
                         std::string("'") + key +
                             ":' is no longer used: reviews are recorded per point in reviews/<locale>.tsv with "
                             "'medkiosk-content review sign' (see content/README.md)");
  CounsellingSet set;
  set.path = path;
  set.locale = required(path, fm, "locale");
  if (!isValidLocaleId(set.locale))
    throw ContentError(path, fm.values["locale"].second, "'" + set.locale + "' is not a locale id like en or de_AT");
  return set;
}

std::vector<std::string> parseCategories(const std::string& path, int line, const std::string& value) {
  if (value == "all") return {kCategoryIds.begin(), kCategoryIds.end()};
  std::vector<std::string> ids;
  std::stringstream ss(value);
  for (std::string id; std::getline(ss, id, ',');) {
    id = trim(id);
    if (!isCategoryId(id))
      throw ContentError(path, line, "unknown patient group '" + id + "' (woman_cbp, woman_ncbp, man or all)");
    ids.push_back(id);
  }
  std::vector<std::string> ordered;
  for (auto c : kCategoryIds)
    if (std::find(ids.begin(), ids.end(), c) != ids.end()) ordered.emplace_back(c);
  return ordered;
}

// "pregnancy#2 blocks 1-6": a section, its Nth '###' part and blocks of that part.
void parseBrochureAnchor(const std::string& path, int line, const std::string& value, CounsellingPoint& p) {
  std::smatch m;
  if (!std::regex_match(value, m, kBrochureAnchor))
    throw ContentError(path, line,
                       "brochure: expects a section id, optionally with '#N' for its Nth '###' heading, then "
                       "optionally the blocks of that part that state the rule ('pregnancy#1 blocks 2-6')");
  p.brochureSection = m[1];
  if (std::find(kSectionIds.begin(), kSectionIds.end(), p.brochureSection) == kSectionIds.end())
    throw ContentError(path, line, "unknown section id '" + p.brochureSection + "'");
  p.brochureHeading = m[3].matched ? std::stoi(m[3]) : 0;
  if (m[5].matched && !parseBlockRanges(m[5].str(), p.brochureBlocks))
    throw ContentError(path, line,
                       "brochure: blocks '" + m[5].str() +
                           "' is not a list of block numbers and ranges from 1, in order ('2-6', '1, 3-4')");
  p.brochureLine = line;
}

// Reads for:/brochure:/source: (English only) and ask: up to the blank line after them.
size_t parsePointMeta(const std::string& path, const std::vector<std::string>& lines, size_t i, bool english,
                      CounsellingPoint& p) {
  for (; i < lines.size() && !trim(lines[i]).empty(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    std::string key, value;
    if (!splitKeyValue(lines[i], key, value) || (key != "for" && key != "brochure" && key != "source" && key != "ask"))
      throw ContentError(path, lineNo,
                         "expected 'for:', 'brochure:', 'source:' or 'ask:' after the heading, then a blank line");
    if (key == "ask") {
      if (p.askLine) throw ContentError(path, lineNo, "a second 'ask:' line for point '" + p.id + "'");
      if (value.empty()) throw ContentError(path, lineNo, "'ask:' without text");
      lintBodyLine(path, lineNo, value);
      p.body = value;
      p.askLine = lineNo;
      continue;
    }
    if (!english) throw ContentError(path, lineNo, "'" + key + ":' belongs in the English file only");
    if (key == "for")
      p.categories = parseCategories(path, lineNo, value);
    else if (key == "brochure")
      parseBrochureAnchor(path, lineNo, value, p);
    else
      p.source = value;
  }
  if (english && (p.categories.empty() || p.brochureSection.empty() || p.source.empty()))
    throw ContentError(path, p.line, "point '" + p.id + "' needs 'for:', 'brochure:' and 'source:' lines");
  return i;
}

}  // namespace

CounsellingSet parseCounselling(const std::string& path, std::string_view text) {
  std::vector<std::string> lines = splitLines(path, text);
  size_t i = 0;
  CounsellingSet set = parseCounsellingFrontMatter(path, lines, i);
  bool english = set.locale == "en";
  for (; i < lines.size() && lines[i].rfind("## ", 0) != 0; ++i)
    if (!trim(lines[i]).empty())
      throw ContentError(path, static_cast<int>(i) + 1, "text before the first '## ' point heading");
  while (i < lines.size()) {
    CounsellingPoint p;
    p.line = static_cast<int>(i) + 1;
    std::smatch m;
    if (!std::regex_match(lines[i], m, kPointHeading))
      throw ContentError(path, p.line, "a point heading must look like '## Title {#point_id}'");
    p.title = m[1];
    p.id = m[2];
    for (const auto& q : set.points)
      if (q.id == p.id) throw ContentError(path, p.line, "duplicate point '" + p.id + "'");
    size_t end = parsePointMeta(path, lines, i + 1, english, p);
    // The rule is shown in the brochure's words (brochure:), so a point has no text
    // of its own to restate it in: a restatement once dropped a condition.
    for (; end < lines.size() && lines[end].rfind("## ", 0) != 0; ++end)
      if (!trim(lines[end]).empty())
        throw ContentError(path, static_cast<int>(end) + 1,
                           "point '" + p.id +
                               "' has text of its own: the kiosk shows the brochure's blocks that 'brochure:' names "
                               "(in the English file), and what the nurse asks goes in an 'ask:' line under the "
                               "heading");
    set.points.push_back(std::move(p));
    i = end;
  }
  if (set.points.empty()) throw ContentError(path, static_cast<int>(lines.size()), "no counselling points");
  return set;
}

namespace {

// A translation has the English points in the same order, with the same numbers,
// and inherits groups, anchors and sources from English.
void completeTranslation(const CounsellingSet& english, CounsellingSet& t) {
  for (size_t k = 0; k < std::max(english.points.size(), t.points.size()); ++k) {
    if (k >= t.points.size())
      throw ContentError(t.path, 1,
                         "missing point '" + english.points[k].id + "' (every English point must be translated)");
    auto& p = t.points[k];
    if (k >= english.points.size() || english.points[k].id != p.id)
      throw ContentError(t.path, p.line,
                         "point '" + p.id + "' is not the English point at this position" +
                             (k < english.points.size() ? " ('" + english.points[k].id + "')" : std::string()));
    const auto& e = english.points[k];
    if (e.body.empty() != p.body.empty())
      throw ContentError(t.path, p.askLine ? p.askLine : p.line,
                         "point '" + p.id + "' " +
                             (e.body.empty() ? "has an 'ask:' line that English does not have"
                                             : "lacks the 'ask:' line that English has (every language or none)"));
    if (numbersIn(e.title + "\n" + e.body) != numbersIn(p.title + "\n" + p.body))
      throw ContentError(t.path, p.line, "point '" + p.id + "' has different numbers from English");
    p.categories = e.categories;
    p.brochureSection = e.brochureSection;
    p.brochureHeading = e.brochureHeading;
    p.brochureBlocks = e.brochureBlocks;
    p.source = e.source;
  }
}

}  // namespace

namespace source_text {

void loadCounselling(const fs::path& dir, Medicine& med) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    CounsellingSet set = parseCounselling(f.string(), readFile(f));
    if (set.locale != f.stem().string())
      throw ContentError(f.string(), 2, "locale '" + set.locale + "' does not match the file name");
    med.counselling.push_back(std::move(set));
  }
  auto english = std::find_if(med.counselling.begin(), med.counselling.end(),
                              [](const CounsellingSet& s) { return s.locale == "en"; });
  if (english == med.counselling.end()) {
    if (!med.counselling.empty())
      throw ContentError((dir / "en.md").string(), 0, "missing: counselling translations need the English points");
    return;
  }
  std::rotate(med.counselling.begin(), english, english + 1);
  checkEnglishCounselling(med);
  for (size_t k = 1; k < med.counselling.size(); ++k) completeTranslation(med.counselling[0], med.counselling[k]);
  checkTranslatedCounselling(med);
}

}  // namespace source_text

}  // namespace mk
