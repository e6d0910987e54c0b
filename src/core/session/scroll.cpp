#include "core/session/scroll.h"

#include <algorithm>
#include <cmath>

namespace mk {
namespace {
constexpr double kFriction = 3.0;      // 1/s: velocity decays by e every third of a second
constexpr float kStopSpeed = 20.0f;    // px/s below which motion stops
constexpr float kMaxSpeed = 12000.0f;  // px/s, so a wild flick stays readable
}  // namespace

void KineticScroll::setMax(float maxOffset) {
  max_ = std::max(0.0f, maxOffset);
  clamp();
}

void KineticScroll::dragBy(float dy) {
  velocity_ = 0;
  offset_ -= dy;
  clamp();
}

void KineticScroll::fling(float velocityY) {
  velocity_ = std::clamp(-velocityY, -kMaxSpeed, kMaxSpeed);
  if (std::fabs(velocity_) < kStopSpeed) velocity_ = 0;
}

void KineticScroll::stop() { velocity_ = 0; }

void KineticScroll::jumpTo(float offset) {
  velocity_ = 0;
  offset_ = offset;
  clamp();
}

bool KineticScroll::step(double dt) {
  if (velocity_ == 0 || dt <= 0) return animating();
  dt = std::min(dt, 0.1);  // a stalled frame must not throw the content far away
  offset_ += static_cast<float>(velocity_ * dt);
  velocity_ = static_cast<float>(velocity_ * std::exp(-kFriction * dt));
  if (std::fabs(velocity_) < kStopSpeed) velocity_ = 0;
  clamp();
  return animating();
}

void KineticScroll::clamp() {
  if (offset_ <= 0) {
    offset_ = 0;
    if (velocity_ < 0) velocity_ = 0;
  }
  if (offset_ >= max_) {
    offset_ = max_;
    if (velocity_ > 0) velocity_ = 0;
  }
}

}  // namespace mk
