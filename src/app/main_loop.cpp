// The one main loop: wait for input or the next timer, step core with the current
// time, draw, present. Nothing is drawn while nothing changes.
#include "app/main_loop.h"

#include <SDL.h>
#include <algorithm>
#include <chrono>

#include "app/systemd_notify.h"
#include "core/frame_guard.h"
#include "core/log.h"

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

int runLoop(App& app, ui::Renderer& renderer, SDL_Window* window, const std::function<void()>& afterFirstFrame) {
  SystemdNotifier systemd;
  bool firstFrameShown = false;
  FrameGuard guard(kMaxFailedFrames);
  bool running = true;
  int extraFrames = kExtraFramesAfterInput;
  bool busy = true;
  int rc = 0;
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
      if (e.type == SDL_WINDOWEVENT) draw = true;
      int ww = 0, wh = 0;
      SDL_GetWindowSize(window, &ww, &wh);
      auto gestures = app.ui().input().handleSdlEvent(e, now, ww, wh);
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
      if (app.metrics())
        app.metrics()->observeFrame(std::chrono::duration<double>(std::chrono::steady_clock::now() - frameStart).count());
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
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (o.windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP);
  int w = o.windowed && !o.sizeGiven ? 540 : o.width, h = o.windowed && !o.sizeGiven ? 960 : o.height;
  SDL_Window* window = SDL_CreateWindow("Medkiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (!window) {
    log::error("window", std::string("cannot open a window: ") + SDL_GetError());
    SDL_Quit();
    return 1;
  }
  int rc = 0;
  const std::int64_t windowOpen = monotonicMs();
  {
    App app(o, argv0, monotonicMs());
    const std::int64_t appReady = monotonicMs();
    auto renderer = ui::Renderer::forWindow(window, app.settings().acceleratedRenderer);
    if (!renderer) {
      rc = 1;
    } else {
      app.ui().setRenderer(renderer.get());
      app.enableMetrics(wallSeconds());
      rc = runLoop(app, *renderer, window, [&] {
        std::int64_t shown = monotonicMs();
        log::info("window", "first frame " + std::to_string(shown - started) + " ms after start (video and window " +
                                std::to_string(windowOpen - started) + " ms, content, strings and fonts " +
                                std::to_string(appReady - windowOpen) + " ms, renderer and first frame " +
                                std::to_string(shown - appReady) + " ms)");
        // After the first frame: opening the sound device can take a tenth of a
        // second, and the first screen has nothing to read aloud.
        app.enableAudio();
      });
    }
  }
  SDL_DestroyWindow(window);
  SDL_Quit();
  return rc;
}

}  // namespace mk::app
