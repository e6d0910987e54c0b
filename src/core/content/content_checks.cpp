#include "core/content/content_checks.h"

#include <fontconfig/fontconfig.h>
#include <algorithm>
#include <map>
#include <set>

#include "core/base/unicode_text.h"

namespace mk {

std::string ContentProblem::text() const { return file + ":" + std::to_string(line) + ": " + message; }

std::vector<std::string> numbersIn(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

namespace {

std::string describeDifference(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::map<std::string, int> count;
  for (const auto& n : want) ++count[n];
  for (const auto& n : got) --count[n];
  std::string missing, extra;
  for (const auto& [n, c] : count) {
    for (int i = 0; i < c; ++i) missing += (missing.empty() ? "" : ", ") + n;
    for (int i = 0; i < -c; ++i) extra += (extra.empty() ? "" : ", ") + n;
  }
  std::string msg;
  if (!missing.empty()) msg += "missing " + missing;
  if (!extra.empty()) msg += std::string(msg.empty() ? "" : "; ") + "not in English " + extra;
  return msg;
}

bool sameNumbers(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

std::string numbersDifference(std::string_view english, std::string_view translation) {
  auto want = numbersIn(english), got = numbersIn(translation);
  return sameNumbers(want, got) ? std::string() : describeDifference(want, got);
}

std::vector<ContentProblem> checkNumbersMatch(const Brochure& english, const Brochure& translation) {
  std::vector<ContentProblem> problems;
  auto compare = [&](const std::string& what, int line, const std::string& en, const std::string& tr) {
    auto want = numbersIn(en), got = numbersIn(tr);
    if (!sameNumbers(want, got))
      problems.push_back({translation.path, line,
                          what + ": the numbers differ from the English text (" + describeDifference(want, got) +
                              "); a translation must never change a dose, a duration or a count"});
  };
  compare("the warning", 1, english.warning, translation.warning);
  for (const auto& s : translation.sections) {
    const Section* en = english.section(s.id);
    if (!en) continue;
    compare("section '" + s.id + "'", s.line, en->title + "\n" + en->body, s.title + "\n" + s.body);
  }
  return problems;
}

std::vector<ContentProblem> checkNfc(const Brochure& b) {
  std::vector<ContentProblem> problems;
  for (const auto& s : b.sections)
    if (!unicode::isNfc(s.title) || !unicode::isNfc(s.body))
      problems.push_back({b.path, s.line, "section '" + s.id + "' is not in Unicode NFC"});
  for (const std::string* t : {&b.title, &b.subtitle, &b.warning})
    if (!unicode::isNfc(*t)) problems.push_back({b.path, 1, "front matter is not in Unicode NFC"});
  return problems;
}

std::u32string charactersWithoutGlyph(const std::filesystem::path& fontPath, const std::vector<std::string>& texts) {
  std::u32string missing;
  FcBlanks* blanks = nullptr;
  int count = 0;
  FcPattern* pattern = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(fontPath.c_str()), 0, blanks, &count);
  if (!pattern) return U"\uFFFD";  // the font itself is unreadable
  FcCharSet* charset = nullptr;
  if (FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) != FcResultMatch) {
    FcPatternDestroy(pattern);
    return U"\uFFFD";
  }
  std::set<char32_t> seen;
  for (const auto& t : texts) {
    std::size_t pos = 0;
    while (pos < t.size()) {
      char32_t c = unicode::nextCodePoint(t, pos);
      if (c < 0x20 || c == 0xAD || !seen.insert(c).second) continue;
      if (!FcCharSetHasChar(charset, c)) missing.push_back(c);
    }
  }
  FcPatternDestroy(pattern);
  return missing;
}

}  // namespace mk
