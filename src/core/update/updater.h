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
#include <functional>
#include <string>
#include <vector>

namespace mk {

struct UpdateSettings {
  std::string url;                      // base URL: http://, https:// or file://
  std::vector<std::string> publicKeys;  // base64 Ed25519; any one may have signed
  std::string channel = "main";         // only bundles signed for this channel are installed
  std::string caFile;                   // certificate authorities for https; empty: the system's
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
  // Called with the name of each step (updateCrashSteps()) the run reaches; only the
  // crash-test build of medkiosk-update sets it (MEDKIOSK_UPDATE_CRASH_AT).
  std::function<void(const char*)> onStep;
};

struct UpdateOutcome {
  // Expired: the current bundle is signed and otherwise acceptable but past its
  // `expires` (a publisher that stopped publishing, or a kiosk clock far ahead).
  enum class Result { Installed, Unchanged, Refused, Expired, Failed };
  Result result = Result::Failed;
  long version = 0;  // installed content version after the run (0: none)
  std::string message;
};

const char* toString(UpdateOutcome::Result r);

// Call once per process before runUpdate (libcurl global init).
void initUpdater();
// Runs one update and writes the status file (below). Never throws.
UpdateOutcome runUpdate(const UpdateSettings& settings);

// Writes <state dir>/content/update-status (updateStatusFile) atomically: time=, result=, version=, message=
// (one key=value per line; read by the fleet metrics).
void writeUpdateStatus(const std::filesystem::path& stateDir, const UpdateOutcome& outcome, std::time_t now);

// The steps a run reaches, in order (UpdateSettings::onStep). The crash-test build of
// medkiosk-update (tests only, never installed) kills itself with SIGKILL the n-th
// time (default 1st) it reaches <step> of MEDKIOSK_UPDATE_CRASH_AT=<step>[:<n>].
const std::vector<std::string>& updateCrashSteps();

}  // namespace mk
