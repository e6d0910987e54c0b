// medkiosk-content review-pack: what a reviewer reads and signs. One HTML file that
// prints on A4: a cover with the instructions, then per text (the warning, each
// section, each counselling point) English and the translation side by side block
// by block, numbers marked, the source reference, the status and the SHA-256 of the
// text; last a sign-off sheet with one row per text.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/files.h"
#include "core/base/utc_time.h"
#include "core/content/content_source.h"
#include "core/content/markdown.h"
#include "core/content/reviews.h"
#include "tools/content_commands.h"

namespace content_tool {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
h2 { font-size: 13pt; margin: 0 0 4pt; border-bottom: 1.5pt solid #163a5e; padding-bottom: 2pt; }
h3 { font-size: 10.5pt; margin: 4pt 0 2pt; }
p { margin: 0 0 4pt; }
ul { margin: 0 0 4pt; padding-left: 14pt; }
.meta { font-size: 8.5pt; color: #333; margin-bottom: 6pt; }
.meta code, .sheet code { font-size: 8pt; word-break: break-all; }
.status { font-weight: bold; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #888; vertical-align: top; padding: 3pt 5pt; text-align: left; overflow-wrap: anywhere; }
th { background: #e2e9f1; font-size: 9pt; }
thead { display: table-header-group; }
.n { width: 7mm; color: #555; font-size: 8pt; text-align: right; }
tr { break-inside: avoid; page-break-inside: avoid; }
mark { background: #ffe36e; color: #000; font-weight: bold; padding: 0 1pt; }
.callout { border-left: 3pt solid #a0141a; padding-left: 4pt; }
.callout-label { color: #a0141a; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.5pt; }
.differ { color: #a0141a; font-weight: bold; }
section.item, section.sheet { break-before: page; page-break-before: always; }
section.point { break-before: auto; page-break-before: auto; margin-top: 9mm; break-inside: avoid; }
section.point.first { break-before: page; page-break-before: always; margin-top: 0; }
.sheet td { height: 13mm; }
.sheet td.text { font-size: 8.5pt; }
.checks li { margin-bottom: 2pt; }
@media screen { body { max-width: 190mm; margin: 12mm auto; } section.item, section.sheet { margin-top: 14mm; } }
@media print { a { color: inherit; text-decoration: none; } }
)css";

// Escaped text with each number (digits, with the decimal or thousands separators
// between them: "2,5", "1.000") in <mark>, so the reviewer compares every one.
std::string marked(const std::string& s) {
  std::string e = htmlEscape(s), out;
  for (size_t i = 0; i < e.size();) {
    if (e[i] < '0' || e[i] > '9') {
      out += e[i++];
      continue;
    }
    size_t j = i;
    while (j < e.size() && ((e[j] >= '0' && e[j] <= '9') ||
                            ((e[j] == ',' || e[j] == '.') && j + 1 < e.size() && e[j + 1] >= '0' && e[j + 1] <= '9')))
      ++j;
    out += "<mark>" + e.substr(i, j - i) + "</mark>";
    i = j;
  }
  return out;
}

std::string blockHtml(const mk::Block& b) {
  std::string text = spansHtml(b, marked);
  std::string html = b.kind == mk::BlockKind::Heading  ? "<h3>" + text + "</h3>"
                     : b.kind == mk::BlockKind::Bullet ? "<ul><li>" + text + "</li></ul>"
                                                       : "<p>" + text + "</p>";
  return b.callout ? "<div class=\"callout\"><div class=\"callout-label\">WARNING BOX</div>" + html + "</div>" : html;
}

// The rows of one text: its blocks side by side (or English alone), numbered.
std::string rows(const std::vector<std::string>& english, const std::vector<std::string>& translation, bool pair,
                 const std::string& lang) {
  std::string out;
  size_t n = std::max(english.size(), translation.size());
  for (size_t i = 0; i < n; ++i) {
    out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td lang=\"en\">" +
           (i < english.size() ? english[i] : std::string()) + "</td>";
    if (pair) out += "<td lang=\"" + lang + "\">" + (i < translation.size() ? translation[i] : std::string()) + "</td>";
    out += "</tr>\n";
  }
  return out;
}

std::vector<std::string> markdownBlocks(const std::string& title, const std::string& body) {
  std::vector<std::string> out{"<h3>" + marked(title) + "</h3>"};
  for (const auto& b : mk::parseMarkdown(body)) out.push_back(blockHtml(b));
  return out;
}

std::vector<std::string> plainBlocks(const std::vector<std::pair<std::string, std::string>>& labelled) {
  std::vector<std::string> out;
  for (const auto& [label, text] : labelled)
    if (!text.empty())
      out.push_back("<div class=\"callout-label\">" + htmlEscape(label) + "</div><p>" + marked(text) + "</p>");
  return out;
}

struct Pack {
  const mk::Medicine& med;
  std::string locale;
  const mk::Brochure* brochure = nullptr;
  const mk::Brochure* english = nullptr;
  const mk::CounsellingSet* points = nullptr;
  const mk::CounsellingSet* englishPoints = nullptr;
};

// English and translated blocks of one text, and its source reference.
void blocksOf(const Pack& p, const std::string& item, std::vector<std::string>& en, std::vector<std::string>& tr,
              std::string& source) {
  auto warning = [](const mk::Brochure& b) {
    return plainBlocks({{"TITLE", b.title}, {"SUBTITLE", b.subtitle}, {"WARNING BANNER", b.warning}});
  };
  if (item == "warning") {
    en = warning(*p.english);
    tr = warning(*p.brochure);
    source = p.english->warningSource;
  } else if (item.rfind("section/", 0) == 0) {
    const mk::Section* es = p.english->section(item.substr(8));
    const mk::Section* ts = p.brochure->section(item.substr(8));
    en = markdownBlocks(es->title, es->body);
    tr = markdownBlocks(ts->title, ts->body);
    source = es->source;
  } else {
    for (const auto& pt : p.englishPoints->points) {
      if ("point/" + pt.id != item) continue;
      en = plainBlocks({{"POINT", pt.title}, {"THE NURSE ASKS", pt.body}});
      source = pt.source;
    }
    for (const auto& pt : p.points->points)
      if ("point/" + pt.id == item) tr = plainBlocks({{"POINT", pt.title}, {"THE NURSE ASKS", pt.body}});
  }
}

// Sections start a page each; counselling points, a line or two each, share pages
// from the first one on.
std::string itemSection(const Pack& p, const mk::ReviewItem& it, const mk::ReviewState& st, bool firstPoint) {
  std::vector<std::string> en, tr;
  std::string source;
  blocksOf(p, it.item, en, tr, source);
  bool pair = p.locale != "en";
  std::string kind = it.item.rfind("point/", 0) == 0 ? (firstPoint ? "item point first" : "item point") : "item";
  std::string out = "<section class=\"" + kind + "\" id=\"" + htmlEscape(it.item) + "\">\n<h2>" + htmlEscape(it.item) +
                    ": " + htmlEscape(it.title) + "</h2>\n<div class=\"meta\">Source: " + htmlEscape(source) +
                    "<br>Status now: <span class=\"status\">" + std::string(mk::toString(st.status)) +
                    "</span><br>SHA-256 of this text: <code>" + st.textSha256 + "</code>";
  if (pair) out += "<br>SHA-256 of the English text: <code>" + st.englishSha256 + "</code>";
  if (pair && en.size() != tr.size())
    out += "<br><span class=\"differ\">The translation has " + std::to_string(tr.size()) + " blocks, English " +
           std::to_string(en.size()) + ": check that nothing is missing or added.</span>";
  out += "</div>\n<table>\n<thead><tr><th class=\"n\">#</th><th>English</th>";
  if (pair) out += "<th>" + htmlEscape(p.locale) + "</th>";
  return out + "</tr></thead>\n" + rows(en, tr, pair, htmlEscape(p.locale.substr(0, p.locale.find('_')))) +
         "</table>\n</section>\n";
}

std::string cover(const Pack& p, const std::vector<mk::ReviewItem>& items, const std::vector<mk::ReviewState>& states) {
  bool pair = p.locale != "en";
  std::string title = p.brochure ? p.brochure->title : p.med.name;
  std::string out = "<h1>Clinical review: " + htmlEscape(p.med.name) + " (" + htmlEscape(p.med.brand) + "), " +
                    (pair ? "translation " + htmlEscape(p.locale) : std::string("English source text")) + "</h1>\n";
  out += "<p class=\"meta\">Pack made on " + mk::formatUtcTime(std::time(nullptr)).substr(0, 10) +
         " from the content "
         "sources. " +
         std::to_string(items.size()) + " texts. Brochure title: " + htmlEscape(title) + "</p>\n";
  out +=
      "<p>Please check each text and, when it is right, sign its row on the sign-off sheet at the end.</p>\n"
      "<ul class=\"checks\">\n";
  if (pair)
    out +=
        "<li>The translation (right) says exactly what the English text (left) says: nothing added, left out or "
        "softened. The reviewer is a native-speaking healthcare professional of this language.</li>\n";
  else
    out += "<li>Every fact matches its source reference (pharmacist, physician or nurse).</li>\n";
  out +=
      "<li>Every <mark>number</mark> (doses, days, weeks, test sensitivities) is the same as in the "
      "source.</li>\n<li>A block marked WARNING BOX is shown to patients in a red box.</li>\n"
      "<li>Your signature covers the exact text printed here: its SHA-256 is on each page and on the sheet. "
      "If the text changes, the review no longer counts.</li>\n</ul>\n";
  out +=
      "<table>\n<thead><tr><th style=\"width:30%\">Text</th><th>Title</th><th style=\"width:16%\">Status "
      "now</th></tr></thead>\n";
  for (size_t i = 0; i < items.size(); ++i)
    out += "<tr><td>" + htmlEscape(items[i].item) + "</td><td>" + htmlEscape(items[i].title) + "</td><td>" +
           std::string(mk::toString(states[i].status)) + "</td></tr>\n";
  return out + "</table>\n";
}

std::string signOffSheet(const Pack& p, const std::vector<mk::ReviewItem>& items,
                         const std::vector<mk::ReviewState>& states) {
  std::string out = "<section class=\"sheet\">\n<h2>Sign-off sheet: " + htmlEscape(p.med.name) + ", " +
                    htmlEscape(p.locale) +
                    "</h2>\n<p>By signing a row I confirm that I reviewed this text as printed in this pack.</p>\n"
                    "<table>\n<thead><tr><th style=\"width:26%\">Text</th><th style=\"width:13%\">SHA-256 "
                    "(start)</th><th style=\"width:21%\">Reviewer (name)</th><th style=\"width:14%\">Role</th>"
                    "<th style=\"width:11%\">Date</th><th style=\"width:15%\">Signature</th></tr></thead>\n";
  for (size_t i = 0; i < items.size(); ++i)
    out += "<tr><td class=\"text\">" + htmlEscape(items[i].item) + "<br>" + htmlEscape(items[i].title) +
           "</td><td><code>" + states[i].textSha256.substr(0, 16) +
           "</code></td><td></td><td></td><td></td><td></td></tr>\n";
  out +=
      "</table>\n<p class=\"meta\">Record each signed row with <code>medkiosk-content review sign content "
      "--locale " +
      htmlEscape(p.locale) + " --section ID|--point ID|--warning --reviewer NAME --role pharmacist|physician|nurse" +
      (p.locale != "en" ? " --native-speaker" : "") +
      " --date YYYY-MM-DD --expect-sha256 START</code>, START being the row's SHA-256 above: it refuses to record "
      "the review when the text changed after this pack was made.</p>\n</section>\n";
  return out;
}

std::string packHtml(const Pack& p) {
  std::vector<mk::ReviewItem> items = mk::reviewItems(p.med, p.locale);
  std::vector<mk::ReviewState> states;
  for (auto& st : mk::reviewStates(p.med))
    if (st.locale == p.locale) states.push_back(std::move(st));
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Review pack: " +
                    htmlEscape(p.med.name) + ", " + htmlEscape(p.locale) + "</title>\n<style>" + kStyle +
                    "</style></head><body>\n" + cover(p, items, states);
  bool firstPoint = true;
  for (size_t i = 0; i < items.size(); ++i) {
    out += itemSection(p, items[i], states[i], firstPoint);
    if (items[i].item.rfind("point/", 0) == 0) firstPoint = false;
  }
  return out + signOffSheet(p, items, states) + "</body></html>\n";
}

template <typename T>
const T* inLocale(const std::vector<T>& list, const std::string& locale) {
  for (const auto& x : list)
    if (x.locale == locale) return &x;
  return nullptr;
}

int writePack(const std::string& srcDir, const std::string& medicine, const std::string& locale,
              const std::string& outDir) {
  mk::ContentSource src = mk::loadContentSource(srcDir);
  const mk::Medicine* med = nullptr;
  for (const auto& m : src.medicines)
    if (m.id == medicine || (medicine.empty() && src.medicines.size() == 1)) med = &m;
  if (!med) return usageError(medicine.empty() ? "--medicine is needed" : "no medicine '" + medicine + "'");
  Pack p{*med,
         locale,
         inLocale(med->brochures, locale),
         inLocale(med->brochures, std::string("en")),
         inLocale(med->counselling, locale),
         inLocale(med->counselling, std::string("en"))};
  if (!p.brochure && !p.points) {
    std::fprintf(stderr, "medkiosk-content: %s has no %s texts to review\n", med->id.c_str(), locale.c_str());
    return 1;
  }
  fs::create_directories(outDir);
  fs::path out = fs::path(outDir) / (med->id + "-" + locale + "-review.html");
  mk::writeFileAtomically(out, packHtml(p));
  std::printf("wrote %s (%zu texts)\n", out.c_str(), mk::reviewItems(*med, locale).size());
  return 0;
}

}  // namespace

int reviewPack(int argc, char** argv) {
  if (argc < 3) return usageError("review-pack needs SRC_DIR --locale LOC --out DIR");
  std::string locale, out, medicine;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usageError(a + " needs a value");
    if (a == "--locale")
      locale = argv[++i];
    else if (a == "--out")
      out = argv[++i];
    else if (a == "--medicine")
      medicine = argv[++i];
    else
      return usageError("unknown argument '" + a + "'");
  }
  if (locale.empty() || out.empty()) return usageError("review-pack needs --locale and --out");
  try {
    return writePack(argv[2], medicine, locale, out);
  } catch (const mk::ContentError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: review-pack: %s\n", e.what());
  }
  return 1;
}

}  // namespace content_tool
