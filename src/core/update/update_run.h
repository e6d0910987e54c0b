#pragma once
// What the parts of one update run share: fetch.h (download), verify.h (checks before
// anything is installed) and install.h (the switch), orchestrated by updater.cpp.
// Internal to medkiosk_update.
// Thread-safety: no shared state.
#include <string>

#include "core/base/printable.h"
#include "core/content/content_store.h"
#include "core/update/updater.h"

namespace mk::updater {

using Result = UpdateOutcome::Result;

// A refusal (the bundle must not be installed) or a failure (try again later).
struct Stop {
  Result result;
  std::string message;
};

// Called with the name of each crash step (updateCrashSteps()) a part reaches.
using Step = StepHook;

// One line with no control character (printable()): for status and state files.
inline std::string oneLine(const std::string& s) { return printable(s); }

}  // namespace mk::updater
