#include "app/systemd_notify.h"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/base/log.h"

namespace mk::app {

namespace {

// sd_watchdog_enabled(), plus the case of the package's unit: its main process is
// cage and the kiosk is cage's one application, so systemd's WATCHDOG_PID names the
// kiosk's parent, which never pings. The kiosk takes that watchdog as its own (its
// WATCHDOG=1 counts for the unit with NotifyAccess=all); anyone else's it leaves.
int watchdogEnabled(std::uint64_t& usec) {
  int enabled = sd_watchdog_enabled(0, &usec);
  if (enabled != 0) return enabled;
  const char* pid = std::getenv("WATCHDOG_PID");
  const char* interval = std::getenv("WATCHDOG_USEC");
  if (pid == nullptr || interval == nullptr || std::to_string(getppid()) != pid) return 0;
  std::string_view text(interval);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), usec);
  if (ec != std::errc() || end != text.data() + text.size() || usec == 0) return -EINVAL;
  return 1;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  std::uint64_t usec = 0;
  int enabled = watchdogEnabled(usec);
  if (enabled < 0) {
    log::warn("systemd", std::string("ignoring a malformed WATCHDOG_USEC: ") + std::strerror(-enabled));
  } else if (enabled > 0) {
    // Three pings per interval leave room for one slow frame.
    pingEveryMs_ = std::max<std::int64_t>(1, static_cast<std::int64_t>(usec / 1000 / 3));
    log::info("systemd", "watchdog every " + std::to_string(usec / 1000) + " ms; pinging every " +
                             std::to_string(pingEveryMs_) + " ms");
  }
}

void SystemdNotifier::ready() {
  if (ready_) return;
  ready_ = true;
  int rc = sd_notify(0, "READY=1");
  if (rc < 0) log::warn("systemd", std::string("cannot notify READY=1: ") + std::strerror(-rc));
}

void SystemdNotifier::keepAlive(std::int64_t nowMs) {
  if (pingEveryMs_ < 0 || !ready_) return;
  if (lastPingMs_ >= 0 && nowMs - lastPingMs_ < pingEveryMs_) return;
  lastPingMs_ = nowMs;
  int rc = sd_notify(0, "WATCHDOG=1");
  if (rc < 0) log::warn("systemd", std::string("cannot notify WATCHDOG=1: ") + std::strerror(-rc));
}

void SystemdNotifier::stopping() {
  if (ready_) sd_notify(0, "STOPPING=1");
}

}  // namespace mk::app
