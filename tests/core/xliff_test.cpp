// The translators' exchange (core/content/xliff.h): blocks cut from the sources,
// XLIFF export, import in place, and every refusal with the XLIFF file and line and
// nothing written. Runs on a copy of the shipped content.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "core/content/content_source.h"
#include "core/content/reviews.h"
#include "core/content/source_blocks.h"
#include "core/content/xliff.h"
#include "core/content/xliff_exchange.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeText(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Every file under `dir` with its bytes, to show an import wrote nothing.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[e.path().string()] = readText(e.path());
  return files;
}

// A copy of the shipped content and an XLIFF file beside it.
struct Exchange {
  test::TempDir tmp;
  fs::path content = tmp.path / "content";
  fs::path xliff = tmp.path / "de.xlf";
  Exchange() { fs::copy(MEDKIOSK_SOURCE_DIR "/content", content, fs::copy_options::recursive); }

  std::string exported(const std::string& locale = "de") const { return exportXliff(content, locale); }

  // The id of the first unit whose English text contains `fragment`.
  std::string idOf(const std::string& fragment) const {
    writeText(tmp.path / "probe.xlf", exported());
    for (const auto& u : xliff_exchange::readXliff(tmp.path / "probe.xlf").units)
      if (u.source.find(fragment) != std::string::npos) return u.id;
    FAIL("no unit has '" << fragment << "'");
    return {};
  }

  // The error an import of `text` raises ("no error" if none), with the content unchanged.
  std::string refusal(const std::string& text, const std::string& locale = "") const {
    writeText(xliff, text);
    auto before = snapshot(content);
    std::string message = "no error";
    try {
      XliffImport plan = planXliffImport(content, xliff, locale);
      writeXliffImport(plan);
    } catch (const ContentError& e) {
      message = e.what();
    }
    CHECK(snapshot(content) == before);
    return message;
  }
};

// The export with unit `id`'s target replaced (a translator's edit).
std::string withTarget(std::string xml, const std::string& id, const std::string& target,
                       const std::string& state = "translated") {
  size_t unit = xml.find("<trans-unit id=\"" + id + "\"");
  REQUIRE(unit != std::string::npos);
  size_t open = xml.find("<target", unit);
  size_t tagEnd = xml.find('>', open);
  size_t end = xml[tagEnd - 1] == '/' ? tagEnd + 1 : xml.find("</target>", tagEnd) + 9;
  return xml.replace(open, end - open, "<target state=\"" + state + "\">" + target + "</target>");
}

std::string targetOf(const std::string& xml, const std::string& id) {
  size_t unit = xml.find("<trans-unit id=\"" + id + "\"");
  size_t open = xml.find('>', xml.find("<target", unit)) + 1;
  return xml.substr(open, xml.find("</target>", open) - open);
}

int lineOfUnit(const std::string& xml, const std::string& id) {
  size_t at = xml.find("<trans-unit id=\"" + id + "\"");
  return 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

TEST_CASE("source blocks: items and quotes and headings cut as the kiosk shows them and replaced in place") {
  std::string text =
      "---\r\nlocale: en\r\ntitle: A title\r\n---\r\n\r\n## Section {#purpose}\r\nsource: X\r\n\r\n"
      "First line of a paragraph\r\nand its second line.\r\n\r\n### A heading\r\n- an item\r\n  continued\r\n"
      "- **second** item\r\n\r\n> A warning\r\n> box.\r\n";
  auto f = source_blocks::splitBrochure("x/en.md", text);
  REQUIRE(f.blocks.size() == 7);
  CHECK(f.block("title")->text == "A title");
  CHECK(f.block("purpose/title")->text == "Section");
  CHECK(f.block("purpose/1")->text == "First line of a paragraph and its second line.");
  CHECK(f.block("purpose/2")->marker == "###");
  CHECK(f.block("purpose/3")->text == "an item continued");
  CHECK(f.block("purpose/4")->text == "**second** item");
  CHECK(f.block("purpose/5")->marker == ">");
  CHECK(f.block("purpose/5")->text == "A warning box.");
  CHECK(source_blocks::replaceBlocks(f, {}) == text);
  std::string changed = source_blocks::replaceBlocks(f, {{"purpose/3", "one item"}, {"purpose/title", "S"}});
  CHECK(changed ==
        "---\r\nlocale: en\r\ntitle: A title\r\n---\r\n\r\n## S {#purpose}\r\nsource: X\r\n\r\n"
        "First line of a paragraph\r\nand its second line.\r\n\r\n### A heading\r\n- one item\r\n"
        "- **second** item\r\n\r\n> A warning\r\n> box.\r\n");
}

TEST_CASE("xliff export: one unit per block with stable ids and the English source and notes and states") {
  Exchange x;
  std::string xml = x.exported();
  writeText(x.xliff, xml);
  auto in = xliff_exchange::readXliff(x.xliff);
  REQUIRE(in.files.size() == 1);
  CHECK(in.files[0].targetLanguage == "de");
  CHECK(in.files[0].sourceLanguage == "en");
  std::map<std::string, xliff_exchange::XliffUnitIn> units;
  for (const auto& u : in.units) units[u.id] = u;
  CHECK(units.size() == in.units.size());
  CHECK(units.count("pomalidomide/brochure/warning"));
  CHECK(units.count("pomalidomide/brochure/purpose/title"));
  CHECK(units.count("pomalidomide/brochure/sources/1"));
  CHECK(units.count("pomalidomide/counselling/condom/title"));
  CHECK(units.at("pomalidomide/brochure/purpose/title").state == "translated");
  // Every block of English is a unit: the sections' blocks as md4c makes them, plus titles.
  std::string dose = x.idOf("4 mg once a day");
  CHECK(dose.rfind("pomalidomide/brochure/how_to_take/", 0) == 0);
  CHECK(xml.find("Numbers: 4. Keep every one") != std::string::npos);
  CHECK(xml.find("<note from=\"developer\">Sources: EMA/240195/2019") != std::string::npos);
  // Ids do not move when another section changes (here, in English and German alike).
  for (const char* locale : {"en", "de"}) {
    fs::path p = x.content / "pomalidomide" / (std::string(locale) + ".md");
    std::string text = readText(p);
    size_t body = text.find("\n\n", text.find("{#sources}\n")) + 2;
    writeText(p, text.insert(body, "An added paragraph.\n\n"));
  }
  CHECK(x.idOf("4 mg once a day") == dose);
  CHECK(x.idOf("An added paragraph.") == "pomalidomide/brochure/sources/1");
}

TEST_CASE("xliff import of an unchanged export writes nothing and keeps every byte") {
  Exchange x;
  for (const char* locale : {"de", "el"}) {
    writeText(x.xliff, x.exported(locale));
    XliffImport plan = planXliffImport(x.content, x.xliff, "");
    CHECK(plan.locale == locale);
    CHECK(plan.units > 150);
    CHECK(plan.changed == 0);
    CHECK(plan.files.empty());
  }
}

TEST_CASE("xliff import rewrites only the changed block and the kiosk text follows") {
  Exchange x;
  std::string id = x.idOf("Take your dose at the same time each day.");
  fs::path de = x.content / "pomalidomide" / "de.md";
  std::string before = readText(de);
  std::string old = targetOf(x.exported(), id);
  writeText(x.xliff, withTarget(x.exported(), id, "Nehmen Sie Ihre Dosis täglich zur selben Uhrzeit ein."));
  XliffImport plan = planXliffImport(x.content, x.xliff, "de");
  CHECK(plan.changed == 1);
  REQUIRE(plan.files.size() == 1);
  writeXliffImport(plan);
  std::string after = readText(de);
  std::string expected = before;
  expected.replace(expected.find(old), old.size(), "Nehmen Sie Ihre Dosis täglich zur selben Uhrzeit ein.");
  CHECK(after == expected);
  ContentSource src = loadContentSource(x.content);
  const Brochure* b = nullptr;
  for (const auto& br : src.medicines[0].brochures)
    if (br.locale == "de") b = &br;
  REQUIRE(b);
  CHECK(b->section("how_to_take")->body.find("täglich zur selben Uhrzeit") != std::string::npos);
}

TEST_CASE("xliff import refuses a changed dose with the file and line and the numbers") {
  Exchange x;
  std::string id = x.idOf("4 mg once a day");
  std::string xml = x.exported();
  std::string target = targetOf(xml, id);
  REQUIRE(target.find("4 mg") != std::string::npos);
  std::string bad = withTarget(xml, id, target.replace(target.find("4 mg"), 4, "40 mg"));
  std::string error = x.refusal(bad);
  CHECK(error == x.xliff.string() + ":" + std::to_string(lineOfUnit(bad, id)) + ": unit '" + id +
                     "': the numbers differ from the English text (missing 4; not in English 40); a translation "
                     "must never change a dose, a duration or a count");
}

TEST_CASE("xliff import refuses unknown ids and repeats and stale sources and missing targets") {
  Exchange x;
  std::string xml = x.exported();
  std::string id = x.idOf("Take your dose at the same time each day.");
  std::string unknown = xml;
  unknown.replace(unknown.find("\"" + id + "\""), id.size() + 2, "\"pomalidomide/brochure/how_to_take/99\"");
  unknown.replace(unknown.find("\"" + id + "\""), id.size() + 2, "\"pomalidomide/brochure/how_to_take/99\"");
  CHECK_THAT(x.refusal(unknown), Catch::Contains("unknown unit id 'pomalidomide/brochure/how_to_take/99'"));

  size_t unit = xml.find("<trans-unit id=\"" + id + "\"");
  std::string twice = xml;
  twice.insert(unit, xml.substr(unit, xml.find("</trans-unit>", unit) + 13 - unit) + "\n");
  CHECK_THAT(x.refusal(twice), Catch::Contains("unit '" + id + "' appears twice"));

  std::string stale = xml;
  stale.replace(stale.find("Take your dose at the same time each day."), 4, "Swallow");
  CHECK_THAT(x.refusal(stale), Catch::Contains("its source is no longer the English text"));

  std::string empty = withTarget(xml, id, "", "final");
  CHECK(x.refusal(empty) == x.xliff.string() + ":" + std::to_string(lineOfUnit(empty, id)) + ": unit '" + id +
                                "' is 'final' but has no target");
  // Without a target and still to translate, a unit leaves the text as it is.
  writeText(x.xliff, withTarget(xml, id, "", "needs-translation"));
  XliffImport plan = planXliffImport(x.content, x.xliff, "");
  CHECK(plan.untranslated == 1);
  CHECK(plan.files.empty());
}

TEST_CASE("xliff import refuses malformed files and a DOCTYPE and another locale") {
  Exchange x;
  std::string xml = x.exported();
  std::string broken = xml;
  broken.erase(broken.find("</source>"), 9);
  CHECK_THAT(x.refusal(broken), Catch::Matches(".*de\\.xlf:[0-9]+: malformed XML: .*"));
  std::string doctype = xml;
  doctype.insert(doctype.find("<xliff"), "<!DOCTYPE xliff [<!ENTITY a \"aaaa\">]>\n");
  CHECK_THAT(x.refusal(doctype), Catch::Contains("a DOCTYPE is not allowed"));
  CHECK_THAT(x.refusal(xml, "el"), Catch::Contains("target-language 'de' is not the locale asked for ('el')"));
  std::string noLanguage = xml;
  noLanguage.erase(noLanguage.find(" target-language=\"de\""), 21);
  CHECK_THAT(x.refusal(noLanguage), Catch::Contains("names no target-language"));
}

TEST_CASE("xliff import refuses a target that would change the Markdown structure") {
  Exchange x;
  std::string xml = x.exported();
  std::string id = x.idOf("Take your dose at the same time each day.");
  CHECK_THAT(x.refusal(withTarget(xml, id, "Eins.\nZwei.")), Catch::Contains("the target has a line break"));
  std::string paragraph = x.idOf("Pomalidomide is a cancer medicine.");
  CHECK_THAT(x.refusal(withTarget(xml, paragraph, "- Pomalidomid ist ein Arzneimittel.")),
             Catch::Contains("unit '" + paragraph + "'"));
  CHECK_THAT(x.refusal(withTarget(xml, id, "- Nehmen Sie sie ein.")), Catch::Contains("starts like a Markdown list"));
  // What the source parser refuses is named with the unit that brought it.
  std::string link = x.refusal(withTarget(xml, paragraph, "Siehe [hier](https://example.org)."));
  CHECK_THAT(link, Catch::Contains("unit '" + paragraph + "': the source file would be refused"));
  CHECK_THAT(link, Catch::Contains("links are not allowed"));
  std::string point = "pomalidomide/counselling/condom/title";
  CHECK_THAT(x.refusal(withTarget(xml, point, "### Kondome")), Catch::Contains("starts like a Markdown"));
}

TEST_CASE("xliff import reads what po2xliff writes: numeric ids and locations and a PO header and no language") {
  Exchange x;
  std::string id = x.idOf("Take your dose at the same time each day.");
  std::string source = "Take your dose at the same time each day.";
  std::string po =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\" version=\"1.1\">\n"
      "<file original=\"de.po\" source-language=\"en-US\" datatype=\"plaintext\"><body>\n"
      "<trans-unit xml:space=\"preserve\" id=\"2\" approved=\"no\" restype=\"x-gettext-domain-header\">"
      "<source>Project-Id-Version: PACKAGE VERSION</source><target state=\"translated\">X</target></trans-unit>\n"
      "<trans-unit xml:space=\"preserve\" id=\"3\" approved=\"yes\"><source>" +
      source + "</source>\n<target state=\"translated\">Immer zur <mrk mtype=\"seg\">gleichen</mrk> Zeit.</target>\n" +
      "<context-group name=\"po-reference\" purpose=\"location\"><context context-type=\"sourcefile\">" + id +
      "</context></context-group></trans-unit>\n</body></file></xliff>\n";
  CHECK_THAT(x.refusal(po), Catch::Contains("give --locale"));
  writeText(x.xliff, po);
  XliffImport plan = planXliffImport(x.content, x.xliff, "de");
  CHECK(plan.units == 1);
  CHECK(plan.changed == 1);
  writeXliffImport(plan);
  CHECK(readText(x.content / "pomalidomide" / "de.md").find("- Immer zur gleichen Zeit.\n") != std::string::npos);
}

TEST_CASE("xliff exchange: a counselling point's ask line is a unit of its own") {
  Exchange x;
  auto addAsk = [&](const std::string& locale, const std::string& title, const std::string& ask) {
    fs::path p = x.content / "pomalidomide" / "counselling" / (locale + ".md");
    std::string text = readText(p);
    size_t heading = text.find(title + " {#condom}\n");
    REQUIRE(heading != std::string::npos);
    size_t end = text.find('\n', heading) + 1;
    size_t meta = end;
    while (meta < text.size() && text[meta] != '\n') meta = text.find('\n', meta) + 1;
    writeText(p, text.insert(meta, "ask: " + ask + "\n"));
  };
  // Every language has an 'ask:' line or none does.
  for (const auto& e : fs::directory_iterator(x.content / "pomalidomide" / "counselling")) {
    std::string locale = e.path().stem().string();
    if (locale == "en" || locale == "de") continue;
    std::string text = readText(e.path());
    size_t heading = text.find(" {#condom}\n");
    REQUIRE(heading != std::string::npos);
    writeText(e.path(), text.insert(text.find('\n', heading) + 1, "ask: Test 7?\n"));
  }
  addAsk("en", "## Condoms", "Test question for 7 days?");
  addAsk("de", "## Kondome", "Testfrage für 7 Tage?");
  std::string xml = x.exported();
  REQUIRE(targetOf(xml, "pomalidomide/counselling/condom/ask") == "Testfrage für 7 Tage?");
  writeText(x.xliff, withTarget(xml, "pomalidomide/counselling/condom/ask", "Neue Testfrage für 7 Tage?"));
  writeXliffImport(planXliffImport(x.content, x.xliff, ""));
  CHECK(readText(x.content / "pomalidomide" / "counselling" / "de.md")
            .find("## Kondome {#condom}\nask: Neue Testfrage") != std::string::npos);
  CHECK_THAT(x.refusal(withTarget(xml, "pomalidomide/counselling/condom/ask", "Testfrage für 70 Tage?")),
             Catch::Contains("not in English 70"));
}

TEST_CASE("xliff export states follow the review records: final when reviewed and needs review when English changed") {
  Exchange x;
  ContentSource src = loadContentSource(x.content);
  ReviewRecord record;
  record.item = "section/how_to_take";
  record.reviewer = "Test Reviewer";
  record.role = "native-speaking pharmacist";
  record.date = "2026-01-01";
  ReviewFile file = withReview(src.medicines[0], "de", record);
  fs::create_directories(x.content / "pomalidomide" / "reviews");
  writeText(x.content / "pomalidomide" / "reviews" / "de.tsv", formatReviewFile(src.medicines[0], file));
  std::string dose = x.idOf("4 mg once a day");
  std::string xml = x.exported();
  size_t unit = xml.find("<trans-unit id=\"" + dose + "\"");
  CHECK(xml.substr(unit, xml.find('>', unit) - unit).find("approved=\"yes\"") != std::string::npos);
  CHECK(xml.find("<target state=\"final\">", unit) < xml.find("</trans-unit>", unit));
  CHECK(xml.find("<target state=\"translated\">", xml.find("pomalidomide/brochure/purpose/1")) != std::string::npos);
  // The English text changes: the German review is outdated, and the units say so.
  fs::path en = x.content / "pomalidomide" / "en.md";
  std::string text = readText(en);
  writeText(en, text.replace(text.find("Take your dose at the same time each day."), 4, "Have"));
  xml = x.exported();
  unit = xml.find("<trans-unit id=\"" + dose + "\"");
  CHECK(xml.find("<target state=\"needs-review-translation\">", unit) < xml.find("</trans-unit>", unit));
}
