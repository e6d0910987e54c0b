#include "core/base/log.h"

#include "core/base/printable.h"

#include <unistd.h>
#include <atomic>
#include <mutex>

namespace mk::log {
namespace {
std::atomic<int> g_minimum{static_cast<int>(Level::Info)};
std::atomic<bool> g_observed{false};

std::mutex g_observerMutex;
Observer g_observer;

const char* levelName(Level level) {
  switch (level) {
    case Level::Debug:
      return "debug";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warning";
    case Level::Error:
      return "error";
  }
  return "?";
}

}  // namespace

void setMinimumLevel(Level level) { g_minimum = static_cast<int>(level); }

void setObserver(Observer observer) {
  std::lock_guard<std::mutex> lock(g_observerMutex);
  g_observed = static_cast<bool>(observer);
  g_observer = std::move(observer);
}

void write(Level level, std::string_view component, std::string_view message) {
  if (static_cast<int>(level) < g_minimum) return;
  std::string line = "medkiosk[";
  line += levelName(level);
  line += "] ";
  line += printable(component);
  line += ": ";
  line += printable(message);
  line += '\n';
  // One write() per line so lines from threads never interleave.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
  if (g_observed) {
    std::lock_guard<std::mutex> lock(g_observerMutex);
    if (g_observer) g_observer(level, component, message);
  }
}

}  // namespace mk::log
