// Touch and mouse land where the layout put things, also on a scaled (high-DPI)
// screen where the window is measured in points and the layout in pixels.
#include <SDL.h>
#include <catch2/catch.hpp>

#include "ui/input.h"

using namespace mk;
using mk::ui::PointerInput;
using mk::ui::ScreenMapping;

namespace {

SDL_Event finger(Uint32 type, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return e;
}

SDL_Event mouseButton(Uint32 type, int x, int y) {
  SDL_Event e{};
  e.type = type;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.which = 0;
  e.button.x = x;
  e.button.y = y;
  return e;
}

}  // namespace

TEST_CASE("at scale 2 a finger and a mouse click land on the same layout pixel") {
  // A 540x960 window (points) drawn with 1080x1920 pixels.
  ScreenMapping scale2{540, 960, 1080, 1920};
  PointerInput touch;
  touch.handleSdlEvent(finger(SDL_FINGERDOWN, 0.25f, 0.75f), 0, scale2);
  auto tap = touch.handleSdlEvent(finger(SDL_FINGERUP, 0.25f, 0.75f), 50, scale2);
  REQUIRE(tap.size() == 1);
  CHECK(tap[0].kind == GestureEvent::Kind::Tap);
  CHECK(tap[0].x == Approx(270));
  CHECK(tap[0].y == Approx(1440));

  PointerInput mouse;
  mouse.handleSdlEvent(mouseButton(SDL_MOUSEBUTTONDOWN, 135, 720), 0, scale2);
  auto click = mouse.handleSdlEvent(mouseButton(SDL_MOUSEBUTTONUP, 135, 720), 50, scale2);
  REQUIRE(click.size() == 1);
  CHECK(click[0].x == Approx(270));
  CHECK(click[0].y == Approx(1440));
}

TEST_CASE("at scale 1 positions are unchanged") {
  ScreenMapping scale1{1080, 1920, 1080, 1920};
  PointerInput mouse;
  mouse.handleSdlEvent(mouseButton(SDL_MOUSEBUTTONDOWN, 100, 200), 0, scale1);
  auto click = mouse.handleSdlEvent(mouseButton(SDL_MOUSEBUTTONUP, 100, 200), 50, scale1);
  REQUIRE(click.size() == 1);
  CHECK(click[0].x == Approx(100));
  CHECK(click[0].y == Approx(200));
}
