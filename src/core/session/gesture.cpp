#include "core/session/gesture.h"

#include <cmath>

namespace mk {

std::vector<GestureEvent> GestureRecognizer::feed(const PointerEvent& e) {
  std::vector<GestureEvent> out;
  switch (e.kind) {
    case PointerEvent::Kind::Down:
      onDown(e, out);
      break;
    case PointerEvent::Kind::Move:
      if (down_) onMove(e, out);
      break;
    case PointerEvent::Kind::Up:
    case PointerEvent::Kind::Cancel:
      if (down_) onLift(e, out);
      break;
  }
  return out;
}

GestureEvent GestureRecognizer::event(GestureEvent::Kind kind, float x, float y) const {
  GestureEvent g;
  g.kind = kind;
  g.startX = startX_;
  g.startY = startY_;
  g.x = x;
  g.y = y;
  return g;
}

void GestureRecognizer::onDown(const PointerEvent& e, std::vector<GestureEvent>& out) {
  down_ = true;
  dragging_ = false;
  longPressed_ = false;
  startX_ = lastX_ = e.x;
  startY_ = lastY_ = e.y;
  downAt_ = e.timeMs;
  samples_.clear();
  samples_.push_back({e.x, e.y, e.timeMs});
  out.push_back(event(GestureEvent::Kind::Press, e.x, e.y));
}

void GestureRecognizer::onMove(const PointerEvent& e, std::vector<GestureEvent>& out) {
  auto tickEvents = tick(e.timeMs);
  out.insert(out.end(), tickEvents.begin(), tickEvents.end());
  samples_.push_back({e.x, e.y, e.timeMs});
  while (samples_.size() > 2 && e.timeMs - samples_.front().t > config_.velocityWindowMs) samples_.pop_front();
  float dist = std::hypot(e.x - startX_, e.y - startY_);
  if (!dragging_ && !longPressed_ && dist > config_.slopPx) {
    dragging_ = true;
    out.push_back(event(GestureEvent::Kind::DragBegin, e.x, e.y));
    // The whole movement since the press counts, so content follows the finger.
    lastX_ = startX_;
    lastY_ = startY_;
  }
  if (dragging_) {
    GestureEvent g = event(GestureEvent::Kind::DragMove, e.x, e.y);
    g.dx = e.x - lastX_;
    g.dy = e.y - lastY_;
    out.push_back(g);
  }
  lastX_ = e.x;
  lastY_ = e.y;
}

void GestureRecognizer::onLift(const PointerEvent& e, std::vector<GestureEvent>& out) {
  bool up = e.kind == PointerEvent::Kind::Up;
  if (up && (e.x != lastX_ || e.y != lastY_)) onMove(PointerEvent{PointerEvent::Kind::Move, e.x, e.y, e.timeMs}, out);
  if (!dragging_ && !longPressed_ && up) {
    auto tickEvents = tick(e.timeMs);
    out.insert(out.end(), tickEvents.begin(), tickEvents.end());
  }
  GestureEvent g = event(GestureEvent::Kind::Tap, e.x, e.y);
  g.heldMs = e.timeMs - downAt_;
  if (dragging_) {
    velocity(g.vx, g.vy);
    bool fast = std::hypot(g.vx, g.vy) >= config_.flingMinSpeed && up;
    g.kind = fast ? GestureEvent::Kind::Fling : GestureEvent::Kind::DragEnd;
    if (!fast) g.vx = g.vy = 0;
    out.push_back(g);
  } else if (!longPressed_ && up) {
    g.x = startX_;  // a tap is where the finger went down
    g.y = startY_;
    out.push_back(g);
  }
  down_ = false;
  dragging_ = false;
  samples_.clear();
}

std::vector<GestureEvent> GestureRecognizer::tick(std::int64_t nowMs) {
  std::vector<GestureEvent> out;
  if (down_ && !dragging_ && !longPressed_ && nowMs - downAt_ >= config_.longPressMs) {
    longPressed_ = true;
    GestureEvent g;
    g.kind = GestureEvent::Kind::LongPress;
    g.x = g.startX = startX_;
    g.y = g.startY = startY_;
    g.heldMs = nowMs - downAt_;
    out.push_back(g);
  }
  return out;
}

std::int64_t GestureRecognizer::nextDeadline() const {
  if (down_ && !dragging_ && !longPressed_) return downAt_ + config_.longPressMs;
  return -1;
}

PointerView GestureRecognizer::pointer() const {
  PointerView v;
  if (down_ && !dragging_ && !longPressed_) {
    v.x = lastX_;
    v.y = lastY_;
    v.down = true;
    v.visible = true;
  }
  return v;
}

void GestureRecognizer::reset() {
  down_ = dragging_ = longPressed_ = false;
  samples_.clear();
}

void GestureRecognizer::velocity(float& vx, float& vy) const {
  vx = vy = 0;
  if (samples_.size() < 2) return;
  const Sample& a = samples_.front();
  const Sample& b = samples_.back();
  auto dt = static_cast<float>(b.t - a.t) / 1000.0f;
  if (dt <= 0.001f) return;
  vx = (b.x - a.x) / dt;
  vy = (b.y - a.y) / dt;
}

bool GestureRecognizer::holding(float& x, float& y, std::int64_t& sinceMs) const {
  if (!down_ || dragging_) return false;
  x = startX_;
  y = startY_;
  sinceMs = downAt_;
  return true;
}

}  // namespace mk
