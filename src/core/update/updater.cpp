// Orchestrates one update run: fetch.h (download), verify.h (checks before anything
// is installed) and install.h (the switch), in the order of the crash steps.
#include "core/update/updater.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>

#include "core/base/log.h"
#include "core/content/content_store.h"
#include "core/update/fetch.h"
#include "core/update/install.h"
#include "core/update/verify.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

using updater::Fetched;
using updater::FetchState;
using updater::Result;
using updater::Step;
using updater::Stop;
using updater::StoreLock;

constexpr const char* kStatusFile = "update-status";

const std::vector<std::string> kSteps = {
    "locked",          "manifest-fetched", "manifest-verified", "download",      "downloaded",
    "database-synced", "database-checked", "rendered",          "staged",        "pointer-temporary-synced",
    "pointer-renamed", "switched",         "cleaned",           "status-written"};

class UpdateRun {
 public:
  explicit UpdateRun(const UpdateSettings& s) : s_(s), dir_(contentStoreDir(s.stateDir)) {
    if (const char* spec = std::getenv("MEDKIOSK_UPDATE_CRASH_AT")) {
      std::string v = spec;
      auto colon = v.find(':');
      crashStep_ = v.substr(0, colon);
      crashCount_ = colon == std::string::npos ? 1 : std::max(1L, std::atol(v.c_str() + colon + 1));
    }
  }

  UpdateOutcome run();
  void step(const std::string& name) {
    if (crashStep_.empty() || name != crashStep_) return;
    if (++reached_[name] == crashCount_) ::raise(SIGKILL);
  }

 private:
  const UpdateSettings& s_;
  fs::path dir_;
  // Held until the run is destroyed, after the status file is written.
  StoreLock lock_;
  std::string crashStep_;
  long crashCount_ = 1;
  std::map<std::string, long> reached_;
  const Step step_ = [this](const char* name) { step(name); };
};

UpdateOutcome UpdateRun::run() {
  UpdateOutcome out;
  Fetched manifestFetch;
  bool manifestFetched = false;
  try {
    if (s_.url.empty()) throw Stop{Result::Failed, "no [content] url configured"};
    if (s_.publicKeys.empty()) throw Stop{Result::Failed, "no [content] public_keys configured"};
    lock_.acquire(dir_, step_);
    OpenedContent current = updater::installedContent(s_);
    out.version = current.db ? current.db->info().contentVersion : 0;
    FetchState prev = updater::readFetchState(dir_);
    bool conditional = prev.url == s_.url && prev.installedVersion == out.version;
    std::string text = updater::fetchManifest(s_, conditional ? prev : FetchState{}, manifestFetch, step_);
    manifestFetched = true;
    if (manifestFetch.notModified) throw Stop{Result::Unchanged, "the manifest has not changed since the last check"};
    Manifest m = updater::verifyManifest(s_, text, current, step_);
    fs::path staged = updater::download(s_, dir_, m, step_);
    try {
      updater::checkDatabase(staged, m, step_);
      updater::renderCheck(s_, staged, step_);
    } catch (...) {
      std::error_code ec;
      fs::remove(staged, ec);
      throw;
    }
    updater::switchTo(dir_, staged, m, current, step_);
    out.result = Result::Installed;
    out.version = m.contentVersion;
    out.message = "installed content version " + std::to_string(m.contentVersion);
  } catch (const Stop& stop) {
    out.result = stop.result;
    out.message = stop.message;
  } catch (const std::exception& e) {
    out.result = Result::Failed;
    out.message = e.what();
  }
  // A bundle that was installed, refused or already present need not be fetched
  // again until the server has a new manifest; a failure is retried in full.
  if (manifestFetched && !manifestFetch.notModified && out.result != Result::Failed)
    updater::saveFetchState(dir_, s_, manifestFetch, out.version);
  return out;
}

}  // namespace

const char* toString(UpdateOutcome::Result r) {
  switch (r) {
    case Result::Installed:
      return "installed";
    case Result::Unchanged:
      return "unchanged";
    case Result::Refused:
      return "refused";
    case Result::Failed:
      return "failed";
  }
  return "failed";
}

const std::vector<std::string>& updateCrashSteps() { return kSteps; }

void initUpdater() { updater::initFetching(); }

UpdateOutcome runUpdate(const UpdateSettings& settings) {
  UpdateRun run(settings);
  UpdateOutcome out = run.run();
  auto level =
      out.result == Result::Installed || out.result == Result::Unchanged ? log::Level::Info : log::Level::Error;
  log::write(level, "update", std::string(toString(out.result)) + ": " + out.message);
  try {
    writeUpdateStatus(settings.stateDir, out, settings.now);
  } catch (const std::exception& e) {
    log::error("update", std::string("cannot write the status file: ") + e.what());
  }
  run.step("status-written");
  return out;
}

void writeUpdateStatus(const fs::path& stateDir, const UpdateOutcome& outcome, std::time_t now) {
  std::ostringstream text;
  text << "time=" << static_cast<long long>(now) << "\n"
       << "result=" << toString(outcome.result) << "\n"
       << "version=" << outcome.version << "\n"
       << "message=" << updater::oneLine(outcome.message) << "\n";
  std::error_code ec;
  fs::create_directories(stateDir, ec);
  writeFileAtomically(stateDir / kStatusFile, text.str());
}

}  // namespace mk
