// The brochure's layout settles in one frame: the scroll range and the lens's jump
// use the header and footer of the section on screen, measured in the same frame,
// not the heights the previous section (or text size) left behind.
#include <algorithm>
#include <catch2/catch.hpp>

#include "app/app.h"

using namespace mk;

namespace {

struct Rig {
  app::App app;
  std::unique_ptr<ui::Renderer> renderer;
  std::int64_t now = 0;
  Rig(int w, int h) : app(options(), "medkiosk_ui_tests", 0) {
    renderer = ui::Renderer::forSurface(w, h);
    app.ui().setRenderer(renderer.get());
  }
  static app::Options options() {
    app::Options o;
    o.country = "IE";  // the side-effects section names Ireland's reporting authority
    return o;
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) app.ui().frame(now += 16);
  }
  float scrollMax() { return app.kiosk().session().scroll.maxOffset(); }
  // The top of the first text drawn exactly as `text`; -1 if none.
  // The top of the last text drawn with these words: the section's own text is drawn
  // after the figures above it, whose cards may be titled with the same heading.
  float textTop(const std::string& text) {
    float top = -1;
    for (const auto& t : app.ui().registry().texts)
      if (t.text == text) top = t.boxMin.y;
    return top;
  }
};

}  // namespace

TEST_CASE("the scroll range is final in the first frame after a section or text size change") {
  struct Size {
    int w, h;
  };
  for (Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
    DYNAMIC_SECTION(size.w << "x" << size.h) {
      Rig rig(size.w, size.h);
      Kiosk& k = rig.app.kiosk();
      rig.frames(3);
      k.start(rig.now);
      rig.frames(3);
      // Every step is followed by exactly one frame, then by more frames that must
      // not change the range any more.
      float longest = 0;
      auto oneFrame = [&](const std::string& what) {
        rig.frames(1);
        float first = rig.scrollMax();
        rig.frames(3);
        INFO(what);
        CHECK(first == rig.scrollMax());
        longest = std::max(longest, rig.scrollMax());
      };
      k.chooseLanguage("en", rig.now);  // the brochure's very first frame
      REQUIRE(k.session().screen == Screen::Brochure);
      oneFrame("first frame of the brochure");
      for (auto section : kSectionIds) {
        k.chooseSection(std::string(section), rig.now);
        oneFrame("section " + std::string(section));
      }
      for (int textSize : {3, 2, 1}) {
        k.setTextSize(textSize, rig.now);
        oneFrame("text size " + std::to_string(textSize));
      }
      k.chooseSection("purpose", rig.now);  // from the end of the brochure back to its start
      oneFrame("back to purpose");
      CHECK(longest > 0);  // some sections do scroll
    }
  }
}

TEST_CASE("a brochure opened through the lens starts at the patient's part in its first frame") {
  Rig rig(1080, 1920);
  Kiosk& k = rig.app.kiosk();
  rig.frames(3);
  k.start(rig.now);
  k.chooseLanguage("en", rig.now);
  k.chooseSection("pregnancy", rig.now);
  rig.frames(3);
  float sectionTop = rig.textTop("Pregnancy and contraception");  // at the top of the text, not scrolled
  REQUIRE(sectionTop > 0);

  k.goHome(rig.now);  // the next patient, whose nurse opens the brochure at her part
  rig.frames(3);
  BrochureLens lens;
  lens.category = "woman_cbp";
  lens.anchors = {{"pregnancy", 1}};
  k.openBrochureWithLens("en", "pomalidomide", lens, rig.now);
  rig.frames(1);
  float first = rig.scrollMax();
  // In the first frame the heading of her part is already about half an em below
  // where the section's title was: the jump comes before the text is drawn, within
  // the range of this section (a stale range could clamp it).
  float partTop = rig.textTop("Women who can become pregnant");
  REQUIRE(partTop > 0);
  CHECK(partTop - sectionTop < 40);
  CHECK(partTop - sectionTop > 0);
  rig.frames(3);
  CHECK(first == rig.scrollMax());
  CHECK(rig.textTop("Women who can become pregnant") == partTop);
}
