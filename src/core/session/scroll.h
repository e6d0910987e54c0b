#pragma once
// Scrolling that follows the finger and keeps going after a fling, slowing with
// friction; the offset stays within [0, max].
namespace mk {

class KineticScroll {
 public:
  void setMax(float maxOffset);
  void dragBy(float dy);        // finger moved by dy (content moves with it)
  void fling(float velocityY);  // finger velocity at lift, px/s
  void stop();
  void jumpTo(float offset);
  // Advances the animation; returns true while still moving.
  bool step(double dtSeconds);
  bool animating() const { return velocity_ != 0; }
  float offset() const { return offset_; }
  float maxOffset() const { return max_; }

 private:
  void clamp();
  float offset_ = 0;
  float velocity_ = 0;  // px/s, in offset units
  float max_ = 0;
};

}  // namespace mk
