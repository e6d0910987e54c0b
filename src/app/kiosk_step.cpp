#include "app/kiosk_step.h"

#include <chrono>

namespace mk::app {

void KioskStep::input(const std::vector<GestureEvent>& gestures, std::int64_t now) {
  if (gestures.empty() && !app_.ui().input().pending()) return;
  app_.ui().handleGestures(gestures, now);
  dirty_ = true;
  extraFrames_ = kExtraFramesAfterInput;
}

bool KioskStep::tick(std::int64_t now) {
  auto timed = app_.ui().input().tick(now);
  if (!timed.empty()) {
    app_.ui().handleGestures(timed, now);
    dirty_ = true;
  }
  if (wake_ >= 0 && now >= wake_) {
    dirty_ = true;
    wake_ = -1;
  }
  // New or repaired content is taken at the Attract screen, without a restart.
  if (app_.pollContent(now)) dirty_ = true;
  // The window waits at most a second, so the metrics file is rewritten on time.
  if (app_.metrics()) app_.metrics()->writeIfDue(now, wallSeconds());
  return dirty_ || drawing();
}

bool KioskStep::frame(std::int64_t now) {
  auto started = std::chrono::steady_clock::now();
  busy_ = true;  // until the frame has been drawn
  busy_ = app_.ui().frame(now);
  dirty_ = false;
  if (!busy_ && extraFrames_ > 0) --extraFrames_;
  if (app_.metrics())
    app_.metrics()->observeFrame(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return busy_;
}

std::int64_t KioskStep::nextWake(std::int64_t now) {
  wake_ = app_.ui().nextWake(now);
  return wake_;
}

}  // namespace mk::app
