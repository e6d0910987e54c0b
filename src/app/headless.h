#pragma once
// The real UI on a software surface with a virtual clock, shared by the screenshot,
// replay and monkey modes. Frames go through the same KioskUi::frame() as the window.
#include <cstdint>
#include <memory>
#include <string>

#include "app/app.h"
#include "app/kiosk_step.h"

namespace mk::app {

inline constexpr std::int64_t kFrameMs = 16;

struct Headless {
  App app;
  KioskStep step;  // the window loop's step: input, timers, content polling, frames
  std::unique_ptr<ui::Renderer> renderer;
  std::int64_t now = 0;

  Headless(const Options& o, const std::string& argv0);

  // The virtual clock stands still while a PIN check runs on its worker thread (real
  // time): each frame first waits for it, so a replay decides the same every run.
  bool frame() {
    app.nurse().awaitPinCheck();
    return step.frame(now);
  }
  // Advances the virtual clock as the window loop would: frame by frame while
  // something moves, otherwise straight to the next timer.
  void advance(std::int64_t ms);
  void pointer(PointerEvent::Kind kind, float x, float y);
  // Layout uses the previous frame's measured heights; a few frames settle it.
  void settle();
};

}  // namespace mk::app
