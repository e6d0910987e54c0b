#include <catch2/catch.hpp>

#include "core/session/scroll.h"

using namespace mk;

TEST_CASE("dragging moves content with the finger within bounds") {
  KineticScroll s;
  s.setMax(1000);
  s.dragBy(-300);  // finger moves up: content scrolls down
  CHECK(s.offset() == Approx(300));
  s.dragBy(1000);
  CHECK(s.offset() == 0);
  s.dragBy(-5000);
  CHECK(s.offset() == Approx(1000));
}

TEST_CASE("a fling keeps moving, slows down and stops") {
  KineticScroll s;
  s.setMax(100000);
  s.fling(-3000);
  CHECK(s.animating());
  float last = 0;
  float lastStep = 1e9f;
  int frames = 0;
  while (s.step(1.0 / 60) && frames < 10000) {
    float step = s.offset() - last;
    CHECK(step <= lastStep + 0.01f);  // decelerates
    lastStep = step;
    last = s.offset();
    ++frames;
  }
  CHECK_FALSE(s.animating());
  CHECK(frames > 30);
  CHECK(frames < 600);
  CHECK(s.offset() > 500);
}

TEST_CASE("a fling stops at the end of the content") {
  KineticScroll s;
  s.setMax(200);
  s.fling(-5000);
  for (int i = 0; i < 100; ++i) s.step(1.0 / 60);
  CHECK(s.offset() == Approx(200));
  CHECK_FALSE(s.animating());
}
