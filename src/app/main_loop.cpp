// The one main loop: wait for input or the next timer, step core with the current
// time, draw, present. Nothing is drawn while nothing changes.
#include "app/main_loop.h"

#include <SDL.h>
#include <algorithm>
#include <chrono>
#include <memory>

#include "app/kiosk_step.h"
#include "app/systemd_notify.h"
#include "core/base/log.h"
#include "core/session/frame_guard.h"

namespace mk::app {
namespace {
constexpr std::int64_t kMaxWaitMs = 1000;

int waitTimeout(std::int64_t now, std::int64_t wake, std::int64_t watchdogMs) {
  std::int64_t limit = watchdogMs > 0 ? std::min(kMaxWaitMs, watchdogMs) : kMaxWaitMs;
  return static_cast<int>(wake < 0 ? limit : std::clamp<std::int64_t>(wake - now, 0, limit));
}

// The window's side of the loop: SDL events in, frames presented, systemd told.
class WindowLoop {
 public:
  WindowLoop(App& app, ui::Renderer& renderer, SDL_Window* window, const WindowRequest* fit)
      : app_(app), renderer_(renderer), window_(window), fit_(fit), step_(app), guard_(kMaxFailedFrames) {}

  int run(const std::function<void()>& afterFirstFrame) {
    while (running_) {
      std::int64_t now = monotonicMs();
      systemd_.keepAlive(now);
      int timeout = step_.drawing() ? 0 : waitTimeout(now, step_.nextWake(now), systemd_.maxWaitMs());
      SDL_Event e;
      bool got = timeout == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
      while (got) {
        handle(e);
        got = SDL_PollEvent(&e);
      }
      now = monotonicMs();
      bool due = step_.tick(now) || forceDraw_;
      forceDraw_ = false;
      if (due && running_) drawFrame(now, afterFirstFrame);
    }
    systemd_.stopping();
    return rc_;
  }

 private:
  void handle(const SDL_Event& e) {
    std::int64_t now = monotonicMs();
    if (e.type == SDL_QUIT) running_ = false;
    if (e.type == SDL_WINDOWEVENT) {
      // Shown, exposed, resized or moved to another output: the window's pixels may
      // be new and blank (SDL recreates the software surface), so draw all of them.
      forceDraw_ = true;
      renderer_.invalidate();
    }
    // A changed display (xrandr, a rotated or replaced monitor): cover it again.
    if (e.type == SDL_DISPLAYEVENT && fit_) refitWindow(window_, *fit_);
    ui::ScreenMapping screen{0, 0, renderer_.width(), renderer_.height()};
    SDL_GetWindowSize(window_, &screen.windowWidth, &screen.windowHeight);
    step_.input(app_.ui().input().handleSdlEvent(e, now, screen), now);
  }

  void drawFrame(std::int64_t now, const std::function<void()>& afterFirstFrame) {
    try {
      step_.frame(now);
      renderer_.present();
      noteSize();
      guard_.succeeded();
      systemd_.ready();
      if (!firstFrameShown_) {
        firstFrameShown_ = true;
        if (afterFirstFrame) afterFirstFrame();
      }
    } catch (const std::exception& ex) {
      // The frame was abandoned (KioskUi closes the ImGui frame); try the next one.
      step_.frameFailed();
      if (guard_.failed(ex.what())) {
        rc_ = kExitFramesFailed;
        running_ = false;
      }
    }
  }

  // Logged once per size, so a test (and the journal) sees a relayout happen.
  void noteSize() {
    if (renderer_.width() == frameW_ && renderer_.height() == frameH_) return;
    frameW_ = renderer_.width();
    frameH_ = renderer_.height();
    log::info("window", "laid out for " + std::to_string(frameW_) + "x" + std::to_string(frameH_));
  }

  App& app_;
  ui::Renderer& renderer_;
  SDL_Window* window_;
  const WindowRequest* fit_;
  KioskStep step_;
  SystemdNotifier systemd_;
  FrameGuard guard_;
  bool running_ = true;
  bool forceDraw_ = true;
  bool firstFrameShown_ = false;
  int rc_ = 0;
  int frameW_ = 0, frameH_ = 0;  // the size the last frame was laid out for
};

}  // namespace

int runLoop(App& app, ui::Renderer& renderer, SDL_Window* window, const std::function<void()>& afterFirstFrame,
            const WindowRequest* fit) {
  return WindowLoop(app, renderer, window, fit).run(afterFirstFrame);
}

namespace {

Rect displayBounds(int display) {
  SDL_Rect r{};
  if (display < 0 || SDL_GetDisplayBounds(display, &r) != 0) return {};
  return {r.x, r.y, r.w, r.h};
}

// The window, destroyed when it goes out of scope (after the renderer that draws in it).
struct WindowDeleter {
  void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;

// Full screen is asked for after the first frame (see runWindow), not here.
WindowPtr openWindow(const WindowPlan& plan) {
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
  if (plan.borderless) flags |= SDL_WINDOW_BORDERLESS;
  if (plan.resizable) flags |= SDL_WINDOW_RESIZABLE;
  int x = plan.centred ? static_cast<int>(SDL_WINDOWPOS_CENTERED) : plan.rect.x;
  int y = plan.centred ? static_cast<int>(SDL_WINDOWPOS_CENTERED) : plan.rect.y;
  WindowPtr window(SDL_CreateWindow("Medkiosk", x, y, plan.rect.w, plan.rect.h, flags));
  if (window)
    log::info("window", std::string(plan.fullscreen ? "full screen"
                                    : plan.centred  ? "windowed"
                                                    : "forced size") +
                            " " + std::to_string(plan.rect.w) + "x" + std::to_string(plan.rect.h) + " at " +
                            std::to_string(plan.rect.x) + "," + std::to_string(plan.rect.y) + " (" +
                            SDL_GetCurrentVideoDriver() + ")");
  return window;
}

}  // namespace

void refitWindow(SDL_Window* window, const WindowRequest& request) {
  int ww = 0, wh = 0, wx = 0, wy = 0;
  SDL_GetWindowSize(window, &ww, &wh);
  SDL_GetWindowPosition(window, &wx, &wy);
  Rect display = displayBounds(SDL_GetWindowDisplayIndex(window));
  if (!needsRefit(request, {wx, wy, ww, wh}, display)) return;
  // With no window manager nobody resizes a full-screen window when the display
  // changes: leave full screen, cover the new display, and ask again.
  log::info("window",
            "the display is now " + std::to_string(display.w) + "x" + std::to_string(display.h) + "; covering it");
  SDL_SetWindowFullscreen(window, 0);
  SDL_SetWindowPosition(window, display.x, display.y);
  SDL_SetWindowSize(window, display.w, display.h);
  SDL_SetWindowFullscreen(window, SDL_WINDOW_FULLSCREEN_DESKTOP);
}

int runWindow(const Options& o, const std::string& argv0) {
  const std::int64_t started = monotonicMs();
  // Touch is handled as fingers; SDL must not also turn it into mouse events.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  // Video only: joystick subsystems turn waiting back into polling.
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    log::error("window", std::string("cannot start SDL video: ") + SDL_GetError());
    return 1;
  }
  // The kiosk decides screen blanking through the session (DPMS), not SDL.
  SDL_EnableScreenSaver();
  int rc = 0;
  const std::int64_t videoReady = monotonicMs();
  {
    App app(o, argv0, monotonicMs());
    const std::int64_t appReady = monotonicMs();
    WindowRequest request;
    request.windowed = o.windowed;
    request.forcedWidth = o.sizeGiven ? o.width : app.settings().windowWidth;
    request.forcedHeight = o.sizeGiven ? o.height : app.settings().windowHeight;
    const WindowPlan plan = planWindow(request, displayBounds(0));
    WindowPtr window = openWindow(plan);
    if (!window) {
      log::error("window", std::string("cannot open a window: ") + SDL_GetError());
      SDL_Quit();
      return 1;
    }
    auto renderer = ui::Renderer::forWindow(window.get(), app.settings().acceleratedRenderer);
    if (!renderer) {
      rc = 1;
    } else {
      app.ui().setRenderer(renderer.get());
      app.enableMetrics(wallSeconds());
      rc = runLoop(
          app, *renderer, window.get(),
          [&] {
            std::int64_t shown = monotonicMs();
            log::info("window", "first frame " + std::to_string(shown - started) + " ms after start (video " +
                                    std::to_string(videoReady - started) + " ms, content, strings and fonts " +
                                    std::to_string(appReady - videoReady) + " ms, window, renderer and first frame " +
                                    std::to_string(shown - appReady) + " ms, " + std::to_string(renderer->width()) +
                                    "x" + std::to_string(renderer->height()) + ")");
            // After the first frame: SDL waits up to a tenth of a second for a window
            // manager to confirm full screen (none does under bare X11), and the
            // window already covers the display. Opening the sound device can take as
            // long, and the first screen has nothing to read aloud.
            if (plan.fullscreen && SDL_SetWindowFullscreen(window.get(), SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
              log::warn("window", std::string("cannot ask for full screen: ") + SDL_GetError());
            app.enableAudio();
          },
          &request);
    }
    renderer.reset();  // before the window it draws in
  }
  SDL_Quit();
  return rc;
}

}  // namespace mk::app
