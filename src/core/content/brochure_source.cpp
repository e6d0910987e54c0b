// content/<medicine>/<locale>.md: a brochure, its front matter and its sections.
#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "core/content/content_source.h"
#include "core/content/markdown.h"
#include "core/content/source_text.h"
#include "core/i18n/locale_id.h"

namespace mk {

using namespace source_text;  // the shared parsing helpers of the content sources

namespace {
const std::regex kSectionHeading(R"(^## (.+?) \{#([a-z_]+)\}\s*$)");

// Review status is no longer written in the sources (reviews/<locale>.tsv holds the
// records); the old keys are refused with that advice.
const std::set<std::string> kRemovedReviewKeys = {"status",         "reviewer",         "reviewed-on",
                                                  "warning-status", "warning-reviewer", "warning-reviewed-on"};

std::set<std::string> frontMatterKeys() {
  std::set<std::string> keys = {"locale", "title", "subtitle", "warning", "warning-source", "fallback"};
  keys.insert(kRemovedReviewKeys.begin(), kRemovedReviewKeys.end());  // refused below, with advice
  return keys;
}

void refuseReviewKeys(const std::string& path, int lineNo, const std::string& key) {
  if (kRemovedReviewKeys.count(key))
    throw ContentError(path, lineNo,
                       "'" + key +
                           ":' is no longer used: reviews are recorded in reviews/<locale>.tsv with "
                           "'medkiosk-content review sign' (see content/README.md)");
}

void parseSectionHeading(const std::string& path, int lineNo, const std::string& line, Section& s) {
  std::smatch m;
  if (!std::regex_match(line, m, kSectionHeading))
    throw ContentError(path, lineNo, "a section heading must look like '## Title {#section_id}'");
  s.title = m[1];
  s.id = m[2];
  s.line = lineNo;
  if (std::find(kSectionIds.begin(), kSectionIds.end(), s.id) == kSectionIds.end())
    throw ContentError(path, lineNo, "unknown section id '" + s.id + "'");
}

// Reads the section's 'source:' line up to the first blank line; returns the index of
// the first body line.
size_t parseSectionMeta(const std::string& path, const std::vector<std::string>& lines, size_t i, Section& s) {
  for (; i < lines.size() && !trim(lines[i]).empty(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    std::string key, value;
    if (!splitKeyValue(lines[i], key, value))
      throw ContentError(path, lineNo, "expected a 'source:' line after the heading, then a blank line");
    refuseReviewKeys(path, lineNo, key);
    if (key != "source") throw ContentError(path, lineNo, "unknown section field '" + key + "'");
    if (!s.source.empty()) throw ContentError(path, lineNo, "duplicate field '" + key + "'");
    s.source = value;
  }
  if (s.source.empty()) throw ContentError(path, s.line, "section '" + s.id + "' has no source: line");
  return i;
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

}  // namespace

Brochure parseBrochure(const std::string& path, std::string_view text) {
  std::vector<std::string> lines = splitLines(path, text);
  FrontMatter fm;
  size_t i = parseFrontMatter(path, lines, fm, frontMatterKeys());
  for (const auto& [key, value] : fm.values) refuseReviewKeys(path, value.second, key);

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

}  // namespace mk
