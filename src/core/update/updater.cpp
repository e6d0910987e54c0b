// Orchestrates one update run: fetch.h (download), verify.h (checks before anything
// is installed) and install.h (the switch), in the order of the crash steps.
#include "core/update/updater.h"

#include <sodium.h>
#include <algorithm>
#include <exception>
#include <sstream>
#include <stdexcept>

#include "core/base/log.h"
#include "core/base/paths.h"
#include "core/base/utc_time.h"
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

// A download refused for its bytes (truncated, tampered, unusable, does not render)
// is tried again after 30 min, then 1 h, 2 h ... at most a day: a server that is
// repaired without a new manifest is picked up, a broken one is not hammered.
constexpr long long kRetryFirstSeconds = 30 * 60;
constexpr long long kRetryMaxSeconds = 24 * 3600;

const std::vector<std::string> kSteps = {
    "locked",          "manifest-fetched", "manifest-verified", "download",      "downloaded",
    "database-synced", "database-checked", "rendered",          "staged",        "pointer-temporary-synced",
    "pointer-renamed", "switched",         "cleaned",           "status-written"};

std::string sha256Hex(const std::string& bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

long long retryDelay(long attempts) {
  long long d = kRetryFirstSeconds;
  for (long i = 1; i < attempts && d < kRetryMaxSeconds; ++i) d *= 2;
  return std::min(d, kRetryMaxSeconds);
}

class UpdateRun {
 public:
  explicit UpdateRun(const UpdateSettings& s) : s_(s), dir_(contentStoreDir(s.stateDir)) {}

  UpdateOutcome run();
  void step(const std::string& name) const {
    if (s_.onStep) s_.onStep(name.c_str());
  }

 private:
  Manifest currentManifest(const OpenedContent& current, long version);
  [[noreturn]] void replayPrevious() const;
  void saveState(const UpdateOutcome& out) const;
  std::string keysSha256() const {
    std::string all;
    for (const auto& k : s_.publicKeys) all += k + "\n";
    return sha256Hex(all);
  }

  const UpdateSettings& s_;
  fs::path dir_;
  // Held until the run is destroyed, after the status file is written.
  StoreLock lock_;
  FetchState prev_;
  Fetched manifestFetch_;
  std::string manifestSha_;
  bool sameManifest_ = false;  // the manifest the last run dealt with, same app and content
  bool saveState_ = false;
  bool manifestVerified_ = false;
  const Step step_ = [this](const char* name) { step(name); };
};

// The last run's verdict on a manifest that has not changed since.
void UpdateRun::replayPrevious() const {
  if (prev_.result == toString(Result::Expired)) throw Stop{Result::Expired, prev_.message};
  if (prev_.result != toString(Result::Refused))
    throw Stop{Result::Unchanged, "the manifest has not changed since the last check"};
  std::string when = prev_.retryAfter >= 0
                         ? "; next download attempt after " + formatUtcTime(static_cast<std::time_t>(prev_.retryAfter))
                         : "";
  throw Stop{Result::Refused, "the current manifest was refused: " + prev_.message + when};
}

// Fetches and checks the manifest; throws Stop when there is nothing to download.
Manifest UpdateRun::currentManifest(const OpenedContent& current, long version) {
  prev_ = updater::readFetchState(dir_);
  // What the last run learned holds for the same server, app and installed content.
  bool sameContext = prev_.url == s_.url && prev_.appVersion == s_.appVersion && prev_.installedVersion == version &&
                     prev_.keysSha256 == keysSha256();
  bool retryDue = prev_.retryAfter >= 0 && s_.now >= prev_.retryAfter;
  // Installed content past its `expires` is looked at again in full: the answer is
  // `expired` (or a renewal), not the `unchanged` of the last run.
  if (current.expires > 0 && s_.now >= current.expires) sameContext = false;
  std::string text = updater::fetchManifest(s_, sameContext && !retryDue ? prev_ : FetchState{}, manifestFetch_, step_);
  if (manifestFetch_.notModified) replayPrevious();
  saveState_ = true;
  manifestSha_ = sha256Hex(text);
  sameManifest_ = sameContext && manifestSha_ == prev_.manifestSha256;
  Manifest m = updater::verifyManifest(s_, text, current, updater::highestInstalled(dir_, s_.publicKeys), step_);
  if (sameManifest_ && prev_.retryAfter >= 0 && !retryDue && prev_.result == toString(Result::Refused)) {
    saveState_ = false;  // keep the count and time of the next attempt
    replayPrevious();
  }
  manifestVerified_ = true;
  return m;
}

UpdateOutcome UpdateRun::run() {
  UpdateOutcome out;
  try {
    if (s_.url.empty()) throw Stop{Result::Failed, "no [content] url configured"};
    if (s_.publicKeys.empty()) throw Stop{Result::Failed, "no [content] public_keys configured"};
    lock_.acquire(dir_, step_);
    OpenedContent current = updater::installedContent(s_);
    out.version = current.db ? current.db->info().contentVersion : 0;
    Manifest m = currentManifest(current, out.version);
    fs::path staged = updater::download(s_, dir_, m, step_);
    try {
      updater::checkDatabase(staged, m, step_);
      updater::renderCheck(s_, staged, step_);
    } catch (...) {
      std::error_code ec;
      fs::remove(staged, ec);
      throw;
    }
    updater::switchTo(dir_, staged, m, current, s_.publicKeys, step_);
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
  if (saveState_ && out.result != Result::Failed) saveState(out);
  return out;
}

void UpdateRun::saveState(const UpdateOutcome& out) const {
  FetchState next;
  next.url = s_.url;
  next.appVersion = s_.appVersion;
  next.keysSha256 = keysSha256();
  next.etag = manifestFetch_.etag;
  next.fileTime = manifestFetch_.fileTime;
  next.fetchedAt = s_.now;
  next.installedVersion = out.version;
  next.manifestSha256 = manifestSha_;
  next.result = toString(out.result);
  next.message = out.message;
  // Refused after the manifest was accepted: the downloaded bytes were at fault.
  if (out.result == Result::Refused && manifestVerified_) {
    next.attempts = (sameManifest_ ? prev_.attempts : 0) + 1;
    next.retryAfter = static_cast<long long>(s_.now) + retryDelay(next.attempts);
  }
  updater::saveFetchState(dir_, next);
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
    case Result::Expired:
      return "expired";
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
  fs::path file = updateStatusFile(stateDir);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::string notOwn = updater::notOwnDirectory(file.parent_path());
  if (!notOwn.empty()) throw std::runtime_error(notOwn);
  writeFileAtomically(file, text.str());
}

}  // namespace mk
