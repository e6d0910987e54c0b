#include "core/content/content_source.h"
#include "core/i18n/locale_id.h"

#include <ini.h>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/base/unicode_text.h"
#include "core/content/content_checks.h"
#include "core/content/markdown.h"

namespace mk {
namespace fs = std::filesystem;

ContentError::ContentError(std::string file, int line, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + message), file_(std::move(file)), line_(line) {}

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ContentError(path.string(), 0, "cannot read file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Splits into lines (LF or CRLF), after checking the bytes are valid UTF-8.
std::vector<std::string> splitLines(const std::string& path, std::string_view text) {
  if (auto bad = unicode::firstInvalidUtf8(text)) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(*bad), '\n'));
    throw ContentError(path, line, "invalid UTF-8 (byte offset " + std::to_string(*bad) + ")");
  }
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(unicode::toNfc(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool splitKeyValue(const std::string& line, std::string& key, std::string& value) {
  size_t colon = line.find(':');
  if (colon == std::string::npos) return false;
  key = trim(std::string_view(line).substr(0, colon));
  value = trim(std::string_view(line).substr(colon + 1));
  return !key.empty() && key.find(' ') == std::string::npos;
}

bool isIsoDate(const std::string& s) {
  static const std::regex re("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  return std::regex_match(s, re);
}

// Markdown constructs the kiosk cannot show, caught per line so the error names it.
void lintBodyLine(const std::string& path, int lineNo, const std::string& line) {
  auto fail = [&](const std::string& why) { throw ContentError(path, lineNo, why); };
  if (line.rfind("# ", 0) == 0) fail("a level-1 heading is not allowed inside a section (use ###)");
  if (line.rfind("####", 0) == 0) fail("only ### subheadings are allowed inside a section");
  if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) fail("code blocks are not allowed");
  if (line.rfind("    ", 0) == 0 || line.rfind("\t", 0) == 0)
    fail("indented lines (code blocks or nested lists) are not allowed");
  if (!line.empty() && line[0] == '<') fail("HTML is not allowed");
  if (!line.empty() && line[0] == '|') fail("tables are not allowed");
  static const std::regex ordered("^ {0,3}[0-9]+[.)] ");
  if (std::regex_search(line, ordered)) fail("numbered lists are not supported; use '- ' bullets");
  if (line.find("![") != std::string::npos) fail("images are not allowed");
  if (line.find("](") != std::string::npos) fail("links are not allowed; write the address as text");
  static const std::regex nested("^ {1,3}[-*+] ");
  if (std::regex_search(line, nested)) fail("nested lists are not allowed");
}

struct FrontMatter {
  std::map<std::string, std::pair<std::string, int>> values;  // key -> (value, line)
};

const std::set<std::string>& frontMatterKeys() {
  static const std::set<std::string> keys = {
      "locale",         "title",          "subtitle",         "warning",
      "warning-source", "warning-status", "warning-reviewer", "warning-reviewed-on",
      "fallback"};
  return keys;
}

size_t parseFrontMatter(const std::string& path, const std::vector<std::string>& lines, FrontMatter& fm,
                        const std::set<std::string>& allowed) {
  if (lines.empty() || lines[0] != "---")
    throw ContentError(path, 1, "expected front matter starting with a line '---'");
  for (size_t i = 1; i < lines.size(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    const std::string& line = lines[i];
    if (line == "---") return i + 1;
    if (trim(line).empty()) continue;
    std::string key, value;
    if (!splitKeyValue(line, key, value)) throw ContentError(path, lineNo, "expected 'key: value'");
    if (!allowed.count(key)) throw ContentError(path, lineNo, "unknown front matter key '" + key + "'");
    if (fm.values.count(key)) throw ContentError(path, lineNo, "duplicate key '" + key + "'");
    if (value.empty()) throw ContentError(path, lineNo, "empty value for '" + key + "'");
    fm.values[key] = {value, lineNo};
  }
  throw ContentError(path, static_cast<int>(lines.size()), "front matter is not closed by '---'");
}

Review parseReview(const std::string& path, int line, const std::string& status, const std::string& reviewer,
                   const std::string& reviewedOn) {
  Review r;
  if (!parseReviewStatus(status, r.status))
    throw ContentError(path, line, "status must be reviewed, pending or unreviewed, not '" + status + "'");
  if (r.status == ReviewStatus::Reviewed) {
    if (reviewer.empty()) throw ContentError(path, line, "status 'reviewed' needs a reviewer");
    if (!isIsoDate(reviewedOn)) throw ContentError(path, line, "status 'reviewed' needs reviewed-on: YYYY-MM-DD");
  }
  r.reviewer = reviewer;
  r.reviewedOn = reviewedOn;
  return r;
}

void parseSectionHeading(const std::string& path, int lineNo, const std::string& line, Section& s) {
  static const std::regex heading(R"(^## (.+?) \{#([a-z_]+)\}\s*$)");
  std::smatch m;
  if (!std::regex_match(line, m, heading))
    throw ContentError(path, lineNo, "a section heading must look like '## Title {#section_id}'");
  s.title = m[1];
  s.id = m[2];
  s.line = lineNo;
  if (std::find(kSectionIds.begin(), kSectionIds.end(), s.id) == kSectionIds.end())
    throw ContentError(path, lineNo, "unknown section id '" + s.id + "'");
}

// Reads the section's metadata lines (source/status/reviewer/reviewed-on) up to the
// first blank line; returns the index of the first body line.
size_t parseSectionMeta(const std::string& path, const std::vector<std::string>& lines, size_t i, Section& s) {
  std::map<std::string, std::string> meta;
  int statusLine = s.line;
  for (; i < lines.size() && !trim(lines[i]).empty(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    std::string key, value;
    if (!splitKeyValue(lines[i], key, value))
      throw ContentError(path, lineNo, "expected 'source:' and 'status:' lines after the heading, then a blank line");
    if (key != "source" && key != "status" && key != "reviewer" && key != "reviewed-on")
      throw ContentError(path, lineNo, "unknown section field '" + key + "'");
    if (meta.count(key)) throw ContentError(path, lineNo, "duplicate field '" + key + "'");
    if (key == "status") statusLine = lineNo;
    meta[key] = value;
  }
  if (meta["source"].empty()) throw ContentError(path, s.line, "section '" + s.id + "' has no source: line");
  if (meta["status"].empty()) throw ContentError(path, s.line, "section '" + s.id + "' has no status: line");
  s.source = meta["source"];
  s.review = parseReview(path, statusLine, meta["status"], meta["reviewer"], meta["reviewed-on"]);
  return i;
}

std::string joinBody(const std::vector<std::string>& lines, size_t from, size_t to) {
  while (from < to && trim(lines[from]).empty()) ++from;
  while (to > from && trim(lines[to - 1]).empty()) --to;
  std::string body;
  for (size_t i = from; i < to; ++i) {
    body += lines[i];
    body += '\n';
  }
  return body;
}

// Every section in order, except those the front matter leaves to the fallback chain.
void checkSectionOrder(const std::string& path, const Brochure& b, int lastLine) {
  std::vector<std::string> expected;
  for (auto id : kSectionIds)
    if (std::find(b.fallbackSections.begin(), b.fallbackSections.end(), id) == b.fallbackSections.end())
      expected.emplace_back(id);
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i >= b.sections.size())
      throw ContentError(
          path, lastLine,
          "missing section '" + expected[i] + "' (list it under 'fallback:' to show another language's text)");
    if (b.sections[i].id != expected[i]) {
      bool seen = std::any_of(b.sections.begin(), b.sections.begin() + static_cast<long>(i),
                              [&](const Section& s) { return s.id == b.sections[i].id; });
      bool declared =
          std::find(b.fallbackSections.begin(), b.fallbackSections.end(), b.sections[i].id) != b.fallbackSections.end();
      throw ContentError(
          path, b.sections[i].line,
          seen       ? "duplicate section '" + b.sections[i].id + "'"
          : declared ? "section '" + b.sections[i].id + "' is listed under 'fallback:' but also written here"
                     : "section '" + b.sections[i].id + "' is out of order; expected '" + expected[i] + "' here");
    }
  }
  if (b.sections.size() > expected.size())
    throw ContentError(path, b.sections[expected.size()].line, "too many sections");
}

std::vector<std::string> parseFallbackList(const std::string& path, int line, const std::string& value) {
  std::vector<std::string> ids;
  std::stringstream ss(value);
  for (std::string id; std::getline(ss, id, ',');) {
    id = trim(id);
    if (std::find(kSectionIds.begin(), kSectionIds.end(), id) == kSectionIds.end())
      throw ContentError(path, line, "unknown section id '" + id + "' under 'fallback:'");
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
      throw ContentError(path, line, "'" + id + "' is listed twice");
    ids.push_back(id);
  }
  return ids;
}

std::string required(const std::string& path, const FrontMatter& fm, const std::string& key) {
  auto it = fm.values.find(key);
  if (it == fm.values.end()) throw ContentError(path, 1, "front matter lacks '" + key + "'");
  return it->second.first;
}

std::string optional(const FrontMatter& fm, const std::string& key) {
  auto it = fm.values.find(key);
  return it == fm.values.end() ? std::string() : it->second.first;
}

}  // namespace

Brochure parseBrochure(const std::string& path, std::string_view text) {
  std::vector<std::string> lines = splitLines(path, text);
  FrontMatter fm;
  size_t i = parseFrontMatter(path, lines, fm, frontMatterKeys());

  Brochure b;
  b.path = path;
  b.locale = required(path, fm, "locale");
  if (!isValidLocaleId(b.locale))
    throw ContentError(path, fm.values["locale"].second, "'" + b.locale + "' is not a locale id like en or de_AT");
  if (fm.values.count("fallback")) {
    if (b.locale == "en")
      throw ContentError(path, fm.values["fallback"].second,
                         "English is the last fallback: it must have every section");
    b.fallbackSections = parseFallbackList(path, fm.values["fallback"].second, fm.values["fallback"].first);
  }
  b.title = required(path, fm, "title");
  b.subtitle = required(path, fm, "subtitle");
  b.warning = required(path, fm, "warning");
  b.warningSource = required(path, fm, "warning-source");
  b.warningReview = parseReview(path, fm.values.count("warning-status") ? fm.values["warning-status"].second : 1,
                                required(path, fm, "warning-status"), optional(fm, "warning-reviewer"),
                                optional(fm, "warning-reviewed-on"));

  for (; i < lines.size() && lines[i].rfind("## ", 0) != 0; ++i) {
    if (!trim(lines[i]).empty())
      throw ContentError(path, static_cast<int>(i) + 1, "text before the first '## ' section heading");
  }
  while (i < lines.size()) {
    Section s;
    parseSectionHeading(path, static_cast<int>(i) + 1, lines[i], s);
    size_t bodyStart = parseSectionMeta(path, lines, i + 1, s);
    size_t end = bodyStart;
    for (; end < lines.size() && lines[end].rfind("## ", 0) != 0; ++end)
      lintBodyLine(path, static_cast<int>(end) + 1, lines[end]);
    s.body = joinBody(lines, bodyStart, end);
    if (s.body.empty()) throw ContentError(path, s.line, "section '" + s.id + "' has no text");
    if (parseMarkdown(s.body).empty())
      throw ContentError(path, s.line, "section '" + s.id + "' has no readable blocks");
    b.sections.push_back(std::move(s));
    i = end;
  }
  checkSectionOrder(path, b, static_cast<int>(lines.size()));
  return b;
}

namespace {

// Front matter of a counselling file: locale and review of the whole file.
CounsellingSet parseCounsellingFrontMatter(const std::string& path, const std::vector<std::string>& lines, size_t& i) {
  FrontMatter fm;
  i = parseFrontMatter(path, lines, fm, {"locale", "status", "reviewer", "reviewed-on"});
  CounsellingSet set;
  set.path = path;
  set.locale = required(path, fm, "locale");
  if (!isValidLocaleId(set.locale))
    throw ContentError(path, fm.values["locale"].second, "'" + set.locale + "' is not a locale id like en or de_AT");
  set.review = parseReview(path, fm.values.count("status") ? fm.values["status"].second : 1,
                           required(path, fm, "status"), optional(fm, "reviewer"), optional(fm, "reviewed-on"));
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

void parseBrochureAnchor(const std::string& path, int line, const std::string& value, CounsellingPoint& p) {
  static const std::regex anchor(R"(^([a-z_]+)(#([1-9][0-9]?))?$)");
  std::smatch m;
  if (!std::regex_match(value, m, anchor))
    throw ContentError(path, line, "brochure: expects a section id, optionally with '#N' for its Nth '###' heading");
  p.brochureSection = m[1];
  if (std::find(kSectionIds.begin(), kSectionIds.end(), p.brochureSection) == kSectionIds.end())
    throw ContentError(path, line, "unknown section id '" + p.brochureSection + "'");
  p.brochureHeading = m[3].matched ? std::stoi(m[3]) : 0;
}

// Reads for:/brochure:/source: (English only) up to the blank line before the text.
size_t parsePointMeta(const std::string& path, const std::vector<std::string>& lines, size_t i, bool english,
                      CounsellingPoint& p) {
  for (; i < lines.size() && !trim(lines[i]).empty(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    std::string key, value;
    if (!splitKeyValue(lines[i], key, value) || (key != "for" && key != "brochure" && key != "source"))
      throw ContentError(path, lineNo,
                         "expected 'for:', 'brochure:' or 'source:' after the heading, then a blank line");
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
  static const std::regex heading(R"(^## (.+?) \{#([a-z_]+)\}\s*$)");
  while (i < lines.size()) {
    CounsellingPoint p;
    p.line = static_cast<int>(i) + 1;
    std::smatch m;
    if (!std::regex_match(lines[i], m, heading))
      throw ContentError(path, p.line, "a point heading must look like '## Title {#point_id}'");
    p.title = m[1];
    p.id = m[2];
    for (const auto& q : set.points)
      if (q.id == p.id) throw ContentError(path, p.line, "duplicate point '" + p.id + "'");
    size_t bodyStart = parsePointMeta(path, lines, i + 1, english, p);
    size_t end = bodyStart;
    for (; end < lines.size() && lines[end].rfind("## ", 0) != 0; ++end) {
      if (lines[end].rfind("#", 0) == 0 || lines[end].rfind("- ", 0) == 0 || lines[end].rfind(">", 0) == 0)
        throw ContentError(path, static_cast<int>(end) + 1,
                           "a counselling point is plain sentences: no headings, lists or quotes");
      lintBodyLine(path, static_cast<int>(end) + 1, lines[end]);
    }
    p.body = trim(joinBody(lines, bodyStart, end));
    while (!p.body.empty() && p.body.back() == '\n') p.body.pop_back();
    if (p.body.empty()) throw ContentError(path, p.line, "point '" + p.id + "' has no text");
    set.points.push_back(std::move(p));
    i = end;
  }
  if (set.points.empty()) throw ContentError(path, static_cast<int>(lines.size()), "no counselling points");
  return set;
}

namespace {

// Section bodies' '###' headings, counted so a point can point at one.
int subheadingCount(const Section& s) {
  int n = 0;
  std::istringstream in(s.body);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("### ", 0) == 0) ++n;
  return n;
}

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
    if (numbersIn(e.title + "\n" + e.body) != numbersIn(p.title + "\n" + p.body))
      throw ContentError(t.path, p.line, "point '" + p.id + "' has different numbers from English");
    p.categories = e.categories;
    p.brochureSection = e.brochureSection;
    p.brochureHeading = e.brochureHeading;
    p.source = e.source;
  }
}

// Anchors must exist in the English brochure and in every translation of it.
void checkAnchors(const Medicine& med, const CounsellingSet& english) {
  for (const auto& p : english.points) {
    if (!p.brochureHeading) continue;
    for (const auto& b : med.brochures) {
      const Section* s = b.section(p.brochureSection);
      if (s && subheadingCount(*s) < p.brochureHeading)
        throw ContentError(b.path, s->line,
                           "section '" + s->id + "' has fewer '###' headings than counselling point '" + p.id +
                               "' refers to (" + std::to_string(p.brochureHeading) + ")");
    }
  }
}

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
  for (size_t k = 1; k < med.counselling.size(); ++k) completeTranslation(med.counselling[0], med.counselling[k]);
  checkAnchors(med, med.counselling[0]);
}

}  // namespace

namespace {
struct IniState {
  Medicine medicine;
  std::string error;
  std::set<std::string> seen;
};

int iniHandler(void* user, const char* section, const char* name, const char* value) {
  auto* st = static_cast<IniState*>(user);
  std::string sec = section, key = name, val = value;
  if (!st->seen.insert(sec + "." + key).second) {
    st->error = "duplicate key '" + key + "' in [" + sec + "]";
    return 0;
  }
  if (sec == "medicine") {
    if (key == "id")
      st->medicine.id = val;
    else if (key == "name")
      st->medicine.name = unicode::toNfc(val);
    else if (key == "brand")
      st->medicine.brand = unicode::toNfc(val);
    else if (key == "order") {
      try {
        st->medicine.order = std::stoi(val);
      } catch (...) {
        st->error = "order must be a whole number";
        return 0;
      }
    } else {
      st->error = "unknown key '" + key + "' in [medicine]";
      return 0;
    }
    return 1;
  }
  if (sec == "links") {
    if (!isValidLocaleId(key)) {
      st->error = "'" + key + "' is not a locale id";
      return 0;
    }
    if (val.rfind("https://", 0) != 0) {
      st->error = "links must start with https://";
      return 0;
    }
    st->medicine.links[key] = val;
    return 1;
  }
  st->error = "unknown section [" + sec + "]";
  return 0;
}
}  // namespace

Medicine parseMedicineIni(const std::string& path, std::string_view text) {
  if (auto bad = unicode::firstInvalidUtf8(text)) throw ContentError(path, 1, "invalid UTF-8");
  IniState st;
  std::string owned(text);
  int rc = ini_parse_string(owned.c_str(), iniHandler, &st);
  if (rc != 0) throw ContentError(path, rc, st.error.empty() ? "malformed line" : st.error);
  static const std::regex idRe("^[a-z][a-z0-9_]*$");
  if (!std::regex_match(st.medicine.id, idRe))
    throw ContentError(path, 1, "[medicine] id must be lower-case letters, digits and _");
  if (st.medicine.name.empty()) throw ContentError(path, 1, "[medicine] needs a name");
  if (!st.medicine.links.count("en")) throw ContentError(path, 1, "[links] needs an 'en' address");
  return st.medicine;
}

std::vector<MemberState> parseMemberStates(const std::string& path, std::string_view text) {
  std::vector<std::string> lines = splitLines(path, text);
  std::vector<MemberState> states;
  bool header = false;
  std::set<std::string> codes;
  for (size_t i = 0; i < lines.size(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    const std::string& line = lines[i];
    if (trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(trim(col));
    if (!header) {
      if (cols.size() < 6 || cols[0] != "code")
        throw ContentError(
            path, lineNo,
            "expected the header line 'code<TAB>name<TAB>locales<TAB>scripts<TAB>reporting_authority<TAB>website'");
      header = true;
      continue;
    }
    if (cols.size() != 6)
      throw ContentError(path, lineNo, "expected 6 tab-separated columns, found " + std::to_string(cols.size()));
    MemberState st;
    st.code = cols[0];
    static const std::regex codeRe("^[A-Z]{2}$");
    if (!std::regex_match(st.code, codeRe))
      throw ContentError(path, lineNo, "'" + st.code + "' is not an ISO 3166 code");
    if (!codes.insert(st.code).second) throw ContentError(path, lineNo, "duplicate country " + st.code);
    st.name = cols[1];
    std::stringstream ls(cols[2]);
    for (std::string loc; std::getline(ls, loc, ',');) {
      loc = trim(loc);
      if (!isValidLocaleId(loc)) throw ContentError(path, lineNo, "'" + loc + "' is not a locale id");
      st.locales.push_back(loc);
    }
    if (st.locales.empty()) throw ContentError(path, lineNo, "no locales for " + st.code);
    st.authority = cols[4];
    st.website = cols[5];
    if (st.authority.empty() || st.website.empty())
      throw ContentError(path, lineNo, "reporting authority and website are required");
    states.push_back(std::move(st));
  }
  if (!header) throw ContentError(path, 1, "no header line");
  return states;
}

std::vector<LocalAuthority> parseLocalAuthorities(const std::string& path, std::string_view text,
                                                  const std::vector<MemberState>& states) {
  std::vector<LocalAuthority> out;
  bool header = false;
  std::vector<std::string> lines = splitLines(path, text);
  for (size_t i = 0; i < lines.size(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    if (trim(lines[i]).empty() || lines[i][0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(lines[i]);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(trim(col));
    if (!header) {
      if (cols.size() != 4 || cols[0] != "code")
        throw ContentError(path, lineNo,
                           "expected the header line 'code<TAB>locale<TAB>reporting_authority<TAB>website'");
      header = true;
      continue;
    }
    if (cols.size() != 4) throw ContentError(path, lineNo, "expected 4 tab-separated columns");
    auto st = std::find_if(states.begin(), states.end(), [&](const MemberState& s) { return s.code == cols[0]; });
    if (st == states.end()) throw ContentError(path, lineNo, "unknown member state '" + cols[0] + "'");
    if (std::find(st->locales.begin(), st->locales.end(), cols[1]) == st->locales.end())
      throw ContentError(path, lineNo, "'" + cols[1] + "' is not a language of " + cols[0] + " in member-states.tsv");
    if (cols[2].empty() || cols[3].empty()) throw ContentError(path, lineNo, "authority and website are required");
    out.push_back({cols[0], cols[1], cols[2], cols[3]});
  }
  return out;
}

ContentSource loadContentSource(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw ContentError(dir.string(), 0, "not a directory");
  ContentSource src;
  fs::path statesPath = dir / "member-states.tsv";
  if (!fs::exists(statesPath))
    throw ContentError(statesPath.string(), 0, "missing: the member states table is required");
  src.memberStates = parseMemberStates(statesPath.string(), readFile(statesPath));
  fs::path localPath = dir / "member-state-authorities.tsv";
  if (fs::exists(localPath))
    src.localAuthorities = parseLocalAuthorities(localPath.string(), readFile(localPath), src.memberStates);

  std::vector<fs::path> medicineDirs;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_directory()) medicineDirs.push_back(entry.path());
  std::sort(medicineDirs.begin(), medicineDirs.end());
  for (const auto& mdir : medicineDirs) {
    fs::path ini = mdir / "medicine.ini";
    if (!fs::exists(ini)) throw ContentError(ini.string(), 0, "missing: every medicine folder needs medicine.ini");
    Medicine med = parseMedicineIni(ini.string(), readFile(ini));
    if (med.id != mdir.filename().string())
      throw ContentError(ini.string(), 1, "id '" + med.id + "' does not match the folder name");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(mdir))
      if (entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      Brochure b = parseBrochure(f.string(), readFile(f));
      b.medicine = med.id;
      if (b.locale != f.stem().string())
        throw ContentError(f.string(), 2, "locale '" + b.locale + "' does not match the file name");
      med.brochures.push_back(std::move(b));
    }
    auto english =
        std::find_if(med.brochures.begin(), med.brochures.end(), [](const Brochure& b) { return b.locale == "en"; });
    if (english == med.brochures.end())
      throw ContentError((mdir / "en.md").string(), 0, "missing: English is the base every locale falls back to");
    for (const auto& b : med.brochures) {
      if (&b == &*english) continue;
      auto problems = checkNumbersMatch(*english, b);
      if (!problems.empty()) throw ContentError(problems[0].file, problems[0].line, problems[0].message);
    }
    loadCounselling(mdir / "counselling", med);
    src.medicines.push_back(std::move(med));
  }
  if (src.medicines.empty()) throw ContentError(dir.string(), 0, "no medicine folders");
  std::sort(src.medicines.begin(), src.medicines.end(), [](const Medicine& a, const Medicine& b) {
    return a.order < b.order || (a.order == b.order && a.id < b.id);
  });
  return src;
}

}  // namespace mk
