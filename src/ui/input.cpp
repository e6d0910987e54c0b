#include "ui/input.h"

#include <SDL.h>
#include <imgui.h>

namespace mk::ui {

std::vector<GestureEvent> PointerInput::handleSdlEvent(const SDL_Event& e, std::int64_t nowMs,
                                                       const ScreenMapping& screen) {
  PointerEvent p;
  p.timeMs = nowMs;
  switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      p.kind = e.type == SDL_FINGERDOWN ? PointerEvent::Kind::Down
               : e.type == SDL_FINGERUP ? PointerEvent::Kind::Up
                                        : PointerEvent::Kind::Move;
      // Fingers are normalised to the window: 0..1 across the drawing.
      p.x = e.tfinger.x * static_cast<float>(screen.pixelWidth);
      p.y = e.tfinger.y * static_cast<float>(screen.pixelHeight);
      return feed(p);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return {};
      p.kind = e.type == SDL_MOUSEBUTTONDOWN ? PointerEvent::Kind::Down : PointerEvent::Kind::Up;
      p.x = static_cast<float>(e.button.x) * screen.scaleX();
      p.y = static_cast<float>(e.button.y) * screen.scaleY();
      return feed(p);
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID || !recognizer_.isDown()) return {};
      p.kind = PointerEvent::Kind::Move;
      p.x = static_cast<float>(e.motion.x) * screen.scaleX();
      p.y = static_cast<float>(e.motion.y) * screen.scaleY();
      return feed(p);
    default:
      return {};
  }
}

std::vector<GestureEvent> PointerInput::feed(const PointerEvent& event) {
  auto out = recognizer_.feed(event);
  bool tapped = false;
  for (const auto& g : out) tapped = tapped || g.kind == GestureEvent::Kind::Tap;
  if (tapped) {
    // Release where the finger was, so the widget under it gets its click.
    enqueue(PointerView{event.x, event.y, false, true});
  }
  enqueue(recognizer_.pointer());
  return out;
}

std::vector<GestureEvent> PointerInput::tick(std::int64_t nowMs) {
  auto out = recognizer_.tick(nowMs);
  if (!out.empty()) enqueue(recognizer_.pointer());
  return out;
}

void PointerInput::enqueue(const PointerView& view) {
  const PointerView& tail = queue_.empty() ? last_ : queue_.back();
  if (tail.x == view.x && tail.y == view.y && tail.down == view.down && tail.visible == view.visible) return;
  queue_.push_back(view);
}

void PointerInput::applyToImGui(ImGuiIO& io) {
  if (!queue_.empty()) {
    last_ = queue_.front();
    queue_.pop_front();
  }
  io.MousePos = last_.visible ? ImVec2(last_.x, last_.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = last_.down;
  if (last_.visible && !last_.down && queue_.empty()) {
    // One frame after lift the pointer leaves, so nothing stays highlighted.
    queue_.push_back(PointerView{});
  }
}

void PointerInput::reset() {
  recognizer_.reset();
  queue_.clear();
  last_ = PointerView{};
}

}  // namespace mk::ui
