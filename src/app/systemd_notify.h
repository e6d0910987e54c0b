#pragma once
// Tells systemd how the kiosk is doing (sd_notify, libsystemd): READY=1 after the
// first frame is on screen, WATCHDOG=1 from the main loop while it keeps turning,
// STOPPING=1 on the way out. With `Type=notify` and `WatchdogSec=` in the unit, a
// hung UI stops the pings and systemd restarts it. Outside systemd (no
// NOTIFY_SOCKET) every call does nothing.
// Thread-safety: used by the main loop only.
#include <cstdint>

namespace mk::app {

class SystemdNotifier {
 public:
  SystemdNotifier();

  void ready();
  // Sends WATCHDOG=1 when a third of the watchdog interval has passed since the last.
  void keepAlive(std::int64_t nowMs);
  void stopping();
  // How long the loop may sleep without missing a ping; -1 without a watchdog.
  std::int64_t maxWaitMs() const { return pingEveryMs_; }
  bool readySent() const { return ready_; }

 private:
  std::int64_t pingEveryMs_ = -1;
  std::int64_t lastPingMs_ = -1;
  bool ready_ = false;
};

}  // namespace mk::app
