#include "core/log.h"

#include <atomic>
#include <unistd.h>

namespace mk::log {
namespace {
std::atomic<int> g_minimum{static_cast<int>(Level::Info)};

const char* levelName(Level level) {
  switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warning";
    case Level::Error: return "error";
  }
  return "?";
}
}  // namespace

void setMinimumLevel(Level level) { g_minimum = static_cast<int>(level); }

void write(Level level, std::string_view component, std::string_view message) {
  if (static_cast<int>(level) < g_minimum) return;
  std::string line = "medkiosk[";
  line += levelName(level);
  line += "] ";
  line += component;
  line += ": ";
  line += message;
  line += '\n';
  // One write() per line so lines from threads never interleave.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace mk::log
