#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/i18n/ui_strings.h"
#include "test_support.h"

using namespace mk;

namespace {
const char* kLocales = MEDKIOSK_BINARY_DIR "/locales";
}

TEST_CASE("the fallback chain is explicit and ends at root") {
  CHECK(UiStrings::fallbackChain("de_AT") == std::vector<std::string>{"de_AT", "de", "root"});
  CHECK(UiStrings::fallbackChain("en") == std::vector<std::string>{"en", "root"});
  CHECK(UiStrings::fallbackChain("sr_Latn_RS") == std::vector<std::string>{"sr_Latn_RS", "sr_Latn", "sr", "root"});
}

TEST_CASE("strings come from the bundles, never the process default locale") {
  UiStrings s(kLocales);
  s.setLocale("xx_YY");  // no such bundles: only root is loaded
  CHECK(s.loadedChain() == std::vector<std::string>{"root"});
  CHECK(s.get("idle.continue") == "Continue reading");
  CHECK(s.get("brochure.section.pregnancy") == "Pregnancy");
}

TEST_CASE("a missing key is shown as the key, not blank") {
  UiStrings s(kLocales);
  CHECK(s.get("no.such.key") == "no.such.key");
  CHECK_FALSE(s.has("no.such.key"));
  CHECK(s.has("attract.touch_to_start"));
}

TEST_CASE("MessageFormat with named arguments and plurals") {
  UiStrings s(kLocales);
  s.setLocale("en");
  CHECK(s.format("idle.countdown", {{"seconds", std::int64_t{1}}}) == "The kiosk will start again in 1 second.");
  CHECK(s.format("idle.countdown", {{"seconds", std::int64_t{20}}}) == "The kiosk will start again in 20 seconds.");
  CHECK(s.format("brochure.section_of", {{"current", std::int64_t{3}}, {"total", std::int64_t{8}}}) == "Part 3 of 8");
}

TEST_CASE("every root pattern compiles") {
  UiStrings s(kLocales);
  auto keys = s.rootKeys();
  CHECK(keys.size() > 20);
  for (const auto& k : keys) {
    INFO(k);
    std::string out = s.format(k, {{"seconds", std::int64_t{2}},
                                   {"current", std::int64_t{1}},
                                   {"total", std::int64_t{8}},
                                   {"title", std::string("T")},
                                   {"source", std::string("S")},
                                   {"authority", std::string("A")},
                                   {"website", std::string("W")},
                                   {"language", std::string("L")},
                                   {"reviewer", std::string("R")},
                                   {"version", std::int64_t{3}},
                                   {"date", DateArg{0}},
                                   {"count", std::int64_t{4}},
                                   {"file", std::string("F")},
                                   {"left", std::int64_t{2}},
                                   {"nurse", std::string("N")},
                                   {"confirmed", std::int64_t{5}},
                                   {"days", std::int64_t{90}},
                                   {"day", std::int64_t{21}},
                                   {"mg", std::int64_t{3}}});
    CHECK(out.find('{') == std::string::npos);
  }
}

TEST_CASE("language names are endonyms capitalised for a list") {
  CHECK(localeDisplayName("de_AT", "de_AT") == "Deutsch (Österreich)");
  CHECK(localeDisplayName("el", "el") == "Ελληνικά");
  CHECK(localeDisplayName("es", "es") == "Español");
  CHECK(localeDisplayName("bg", "bg") == "Български");
}

TEST_CASE("numbers are formatted by ICU for the locale, with its separators") {
  auto fmt = [](const char* pattern, const char* locale, MessageArgs args) {
    std::string out;
    REQUIRE(UiStrings::formatPattern(pattern, locale, args, out));
    return out;
  };
  CHECK(fmt("{n, number} months", "en", {{"n", 11.2}}) == "11.2 months");
  CHECK(fmt("{n, number} Monate", "de", {{"n", 11.2}}) == "11,2 Monate");
  CHECK(fmt("{n, number} μήνες", "el", {{"n", 11.2}}) == "11,2 μήνες");
  CHECK(fmt("{n, number} mg", "pl", {{"n", 2.5}}) == "2,5 mg");
  // French groups thousands with a narrow no-break space (U+202F).
  CHECK(fmt("{n, number}", "fr", {{"n", std::int64_t{12000}}}) == "12\u202F000");
  CHECK(fmt("{n, number}", "bg", {{"n", 4.0}}) == "4");
}

TEST_CASE("dates are formatted by ICU for the locale, in UTC") {
  auto date = parseIsoDate("2026-07-04");
  REQUIRE(date);
  CHECK_FALSE(parseIsoDate("04/07/2026"));
  auto fmt = [&](const char* locale) {
    std::string out;
    REQUIRE(UiStrings::formatPattern("{d, date, long}", locale, {{"d", *date}}, out));
    return out;
  };
  CHECK(fmt("en") == "July 4, 2026");
  CHECK(fmt("de") == "4. Juli 2026");
  CHECK(fmt("el") == "4 Ιουλίου 2026");
  CHECK(fmt("bg") == "4 юли 2026\u202Fг.");  // ICU 72 puts a narrow no-break space before "г."
  CHECK(fmt("fr") == "4 juillet 2026");
}

TEST_CASE("the review and content lines format in every language") {
  UiStrings s(kLocales);
  auto built = parseIsoDate("2026-11-21T10:00:00Z");
  REQUIRE(built);
  for (const char* loc : {"en", "de_AT", "el_GR", "bg_BG", "pl_PL", "ga_IE", "mt_MT"}) {
    s.setLocale(loc);
    std::string line = s.format("brochure.content_info", {{"version", std::int64_t{7}}, {"date", *built}});
    INFO(loc << ": " << line);
    CHECK(line.find("7") != std::string::npos);
    CHECK(line.find("2026") != std::string::npos);
    CHECK(line.find('{') == std::string::npos);
  }
}

TEST_CASE("lists are sorted by the collation of the language on screen") {
  std::vector<std::string> names = {"Zypern", "Österreich", "Ostsee", "Polen"};
  auto order = [&](const char* locale) {
    std::vector<std::string> out;
    for (auto i : collationOrder(names, locale)) out.push_back(names[i]);
    return out;
  };
  CHECK(order("de") == std::vector<std::string>{"Österreich", "Ostsee", "Polen", "Zypern"});
  CHECK(order("sv") == std::vector<std::string>{"Ostsee", "Polen", "Zypern", "Österreich"});
  std::vector<std::string> scripts = {"Ελληνικά", "Deutsch", "Български"};
  names = scripts;
  CHECK(order("el").front() == "Ελληνικά");  // Greek first for a Greek reader
  CHECK(order("bg").front() == "Български");
}

namespace {
// A locales directory with only some of the built bundles, for the fault cases.
struct PartialLocales {
  std::filesystem::path dir;
  // ICU caches opened bundles by path for the whole process: one name per case.
  PartialLocales(const std::string& name, std::initializer_list<const char*> keep) {
    dir = std::filesystem::temp_directory_path() / ("medkiosk-locales-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const char* file : keep)
      std::filesystem::copy_file(std::filesystem::path(kLocales) / (std::string(file) + ".res"),
                                 dir / (std::string(file) + ".res"));
  }
  ~PartialLocales() { std::filesystem::remove_all(dir); }
};
}  // namespace

TEST_CASE("a missing language bundle falls back to English with a log line") {
  PartialLocales locales("missing", {"root", "de"});
  test::LogCapture logs;
  UiStrings s(locales.dir);
  s.setLocale("de_AT");  // de_AT.res absent: de, then root
  CHECK(s.loadedChain() == std::vector<std::string>{"de", "root"});
  CHECK(s.get("idle.continue") != "Continue reading");
  s.setLocale("fr_BE");  // no French at all
  CHECK(s.loadedChain() == std::vector<std::string>{"root"});
  CHECK(s.get("idle.continue") == "Continue reading");
  CHECK(logs.contains("no UI strings for 'fr_BE'"));
}

TEST_CASE("a damaged bundle is skipped along the chain and logged") {
  PartialLocales locales("damaged", {"root", "el"});
  {
    std::ofstream damaged(locales.dir / "el.res", std::ios::binary | std::ios::trunc);
    damaged << "this is not an ICU resource bundle";
  }
  test::LogCapture logs;
  UiStrings s(locales.dir);
  s.setLocale("el_GR");
  CHECK(s.loadedChain() == std::vector<std::string>{"root"});
  CHECK(s.get("idle.continue") == "Continue reading");
  CHECK(logs.contains("el.res cannot be read"));
}

TEST_CASE("without the root bundle there are no UI strings, and the error names the directory") {
  PartialLocales locales("noroot", {"de"});
  CHECK_THROWS_WITH(UiStrings(locales.dir),
                    Catch::Contains("no UI string bundle root.res in") && Catch::Contains(locales.dir.string()));
}
