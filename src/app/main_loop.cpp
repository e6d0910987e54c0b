// The one main loop: wait for input or the next timer, step core with the current
// time, draw, present. Nothing is drawn while nothing changes.
#include "app/main_loop.h"

#include <SDL.h>
#include <algorithm>
#include <chrono>

#include "app/systemd_notify.h"
#include "core/base/log.h"
#include "core/session/frame_guard.h"

namespace mk::app {
namespace {
// Popups and measured layouts need a frame to settle after a change.
constexpr int kExtraFramesAfterInput = 2;
constexpr std::int64_t kMaxWaitMs = 1000;

int waitTimeout(std::int64_t now, std::int64_t wake, std::int64_t watchdogMs) {
  std::int64_t limit = watchdogMs > 0 ? std::min(kMaxWaitMs, watchdogMs) : kMaxWaitMs;
  return static_cast<int>(wake < 0 ? limit : std::clamp<std::int64_t>(wake - now, 0, limit));
}
}  // namespace

int runLoop(App& app, ui::Renderer& renderer, SDL_Window* window, const std::function<void()>& afterFirstFrame,
            const WindowRequest* fit) {
  SystemdNotifier systemd;
  bool firstFrameShown = false;
  FrameGuard guard(kMaxFailedFrames);
  bool running = true;
  int extraFrames = kExtraFramesAfterInput;
  bool busy = true;
  int rc = 0;
  int frameW = 0, frameH = 0;  // the size the last frame was laid out for
  while (running) {
    std::int64_t now = monotonicMs();
    systemd.keepAlive(now);
    std::int64_t wake = app.ui().nextWake(now);
    int timeout = busy || extraFrames > 0 ? 0 : waitTimeout(now, wake, systemd.maxWaitMs());
    SDL_Event e;
    bool got = timeout == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
    bool draw = busy || extraFrames > 0;
    while (got) {
      now = monotonicMs();
      if (e.type == SDL_QUIT) running = false;
      if (e.type == SDL_WINDOWEVENT) {
        // Shown, exposed, resized or moved to another output: the window's pixels may
        // be new and blank (SDL recreates the software surface), so draw all of them.
        draw = true;
        renderer.invalidate();
      }
      // A changed display (xrandr, a rotated or replaced monitor): cover it again.
      if (e.type == SDL_DISPLAYEVENT && fit) refitWindow(window, *fit);
      ui::ScreenMapping screen{0, 0, renderer.width(), renderer.height()};
      SDL_GetWindowSize(window, &screen.windowWidth, &screen.windowHeight);
      auto gestures = app.ui().input().handleSdlEvent(e, now, screen);
      if (!gestures.empty() || app.ui().input().pending()) {
        app.ui().handleGestures(gestures, now);
        draw = true;
        extraFrames = kExtraFramesAfterInput;
      }
      got = SDL_PollEvent(&e);
    }
    now = monotonicMs();
    auto timed = app.ui().input().tick(now);
    if (!timed.empty()) {
      app.ui().handleGestures(timed, now);
      draw = true;
    }
    if (wake >= 0 && now >= wake) draw = true;
    // New or repaired content is taken at the Attract screen, without a restart.
    if (app.pollContent(now)) draw = true;
    // The wait above is at most a second, so the metrics file is rewritten on time.
    if (app.metrics()) app.metrics()->writeIfDue(now, wallSeconds());
    if (!draw || !running) continue;
    try {
      auto frameStart = std::chrono::steady_clock::now();
      busy = app.ui().frame(now);
      renderer.present();
      if (renderer.width() != frameW || renderer.height() != frameH) {
        frameW = renderer.width();
        frameH = renderer.height();
        log::info("window", "laid out for " + std::to_string(frameW) + "x" + std::to_string(frameH));
      }
      if (app.metrics())
        app.metrics()->observeFrame(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - frameStart).count());
      guard.succeeded();
      systemd.ready();
      if (!firstFrameShown) {
        firstFrameShown = true;
        if (afterFirstFrame) afterFirstFrame();
      }
    } catch (const std::exception& ex) {
      // The frame was abandoned (KioskUi closes the ImGui frame); try the next one.
      busy = true;
      if (guard.failed(ex.what())) {
        rc = kExitFramesFailed;
        running = false;
      }
    }
    if (!busy && extraFrames > 0) --extraFrames;
  }
  systemd.stopping();
  return rc;
}

namespace {

Rect displayBounds(int display) {
  SDL_Rect r{};
  if (display < 0 || SDL_GetDisplayBounds(display, &r) != 0) return {};
  return {r.x, r.y, r.w, r.h};
}

SDL_Window* openWindow(const WindowRequest& request) {
  WindowPlan plan = planWindow(request, displayBounds(0));
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
  if (plan.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (plan.borderless) flags |= SDL_WINDOW_BORDERLESS;
  if (plan.resizable) flags |= SDL_WINDOW_RESIZABLE;
  int x = plan.centred ? static_cast<int>(SDL_WINDOWPOS_CENTERED) : plan.rect.x;
  int y = plan.centred ? static_cast<int>(SDL_WINDOWPOS_CENTERED) : plan.rect.y;
  SDL_Window* window = SDL_CreateWindow("Medkiosk", x, y, plan.rect.w, plan.rect.h, flags);
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
    SDL_Window* window = openWindow(request);
    if (!window) {
      log::error("window", std::string("cannot open a window: ") + SDL_GetError());
      SDL_Quit();
      return 1;
    }
    auto renderer = ui::Renderer::forWindow(window, app.settings().acceleratedRenderer);
    if (!renderer) {
      rc = 1;
    } else {
      app.ui().setRenderer(renderer.get());
      app.enableMetrics(wallSeconds());
      rc = runLoop(
          app, *renderer, window,
          [&] {
            std::int64_t shown = monotonicMs();
            log::info("window", "first frame " + std::to_string(shown - started) + " ms after start (video " +
                                    std::to_string(videoReady - started) + " ms, content, strings and fonts " +
                                    std::to_string(appReady - videoReady) + " ms, window, renderer and first frame " +
                                    std::to_string(shown - appReady) + " ms, " + std::to_string(renderer->width()) +
                                    "x" + std::to_string(renderer->height()) + ")");
            // After the first frame: opening the sound device can take a tenth of a
            // second, and the first screen has nothing to read aloud.
            app.enableAudio();
          },
          &request);
    }
    renderer.reset();
    SDL_DestroyWindow(window);
  }
  SDL_Quit();
  return rc;
}

}  // namespace mk::app
