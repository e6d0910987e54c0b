#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/system/config.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {
fs::path writeConfig(const std::string& text) {
  char tmpl[] = "/tmp/medkiosk-config-XXXXXX";
  int fd = mkstemp(tmpl);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(tmpl) << text;
  return tmpl;
}
}  // namespace

TEST_CASE("a valid configuration is read") {
  fs::path p = writeConfig(
      "[kiosk]\ncountry = BE\nlocale = fr_BE\nidle_timeout_seconds = 0\n"
      "[display]\ntext_size = 2\ndiagonal_inches = 32\n[content]\nshow = reviewed-locales\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.readable);
  CHECK(r.problems.empty());
  CHECK(r.settings.country == "BE");
  CHECK(r.settings.locale == "fr_BE");
  CHECK(r.settings.idleTimeoutMs == 0);
  CHECK(r.settings.textSize == 2);
  CHECK(r.settings.screenDiagonalInches == Approx(32));
  CHECK(r.settings.contentShow == ContentShow::ReviewedLocales);
}

TEST_CASE("content show: all by default, three modes, the old show_unreviewed an alias logged as deprecated") {
  CHECK(KioskSettings{}.contentShow == ContentShow::All);
  auto showFrom = [](const std::string& text, std::vector<std::string>* problems = nullptr) {
    fs::path p = writeConfig("[content]\n" + text + "\n");
    ConfigResult r = loadConfig(p);
    fs::remove(p);
    if (problems) *problems = r.problems;
    return r.settings.contentShow;
  };
  CHECK(showFrom("show = all") == ContentShow::All);
  CHECK(showFrom("show = reviewed") == ContentShow::Reviewed);
  CHECK(showFrom("show = reviewed-locales") == ContentShow::ReviewedLocales);
  std::vector<std::string> problems;
  CHECK(showFrom("show = everything", &problems) == ContentShow::All);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("content.show") && Catch::Contains("all, reviewed or reviewed-locales"));
  test::LogCapture log;
  CHECK(showFrom("show_unreviewed = no", &problems) == ContentShow::Reviewed);
  CHECK(problems.empty());
  CHECK(log.contains("show_unreviewed is deprecated; use show = reviewed"));
  CHECK(showFrom("show_unreviewed = yes") == ContentShow::All);
}

TEST_CASE("a bad value names its key and keeps the default, and the rest still applies") {
  fs::path p = writeConfig(
      "[kiosk]\ncountry = Belgium\nidle_timeout_seconds = soon\n"
      "[display]\ntext_size = 7\n[kiosk]\nlocale = de_AT\n[nonsense]\nkey = 1\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  KioskSettings defaults;
  CHECK(r.settings.country == defaults.country);
  CHECK(r.settings.idleTimeoutMs == defaults.idleTimeoutMs);
  CHECK(r.settings.textSize == defaults.textSize);
  CHECK(r.settings.locale == "de_AT");
  REQUIRE(r.problems.size() == 4);
  CHECK_THAT(r.problems[0], Catch::Contains("kiosk.country") && Catch::Contains("using the default"));
  CHECK_THAT(r.problems[1], Catch::Contains("kiosk.idle_timeout_seconds"));
  CHECK_THAT(r.problems[2], Catch::Contains("display.text_size"));
  CHECK_THAT(r.problems[3], Catch::Contains("nonsense.key") && Catch::Contains("unknown key"));
}

TEST_CASE("an unreadable configuration file falls back to the defaults with a message") {
  ConfigResult r = loadConfig("/nonexistent/medkiosk.ini");
  CHECK_FALSE(r.readable);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0], Catch::Contains("cannot read"));
  CHECK(r.settings.idleTimeoutMs == KioskSettings{}.idleTimeoutMs);
}

TEST_CASE("update settings: a URL and one or two public keys, and bad values keep the defaults") {
  const std::string k1 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  const std::string k2 = "2y/y7ZK6vW7Bbmb+4Q2EZx1ASB0cT3hy3pEXaSBp+uc=";
  fs::path p =
      writeConfig("[content]\nurl = https://content.example.org/medkiosk\npublic_keys = " + k1 + ", " + k2 + "\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.contentUrl == "https://content.example.org/medkiosk");
  CHECK(r.settings.publicKeys == std::vector<std::string>{k1, k2});

  p = writeConfig("[content]\nurl = ftp://example.org/x\npublic_keys = " + k1 + ",AAAA\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK(r.settings.contentUrl.empty());
  CHECK(r.settings.publicKeys.empty());
  REQUIRE(r.problems.size() == 2);
  CHECK_THAT(r.problems[0], Catch::Contains("content.url") && Catch::Contains("using the default"));
  CHECK_THAT(r.problems[1], Catch::Contains("content.public_keys"));

  p = writeConfig("[content]\npublic_keys = " + k1 + "," + k2 + "," + k1 + "\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK(r.settings.publicKeys.empty());
  CHECK(r.problems.size() == 1);
}

TEST_CASE("offered locales, screen DPI and the metrics file are read") {
  fs::path p = writeConfig(
      "[kiosk]\nlocales = nl_BE, fr_BE,de_BE , en\n[display]\ndpi = 141.2\n"
      "[metrics]\ntextfile = /var/lib/prometheus/node-exporter/medkiosk.prom\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.locales == std::vector<std::string>{"nl_BE", "fr_BE", "de_BE", "en"});
  CHECK(r.settings.dpi == Approx(141.2));
  CHECK(r.settings.metricsTextfile == "/var/lib/prometheus/node-exporter/medkiosk.prom");
}

TEST_CASE("bad locales, DPI or metrics file name their key and keep the default") {
  fs::path p = writeConfig(
      "[kiosk]\nlocales = nl_BE, Flemish\n[display]\ndpi = 96dpi\n"
      "[metrics]\ntextfile = medkiosk.txt\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  KioskSettings defaults;
  CHECK(r.settings.locales.empty());
  CHECK(r.settings.dpi == defaults.dpi);
  CHECK(r.settings.metricsTextfile.empty());
  REQUIRE(r.problems.size() == 3);
  CHECK_THAT(r.problems[0], Catch::Contains("kiosk.locales") && Catch::Contains("'Flemish'"));
  CHECK_THAT(r.problems[1], Catch::Contains("display.dpi") && Catch::Contains("using the default"));
  CHECK_THAT(r.problems[2], Catch::Contains("metrics.textfile"));
}

TEST_CASE("metrics can be turned off") {
  fs::path p = writeConfig("[metrics]\ntextfile = off\n[display]\ndpi = 20\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.settings.metricsTextfile == "off");
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0], Catch::Contains("display.dpi"));
}

TEST_CASE("walk-throughs per patient group are exported only when configured") {
  CHECK_FALSE(KioskSettings{}.metricsWalkthroughsByGroup);
  fs::path p = writeConfig("[metrics]\nwalkthroughs = by-group\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.metricsWalkthroughsByGroup);
  p = writeConfig("[metrics]\nwalkthroughs = per-patient\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK_FALSE(r.settings.metricsWalkthroughsByGroup);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0], Catch::Contains("metrics.walkthroughs") && Catch::Contains("total or by-group"));
}

TEST_CASE("the update channel and certificate authorities are read, and bad values named") {
  CHECK(KioskSettings{}.contentChannel == "main");
  fs::path p = writeConfig("[content]\nchannel = pilot\nca_file = /etc/medkiosk/hospital-ca.pem\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.contentChannel == "pilot");
  CHECK(r.settings.contentCaFile == "/etc/medkiosk/hospital-ca.pem");
  p = writeConfig("[content]\nchannel = Pilot Ring\nca_file = ca.pem\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK(r.settings.contentChannel == "main");
  CHECK(r.settings.contentCaFile.empty());
  REQUIRE(r.problems.size() == 2);
  CHECK_THAT(r.problems[0], Catch::Contains("content.channel"));
  CHECK_THAT(r.problems[1], Catch::Contains("content.ca_file"));
}

TEST_CASE("the window renderer is software unless accelerated is asked for, and a bad value is named") {
  CHECK_FALSE(KioskSettings{}.acceleratedRenderer);
  fs::path p = writeConfig("[display]\nrenderer = accelerated\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.acceleratedRenderer);
  p = writeConfig("[display]\nrenderer = opengl\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK_FALSE(r.settings.acceleratedRenderer);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0], Catch::Contains("display.renderer"));
}

TEST_CASE("an unreadable configuration file is logged as an error, with the reason") {
  test::LogCapture logs;
  ConfigResult r = loadConfig("/nonexistent/medkiosk.ini");
  CHECK_FALSE(r.readable);
  CHECK(logs.contains("config: /nonexistent/medkiosk.ini: cannot read the configuration file"));
  CHECK(logs.contains("No such file or directory"));
}

TEST_CASE("[display] size forces the window size, and a bad one is named") {
  fs::path p = writeConfig("[display]\nsize = 1920x1080\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.windowWidth == 1920);
  CHECK(r.settings.windowHeight == 1080);
  p = writeConfig("[display]\nsize = big\n");
  r = loadConfig(p);
  fs::remove(p);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0], Catch::Contains("display.size"));
  CHECK(r.settings.windowWidth == 0);
}

TEST_CASE("the nurse keys set the wrong PINs a nurse and a day may have, and bad values keep the defaults") {
  CHECK(KioskSettings{}.nurseFreeTries == 5);
  CHECK(KioskSettings{}.nurseDailyWrongPins == 20);
  fs::path p = writeConfig("[nurse]\nfree_tries = 3\ndaily_wrong_pins = 10\n");
  ConfigResult r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.empty());
  CHECK(r.settings.nurseFreeTries == 3);
  CHECK(r.settings.nurseDailyWrongPins == 10);
  p = writeConfig("[nurse]\nfree_tries = 0\ndaily_wrong_pins = lots\n");
  r = loadConfig(p);
  fs::remove(p);
  CHECK(r.problems.size() == 2);
  CHECK(r.settings.nurseFreeTries == 5);
  CHECK(r.settings.nurseDailyWrongPins == 20);
}
