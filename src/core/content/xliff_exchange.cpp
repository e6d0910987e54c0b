// The units of one locale for the XLIFF exchange: each English block of the brochure
// and the counselling points, paired by key with the locale's block.
#include "core/content/xliff_exchange.h"

#include <algorithm>

#include "core/base/unicode_text.h"
#include "core/content/content_source.h"
#include "core/content/markdown.h"
#include "core/content/source_text.h"

namespace mk::xliff_exchange {
namespace fs = std::filesystem;
using source_blocks::SourceFile;
using source_blocks::TextBlock;

namespace {

std::string describe(const std::string& marker) {
  if (marker.empty()) return "a paragraph";
  if (marker == "###") return "a subheading";
  if (marker == "-") return "a list item";
  if (marker == ">") return "a warning box (quote)";
  if (marker == "> -") return "a list item in a warning box";
  if (marker == "> ###") return "a subheading in a warning box";
  if (marker == "##") return "a title";
  return "a front matter value";
}

BlockKind kindOf(const TextBlock& b) {
  if (b.marker.find("###") != std::string::npos) return BlockKind::Heading;
  if (b.marker.find('-') != std::string::npos) return BlockKind::Bullet;
  return BlockKind::Paragraph;
}

// Pairs are made by key, so a translation must have English's blocks, kind for kind.
void checkSameBlocks(const SourceFile& en, const SourceFile& tr) {
  const std::string rule =
      ": blocks are exchanged by position, so a translation keeps English's paragraphs, "
      "list items and headings";
  for (const TextBlock& b : tr.blocks) {
    const TextBlock* e = en.block(b.key);
    if (!e || e->marker != b.marker)
      throw ContentError(tr.path, static_cast<int>(b.first) + 1,
                         "block '" + b.key + "' is " + describe(b.marker) +
                             (e ? " but " + describe(e->marker) + " in English" : " that English does not have") +
                             rule);
  }
  for (const TextBlock& e : en.blocks) {
    const TextBlock* title = e.group.empty() ? nullptr : tr.block(e.group + "/title");
    if (title && !tr.block(e.key))
      throw ContentError(tr.path, static_cast<int>(title->first) + 1,
                         "'" + e.group + "' lacks block '" + e.key + "', " + describe(e.marker) + " in English" + rule);
  }
}

std::string context(const SourceFile& en, const TextBlock& b, const std::string& what) {
  if (b.key == "title") return "The brochure's title";
  if (b.key == "subtitle") return "The brochure's subtitle: what the medicine treats";
  if (b.key == "warning") return "The birth-defect warning, shown at the top of every page of the brochure";
  const TextBlock* title = en.block(b.group + "/title");
  std::string where = what + " '" + b.group + "' (" + (title ? title->text : std::string()) + ")";
  if (b.marker == "##") return "The title of " + where;
  if (b.key == b.group + "/ask") return "What the nurse asks the patient in " + where;
  std::string d = describe(b.marker);
  d[0] = static_cast<char>(d[0] - 'a' + 'A');
  return d + " in " + where;
}

ExchangeUnit makeUnit(const std::string& medicine, const std::string& kind, const TextBlock& b, const SourceFile* tr,
                      size_t index) {
  ExchangeUnit u;
  u.id = medicine + "/" + kind + "/" + b.key;
  u.medicine = medicine;
  u.english = unicode::toNfc(b.text);
  u.key = b.key;
  const TextBlock* t = tr ? tr->block(b.key) : nullptr;
  if (t) {
    u.present = true;
    u.text = unicode::toNfc(t->text);
    u.file = index;
  }
  return u;
}

void addBrochure(ExchangeSet& set, const std::string& medicine, const Brochure& en, const Brochure& tr) {
  std::string enText = source_text::readFile(en.path), trText = source_text::readFile(tr.path);
  SourceFile enFile = source_blocks::splitBrochure(en.path, enText);
  SourceFile trFile = source_blocks::splitBrochure(tr.path, trText);
  checkBlocksAgainstMarkdown(enFile, enText);
  checkBlocksAgainstMarkdown(trFile, trText);
  checkSameBlocks(enFile, trFile);
  size_t index = set.files.size();
  set.files.push_back({std::move(trFile), false, en});
  for (const TextBlock& b : enFile.blocks) {
    ExchangeUnit u = makeUnit(medicine, "brochure", b, &set.files[index].source, index);
    const Section* s = en.section(b.group);
    const Section* ts = tr.section(b.group);
    u.sources = s ? s->source : (b.key == "warning" ? en.warningSource : "");
    u.review = ts ? ts->review.status : tr.warningReview.status;  // the review of "warning" covers the front matter
    u.context = context(enFile, b, "section");
    if (!u.present)
      u.absentReason = "section '" + b.group + "' is left to the fallback chain in " + tr.path +
                       " ('fallback:' in its front matter); write the section there first";
    set.units.push_back(std::move(u));
  }
}

void addCounselling(ExchangeSet& set, const Medicine& med, const std::string& locale, const fs::path& trPath) {
  const CounsellingSet& en = med.counselling.front();
  auto tr = std::find_if(med.counselling.begin(), med.counselling.end(),
                         [&](const CounsellingSet& c) { return c.locale == locale; });
  SourceFile enFile = source_blocks::splitCounselling(en.path, source_text::readFile(en.path));
  size_t index = set.files.size();
  if (tr != med.counselling.end()) {
    SourceFile trFile = source_blocks::splitCounselling(tr->path, source_text::readFile(tr->path));
    checkSameBlocks(enFile, trFile);
    set.files.push_back({std::move(trFile), true, {}});
  }
  bool hasFile = index < set.files.size();
  for (const TextBlock& b : enFile.blocks) {
    ExchangeUnit u = makeUnit(med.id, "counselling", b, hasFile ? &set.files[index].source : nullptr, index);
    for (const auto& p : en.points)
      if (p.id == b.group) u.sources = p.source;
    if (hasFile)
      for (const auto& p : tr->points)
        if (p.id == b.group) u.review = p.review.status;
    u.context = context(enFile, b, "counselling point");
    if (!u.present)
      u.absentReason = "there is no counselling file in '" + locale + "' (" + trPath.string() + "); create it first";
    set.units.push_back(std::move(u));
  }
}

}  // namespace

const ExchangeUnit* ExchangeSet::unit(std::string_view id) const {
  auto it = std::find_if(units.begin(), units.end(), [&](const ExchangeUnit& u) { return u.id == id; });
  return it == units.end() ? nullptr : &*it;
}

Brochure checkBlocksAgainstMarkdown(const SourceFile& file, std::string_view text) {
  Brochure brochure = parseBrochure(file.path, text);
  for (const Section& s : brochure.sections) {
    std::vector<const TextBlock*> mine;
    for (const auto& b : file.blocks)
      if (b.group == s.id && b.marker != "##") mine.push_back(&b);
    std::vector<Block> kiosk = parseMarkdown(s.body);
    bool same = mine.size() == kiosk.size();
    for (size_t i = 0; same && i < mine.size(); ++i)
      same = kindOf(*mine[i]) == kiosk[i].kind && (mine[i]->marker.rfind('>', 0) == 0) == kiosk[i].callout;
    if (!same)
      throw ContentError(file.path, s.line,
                         "section '" + s.id + "' cut for translation gives " + std::to_string(mine.size()) +
                             " blocks unlike the kiosk's " + std::to_string(kiosk.size()) +
                             " (write paragraphs, '- ' items, '### ' headings and '> ' boxes as content/README.md "
                             "shows)");
  }
  return brochure;
}

ExchangeSet loadExchange(const fs::path& contentDir, const std::string& locale) {
  if (locale == "en")
    throw ContentError(contentDir.string(), 0, "English is the source language; name the locale of a translation");
  ContentSource src = loadContentSource(contentDir);
  ExchangeSet set;
  set.locale = locale;
  for (const Medicine& med : src.medicines) {
    auto find = [&](const std::string& loc) {
      auto it =
          std::find_if(med.brochures.begin(), med.brochures.end(), [&](const Brochure& b) { return b.locale == loc; });
      return it == med.brochures.end() ? nullptr : &*it;
    };
    const Brochure* en = find("en");
    const Brochure* tr = find(locale);
    if (!en || !tr) continue;
    set.medicines.push_back(med.id);
    addBrochure(set, med.id, *en, *tr);
    if (!med.counselling.empty() && med.counselling.front().locale == "en")
      addCounselling(set, med, locale, contentDir / med.id / "counselling" / (locale + ".md"));
  }
  if (set.medicines.empty())
    throw ContentError(contentDir.string(), 0,
                       "no medicine has a brochure in '" + locale + "' (<medicine>/" + locale +
                           ".md): the exchange translates the blocks of existing files; create the brochure first");
  return set;
}

}  // namespace mk::xliff_exchange
