#pragma once
// Minimal leveled logging to stderr (journald picks it up under systemd).
// Thread-safety: each call writes one whole line with a single write().
#include <functional>
#include <string>
#include <string_view>

namespace mk::log {

enum class Level { Debug, Info, Warn, Error };

void setMinimumLevel(Level level);
void write(Level level, std::string_view component, std::string_view message);

// Also hands every written line to `observer` (null removes it), so tests can check
// that a fault was logged. Called under a lock; it must not log itself.
using Observer = std::function<void(Level level, std::string_view component, std::string_view message)>;
void setObserver(Observer observer);

inline void info(std::string_view c, std::string_view m) { write(Level::Info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::Warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::Error, c, m); }
inline void debug(std::string_view c, std::string_view m) { write(Level::Debug, c, m); }

}  // namespace mk::log
