// Where the kiosk's window goes: full screen covers the display it is on, whatever
// its size and orientation; a forced size stays forced; windowed is a window.
#include <catch2/catch.hpp>

#include "app/window_geometry.h"

using namespace mk::app;

TEST_CASE("full screen without a forced size is created over the whole display") {
  for (Rect display :
       {Rect{0, 0, 1920, 1080}, Rect{0, 0, 1080, 1920}, Rect{0, 0, 1280, 1024}, Rect{1920, 0, 1366, 768}}) {
    WindowPlan p = planWindow({}, display);
    CHECK(p.rect == display);
    CHECK(p.fullscreen);
    CHECK(p.borderless);
    CHECK_FALSE(p.centred);
  }
}

TEST_CASE("full screen with no display reported starts portrait and waits for the compositor") {
  WindowPlan p = planWindow({}, Rect{});
  CHECK(p.rect == Rect{0, 0, 1080, 1920});
  CHECK(p.fullscreen);
}

TEST_CASE("a forced size is a borderless window of that size at the display's corner") {
  WindowRequest r;
  r.forcedWidth = 1080;
  r.forcedHeight = 1920;
  WindowPlan p = planWindow(r, Rect{100, 0, 1920, 1080});
  CHECK(p.rect == Rect{100, 0, 1080, 1920});
  CHECK_FALSE(p.fullscreen);
  CHECK(p.borderless);
}

TEST_CASE("windowed is centred and resizable, 540x960 unless a size is given") {
  WindowRequest r;
  r.windowed = true;
  CHECK(planWindow(r, Rect{0, 0, 1920, 1080}).rect == Rect{0, 0, 540, 960});
  CHECK(planWindow(r, Rect{0, 0, 1920, 1080}).centred);
  CHECK(planWindow(r, Rect{0, 0, 1920, 1080}).resizable);
  r.forcedWidth = 800;
  r.forcedHeight = 600;
  CHECK(planWindow(r, Rect{0, 0, 1920, 1080}).rect == Rect{0, 0, 800, 600});
}

TEST_CASE("a full-screen window is refitted only when the display no longer matches it") {
  WindowRequest full;
  CHECK_FALSE(needsRefit(full, {0, 0, 1920, 1080}, {0, 0, 1920, 1080}));
  CHECK(needsRefit(full, {0, 0, 1920, 1080}, {0, 0, 1080, 1920}));  // the monitor was rotated
  CHECK_FALSE(needsRefit(full, {0, 0, 1920, 1080}, {}));            // no display known: leave it
  WindowRequest forced;
  forced.forcedWidth = 1080;
  forced.forcedHeight = 1920;
  CHECK_FALSE(needsRefit(forced, {0, 0, 1080, 1920}, {0, 0, 1920, 1080}));
  WindowRequest windowed;
  windowed.windowed = true;
  CHECK_FALSE(needsRefit(windowed, {0, 0, 540, 960}, {0, 0, 1920, 1080}));
}
