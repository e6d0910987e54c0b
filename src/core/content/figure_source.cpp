// Figures in medicine.ini (figure_source.h): reading them, and checking that their
// captions state what they draw in every language.
#include "core/content/figure_source.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/content/content_checks.h"
#include "core/content/content_source.h"
#include "core/content/counselling_anchor.h"
#include "core/content/shipped_pictograms.h"

namespace mk {

namespace {

// "<section>[#<heading>] block <n>: <details>"
const std::regex kItem(R"(^([a-z_]+)(#([1-9][0-9]?))? blocks? ([1-9][0-9]?)(-([1-9][0-9]?))?:\s*(.+)$)");
const std::regex kCalendar(R"(^([1-9][0-9]?) days, take ([1-9][0-9]?)-([1-9][0-9]?)$)");
const std::regex kCapsule(R"(^([1-9][0-9]?) mg, ([a-z0-9-]+)$)");
const std::regex kPictogram("^[a-z0-9][a-z0-9-]*$");
const std::regex kCapsulePicture("^capsule-[0-9]+mg$");

struct ItemReader {
  const std::string& path;
  int line;
  std::string name;  // "item.1 of [figure.cycles]"

  [[noreturn]] void fail(const std::string& problem) const { throw ContentError(path, line, name + ": " + problem); }

  // A picture the kiosk does not ship would be drawn as words alone on every kiosk.
  void shipped(const std::string& picture) const {
    if (std::find(kShippedPictograms.begin(), kShippedPictograms.end(), picture) != kShippedPictograms.end()) return;
    std::string names;
    for (auto n : kShippedPictograms) names += (names.empty() ? "" : ", ") + std::string(n);
    fail("no pictogram '" + picture + "' in assets/pictograms (this version has " + names + ")");
  }

  void details(FigureKind kind, const std::string& text, FigureItem& item) const {
    std::smatch m;
    if (kind == FigureKind::DoseCalendar) {
      if (!std::regex_match(text, m, kCalendar)) fail("expected '<days> days, take <first>-<last>'");
      item.cycleDays = std::stoi(m[1]);
      item.takeFirst = std::stoi(m[2]);
      item.takeLast = std::stoi(m[3]);
      if (item.takeFirst > item.takeLast || item.takeLast > item.cycleDays)
        fail("the days taken must run forwards within the cycle");
    } else if (kind == FigureKind::Capsules) {
      if (!std::regex_match(text, m, kCapsule)) fail("expected '<strength> mg, <pictogram>'");
      item.strengthMg = std::stoi(m[1]);
      // The capsule's picture has its strength printed on it.
      if (m[2].str() != "capsule-" + m[1].str() + "mg")
        fail("the " + m[1].str() + " mg capsule is drawn by capsule-" + m[1].str() + "mg, not " + m[2].str());
      shipped(m[2]);
      item.pictures.push_back(m[2]);
    } else {
      for (size_t at = 0; at < text.size();) {
        size_t end = std::min(text.find(' ', at), text.size());
        std::string word = text.substr(at, end - at);
        if (!word.empty() && !std::regex_match(word, kPictogram)) fail("'" + word + "' is not a pictogram name");
        if (std::regex_match(word, kCapsulePicture))
          fail("a capsule of one strength is drawn by a capsules figure, which checks its strength");
        if (!word.empty()) {
          shipped(word);
          item.pictures.push_back(word);
        }
        at = end + 1;
      }
      if (item.pictures.empty() || item.pictures.size() > 3) fail("a card has 1 to 3 pictograms");
    }
  }

  FigureItem read(FigureKind kind, const std::string& text, std::string& section) const {
    std::smatch m;
    if (!std::regex_match(text, m, kItem))
      fail("expected '<section>[#<heading>] block <n>: ...' naming the block that captions it");
    if (std::find(kSectionIds.begin(), kSectionIds.end(), m[1].str()) == kSectionIds.end())
      fail("unknown section id '" + m[1].str() + "'");
    if (!section.empty() && section != m[1].str()) fail("all items of a figure are in one section");
    section = m[1];
    FigureItem item;
    item.heading = m[3].matched ? std::stoi(m[3]) : 0;
    item.block = std::stoi(m[4]);
    item.blockLast = m[6].matched ? std::stoi(m[6]) : 0;
    if (item.blockLast && (item.blockLast <= item.block || kind != FigureKind::Cards))
      fail("a range of blocks runs forwards, and only a card is captioned by more than one block");
    details(kind, m[7], item);
    return item;
  }
};

}  // namespace

std::string_view toString(FigureKind kind) {
  switch (kind) {
    case FigureKind::DoseCalendar:
      return "dose-calendar";
    case FigureKind::Capsules:
      return "capsules";
    case FigureKind::Cards:
      return "cards";
  }
  return "cards";
}

bool parseFigureKind(std::string_view text, FigureKind& out) {
  for (FigureKind k : {FigureKind::DoseCalendar, FigureKind::Capsules, FigureKind::Cards})
    if (text == toString(k)) {
      out = k;
      return true;
    }
  return false;
}

Figure parseFigure(const std::string& path, const FigureKeys& keys) {
  Figure f;
  f.id = keys.id;
  f.line = keys.line;
  std::string where = "[figure." + keys.id + "]";
  std::string kind;
  for (const auto& [key, value] : keys.keys) {
    if (key == "kind")
      kind = value;
    else if (key == "source")
      f.source = value;
    else if (key == "titles" && (value == "headings" || value == "none"))
      f.titles = value == "headings";
    else if (key == "captions" && (value == "whole" || value == "lead"))
      f.wholeCaptions = value == "whole";
    else if (key.rfind("item.", 0) != 0)
      throw ContentError(path, keys.line, "unknown key '" + key + "' in [figure." + keys.id + "]");
  }
  if (!parseFigureKind(kind, f.kind))
    throw ContentError(path, keys.line, where + " needs kind = dose-calendar, capsules or cards");
  if (f.source.empty()) throw ContentError(path, keys.line, where + " needs a source");
  for (const auto& [key, value] : keys.keys) {
    if (key.rfind("item.", 0) != 0) continue;
    std::string name = key;
    name += " of ";
    name += where;
    ItemReader reader{path, keys.line, name};
    f.items.push_back(reader.read(f.kind, value, f.section));
  }
  if (f.items.empty()) throw ContentError(path, keys.line, where + " has no item.N lines");
  // The capsules are drawn under one sentence: every strength is checked against it.
  for (const auto& item : f.items)
    if (f.kind == FigureKind::Capsules &&
        (item.heading != f.items.front().heading || item.block != f.items.front().block))
      throw ContentError(path, keys.line, where + ": every capsule names the same block, the one shown above them");
  return f;
}

namespace {

// What an item draws that its caption must state.
std::vector<int> drawnNumbers(const FigureItem& item) {
  std::vector<int> out;
  for (int n : {item.cycleDays, item.takeFirst, item.takeLast, item.strengthMg})
    if (n > 0) out.push_back(n);
  return out;
}

void checkItem(const Figure& f, const FigureItem& item, const Brochure& b, const std::string& iniPath) {
  const Section* s = b.section(f.section);
  if (!s) return;  // left to the fallback chain: the figure is captioned from there
  std::vector<Block> part = brochurePart(parseMarkdown(s->body), item.heading);
  std::string name = "[figure." + f.id + "] " + f.section + (item.heading ? "#" + std::to_string(item.heading) : "") +
                     " block " + std::to_string(item.block) +
                     (item.blockLast ? "-" + std::to_string(item.blockLast) : std::string());
  if (std::max(item.block, item.blockLast) > static_cast<int>(part.size()))
    throw ContentError(
        b.path, s->line,
        name + ": this part has " + std::to_string(part.size()) + " blocks in " + b.locale + " (from " + iniPath + ")");
  std::string text;
  for (int k = item.block; k <= std::max(item.block, item.blockLast); ++k) {
    const Block& block = part[static_cast<size_t>(k) - 1];
    if (block.kind == BlockKind::Heading) throw ContentError(iniPath, f.line, name + " is a heading, not a text");
    text += (text.empty() ? "" : " ") + plainText(block);
  }
  std::vector<std::string> stated = numbersIn(text);
  // A calendar's days run as the text writes them: "1–14" one after the other.
  bool range = item.cycleDays == 0;
  for (size_t i = 0; i + 1 < stated.size(); ++i)
    range = range || (stated[i] == std::to_string(item.takeFirst) && stated[i + 1] == std::to_string(item.takeLast));
  if (!range)
    throw ContentError(b.path, s->line,
                       name + " in " + b.locale + " does not give the days " + std::to_string(item.takeFirst) + "-" +
                           std::to_string(item.takeLast) + ", which the figure marks: \"" + text + "\"");
  for (int n : drawnNumbers(item)) {
    if (std::find(stated.begin(), stated.end(), std::to_string(n)) != stated.end()) continue;
    std::string problem = name + " in " + b.locale + " does not state " + std::to_string(n);
    problem += ", which the figure draws: \"";
    problem += text;
    problem += "\"";
    throw ContentError(b.path, s->line, problem);
  }
}

}  // namespace

void checkFigures(const Medicine& med, const std::string& iniPath) {
  std::set<std::string> ids;
  for (const auto& f : med.figures) {
    if (!ids.insert(f.id).second) throw ContentError(iniPath, f.line, "figure '" + f.id + "' is declared twice");
    // English first: a figure that its base text contradicts is named there.
    for (const auto& item : f.items) {
      for (const auto& b : med.brochures)
        if (b.locale == "en") checkItem(f, item, b, iniPath);
      for (const auto& b : med.brochures)
        if (b.locale != "en") checkItem(f, item, b, iniPath);
    }
  }
}

std::string figureCaption(const std::vector<Block>& part, const FigureItem& item, bool whole) {
  if (!item.blockLast) return figureCaption(part[static_cast<size_t>(item.block) - 1], whole);
  // A rule in two sentences is shown whole.
  std::string text;
  for (int k = item.block; k <= item.blockLast; ++k)
    text += (text.empty() ? "" : " ") + plainText(part[static_cast<size_t>(k) - 1]);
  return text;
}

std::string figureCaption(const Block& block, bool whole) {
  // A bold lead ("**Fever or other signs of an infection.** Pomalidomide ...") is the
  // caption; a block without one is captioned whole.
  std::string lead;
  for (const auto& span : block.spans) {
    if (whole) break;
    if (!span.bold) break;
    lead += span.text;
  }
  std::string text = lead.empty() ? plainText(block) : lead;
  while (!text.empty() && (text.back() == ' ' || text.back() == ':')) text.pop_back();
  return text;
}

}  // namespace mk
