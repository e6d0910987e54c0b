#include "app/window_geometry.h"

namespace mk::app {
namespace {
constexpr int kWindowedWidth = 540, kWindowedHeight = 960;

bool forced(const WindowRequest& r) { return r.forcedWidth > 0 && r.forcedHeight > 0; }
bool usable(const Rect& r) { return r.w > 0 && r.h > 0; }
}  // namespace

WindowPlan planWindow(const WindowRequest& request, const Rect& display) {
  WindowPlan p;
  if (request.windowed) {
    p.rect = forced(request) ? Rect{0, 0, request.forcedWidth, request.forcedHeight}
                             : Rect{0, 0, kWindowedWidth, kWindowedHeight};
    p.centred = true;
    p.resizable = true;
    return p;
  }
  p.borderless = true;
  if (forced(request)) {
    p.rect = {display.x, display.y, request.forcedWidth, request.forcedHeight};
    return p;
  }
  p.fullscreen = true;
  // No display known (a driver that reports none): a portrait default, which the
  // compositor's configure then replaces.
  p.rect = usable(display) ? display : Rect{0, 0, 1080, 1920};
  return p;
}

bool needsRefit(const WindowRequest& request, const Rect& window, const Rect& display) {
  if (request.windowed || forced(request) || !usable(display)) return false;
  return window.w != display.w || window.h != display.h;
}

}  // namespace mk::app
