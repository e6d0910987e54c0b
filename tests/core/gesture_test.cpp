#include <catch2/catch.hpp>

#include "core/session/gesture.h"

using namespace mk;
using K = PointerEvent::Kind;
using G = GestureEvent::Kind;

namespace {
std::vector<G> kinds(const std::vector<GestureEvent>& events) {
  std::vector<G> out;
  for (const auto& e : events) out.push_back(e.kind);
  return out;
}
bool has(const std::vector<GestureEvent>& events, G kind) {
  for (const auto& e : events)
    if (e.kind == kind) return true;
  return false;
}
}  // namespace

TEST_CASE("a quick touch is a tap") {
  GestureRecognizer r;
  CHECK(kinds(r.feed({K::Down, 100, 200, 0})) == std::vector<G>{G::Press});
  CHECK(r.pointer().down);
  CHECK(r.pointer().visible);
  auto up = r.feed({K::Up, 103, 204, 90});
  REQUIRE(has(up, G::Tap));
  CHECK(up.back().x == 100);
  CHECK_FALSE(r.pointer().visible);
}

TEST_CASE("moving past the slop turns a tap into a drag and hides the pointer") {
  GestureRecognizer r;
  r.feed({K::Down, 100, 500, 0});
  auto small = r.feed({K::Move, 100, 492, 16});
  CHECK_FALSE(has(small, G::DragBegin));
  CHECK(r.pointer().visible);
  auto big = r.feed({K::Move, 100, 470, 32});
  CHECK(has(big, G::DragBegin));
  REQUIRE(has(big, G::DragMove));
  // The first drag step includes the movement inside the slop.
  CHECK(big.back().dy == Approx(-30));
  CHECK_FALSE(r.pointer().visible);  // widgets never see a drag as a press
  auto up = r.feed({K::Up, 100, 468, 600});
  CHECK_FALSE(has(up, G::Tap));
  CHECK(has(up, G::DragEnd));
}

TEST_CASE("a fast release after a drag is a fling with velocity") {
  GestureRecognizer r;
  r.feed({K::Down, 0, 1000, 0});
  for (int i = 1; i <= 10; ++i) r.feed({K::Move, 0, 1000.0f - 40.0f * static_cast<float>(i), i * 10});
  auto up = r.feed({K::Up, 0, 600, 100});
  REQUIRE(has(up, G::Fling));
  CHECK(up.back().vy < -2000);  // 40 px per 10 ms upwards = -4000 px/s
  CHECK(up.back().vy > -6000);
}

TEST_CASE("a slow drag ends without a fling") {
  GestureRecognizer r;
  r.feed({K::Down, 0, 500, 0});
  r.feed({K::Move, 0, 400, 100});
  r.feed({K::Move, 0, 399, 1000});
  auto up = r.feed({K::Up, 0, 399, 1200});
  CHECK(has(up, G::DragEnd));
  CHECK_FALSE(has(up, G::Fling));
}

TEST_CASE("holding still fires a long-press from the clock alone") {
  GestureConfig cfg;
  cfg.longPressMs = 600;
  GestureRecognizer r(cfg);
  r.feed({K::Down, 10, 10, 1000});
  CHECK(r.nextDeadline() == 1600);
  CHECK(r.tick(1500).empty());
  auto lp = r.tick(1600);
  REQUIRE(has(lp, G::LongPress));
  CHECK(lp[0].heldMs == 600);
  CHECK(r.tick(1700).empty());  // only once
  CHECK_FALSE(r.pointer().visible);
  auto up = r.feed({K::Up, 10, 10, 3000});
  CHECK_FALSE(has(up, G::Tap));  // a long-press is not also a tap
}

TEST_CASE("a long-press is cancelled by moving") {
  GestureRecognizer r;
  r.feed({K::Down, 10, 10, 0});
  r.feed({K::Move, 60, 10, 100});
  CHECK(r.tick(5000).empty());
  CHECK(r.nextDeadline() == -1);
}

TEST_CASE("a cancelled touch produces no tap") {
  GestureRecognizer r;
  r.feed({K::Down, 10, 10, 0});
  auto c = r.feed({K::Cancel, 10, 10, 50});
  CHECK_FALSE(has(c, G::Tap));
  CHECK_FALSE(r.isDown());
}
