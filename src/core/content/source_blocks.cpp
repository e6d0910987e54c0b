// Brochure and counselling sources cut into translatable blocks (source_blocks.h).
// The cut follows the CommonMark rules the content uses (content/README.md): a blank
// line ends a block, a '- ' item, a '### ' heading or a '>' quote starts one, and a
// plain line after a paragraph, item or quote continues it (a lazy continuation).
// xliff_units.cpp checks the result against md4c's own blocks, section by section.
#include "core/content/source_blocks.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/content/content_source.h"

namespace mk::source_blocks {
namespace {
const std::regex kHeading(R"(^## (.+?)( \{#([a-z_]+)\}\s*)$)");

std::string_view withoutCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

std::string trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

std::vector<std::string> splitRaw(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', start)) {
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  lines.emplace_back(text.substr(start));
  return lines;
}

// The block structure one line shows: inside a quote or not, a list or heading
// marker, and where its text begins.
struct LineShape {
  bool quote = false;
  std::string marker;  // "", "-" or "###"
  size_t textStart = 0;
  bool blank = false;  // nothing after the markers
};

LineShape shapeOf(std::string_view line) {
  LineShape s;
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;  // CommonMark allows 3 spaces of indentation
  if (i < line.size() && line[i] == '>') {
    s.quote = true;
    ++i;
    if (i < line.size() && line[i] == ' ') ++i;
  }
  std::string_view rest = line.substr(i);
  if (rest.rfind("### ", 0) == 0) {
    s.marker = "###";
    i += 4;
  } else if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ') {
    s.marker = "-";
    i += 2;
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  s.textStart = i;
  s.blank = isBlank(line.substr(i));
  return s;
}

// Whether `next` continues the paragraph or list item begun by a line of shape `first`.
bool continues(const LineShape& first, const LineShape& next) {
  if (first.marker == "###" || next.blank || !next.marker.empty()) return false;
  return first.quote || !next.quote;  // a quote interrupts a paragraph; a plain line continues a quote
}

// Lines [from, to) of a section's or point's body, as blocks "<group>/1", "<group>/2"...
void cutBody(SourceFile& f, const std::string& group, size_t from, size_t to) {
  int n = 0;
  size_t i = from;
  while (i < to) {
    std::string_view line = withoutCr(f.lines[i]);
    LineShape shape = shapeOf(line);
    if (shape.blank) {
      ++i;
      continue;
    }
    TextBlock b;
    b.group = group;
    b.key = group + "/" + std::to_string(++n);
    b.marker = shape.quote ? (shape.marker.empty() ? ">" : "> " + shape.marker) : shape.marker;
    b.prefix = std::string(line.substr(0, shape.textStart));
    b.text = trimmed(line.substr(shape.textStart));
    b.first = i++;
    for (; i < to; ++i) {
      std::string_view next = withoutCr(f.lines[i]);
      LineShape nextShape = shapeOf(next);
      if (!continues(shape, nextShape)) break;
      b.text += ' ';
      b.text += trimmed(next.substr(nextShape.textStart));
    }
    b.end = i;
    f.blocks.push_back(std::move(b));
  }
}

// The front matter's translatable values ("title: ..."); returns the line after it.
size_t cutFrontMatter(SourceFile& f, const std::set<std::string>& keys) {
  if (f.lines.empty() || withoutCr(f.lines[0]) != "---")
    throw ContentError(f.path, 1, "expected front matter starting with a line '---'");
  for (size_t i = 1; i < f.lines.size(); ++i) {
    std::string_view line = withoutCr(f.lines[i]);
    if (line == "---") return i + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !keys.count(trimmed(line.substr(0, colon)))) continue;
    size_t start = line.find_first_not_of(" \t", colon + 1);
    if (start == std::string_view::npos) continue;
    TextBlock b;
    b.key = trimmed(line.substr(0, colon));
    b.marker = "key";
    b.prefix = std::string(line.substr(0, start));
    b.text = trimmed(line.substr(start));
    b.first = i;
    b.end = i + 1;
    f.blocks.push_back(std::move(b));
  }
  throw ContentError(f.path, static_cast<int>(f.lines.size()), "front matter is not closed by '---'");
}

// The 'key: value' lines under a heading (source:, for:, ask:...) up to the blank line;
// those of `keys` are text to translate, blocks "<group>/<key>". Returns the line after.
size_t cutMeta(SourceFile& f, const std::string& group, size_t i, const std::set<std::string>& keys) {
  for (; i < f.lines.size() && !isBlank(f.lines[i]); ++i) {
    std::string_view line = withoutCr(f.lines[i]);
    size_t colon = line.find(':');
    std::string key = colon == std::string_view::npos ? std::string() : trimmed(line.substr(0, colon));
    size_t start = colon == std::string_view::npos ? colon : line.find_first_not_of(" \t", colon + 1);
    if (!keys.count(key) || start == std::string_view::npos) continue;
    TextBlock b;
    b.group = group;
    b.key = group + '/';
    b.key += key;
    b.marker = "key";
    b.prefix = std::string(line.substr(0, start));
    b.text = trimmed(line.substr(start));
    b.first = i;
    b.end = i + 1;
    f.blocks.push_back(std::move(b));
  }
  return i;
}

SourceFile splitFile(const std::string& path, std::string_view text, const std::set<std::string>& frontMatterKeys,
                     const std::set<std::string>& metaKeys) {
  SourceFile f;
  f.path = path;
  f.lines = splitRaw(text);
  size_t i = cutFrontMatter(f, frontMatterKeys);
  while (i < f.lines.size() && withoutCr(f.lines[i]).rfind("## ", 0) != 0) ++i;
  while (i < f.lines.size()) {
    std::string line(withoutCr(f.lines[i]));
    std::smatch m;
    if (!std::regex_match(line, m, kHeading))
      throw ContentError(path, static_cast<int>(i) + 1, "a heading must look like '## Title {#id}'");
    TextBlock title;
    title.group = m[3];
    title.key = title.group + "/title";
    title.marker = "##";
    title.prefix = "## ";
    title.text = m[1];
    title.suffix = m[2];
    title.first = i;
    title.end = i + 1;
    f.blocks.push_back(std::move(title));
    size_t body = cutMeta(f, m[3], i + 1, metaKeys);
    size_t end = body;
    while (end < f.lines.size() && withoutCr(f.lines[end]).rfind("## ", 0) != 0) ++end;
    cutBody(f, m[3], body, end);
    i = end;
  }
  return f;
}

}  // namespace

const TextBlock* SourceFile::block(std::string_view key) const {
  auto it = std::find_if(blocks.begin(), blocks.end(), [&](const TextBlock& b) { return b.key == key; });
  return it == blocks.end() ? nullptr : &*it;
}

SourceFile splitBrochure(const std::string& path, std::string_view text) {
  return splitFile(path, text, {"title", "subtitle", "warning"}, {});
}

// A point's 'ask:' line is what the nurse asks, in the locale's words.
SourceFile splitCounselling(const std::string& path, std::string_view text) {
  return splitFile(path, text, {}, {"ask"});
}

std::string replaceBlocks(const SourceFile& file, const std::map<std::string, std::string>& texts) {
  std::vector<std::string> out;
  size_t i = 0;
  for (const auto& b : file.blocks) {
    auto it = texts.find(b.key);
    if (it == texts.end()) continue;
    for (; i < b.first; ++i) out.push_back(file.lines[i]);
    bool cr = !file.lines[b.first].empty() && file.lines[b.first].back() == '\r';
    out.push_back(b.prefix + it->second + b.suffix + (cr ? "\r" : ""));
    i = b.end;
  }
  for (; i < file.lines.size(); ++i) out.push_back(file.lines[i]);
  std::string text;
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) text += '\n';
    text += out[k];
  }
  return text;
}

}  // namespace mk::source_blocks
