// The content source as a whole (loadContentSource) and the text helpers every
// source parser shares (source_text.h). The parsers of each file kind are in
// brochure_source.cpp, counselling_source.cpp and medicine_source.cpp.
#include "core/content/content_source.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/base/unicode_text.h"
#include "core/content/content_checks.h"
#include "core/content/figure_source.h"
#include "core/content/source_text.h"

namespace mk {

namespace {

const std::regex kNestedItem("^ {1,3}[-*+] ");

const std::regex kOrderedItem("^ {0,3}[0-9]+[.)] ");

}  // namespace
namespace fs = std::filesystem;

ContentError::ContentError(std::string file, int line, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + message), file_(std::move(file)), line_(line) {}

namespace source_text {

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

void lintBodyLine(const std::string& path, int lineNo, const std::string& line) {
  auto fail = [&](const std::string& why) { throw ContentError(path, lineNo, why); };
  if (line.rfind("# ", 0) == 0) fail("a level-1 heading is not allowed inside a section (use ###)");
  if (line.rfind("####", 0) == 0) fail("only ### subheadings are allowed inside a section");
  if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) fail("code blocks are not allowed");
  if (line.rfind("    ", 0) == 0 || line.rfind('\t', 0) == 0)
    fail("indented lines (code blocks or nested lists) are not allowed");
  if (!line.empty() && line[0] == '<') fail("HTML is not allowed");
  if (!line.empty() && line[0] == '|') fail("tables are not allowed");
  if (std::regex_search(line, kOrderedItem)) fail("numbered lists are not supported; use '- ' bullets");
  if (line.find("![") != std::string::npos) fail("images are not allowed");
  if (line.find("](") != std::string::npos) fail("links are not allowed; write the address as text");
  if (std::regex_search(line, kNestedItem)) fail("nested lists are not allowed");
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

std::string required(const std::string& path, const FrontMatter& fm, const std::string& key) {
  auto it = fm.values.find(key);
  if (it == fm.values.end()) throw ContentError(path, 1, "front matter lacks '" + key + "'");
  return it->second.first;
}

}  // namespace source_text

using source_text::loadCounselling;
using source_text::loadReviews;
using source_text::readFile;

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
    checkFigures(med, ini.string());
    loadReviews(mdir / "reviews", med);
    src.medicines.push_back(std::move(med));
  }
  if (src.medicines.empty()) throw ContentError(dir.string(), 0, "no medicine folders");
  std::sort(src.medicines.begin(), src.medicines.end(), [](const Medicine& a, const Medicine& b) {
    return a.order < b.order || (a.order == b.order && a.id < b.id);
  });
  return src;
}

}  // namespace mk
