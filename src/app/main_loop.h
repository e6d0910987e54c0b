#pragma once
// The one main loop, separated from window creation so tests can run it on SDL's
// dummy video driver (with KioskUi::setFrameFaultHook for failing frames).
#include <cstdint>
#include <functional>

#include "app/app.h"
#include "app/window_geometry.h"

struct SDL_Window;

namespace mk::app {

// Frames that may fail in a row before the kiosk exits for systemd to restart it.
inline constexpr int kMaxFailedFrames = 5;
// The exit code after that many failed frames (EX_SOFTWARE).
inline constexpr int kExitFramesFailed = 70;

// Runs until SDL_QUIT (returns 0) or until kMaxFailedFrames frames in a row throw
// (returns kExitFramesFailed). Notifies systemd READY/WATCHDOG/STOPPING, keeps the
// metrics file, and calls `afterFirstFrame` once the first frame is on screen. With
// `fit`, a full-screen window is made to cover its display again when that changes.
int runLoop(App& app, ui::Renderer& renderer, SDL_Window* window, const std::function<void()>& afterFirstFrame = {},
            const WindowRequest* fit = nullptr);

// Covers the window's display again if the window no longer matches it (see
// needsRefit); does nothing for a windowed or forced-size kiosk.
void refitWindow(SDL_Window* window, const WindowRequest& request);

}  // namespace mk::app
