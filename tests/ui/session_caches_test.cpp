// What one patient saw never reaches the next: every UI cache is keyed by everything
// that decides its content, and a new session starts without them.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The shipped content plus a second medicine whose English brochure differs in its
// first sentence only.
struct TwoMedicines {
  test::TempDir dir;
  fs::path db;
  TwoMedicines() {
    fs::path src = dir.path / "content";
    fs::copy(MEDKIOSK_SOURCE_DIR "/content", src, fs::copy_options::recursive);
    fs::path second = src / "zedamide";
    fs::create_directories(second);
    std::ofstream(second / "medicine.ini") << "[medicine]\nid = zedamide\nname = Zedamide\nbrand = Zedtest\norder = 2\n"
                                              "[links]\nen = https://www.ema.europa.eu/en/medicines\n";
    std::string en = readFile(src / "pomalidomide" / "en.md");
    const std::string first = "Pomalidomide is a cancer medicine.";
    REQUIRE(en.find(first) != std::string::npos);
    en.replace(en.find(first), first.size(), "Zedamide is a test medicine for this check.");
    std::ofstream(second / "en.md") << en;
    db = dir.path / "content.db";
    buildContentDatabase(loadContentSource(src), 1, db);
  }
};

bool onScreen(const ui::FrameRegistry& reg, const std::string& part) {
  for (const auto& t : reg.texts)
    if (t.text.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a second patient who chooses the other medicine sees that medicine's text") {
  TwoMedicines content;
  app::Options o;
  o.content = content.db.string();
  o.country = "IE";
  app::App app(o, "medkiosk_ui_tests", 0);
  auto renderer = ui::Renderer::forSurface(1080, 1920);
  app.ui().setRenderer(renderer.get());
  std::int64_t now = 0;
  auto frames = [&] {
    for (int i = 0; i < 3; ++i) app.ui().frame(now += 16);
  };
  Kiosk& k = app.kiosk();
  frames();
  k.start(now);
  k.chooseLanguage("en", now);
  REQUIRE(k.session().screen == Screen::Medicine);
  k.chooseMedicine("pomalidomide", now);
  frames();
  CHECK(onScreen(app.ui().registry(), "Pomalidomide is a cancer medicine."));

  k.goHome(now);  // the next patient
  frames();
  k.start(now);
  k.chooseLanguage("en", now);
  k.chooseMedicine("zedamide", now);
  frames();
  CHECK(onScreen(app.ui().registry(), "Zedamide is a test medicine for this check."));
  CHECK_FALSE(onScreen(app.ui().registry(), "Pomalidomide is a cancer medicine."));
}
