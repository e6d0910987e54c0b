// The kiosk's side of systemd's watchdog. Under the package's unit the main process
// is cage and the kiosk is its child, so systemd's WATCHDOG_PID names the kiosk's
// parent (found by scripts/vm-test: the booted kiosk never pinged and was killed).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "app/systemd_notify.h"

namespace {

// Sets an environment variable for one test and restores what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("watchdog named for this process is kept", "[systemd]") {
  ScopedEnv usec("WATCHDOG_USEC", "30000000");
  ScopedEnv pid("WATCHDOG_PID", std::to_string(getpid()));
  mk::app::SystemdNotifier n;
  CHECK(n.maxWaitMs() == 10000);
}

TEST_CASE("watchdog named for the parent (cage as the unit's main process) is the kiosk's", "[systemd]") {
  ScopedEnv usec("WATCHDOG_USEC", "30000000");
  ScopedEnv pid("WATCHDOG_PID", std::to_string(getppid()));
  mk::app::SystemdNotifier n;
  CHECK(n.maxWaitMs() == 10000);
}

TEST_CASE("watchdog named for another process is not taken", "[systemd]") {
  // Neither this process nor its parent: a grandchild of the unit inherits the
  // variables and must not ping in the kiosk's place.
  pid_t other = getppid() == 1 ? 2 : 1;
  ScopedEnv usec("WATCHDOG_USEC", "30000000");
  ScopedEnv pid("WATCHDOG_PID", std::to_string(other));
  mk::app::SystemdNotifier n;
  CHECK(n.maxWaitMs() == -1);
}

TEST_CASE("a malformed watchdog interval from the parent is ignored", "[systemd]") {
  ScopedEnv usec("WATCHDOG_USEC", "soon");
  ScopedEnv pid("WATCHDOG_PID", std::to_string(getppid()));
  mk::app::SystemdNotifier n;
  CHECK(n.maxWaitMs() == -1);
}
