#pragma once
// Finger and mouse input into one gesture stream, and the pointer ImGui sees.
// [X] SDL_FINGER* events (touch screens) and mouse events (desktops), never both for
//     the same touch: mouse events synthesised from touch are dropped.
// [X] At most one pointer change per frame, so a press and a release that arrive
//     together still produce a click.
// [X] The pointer moves off-screen one frame after lift: no sticky hover.
#include <cstdint>
#include <deque>
#include <vector>

#include "core/session/gesture.h"

union SDL_Event;
struct ImGuiIO;

namespace mk::ui {

// Window size in the units SDL reports input in (points) and the size of the
// drawing in pixels; they differ on a scaled (high-DPI) screen. Input is mapped
// into layout pixels here and nowhere else.
struct ScreenMapping {
  int windowWidth = 0, windowHeight = 0;
  int pixelWidth = 0, pixelHeight = 0;
  float scaleX() const {
    return windowWidth > 0 ? static_cast<float>(pixelWidth) / static_cast<float>(windowWidth) : 1.0f;
  }
  float scaleY() const {
    return windowHeight > 0 ? static_cast<float>(pixelHeight) / static_cast<float>(windowHeight) : 1.0f;
  }
};

class PointerInput {
 public:
  explicit PointerInput(GestureConfig config = {}) : recognizer_(config) {}

  // Positions come out in layout pixels (see ScreenMapping).
  std::vector<GestureEvent> handleSdlEvent(const SDL_Event& event, std::int64_t nowMs, const ScreenMapping& screen);
  std::vector<GestureEvent> feed(const PointerEvent& event);
  std::vector<GestureEvent> tick(std::int64_t nowMs);
  // Writes the next queued pointer state into ImGui; call once per frame.
  void applyToImGui(ImGuiIO& io);
  bool pending() const { return !queue_.empty(); }
  std::int64_t nextDeadline() const { return recognizer_.nextDeadline(); }
  const GestureRecognizer& recognizer() const { return recognizer_; }
  void reset();

 private:
  void enqueue(const PointerView& view);

  GestureRecognizer recognizer_;
  std::deque<PointerView> queue_;
  PointerView last_;
};

}  // namespace mk::ui
