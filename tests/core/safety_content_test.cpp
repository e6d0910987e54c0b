// Safety facts that must reach the patient in every language, checked in the shipped
// content sources. Each entry was a real defect (see the content issue): a counselling
// point that restated a rule lost its condition, so these check the words that carry
// the condition, per locale.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <sstream>

#include "core/content/content_checks.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/session/counselling_text.h"

using namespace mk;

namespace {

// MEDKIOSK_TEST_CONTENT_DIR lets the same checks run on another content tree (for
// example an older revision, to see them fail).
std::string contentDir() {
  const char* dir = std::getenv("MEDKIOSK_TEST_CONTENT_DIR");
  return dir && *dir ? dir : MEDKIOSK_SOURCE_DIR "/content";
}

const Medicine& pomalidomide(const ContentSource& src) {
  auto it = std::find_if(src.medicines.begin(), src.medicines.end(),
                         [](const Medicine& m) { return m.id == "pomalidomide"; });
  REQUIRE(it != src.medicines.end());
  return *it;
}

// The words that say "after cancer treatment" and "during breast-feeding" in each
// language (a stem that every inflection used in the text contains).
const std::map<std::string, std::pair<std::string, std::string>>& exclusionWords() {
  static const std::map<std::string, std::pair<std::string, std::string>> words = {
      {"bg", {"рак", "кърмене"}},
      {"cs", {"rakovin", "kojení"}},
      {"da", {"kræft", "amning"}},
      {"de", {"Krebs", "Stillzeit"}},
      {"el", {"καρκίν", "θηλασμ"}},
      {"en", {"cancer", "breast-feeding"}},
      {"es", {"cáncer", "lactancia"}},
      {"et", {"vähiravi", "rinnaga toitmise"}},
      {"fi", {"syöpä", "imetyksen"}},
      {"fr", {"cancer", "allaitement"}},
      {"ga", {"ailse", "beathú cíche"}},
      {"hr", {"raka", "dojenja"}},
      {"hu", {"daganatellenes", "szoptatás"}},
      {"it", {"antitumoral", "allattamento"}},
      {"lt", {"vėžio", "žindymo"}},
      {"lv", {"vēža", "barošanas ar krūti"}},
      {"mt", {"kanċer", "treddigħ"}},
      {"nl", {"kanker", "borstvoeding"}},
      {"pl", {"przeciwnowotworow", "karmienia piersią"}},
      {"pt", {"cancro", "amamentação"}},
      {"ro", {"cancer", "alăptării"}},
      {"sk", {"rakovin", "dojčenia"}},
      {"sl", {"raka", "dojenj"}},
      {"sv", {"cancer", "amning"}},
  };
  return words;
}

// The content compiled into a database, as the kiosk opens it, in a temporary file.
struct BuiltContent {
  std::filesystem::path path;
  std::unique_ptr<ContentDb> db;
  explicit BuiltContent(const ContentSource& src) {
    path = std::filesystem::temp_directory_path() / ("medkiosk-safety-" + std::to_string(::getpid()) + ".db");
    buildContentDatabase(src, 1, path);
    db = std::make_unique<ContentDb>(path);
  }
  ~BuiltContent() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

// What the counselling screen shows for a point in `locale`: the brochure blocks it
// names, as plain text, with the locale they are in.
std::pair<std::string, std::string> shownOnNurseScreen(ContentView& view, const std::string& category,
                                                       const std::string& point, const std::string& locale) {
  const auto& c = view.counselling("pomalidomide", category, locale);
  for (const auto& p : c.points) {
    if (p.id != point) continue;
    auto text = counsellingText(view, "pomalidomide", p, locale);
    if (!text) return {};
    std::string plain;
    for (const auto& b : text->blocks) plain += plainText(b) + "\n";
    return {plain, text->locale};
  }
  return {};
}

// The Nth '###' part of a section body (1-based), up to the next '###'.
std::string subsection(const std::string& body, int n) {
  std::istringstream in(body);
  std::string out;
  int seen = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("### ", 0) == 0) ++seen;
    if (seen == n) out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE(
    "the nurse screen shows the cannot-become-pregnant point with the cancer-treatment and breast-feeding "
    "exclusion in every locale") {
  ContentSource src = loadContentSource(contentDir());
  const Medicine& med = pomalidomide(src);
  REQUIRE(med.counselling.size() == exclusionWords().size());
  BuiltContent built(src);
  ContentView view(built.db.get());
  for (const auto& set : med.counselling) {
    INFO("locale " << set.locale);
    auto words = exclusionWords().find(set.locale);
    REQUIRE(words != exclusionWords().end());
    // What the counselling screen draws for a woman who cannot become pregnant, in the
    // patient's language (and in the nurse's, the same call with the nurse's locale).
    auto [shown, locale] = shownOnNurseScreen(view, "woman_ncbp", "cannot_become_pregnant", set.locale);
    CHECK(locale == set.locale);  // in the language itself, not a fallback
    CHECK_THAT(shown, Catch::Contains(words->second.first));
    CHECK_THAT(shown, Catch::Contains(words->second.second));
  }
}

TEST_CASE("the brochure's cannot-become-pregnant part carries the same exclusion in every locale") {
  ContentSource src = loadContentSource(contentDir());
  const Medicine& med = pomalidomide(src);
  REQUIRE(med.brochures.size() == exclusionWords().size());
  for (const auto& b : med.brochures) {
    INFO("locale " << b.locale);
    auto words = exclusionWords().find(b.locale);
    REQUIRE(words != exclusionWords().end());
    const Section* s = b.section("pregnancy");
    REQUIRE(s);
    std::string part = subsection(s->body, 2);  // "Women who cannot become pregnant"
    CHECK_THAT(part, Catch::Contains(words->second.first));
    CHECK_THAT(part, Catch::Contains(words->second.second));
  }
}

TEST_CASE("men are told to report a partner's pregnancy, with its 7 days, in the brochure and the counselling point") {
  ContentSource src = loadContentSource(contentDir());
  const Medicine& med = pomalidomide(src);
  const Brochure* en = nullptr;
  for (const auto& b : med.brochures)
    if (b.locale == "en") en = &b;
  REQUIRE(en);
  std::string men = subsection(en->section("pregnancy")->body, 3);
  CHECK_THAT(men, Catch::Contains("If your partner becomes pregnant while you take pomalidomide, or in the 7 days "
                                  "after you stop, tell your doctor at once."));
  // Every translation carries the same numbers as English (the build checks that), so
  // the men's part has one more "7" than before in every locale: count them.
  for (const auto& b : med.brochures) {
    INFO("locale " << b.locale);
    std::string part = subsection(b.section("pregnancy")->body, 3);
    int sevens = 0;
    for (const auto& n : numbersIn(part)) sevens += n == "7";
    CHECK(sevens == 3);  // condoms for 7 days, donation for 7 days, partner's pregnancy in 7 days
  }
  BuiltContent built(src);
  ContentView view(built.db.get());
  for (const auto& set : med.counselling) {
    INFO("locale " << set.locale);
    auto [shown, locale] = shownOnNurseScreen(view, "man", "condom", set.locale);
    CHECK(locale == set.locale);
    int sevens = 0;
    for (const auto& n : numbersIn(shown)) sevens += n == "7";
    CHECK(sevens == 2);  // condoms for 7 days, a partner's pregnancy in the 7 days after
  }
}

TEST_CASE("the English brochure states the EU blood-test wording, capsule handling and breast-feeding advice") {
  ContentSource src = loadContentSource(contentDir());
  const Medicine& med = pomalidomide(src);
  for (const auto& b : med.brochures) {
    if (b.locale != "en") continue;
    const std::string& how = b.section("how_to_take")->body;
    CHECK_THAT(how, !Catch::Contains("before each treatment cycle"));
    CHECK_THAT(how, Catch::Contains("more often at the start of treatment, as your doctor arranges"));
    CHECK_THAT(how, Catch::Contains("Do not open, break or chew the capsules."));
    CHECK_THAT(how, Catch::Contains("disposable gloves"));
    CHECK_THAT(how, Catch::Contains("soap and water"));
    const std::string& preg = b.section("pregnancy")->body;
    CHECK_THAT(preg, !Catch::Contains("Breast-feeding is not recommended"));
    CHECK_THAT(preg, Catch::Contains("tell your doctor"));
    CHECK_THAT(b.section("donation")->body, !Catch::Contains("Men must also use a condom during sex."));
    CHECK_THAT(b.section("how_it_works")->body, !Catch::Contains("cereblon"));
  }
}

TEST_CASE("Hungary's reporting authority is NNGYK, not the merged OGYÉI") {
  ContentSource src = loadContentSource(contentDir());
  bool found = false;
  for (const auto& st : src.memberStates)
    if (st.code == "HU") {
      found = true;
      CHECK_THAT(st.authority, Catch::Contains("NNGYK"));
      CHECK_THAT(st.authority, !Catch::Contains("OGYÉI"));
      CHECK(st.website == "www.nngyk.gov.hu");
    }
  CHECK(found);
}
