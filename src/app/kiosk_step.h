#pragma once
// One pass of the kiosk, the same for the window and for every headless driver
// (screenshot, replay, bench, random touch): input becomes gestures for the UI, the
// pointer's timers (long-press) run, content is polled at the Attract screen, the
// metrics file is kept, and a frame is drawn when something changed. The window loop
// adds only waiting for SDL events and presenting; headless drivers add a virtual
// clock.
#include <cstdint>
#include <vector>

#include "app/app.h"

namespace mk::app {

class KioskStep {
 public:
  explicit KioskStep(App& app) : app_(app) {}

  // Gestures recognised from input at `now`: the UI acts on them, and the next
  // frames are drawn (popups and measured layouts need a frame to settle).
  void input(const std::vector<GestureEvent>& gestures, std::int64_t now);
  // Timers, content polling and metrics. True when a frame is due.
  bool tick(std::int64_t now);
  // Draws one frame (the caller presents it). True while something moves.
  bool frame(std::int64_t now);
  // When a frame is next needed without input; -1: only on input. Remembered, so
  // that the tick() after the wait draws the frame that timer asked for.
  std::int64_t nextWake(std::int64_t now);
  // Whether the next pass must draw without waiting (moving, or settling).
  bool drawing() const { return busy_ || extraFrames_ > 0; }
  // The frame that follows a failed one is drawn at once.
  void frameFailed() { busy_ = true; }

 private:
  static constexpr int kExtraFramesAfterInput = 2;
  App& app_;
  bool busy_ = true;
  bool dirty_ = true;  // something changed since the last frame
  int extraFrames_ = kExtraFramesAfterInput;
  std::int64_t wake_ = -1;  // the timer the caller is waiting for
};

}  // namespace mk::app
