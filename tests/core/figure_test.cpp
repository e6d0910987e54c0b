// Figures above a section's text (issue #15): declared in medicine.ini, captioned by
// brochure blocks in the patient's language, refused at build when a caption does not
// state what the figure draws, stored in the database and shown per language.
#include <catch2/catch.hpp>

#include "content_copy.h"
#include "core/content/content_db.h"
#include "core/content/figure_source.h"
#include "core/session/content_view.h"
#include "test_support.h"

using namespace mk;
using test::ContentCopy;

namespace {

const Figure& figureNamed(const Medicine& med, const std::string& id) {
  for (const auto& f : med.figures)
    if (f.id == id) return f;
  FAIL("no figure " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("the shipped figures draw the EU schedules and the four capsules", "[figure]") {
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  const Medicine& med = src.medicines.front();
  const Figure& cycles = figureNamed(med, "cycles");
  CHECK(cycles.kind == FigureKind::DoseCalendar);
  CHECK(cycles.section == "how_to_take");
  REQUIRE(cycles.items.size() == 2);
  // content-notes.md: with bortezomib and dexamethasone days 1-14 of 21; with
  // dexamethasone only days 1-21 of 28.
  CHECK(cycles.items[0].cycleDays == 21);
  CHECK(cycles.items[0].takeFirst == 1);
  CHECK(cycles.items[0].takeLast == 14);
  CHECK(cycles.items[1].cycleDays == 28);
  CHECK(cycles.items[1].takeLast == 21);
  const Figure& capsules = figureNamed(med, "capsules");
  REQUIRE(capsules.items.size() == 4);
  for (int mg = 1; mg <= 4; ++mg) {
    CHECK(capsules.items[static_cast<size_t>(mg) - 1].strengthMg == mg);
    CHECK(capsules.items[static_cast<size_t>(mg) - 1].pictures ==
          std::vector<std::string>{"capsule-" + std::to_string(mg) + "mg"});
  }
  const Figure& symptoms = figureNamed(med, "symptoms");
  CHECK(symptoms.items.size() == 6);
  CHECK(symptoms.items[0].pictures == std::vector<std::string>{"swollen-leg", "chest-pain", "breathlessness"});
  CHECK(figureNamed(med, "rules").titles);
  CHECK(figureNamed(med, "donation").wholeCaptions);
  CHECK(med.leaflets.at("en") == "https://www.imnovid-eu-pil.com");
}

TEST_CASE("a figure whose caption does not state what it draws is refused, in any language", "[figure]") {
  SECTION("the English block lacks a day the calendar marks") {
    ContentCopy copy("figure");
    copy.edit("medicine.ini", "21 days, take 1-14", "21 days, take 1-15");
    std::string error = copy.loadError();
    CHECK(error.rfind("en.md:", 0) == 0);
    CHECK_THAT(error, Catch::Contains("[figure.cycles] how_to_take#2 block 2 in en does not give the days 1-15"));
  }
  SECTION("a translation swaps the two schedules: the section's numbers still match English") {
    ContentCopy copy("figure");
    copy.edit("el.md", "ημέρες 1–14 κάθε κύκλου 21", "ημέρες 1–21 κάθε κύκλου 21");
    copy.edit("el.md", "ημέρες 1–21 κάθε κύκλου 28", "ημέρες 1–14 κάθε κύκλου 28");
    std::string error = copy.loadError();
    CHECK(error.rfind("el.md:", 0) == 0);
    CHECK_THAT(error, Catch::Contains("in el does not give the days 1-14"));
  }
  SECTION("a capsule strength its block does not name") {
    ContentCopy copy("figure");
    // The 4 moves to the next block, so the section's numbers still match the translations.
    copy.edit("en.md", "1 mg, 2 mg, 3 mg and 4 mg.", "1 mg, 2 mg and 3 mg.");
    copy.edit("en.md", "dose is **4 mg once a day**.", "dose is **4 mg once a day**, one 4 mg capsule.");
    CHECK_THAT(copy.loadError(), Catch::Contains("in en does not state 4"));
  }
  SECTION("a cycle length the text does not give") {
    ContentCopy copy("figure");
    copy.edit("medicine.ini", "28 days, take 1-21", "29 days, take 1-21");
    CHECK_THAT(copy.loadError(), Catch::Contains("how_to_take#2 block 3 in en does not state 29"));
  }
  SECTION("days the text names, but not as the days to take") {
    // English block 2 states 1, 14, 21, 2 and 3: "1-21" is each of them, not its range.
    ContentCopy copy("figure");
    copy.edit("medicine.ini", "21 days, take 1-14", "21 days, take 1-21");
    CHECK_THAT(copy.loadError(), Catch::Contains("in en does not give the days 1-21, which the figure marks"));
  }
  SECTION("a block beyond the part") {
    ContentCopy copy("figure");
    copy.edit("medicine.ini", "symptoms block 7: missed-period", "symptoms block 40: missed-period");
    CHECK_THAT(copy.loadError(), Catch::Contains("[figure.symptoms] symptoms block 40: this part has"));
  }
}

TEST_CASE("malformed figures are refused with the file and line", "[figure]") {
  auto refused = [](const std::string& from, const std::string& to) {
    ContentCopy copy("figure");
    copy.edit("medicine.ini", from, to);
    return copy.loadError();
  };
  CHECK_THAT(refused("kind = dose-calendar", "kind = chart"), Catch::Contains("needs kind = dose-calendar"));
  CHECK_THAT(refused("21 days, take 1-14", "21 days, take 14-1"), Catch::Contains("run forwards"));
  CHECK_THAT(refused("how_to_take#2 block 3: 28", "how_to_take#2 3: 28"), Catch::Contains("expected '<section>"));
  CHECK_THAT(refused("symptoms block 3: fever", "donation block 3: fever"), Catch::Contains("in one section"));
  CHECK_THAT(refused("block 3: fever", "block 3: fever bleeding tingling warning"), Catch::Contains("1 to 3"));
  CHECK_THAT(refused("block 3: fever", "block 3: Fever"), Catch::Contains("'Fever' is not a pictogram name"));
  CHECK_THAT(refused("titles = headings", "colour = red"), Catch::Contains("unknown key 'colour'"));
  // A name of the right form that assets/pictograms lacks (misspelt, or from another
  // version) would be drawn as words alone on every kiosk: refused with the names there are.
  CHECK_THAT(refused("block 3: fever", "block 3: fevr"),
             Catch::Contains("no pictogram 'fevr' in assets/pictograms") && Catch::Contains("fever, hand"));
  CHECK_THAT(refused("2 mg, capsule-2mg", "5 mg, capsule-5mg"), Catch::Contains("no pictogram 'capsule-5mg'"));
  CHECK_THAT(refused("2 mg, capsule-2mg", "2 mg, capsule-4mg"),
             Catch::Contains("drawn by capsule-2mg, not capsule-4mg"));
  CHECK_THAT(refused("block 3: fever", "block 3: capsule-3mg"), Catch::Contains("a capsule of one strength"));
  CHECK_THAT(refused("how_to_take#1 block 1: 3 mg", "how_to_take#1 block 2: 3 mg"), Catch::Contains("same block"));
  CHECK_THAT(refused("blocks 2-3: condom", "blocks 3-2: condom"), Catch::Contains("runs forwards"));
  CHECK_THAT(refused("how_to_take#2 block 3: 28", "how_to_take#2 blocks 2-3: 28"), Catch::Contains("only a card"));
  // The error names the line of the figure's header.
  ContentCopy copy("figure");
  int line = copy.lineOf("medicine.ini", "[figure.cycles]");
  copy.edit("medicine.ini", "kind = dose-calendar", "kind = chart");
  CHECK(copy.loadError().rfind("medicine.ini:" + std::to_string(line) + ":", 0) == 0);
  CHECK_THAT(refused("en = https://www.imnovid-eu-pil.com", "el = https://www.imnovid-eu-pil.com"),
             Catch::Contains("[leaflet] needs an 'en' address"));
}

TEST_CASE("figures and leaflet addresses are stored and shown in the section's language", "[figure]") {
  test::TempDir dir;
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  buildContentDatabase(src, 1, dir.path / "c.db");
  ContentDb db(dir.path / "c.db");
  std::vector<Figure> stored = db.figures("pomalidomide");
  REQUIRE(stored.size() == src.medicines.front().figures.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    const Figure& want = src.medicines.front().figures[i];
    CHECK(stored[i].id == want.id);
    CHECK(stored[i].kind == want.kind);
    CHECK(stored[i].section == want.section);
    REQUIRE(stored[i].items.size() == want.items.size());
    for (size_t k = 0; k < want.items.size(); ++k) {
      CHECK(stored[i].items[k].pictures == want.items[k].pictures);
      CHECK(stored[i].items[k].block == want.items[k].block);
      CHECK(stored[i].items[k].takeLast == want.items[k].takeLast);
    }
  }
  // No Greek leaflet page: English's; the EMA page stays apart.
  CHECK(db.link("pomalidomide", "el", "leaflet") == "https://www.imnovid-eu-pil.com");
  CHECK(db.link("pomalidomide", "el") != db.link("pomalidomide", "el", "leaflet"));

  ContentView view(&db);
  auto shown = view.section("pomalidomide", "el", "how_to_take");
  REQUIRE(shown);
  const auto& figures = view.figures("pomalidomide", *shown);
  REQUIRE(figures.size() == 2);
  CHECK(figures[1].id == "cycles");
  CHECK(figures[1].items[0].caption == "Με βορτεζομίμπη και δεξαμεθαζόνη");
  CHECK(figures[1].items[1].caption == "Μόνο με δεξαμεθαζόνη");
  // A block without a bold lead captions whole.
  CHECK(figures[0].items[0].caption.find("1 mg, 2 mg, 3 mg") != std::string::npos);
  auto pregnancy = view.section("pomalidomide", "en", "pregnancy");
  const auto& rules = view.figures("pomalidomide", *pregnancy);
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].items[1].title == "Men");
  // Two blocks: the rule and when it applies, whole.
  CHECK(
      rules[0].items[1].caption ==
      "Use a condom during sex if your partner is pregnant, or if she could become pregnant and does not use "
      "contraception. Do this during the whole treatment, during breaks in treatment, and for 7 days after you stop.");
  CHECK(view.figures("pomalidomide", *view.section("pomalidomide", "en", "purpose")).empty());
  // A figure of whole captions keeps what its bold lead alone would drop.
  const auto& donation = view.figures("pomalidomide", *view.section("pomalidomide", "en", "donation"));
  REQUIRE(donation.size() == 1);
  CHECK(donation[0].items[0].caption ==
        "Do not donate blood, semen or sperm while you take pomalidomide, during breaks in treatment, and for 7 days "
        "after you stop.");
}

TEST_CASE("an item whose block the shown text lacks is left out and logged", "[figure]") {
  Section s{"symptoms", "Symptoms", "- **Fever.** Call.\n", "", {}, 1};
  std::vector<Block> blocks = parseMarkdown(s.body);
  ShownSection shown{&s, &blocks, "en", false};
  Figure f;
  f.id = "symptoms";
  f.section = "symptoms";
  f.items = {FigureItem{0, 1, 0, {"fever"}}, FigureItem{0, 2, 0, {"bleeding"}}};
  test::LogCapture log;
  auto figures = showFigures({f}, shown);
  REQUIRE(figures.size() == 1);
  REQUIRE(figures[0].items.size() == 1);
  CHECK(figures[0].items[0].caption == "Fever.");
  CHECK(log.contains("figure symptoms: the en text of section symptoms has no block 2"));
}
