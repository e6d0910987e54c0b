// XLIFF import (xliff.h): every unit is checked against the sources, then every file
// as it would be written is parsed again, before anything is written.
#include <regex>
#include <set>
#include <stdexcept>

#include "core/base/files.h"
#include "core/base/unicode_text.h"
#include "core/content/content_checks.h"
#include "core/content/content_source.h"
#include "core/content/xliff.h"
#include "core/content/xliff_exchange.h"
#include "core/i18n/locale_id.h"

namespace mk {
namespace {
// What Markdown reads as the start of another block: a list item, a heading, a quote,
// a numbered item, a rule or a setext underline.
const std::regex kBlockMarker(R"(^([-*+](\s|$)|#{1,6}(\s|$)|>|[0-9]+[.)](\s|$)|(-{3,}|={3,}|_{3,})\s*$))");

using source_blocks::SourceFile;
using source_blocks::TextBlock;
using xliff_exchange::ExchangeSet;
using xliff_exchange::ExchangeUnit;
using xliff_exchange::XliffIn;
using xliff_exchange::XliffUnitIn;

std::string clean(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return unicode::toNfc(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// XLIFF names languages as BCP 47 tags (de-AT), ICU as locale ids (de_AT).
std::string localeId(std::string tag) {
  for (char& c : tag)
    if (c == '-') c = '_';
  return tag;
}

std::string resolveLocale(const XliffIn& in, const std::string& path, const std::string& asked) {
  std::string named;
  int line = in.rootLine;
  for (const auto& f : in.files) {
    std::string source = localeId(f.sourceLanguage);
    if (source != "en" && source.rfind("en_", 0) != 0)
      throw ContentError(path, f.line, "source-language '" + f.sourceLanguage + "' is not English");
    if (f.targetLanguage.empty()) continue;
    if (!named.empty() && localeId(f.targetLanguage) != named)
      throw ContentError(path, f.line,
                         "target-language '" + f.targetLanguage + "' differs from '" + named +
                             "' of an earlier <file>: one XLIFF file holds one locale");
    named = localeId(f.targetLanguage);
    line = f.line;
  }
  if (!asked.empty() && !named.empty() && asked != named)
    throw ContentError(path, line, "target-language '" + named + "' is not the locale asked for ('" + asked + "')");
  std::string locale = asked.empty() ? named : asked;
  if (locale.empty())
    throw ContentError(path, in.rootLine, "the file names no target-language (po2xliff leaves it out): give --locale");
  if (!isValidLocaleId(locale)) throw ContentError(path, line, "'" + locale + "' is not a locale id like de or de_AT");
  return locale;
}

// What Markdown reads as the start of another block: a list item, a heading, a quote,
// a numbered item, a rule or a setext underline.
const std::regex& blockMarker() { return kBlockMarker; }

// A unit in one of these states, or approved, says its target is there to be used.
bool promisesTarget(const XliffUnitIn& u) {
  return u.approved || u.state == "translated" || u.state == "final" || u.state == "signed-off" ||
         u.state.rfind("needs-review", 0) == 0;
}

class Plan {
 public:
  Plan(const ExchangeSet& set, std::string path)
      : set_(set), path_(std::move(path)), texts_(set.files.size()), lines_(set.files.size()) {
    result_.locale = set.locale;
  }

  void take(const XliffUnitIn& u) {
    ++result_.units;
    if (!seen_.insert(u.id).second) fail(u.line, "unit '" + u.id + "' appears twice");
    const ExchangeUnit* e = set_.unit(u.id);
    if (!e) fail(u.line, "unknown unit id '" + u.id + "': no block of the English sources has it");
    std::string target = clean(u.target);
    if (target.empty()) {
      if (promisesTarget(u))
        fail(u.line,
             "unit '" + u.id + "' is " + (u.state.empty() ? "approved" : "'" + u.state + "'") + " but has no target");
      ++result_.untranslated;
      return;
    }
    if (clean(u.source) != e->english)
      fail(u.line, "unit '" + u.id + "': its source is no longer the English text (it changed after the export); " +
                       "export again and translate the current text");
    if (target.find('\n') != std::string::npos || target.find('\r') != std::string::npos)
      fail(u.line, "unit '" + u.id + "': the target has a line break; a unit is one block (a title, paragraph, " +
                       "list item or heading)");
    if (std::regex_search(target, blockMarker()))
      fail(u.line, "unit '" + u.id + "': the target starts like a Markdown list, heading or quote; a unit's text " +
                       "has no block marker (the block keeps its own)");
    std::string numbers = numbersDifference(e->english, target);
    if (!numbers.empty())
      fail(u.line, "unit '" + u.id + "': the numbers differ from the English text (" + numbers +
                       "); a translation must never change a dose, a duration or a count");
    if (!e->present) fail(u.line, "unit '" + u.id + "': " + e->absentReason);
    if (!promisesTarget(u)) ++result_.unconfirmed;
    if (target == e->text) return;
    texts_[e->file][e->key] = target;
    lines_[e->file][e->key] = u.line;
    ++result_.changed;
  }

  // The file as it would be written: parsed again, with the same blocks and the new texts.
  void verify(size_t index) {
    const auto& f = set_.files[index];
    if (texts_[index].empty()) return;
    std::string text = source_blocks::replaceBlocks(f.source, texts_[index]);
    try {
      SourceFile again = f.counselling ? source_blocks::splitCounselling(f.source.path, text)
                                       : source_blocks::splitBrochure(f.source.path, text);
      if (f.counselling) {
        parseCounselling(f.source.path, text);
      } else {
        // The build's own number check, section by section, behind the one per unit.
        auto problems = checkNumbersMatch(f.english, xliff_exchange::checkBlocksAgainstMarkdown(again, text));
        if (!problems.empty()) throw ContentError(problems[0].file, problems[0].line, problems[0].message);
      }
      for (const TextBlock& b : f.source.blocks) {
        const TextBlock* now = again.block(b.key);
        auto changed = texts_[index].find(b.key);
        const std::string& want = changed == texts_[index].end() ? b.text : changed->second;
        if (!now || now->marker != b.marker || now->text != want || again.blocks.size() != f.source.blocks.size())
          throw ContentError(f.source.path, newLine(index, b.key),
                             "the new text changes the Markdown structure of block '" + b.key + "'");
      }
    } catch (const ContentError& e) {
      blame(index, e);
    }
    result_.files[f.source.path] = text;
  }

  XliffImport result() const { return result_; }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const { throw ContentError(path_, line, message); }

  // 1-based line of a block in the file as it would be written: each replaced block
  // before it has become one line.
  int newLine(size_t index, const std::string& key) const {
    const SourceFile& f = set_.files[index].source;
    size_t shift = 0;
    for (const TextBlock& b : f.blocks) {
      if (b.key == key) return static_cast<int>(b.first - shift) + 1;
      if (texts_[index].count(b.key)) shift += b.end - b.first - 1;
    }
    return 0;
  }

  // Names the changed unit at (or last before) the line a source error names; for an
  // error at a section's or point's heading, a changed unit of that section or point.
  [[noreturn]] void blame(size_t index, const ContentError& e) const {
    const std::string* culprit = &lines_[index].begin()->first;  // verify() runs only with changes
    int best = 0;
    std::string group;
    for (const TextBlock& b : set_.files[index].source.blocks)
      if (b.marker == "##" && newLine(index, b.key) == e.line()) group = b.group;
    for (const auto& [key, unitLine] : lines_[index]) {
      int at = newLine(index, key);
      bool inGroup = !group.empty() && key.rfind(group + "/", 0) == 0;
      if (inGroup || (group.empty() && at <= e.line() && at > best)) {
        culprit = &key;
        best = at;
        if (inGroup) break;
      }
    }
    const ExchangeUnit* u = nullptr;
    for (const auto& unit : set_.units)
      if (unit.file == index && unit.present && unit.key == *culprit) u = &unit;
    fail(lines_[index].at(*culprit),
         "unit '" + (u ? u->id : *culprit) + "': the source file would be refused: " + std::string(e.what()));
  }

  const ExchangeSet& set_;
  std::string path_;
  XliffImport result_;
  std::vector<std::map<std::string, std::string>> texts_;  // per file: block key -> new text
  std::vector<std::map<std::string, int>> lines_;          // per file: block key -> its unit's XLIFF line
  std::set<std::string> seen_;
};

}  // namespace

XliffImport planXliffImport(const std::filesystem::path& contentDir, const std::filesystem::path& xliffPath,
                            const std::string& locale) {
  XliffIn in = xliff_exchange::readXliff(xliffPath);
  ExchangeSet set = xliff_exchange::loadExchange(contentDir, resolveLocale(in, xliffPath.string(), locale));
  Plan plan(set, xliffPath.string());
  for (const XliffUnitIn& u : in.units) plan.take(u);
  for (size_t i = 0; i < set.files.size(); ++i) plan.verify(i);
  return plan.result();
}

void writeXliffImport(const XliffImport& import) {
  std::string written;
  for (const auto& [path, text] : import.files) {
    std::error_code ec;
    auto perms = std::filesystem::status(path, ec).permissions();
    auto mode = ec ? mode_t{0644} : static_cast<mode_t>(perms & std::filesystem::perms::mask);
    try {
      writeFileAtomically(path, text, mode);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string(e.what()) +
                               (written.empty() ? "; no file was written" : "; already written:" + written));
    }
    written += " " + path;
  }
}

}  // namespace mk
