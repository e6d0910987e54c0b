// What a patient sees of a text's clinical review (issue #12): a reviewed section
// names its reviewer, and a reviewed translation whose English text changed since
// shows the outdated badge, in its own colours, instead of any other review note.
#include <catch2/catch.hpp>
#include <filesystem>

#include "app/app.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/layout/palette.h"
#include "review_fixture.h"
#include "test_support.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

bool onScreen(const ui::FrameRegistry& reg, const std::string& part) {
  for (const auto& t : reg.texts)
    if (t.text.find(part) != std::string::npos) return true;
  return false;
}

// The shipped content with English and German reviewed, then the English 'symptoms'
// section changed: the German one is outdated.
struct OutdatedGerman {
  test::TempDir dir;
  fs::path db;
  OutdatedGerman() {
    fs::path src = dir.path / "content";
    fs::copy(MEDKIOSK_SOURCE_DIR "/content", src, fs::copy_options::recursive);
    test::signReviews(src, "en");
    test::signReviews(src, "de");
    test::replaceInFile(src / "pomalidomide/en.md", "Do not wait for your next", "Do not wait until your next");
    db = dir.path / "content.db";
    buildContentDatabase(loadContentSource(src), 1, db);
  }
};

}  // namespace

TEST_CASE("an outdated translation shows its own badge and a reviewed section its reviewer") {
  OutdatedGerman content;
  app::Options o;
  o.content = content.db.string();
  o.country = "DE";
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
  k.chooseLanguage("de", now);
  k.chooseSection("symptoms", now);
  frames();
  const auto& reg = app.ui().registry();
  CHECK(onScreen(reg, "Der englische Text wurde geändert, nachdem diese Übersetzung geprüft wurde"));
  CHECK_FALSE(onScreen(reg, "Übersetzung noch nicht von medizinischem Fachpersonal geprüft"));
  CHECK_FALSE(onScreen(reg, "Geprüft von"));

  k.chooseSection("pregnancy", now);
  frames();
  CHECK(onScreen(reg, "Geprüft von A. Reviewer am 15. Januar 2025"));
  CHECK_FALSE(onScreen(reg, "Der englische Text wurde geändert"));

  // The English text itself: reviewed before the change, pending after it.
  k.chooseLanguage("en", now);
  k.chooseSection("symptoms", now);
  frames();
  CHECK(onScreen(reg, "Not yet reviewed by a healthcare professional"));
}

TEST_CASE("the outdated badge has colours of its own with enough contrast in both themes") {
  for (const Palette* p : {&normalPalette(), &highContrastPalette()}) {
    CHECK(contrastRatio(p->outdatedText, p->outdatedBackground) >= 7.0);
    bool sameAsReviewBadge = p->outdatedText.r == p->badgeText.r && p->outdatedText.g == p->badgeText.g &&
                             p->outdatedText.b == p->badgeText.b;
    CHECK_FALSE(sameAsReviewBadge);
  }
}
