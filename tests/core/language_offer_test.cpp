// The languages the language screen offers: the member state's first, each language
// once, only with content of its own, and [kiosk] locales honoured or logged.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/session/language_offer.h"
#include "test_support.h"

using namespace mk;

namespace {

const std::filesystem::path kDb = std::filesystem::path(MEDKIOSK_BINARY_DIR) / "content" / "medkiosk.db";

std::vector<std::string> localesOf(const std::vector<LanguageChoice>& choices) {
  std::vector<std::string> out;
  for (const auto& c : choices) out.push_back(c.locale);
  return out;
}

}  // namespace

TEST_CASE("every language with a brochure is offered once, the member state's first") {
  ContentDb db(kDb);
  ContentView view(&db);
  KioskConfig config;
  config.country = "BE";
  auto choices = offeredLanguages(view, config);
  auto locales = localesOf(choices);
  REQUIRE(choices.size() >= 24);
  CHECK(locales[0] == "nl_BE");
  CHECK(locales[1] == "fr_BE");
  CHECK(locales[2] == "de_BE");
  CHECK(choices[2].ofCountry);
  CHECK_FALSE(choices[3].ofCountry);
  CHECK(choices[1].name == "Français (Belgique)");
  // Dutch, French and German are already offered in their Belgian form.
  CHECK(std::count(locales.begin(), locales.end(), "nl") == 0);
  CHECK(std::count(locales.begin(), locales.end(), "fr") == 0);
  CHECK(std::count(locales.begin(), locales.end(), "el") == 1);
}

TEST_CASE("[kiosk] locales limits the offer, and a locale without a brochure is logged and left out") {
  ContentDb db(kDb);
  ContentView view(&db);
  KioskConfig config;
  config.country = "BE";
  config.offeredLocales = {"el", "fr_BE", "sv_FI", "lb"};
  test::LogCapture capture;
  auto choices = offeredLanguages(view, config);
  CHECK(localesOf(choices) == std::vector<std::string>{"fr_BE", "el", "sv_FI"});
  CHECK(capture.contains("'lb' has no brochure"));
}

TEST_CASE("when no listed locale has content, every language is offered and that is an error in the log") {
  ContentDb db(kDb);
  ContentView view(&db);
  KioskConfig config;
  config.offeredLocales = {"lb", "xx"};
  test::LogCapture capture;
  auto choices = offeredLanguages(view, config);
  CHECK(choices.size() >= 24);
  CHECK(capture.contains("none of the listed locales has content"));
}

TEST_CASE("the attract screen greets in the member state's languages, the kiosk's own first") {
  std::vector<LanguageChoice> be = {{"nl_BE", "Nederlands (België)", true},
                                    {"fr_BE", "Français (Belgique)", true},
                                    {"de_BE", "Deutsch (Belgien)", true},
                                    {"en", "English", false},
                                    {"el", "Ελληνικά", false}};
  CHECK(attractCycle(be, "nl_BE") == std::vector<std::string>{"nl_BE", "fr_BE", "de_BE"});
  CHECK(attractCycle(be, "fr_BE") == std::vector<std::string>{"fr_BE", "de_BE", "nl_BE"});
  CHECK(attractCycle(be, "de") == std::vector<std::string>{"de_BE", "nl_BE", "fr_BE"});  // the same language
  CHECK(attractCycle(be, "el") == std::vector<std::string>{"nl_BE", "fr_BE", "de_BE"});  // not of the country
  // No member state configured: every offered language, the default first.
  for (auto& c : be) c.ofCountry = false;
  CHECK(attractCycle(be, "el") == std::vector<std::string>{"el", "nl_BE", "fr_BE", "de_BE", "en"});
  CHECK(attractCycle({}, "en").empty());
}
