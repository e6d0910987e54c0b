// The UI string bundles against each other and against the code: every key the code
// uses exists in every bundle, no bundle has keys root lacks, every pattern compiles.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/content/content_model.h"
#include "core/i18n/ui_strings.h"
#include "core/session/ui_keys.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {
const std::string kLocales = MEDKIOSK_BINARY_DIR "/locales";

std::vector<std::string> bundles() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kLocales))
    if (e.path().extension() == ".res" && e.path().stem() != "root") out.push_back(e.path().stem().string());
  return out;
}

std::string readSource(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The argument list of the call whose '(' is at `open`, up to the matching ')'.
std::string argumentsAt(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return text.substr(open + 1, i - open - 1);
  }
  return {};
}

// How the code names UI string keys: literals in the arguments of get(), format(),
// stringIn() and formatIn() (also both keys of a choice between two), literals marked
// with uiKey(), and the keys built at run time (core/session/ui_keys). A literal that
// ends in '.' inside such a call is a key built in place, which the check cannot see.
struct KeysInCode {
  std::set<std::string> keys;
  std::vector<std::string> builtInPlace;  // "file: literal"
};

KeysInCode keysUsedInCode() {
  KeysInCode out;
  std::regex call(R"re(\b(?:get|format|stringIn|formatIn|uiKey)\()re");
  std::regex literal(R"re("([a-z_]+(?:\.[a-z_0-9]+)+)(\.?)")re");
  for (const auto& e : fs::recursive_directory_iterator(MEDKIOSK_SOURCE_DIR "/src")) {
    if (e.path().extension() != ".cpp" && e.path().extension() != ".h") continue;
    std::string text = readSource(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
      std::string args = argumentsAt(text, static_cast<std::size_t>(it->position() + it->length() - 1));
      for (std::sregex_iterator l(args.begin(), args.end(), literal); l != end; ++l) {
        if ((*l)[2].length() > 0)
          out.builtInPlace.push_back(e.path().filename().string() + ": " + (*l)[0].str());
        else
          out.keys.insert((*l)[1]);
      }
    }
  }
  for (const auto& k : dynamicUiKeys()) out.keys.insert(k);
  return out;
}
}  // namespace

TEST_CASE("all 24 EU languages have a UI string bundle") {
  auto have = bundles();
  std::set<std::string> set(have.begin(), have.end());
  for (const char* l : {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
                        "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"})
    CHECK(set.count(l) == 1);
}

TEST_CASE("keys are not built in place where the bundle check cannot see them") {
  auto found = keysUsedInCode();
  for (const auto& b : found.builtInPlace) {
    INFO("build this key in core/session/ui_keys: " << b);
    CHECK(b.empty());
  }
  // Keys only a choice or a table names are seen too.
  for (const char* k : {"nurse.not_saved", "brochure.badge_pending", "brochure.resume", "brochure.louder",
                        "nurse.read_brochure", "nurse.category.woman_ncbp", "brochure.section.sources"}) {
    INFO(k);
    CHECK(found.keys.count(k) == 1);
  }
}

TEST_CASE("every key used in code is in every bundle") {
  auto used = keysUsedInCode().keys;
  REQUIRE(used.size() > 20);
  UiStrings root(kLocales);
  auto rootKeys = root.rootKeys();
  std::set<std::string> inRoot(rootKeys.begin(), rootKeys.end());
  for (const auto& k : used) {
    INFO("root lacks " << k);
    CHECK(inRoot.count(k) == 1);
  }
  for (const auto& loc : bundles()) {
    if (loc == "en") continue;  // English is root itself
    auto keys = UiStrings::bundleKeys(kLocales, loc);
    std::set<std::string> have(keys.begin(), keys.end());
    for (const auto& k : used) {
      INFO(loc << " lacks " << k);
      CHECK(have.count(k) == 1);
    }
    for (const auto& k : keys) {
      INFO(loc << " has a key root lacks: " << k);
      CHECK(inRoot.count(k) == 1);
    }
  }
}

TEST_CASE("every pattern compiles and formats in every language") {
  UiStrings s(kLocales);
  auto keys = s.rootKeys();
  for (const auto& loc : bundles()) {
    s.setLocale(loc);
    for (const auto& k : keys) {
      std::string error;
      INFO(loc << " " << k << " " << error);
      CHECK(s.patternCompiles(k, error));
    }
    std::string countdown = s.format("idle.countdown", {{"seconds", std::int64_t{21}}});
    INFO(loc << ": " << countdown);
    CHECK(countdown.find("21") != std::string::npos);
  }
}

TEST_CASE("plural forms follow each language's rules") {
  UiStrings s(kLocales);
  auto countdown = [&](const char* loc, std::int64_t n) {
    s.setLocale(loc);
    return s.format("idle.countdown", {{"seconds", n}});
  };
  // English: one / other.
  CHECK_THAT(countdown("en", 1), Catch::EndsWith("1 second."));
  CHECK_THAT(countdown("en", 2), Catch::EndsWith("2 seconds."));
  // Polish: 1 sekundę, 2–4 sekundy, 5+ sekund, 22 sekundy.
  CHECK_THAT(countdown("pl", 1), Catch::Contains("1 sekund"));
  std::string pl2 = countdown("pl", 2), pl5 = countdown("pl", 5), pl22 = countdown("pl", 22);
  CHECK(pl2.find("2 sekundy") != std::string::npos);
  CHECK(pl5.find("5 sekund") != std::string::npos);
  CHECK(pl5.find("5 sekundy") == std::string::npos);
  CHECK(pl22.find("22 sekundy") != std::string::npos);
  // Czech: 1 sekundu, 2–4 sekundy, 5+ sekund.
  CHECK(countdown("cs", 3).find("3 sekundy") != std::string::npos);
  CHECK(countdown("cs", 7).find("7 sekund") != std::string::npos);
  CHECK(countdown("cs", 7).find("7 sekundy") == std::string::npos);
  // Irish has five plural categories; "soicind" is lenited after 2 (and 3–6).
  s.setLocale("ga");
  const std::string& pattern = s.get("idle.countdown");
  for (const char* category : {"one {", "two {", "few {", "many {", "other {"})
    CHECK_THAT(pattern, Catch::Contains(category));
  CHECK(countdown("ga", 2).find("2 shoicind") != std::string::npos);
  CHECK(countdown("ga", 1).find("1 soicind") != std::string::npos);
}
