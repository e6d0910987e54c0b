#pragma once
// Where the kiosk's window goes and how big it is. Pure logic (no SDL), so the rules
// are tested without a display.
//
// - Full screen, no size forced: the window is created exactly over the display it is
//   on and asks for full screen once its first frame is shown (SDL then waits up to
//   100 ms for a window manager to confirm it). A window manager or a Wayland
//   compositor (cage) may then give it another size; the layout follows the
//   window's real size every frame.
//   With no window manager (bare X11) nobody answers the full-screen request, so
//   creating it at the display's own size and position is what makes it cover the
//   screen (a 1080x1920 window on a 1920x1080 screen was cropped).
// - Full screen with a forced size (--size, [display] size): a borderless window of
//   that size at the display's top-left corner, for trying a portrait layout on a
//   landscape monitor.
// - Windowed: the forced size, else 540x960, centred.
namespace mk::app {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};

struct WindowPlan {
  Rect rect;
  bool centred = false;     // let the system centre it (windowed)
  bool fullscreen = false;  // ask for desktop full screen
  bool borderless = false;
  bool resizable = false;
};

struct WindowRequest {
  bool windowed = false;
  int forcedWidth = 0, forcedHeight = 0;  // 0: not forced
};

WindowPlan planWindow(const WindowRequest& request, const Rect& display);

// While running full screen without a forced size: the rectangle the window must
// have when the display changed under it (a rotated or replaced monitor, xrandr), or
// nothing when it already covers the display.
bool needsRefit(const WindowRequest& request, const Rect& window, const Rect& display);

}  // namespace mk::app
