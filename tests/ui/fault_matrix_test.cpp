// The fault matrix through the real UI: no font at all, a font file that is not a
// font, a missing or damaged content database, and clock jumps of a year either way.
// Each case must draw a defined screen (never a blank one) and log what happened.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/app.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

const fs::path kBin = MEDKIOSK_BINARY_DIR;

bool drewText(const ui::KioskUi& ui, const std::string& part) {
  for (const auto& t : ui.registry().texts)
    if (t.text.find(part) != std::string::npos) return true;
  return false;
}

// The UI wired by hand, so the font files can be chosen.
struct FontRig {
  ContentDb db{kBin / "content" / "medkiosk.db"};
  ContentView view{&db};
  UiStrings strings{kBin / "locales"};
  ui::Fonts fonts;
  Kiosk kiosk{KioskConfig{}, {"pomalidomide"}, 0};
  ui::KioskUi ui{kiosk, view, strings, fonts, ui::UiConfig{}};
  std::unique_ptr<ui::Renderer> renderer = ui::Renderer::forSurface(540, 960);
  std::int64_t now = 0;
  explicit FontRig(FontFiles files) : fonts(std::move(files)) { ui.setRenderer(renderer.get()); }
  void frames(int n = 3) {
    for (int i = 0; i < n; ++i) ui.frame(now += 16);
  }
};

// The App as the kiosk runs it, with options.
struct AppRig {
  app::App app;
  std::unique_ptr<ui::Renderer> renderer = ui::Renderer::forSurface(540, 960);
  std::int64_t now = 0;
  explicit AppRig(const app::Options& o, std::int64_t start = 0) : app(o, "medkiosk_ui_tests", start), now(start) {
    app.ui().setRenderer(renderer.get());
  }
  void frames(int n = 3) {
    for (int i = 0; i < n; ++i) app.ui().frame(now += 16);
  }
  // Lets `ms` pass with a frame every second, as the window loop's timers would.
  void wait(std::int64_t ms) {
    for (std::int64_t end = now + ms; now < end;) app.ui().frame(now = std::min(end, now + 1000));
    frames(1);
  }
};

app::Options withContent(const fs::path& db) {
  app::Options o;
  o.content = db.string();
  return o;
}

}  // namespace

TEST_CASE("with no font file at all the kiosk draws with the built-in font and logs it") {
  test::LogCapture logs;
  FontRig rig(FontFiles{});
  rig.frames();
  CHECK_FALSE(rig.ui.registry().texts.empty());
  CHECK_FALSE(rig.ui.registry().targets.empty());
  rig.kiosk.start(rig.now);
  rig.kiosk.chooseLanguage("el", rig.now);
  rig.frames();
  CHECK(rig.kiosk.session().screen == Screen::Brochure);
  CHECK(rig.ui.registry().texts.size() > 5);
  CHECK(logs.contains("no usable font file; falling back to the built-in font"));
}

TEST_CASE("a font file that is not a font is refused before ImGui sees it, and logged") {
  fs::path bogus = fs::temp_directory_path() / ("medkiosk-bogus-" + std::to_string(getpid()) + ".ttf");
  { std::ofstream(bogus) << "not a TrueType font at all, just some text"; }
  test::LogCapture logs;
  FontRig rig(FontFiles{bogus, bogus, false});
  rig.frames();
  CHECK_FALSE(rig.ui.registry().texts.empty());
  CHECK(logs.contains("is not a usable TrueType font"));
  CHECK(logs.contains("falling back to the built-in font"));
  fs::remove(bogus);
}

TEST_CASE("a missing content database shows 'information unavailable' and logs why") {
  test::LogCapture logs;
  AppRig rig(withContent("/nonexistent/medkiosk.db"));
  rig.frames();
  CHECK_FALSE(rig.app.content().available());
  CHECK_FALSE(rig.app.ui().registry().texts.empty());
  CHECK(rig.app.ui().registry().targets.empty());  // nothing to touch
  CHECK(logs.contains("/nonexistent/medkiosk.db is missing; showing the 'information unavailable' screen"));
}

TEST_CASE("an unreadable or damaged content database shows 'information unavailable' and logs why") {
  const fs::path good = kBin / "content" / "medkiosk.db";
  std::ifstream in(good, std::ios::binary);
  std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  REQUIRE(bytes.size() > 8192);
  fs::path bad = fs::temp_directory_path() / ("medkiosk-damaged-" + std::to_string(getpid()) + ".db");
  struct Damage {
    const char* name;
    std::vector<char> bytes;
  };
  std::vector<char> truncated(bytes.begin(), bytes.begin() + static_cast<long>(bytes.size() / 2));
  std::vector<char> header = bytes;
  header[0] ^= 0x55;  // "SQLite format 3" no more
  std::vector<char> page = bytes;
  for (std::size_t i = 4096; i < 8192; ++i) page[i] = 0;
  std::vector<char> garbage(bytes.size(), '\x5a');
  for (const Damage& d : {Damage{"truncated", truncated}, Damage{"header", header}, Damage{"zeroed page", page},
                          Damage{"garbage", garbage}}) {
    INFO(d.name);
    {
      std::ofstream out(bad, std::ios::binary | std::ios::trunc);
      out.write(d.bytes.data(), static_cast<std::streamsize>(d.bytes.size()));
    }
    test::LogCapture logs;
    AppRig rig(withContent(bad));
    rig.frames();
    CHECK_FALSE(rig.app.content().available());
    CHECK_FALSE(rig.app.ui().registry().texts.empty());
    CHECK(logs.contains("showing the 'information unavailable' screen"));
  }
  fs::remove(bad);
}

TEST_CASE("clock jumps of a year either way keep the screen, the dates shown and the idle reset") {
  constexpr std::int64_t kYearMs = 365LL * 24 * 3600 * 1000;
  constexpr std::int64_t kT0 = 1'790'000'000'000;
  for (std::int64_t jump : {-kYearMs, kYearMs}) {
    DYNAMIC_SECTION("jump " << (jump < 0 ? "back" : "forward")) {
      test::LogCapture logs;
      AppRig rig(app::Options{}, kT0);
      Kiosk& k = rig.app.kiosk();
      rig.frames();
      k.start(rig.now);
      k.chooseLanguage("de", rig.now);
      k.chooseSection("sources", rig.now);  // shows the content build date
      rig.frames(4);
      std::vector<std::string> before;
      for (const auto& t : rig.app.ui().registry().texts) before.push_back(t.text);
      REQUIRE_FALSE(before.empty());

      rig.now += jump;
      rig.frames(4);
      CHECK(logs.contains(jump < 0 ? "clock went back" : "clock jumped forward"));
      if (jump < 0) {
        // The patient keeps reading: same screen, same texts (dates included).
        CHECK(k.session().screen == Screen::Brochure);
        CHECK_FALSE(k.session().idleWarning);
        std::vector<std::string> after;
        for (const auto& t : rig.app.ui().registry().texts) after.push_back(t.text);
        CHECK(after == before);
        rig.wait(89'000);
        CHECK_FALSE(k.session().idleWarning);
        rig.wait(2'000);
      }
      // The idle warning, then the reset, on time.
      CHECK(k.session().idleWarning);
      int left = k.countdownSecondsLeft(rig.now);
      CHECK(left >= 28);
      CHECK(left <= 30);
      CHECK(drewText(rig.app.ui(), std::to_string(left)));
      rig.wait(31'000);
      CHECK(k.session().screen == Screen::Attract);
      CHECK_FALSE(rig.app.ui().registry().texts.empty());
    }
  }
}

TEST_CASE("the missing-glyph report names the characters a font lacks") {
  test::LogCapture logs;
  FontRig rig(FontFiles{});  // the built-in font: Latin only
  rig.frames();
  std::vector<std::string> report = rig.ui.missingGlyphReport();
  REQUIRE_FALSE(report.empty());
  bool namesGreek = false;
  for (const auto& line : report) namesGreek = namesGreek || line.find("(U+03B5)") != std::string::npos;
  CHECK(namesGreek);  // ε, in every Greek text of the content
}
