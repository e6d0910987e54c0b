#pragma once
// The medkiosk command line (see the README; tests and tooling depend on it).
#include <optional>
#include <string>
#include <variant>

namespace mk::app {

struct Options {
  enum class Mode { Kiosk, Screenshot, Replay, Bench, Monkey, CheckContent, Version, Help };
  Mode mode = Mode::Kiosk;
  std::string config, content, country, locale;
  std::string dataDir;      // --data-dir: writable state, overrides [data] directory
  std::string metricsFile;  // --metrics FILE|off: overrides [metrics] textfile
  bool windowed = false;
  int width = 1080, height = 1920;
  bool sizeGiven = false;
  std::string out, screen, section, script, category;
  std::string scroll;  // --scroll PX|end: where in the section (or list) a screenshot shows; empty: the top
  int textSize = 0;    // 0: from config
  bool highContrast = false;
  long long monkeyEvents = 0;   // --monkey N
  unsigned long long seed = 0;  // --seed S
  bool seedGiven = false;
};

struct CliError {
  std::string message;
};

std::variant<Options, CliError> parseArgs(int argc, const char* const* argv);
const char* usageText();

}  // namespace mk::app
