#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/paths.h"
#include "core/session/kiosk_state.h"
#include "core/system/metrics.h"
#include "test_support.h"

using namespace mk;
using mk::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool hasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l == line) return true;
  return false;
}

}  // namespace

TEST_CASE("metrics count sessions, section views per locale and read-aloud uses from the kiosk") {
  TempDir dir;
  Metrics m(dir.path / "medkiosk.prom", dir.path);
  KioskConfig kc;
  Kiosk k(kc, {"pomalidomide"}, 0);
  k.setMetrics(&m);
  k.start(1);
  k.start(2);  // already past Attract: the same session
  k.chooseLanguage("de_AT", 3);
  k.chooseSection("pregnancy", 4);
  k.chooseSection("pregnancy", 5);  // tapping the section on screen again is not a new view
  k.noteReadAloud("de_AT", 6);
  k.goHome(7);
  k.start(8);
  k.chooseLanguage("el", 9);
  std::string text = m.render(1000);
  CHECK(hasLine(text, "medkiosk_sessions_total 2"));
  CHECK(hasLine(text, "medkiosk_section_views_total{locale=\"de_AT\",section=\"purpose\"} 1"));
  CHECK(hasLine(text, "medkiosk_section_views_total{locale=\"de_AT\",section=\"pregnancy\"} 1"));
  CHECK(hasLine(text, "medkiosk_section_views_total{locale=\"el\",section=\"purpose\"} 1"));
  CHECK(hasLine(text, "medkiosk_read_aloud_total{locale=\"de_AT\"} 1"));
  CHECK(text.find("medkiosk_read_aloud_total{locale=\"el\"}") == std::string::npos);
}

TEST_CASE("walk-throughs are exported as a total unless counts per patient group are configured") {
  TempDir dir;
  Metrics m(dir.path / "medkiosk.prom", dir.path);
  Kiosk k(KioskConfig{}, {"pomalidomide"}, 0);
  k.setMetrics(&m);
  k.noteWalkthroughCompleted("woman_cbp");  // as nurse mode reports it
  m.countWalkthrough("woman_cbp");
  m.countWalkthrough("man");
  m.countWalkthrough("alice");  // never a name or anything else in a label
  std::string text = m.render(0);
  CHECK(hasLine(text, "medkiosk_walkthroughs_completed_total 3"));
  CHECK(text.find("category=") == std::string::npos);  // a small clinic's groups are not published
  CHECK(text.find("alice") == std::string::npos);

  m.setWalkthroughsByGroup(true);  // [metrics] walkthroughs = by-group
  text = m.render(0);
  CHECK(hasLine(text, "medkiosk_walkthroughs_completed_total{category=\"woman_cbp\"} 2"));
  CHECK(hasLine(text, "medkiosk_walkthroughs_completed_total{category=\"woman_ncbp\"} 0"));
  CHECK(hasLine(text, "medkiosk_walkthroughs_completed_total{category=\"man\"} 1"));
  CHECK_FALSE(hasLine(text, "medkiosk_walkthroughs_completed_total 3"));
  CHECK(text.find("alice") == std::string::npos);
}

TEST_CASE("the frame-time histogram is cumulative with sum and count") {
  TempDir dir;
  Metrics m(dir.path / "medkiosk.prom", dir.path);
  m.observeFrame(0.003);
  m.observeFrame(0.010);
  m.observeFrame(0.010);
  m.observeFrame(2.0);
  std::string text = m.render(0);
  CHECK(hasLine(text, "# TYPE medkiosk_frame_seconds histogram"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_bucket{le=\"0.004\"} 1"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_bucket{le=\"0.008\"} 1"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_bucket{le=\"0.012\"} 3"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_bucket{le=\"1\"} 3"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_bucket{le=\"+Inf\"} 4"));
  CHECK(hasLine(text, "medkiosk_frame_seconds_count 4"));
  auto at = text.find("\nmedkiosk_frame_seconds_sum ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(text.substr(at + 28)) == Approx(2.023));
}

TEST_CASE("content version and age come from the content in use") {
  TempDir dir;
  Metrics m(dir.path / "medkiosk.prom", dir.path);
  CHECK(hasLine(m.render(0), "medkiosk_content_version -1"));
  std::int64_t built = isoUtcToUnixSeconds("2026-11-20T12:00:00Z");
  CHECK(built == 1795176000);
  CHECK(isoUtcToUnixSeconds("yesterday") == 0);
  m.setContent(7, built);
  std::string text = m.render(built + 3600);
  CHECK(hasLine(text, "medkiosk_content_version 7"));
  CHECK(hasLine(text, "medkiosk_content_age_seconds 3600"));
}

TEST_CASE("the updater's status file becomes last-update metrics, and a broken one is left out") {
  TempDir dir;
  Metrics m(dir.path / "medkiosk.prom", dir.path);
  CHECK(hasLine(m.render(0), "medkiosk_update_status_valid 0"));
  // Where the updater writes it: its own content directory (issue #14).
  std::filesystem::create_directories(dir.path / "content");
  CHECK(updateStatusFile(dir.path) == dir.path / "content" / "update-status");
  std::ofstream(dir.path / "content" / "update-status")
      << "time=1795176000\nresult=refused\nversion=6\nmessage=signature does not verify\n";
  std::string text = m.render(0);
  CHECK(hasLine(text, "medkiosk_update_status_valid 1"));
  CHECK(hasLine(text, "medkiosk_update_last_time_seconds 1795176000"));
  CHECK(hasLine(text, "medkiosk_update_last_result{result=\"refused\"} 1"));
  CHECK(hasLine(text, "medkiosk_update_last_result{result=\"installed\"} 0"));
  CHECK(hasLine(text, "medkiosk_update_last_version 6"));
  CHECK(text.find("signature") == std::string::npos);

  std::ofstream(updateStatusFile(dir.path)) << "time=soon\nresult=exploded\n";
  UpdateStatus st = readUpdateStatus(updateStatusFile(dir.path));
  CHECK_THAT(st.problem, Catch::Contains("update-status:1") && Catch::Contains("unix seconds"));
  text = m.render(0);
  CHECK(hasLine(text, "medkiosk_update_status_valid 0"));
  CHECK(text.find("medkiosk_update_last_result") == std::string::npos);
}

TEST_CASE("starts and unclean exits persist across runs") {
  TempDir dir;
  {
    Metrics first(dir.path / "m.prom", dir.path);
    first.noteStart(100);
    CHECK(first.starts() == 1);
    CHECK(first.uncleanExits() == 0);
    CHECK(fs::exists(dir.path / "medkiosk.running"));
    first.noteCleanExit(200);
    CHECK_FALSE(fs::exists(dir.path / "medkiosk.running"));
  }
  {
    Metrics second(dir.path / "m.prom", dir.path);
    second.noteStart(300);  // ... and then it crashes: no clean exit
    CHECK(second.starts() == 2);
    CHECK(second.uncleanExits() == 0);
  }
  Metrics third(dir.path / "m.prom", dir.path);
  third.noteStart(400);
  CHECK(third.starts() == 3);
  CHECK(third.uncleanExits() == 1);
  std::string text = third.render(400);
  CHECK(hasLine(text, "medkiosk_starts_total 3"));
  CHECK(hasLine(text, "medkiosk_unclean_exits_total 1"));
  CHECK(hasLine(text, "medkiosk_start_time_seconds 400"));
}

TEST_CASE("the file is replaced whole, at most once a minute, and a failure is reported") {
  TempDir dir;
  fs::path file = dir.path / "node-exporter" / "medkiosk.prom";
  Metrics m(file, dir.path);
  m.countSession();
  CHECK(m.writeIfDue(0, 10));
  CHECK(hasLine(slurp(file), "medkiosk_sessions_total 1"));
  for (const auto& e : fs::directory_iterator(file.parent_path()))  // no temporary left behind
    CHECK_FALSE(e.path().extension() == ".tmp");
  mode_t saved = umask(0077);  // the kiosk unit's UMask must not hide it from the exporter
  CHECK(m.write(10));
  umask(saved);
  CHECK((fs::status(file).permissions() & fs::perms::others_read) != fs::perms::none);
  m.countSession();
  CHECK_FALSE(m.writeIfDue(59'999, 11));
  CHECK(hasLine(slurp(file), "medkiosk_sessions_total 1"));
  CHECK(m.writeIfDue(60'000, 12));
  CHECK(hasLine(slurp(file), "medkiosk_sessions_total 2"));

  if (geteuid() != 0) {  // root writes anywhere
    fs::permissions(file.parent_path(), fs::perms::owner_read | fs::perms::owner_exec);
    m.countSession();
    CHECK_FALSE(m.write(13));
    CHECK(hasLine(slurp(file), "medkiosk_sessions_total 2"));  // the old file is intact
  }
  Metrics nowhere("/proc/medkiosk/medkiosk.prom", dir.path);
  CHECK_FALSE(nowhere.write(14));
}
