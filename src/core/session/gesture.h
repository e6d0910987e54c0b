#pragma once
// One gesture stream from finger and mouse input: tap, drag, fling and long-press.
// The UI turns SDL events into PointerEvents; nothing here knows about SDL.
// A tap is cancelled once the pointer moves past the slop distance, and the pointer
// the widgets see is hidden while dragging so a drag never clicks a button.
#include <cstdint>
#include <deque>
#include <vector>

namespace mk {

struct PointerEvent {
  enum class Kind { Down, Move, Up, Cancel };
  Kind kind = Kind::Down;
  float x = 0, y = 0;
  std::int64_t timeMs = 0;
};

struct GestureEvent {
  enum class Kind { Press, Tap, DragBegin, DragMove, DragEnd, Fling, LongPress };
  Kind kind = Kind::Tap;
  float x = 0, y = 0;  // current (or start, for Press/Tap/LongPress) position
  float startX = 0, startY = 0;
  float dx = 0, dy = 0;     // DragMove delta since the previous event
  float vx = 0, vy = 0;     // px/s for DragEnd and Fling
  std::int64_t heldMs = 0;  // for LongPress and Tap: how long the pointer was down
};

struct GestureConfig {
  float slopPx = 12;  // about 3 mm at 96 dpi
  std::int64_t longPressMs = 600;
  float flingMinSpeed = 250;  // px/s
  std::int64_t velocityWindowMs = 100;
};

// What the widgets should see as the mouse.
struct PointerView {
  float x = -1e6f, y = -1e6f;
  bool down = false;
  bool visible = false;
};

class GestureRecognizer {
 public:
  explicit GestureRecognizer(GestureConfig config = {}) : config_(config) {}

  std::vector<GestureEvent> feed(const PointerEvent& event);
  // Long-press is noticed by time alone: a resting finger sends no events.
  std::vector<GestureEvent> tick(std::int64_t nowMs);
  // When the next long-press could fire, for the loop's wait timeout; -1 if none.
  std::int64_t nextDeadline() const;

  PointerView pointer() const;
  bool isDown() const { return down_; }
  // A finger resting without dragging: where it went down and when. False otherwise.
  bool holding(float& x, float& y, std::int64_t& sinceMs) const;
  void reset();
  const GestureConfig& config() const { return config_; }

 private:
  struct Sample {
    float x, y;
    std::int64_t t;
  };
  void velocity(float& vx, float& vy) const;
  void onDown(const PointerEvent& e, std::vector<GestureEvent>& out);
  void onMove(const PointerEvent& e, std::vector<GestureEvent>& out);
  void onLift(const PointerEvent& e, std::vector<GestureEvent>& out);
  GestureEvent event(GestureEvent::Kind kind, float x, float y) const;

  GestureConfig config_;
  bool down_ = false;
  bool dragging_ = false;
  bool longPressed_ = false;
  float startX_ = 0, startY_ = 0, lastX_ = 0, lastY_ = 0;
  std::int64_t downAt_ = 0;
  std::deque<Sample> samples_;
};

}  // namespace mk
