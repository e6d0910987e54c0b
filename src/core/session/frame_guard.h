#pragma once
// Counts frames that failed in a row. One bad frame (an exception while drawing) is
// logged and the next frame is tried; after `limit` failures in a row the kiosk
// gives up so that systemd restarts it, rather than showing a frozen or blank screen.
// Thread-safety: used by the main loop only.
#include <string_view>

namespace mk {

class FrameGuard {
 public:
  explicit FrameGuard(int limit) : limit_(limit < 1 ? 1 : limit) {}

  void succeeded() { failuresInARow_ = 0; }
  // Logs the failure; returns true when the limit is reached and the caller must exit.
  bool failed(std::string_view what);
  int failuresInARow() const { return failuresInARow_; }
  int limit() const { return limit_; }

 private:
  int limit_;
  int failuresInARow_ = 0;
};

}  // namespace mk
