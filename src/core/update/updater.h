#pragma once
// One content update run (medkiosk-update): fetch the signed manifest from
// <url>/manifest with a conditional request, refuse anything unsigned, tampered,
// not newer than what is installed, expired, oversized or for a newer app; download
// the database it names, check it like the kiosk does (ContentDb) and render every
// screen with it (`medkiosk --check-content`, a child process with a timeout), then
// switch atomically and keep the previous version (see content_store.h).
// Thread-safety: one run per state directory at a time, enforced with flock().
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace mk {

struct UpdateSettings {
  std::string url;                      // base URL: http://, https:// or file://
  std::vector<std::string> publicKeys;  // base64 Ed25519; any one may have signed
  std::filesystem::path stateDir;
  std::filesystem::path shippedDb;  // the packaged database (its version counts as installed)
  // Program that renders every screen with a database (`PROGRAM --check-content DB`);
  // empty skips the render check and says so in the log.
  std::filesystem::path renderCheck;
  std::string configFile;                // passed on to the render check
  std::string renderSize = "1080x1920";  // --size of the render check
  std::string appVersion;
  std::time_t now = 0;  // wall clock, for expiry
  long transferTimeoutSeconds = 300;
  long renderTimeoutSeconds = 120;
};

struct UpdateOutcome {
  enum class Result { Installed, Unchanged, Refused, Failed };
  Result result = Result::Failed;
  long version = 0;  // installed content version after the run (0: none)
  std::string message;
};

const char* toString(UpdateOutcome::Result r);

// Call once per process before runUpdate (libcurl global init).
void initUpdater();
// Runs one update and writes the status file (below). Never throws.
UpdateOutcome runUpdate(const UpdateSettings& settings);

// Writes <state dir>/update-status atomically: time=, result=, version=, message=
// (one key=value per line; read by the fleet metrics).
void writeUpdateStatus(const std::filesystem::path& stateDir, const UpdateOutcome& outcome, std::time_t now);

// Test hook: MEDKIOSK_UPDATE_CRASH_AT=<step>[:<n>] kills the process with SIGKILL the
// n-th time (default 1st) it reaches <step>. The steps, in order:
const std::vector<std::string>& updateCrashSteps();

}  // namespace mk
