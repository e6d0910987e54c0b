#include <catch2/catch.hpp>

#include "core/ui_strings.h"

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
    std::string out = s.format(k, {{"seconds", std::int64_t{2}}, {"current", std::int64_t{1}}, {"total", std::int64_t{8}},
                                   {"title", std::string("T")}, {"source", std::string("S")},
                                   {"authority", std::string("A")}, {"website", std::string("W")},
                                   {"language", std::string("L")}});
    CHECK(out.find('{') == std::string::npos);
  }
}

TEST_CASE("language names are endonyms capitalised for a list") {
  CHECK(localeDisplayName("de_AT", "de_AT") == "Deutsch (Österreich)");
  CHECK(localeDisplayName("el", "el") == "Ελληνικά");
  CHECK(localeDisplayName("es", "es") == "Español");
  CHECK(localeDisplayName("bg", "bg") == "Български");
}
