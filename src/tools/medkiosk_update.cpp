// medkiosk-update: installs the newest signed content bundle from [content] url.
// Links core only; the screens are rendered by running `medkiosk --check-content`
// from the same directory, so a database that crashes the renderer takes down only
// that child process.
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#ifdef MEDKIOSK_UPDATE_CRASH_HOOK
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <memory>
#endif

#include "core/base/paths.h"
#include "core/base/printable.h"
#include "core/base/process_guard.h"
#include "core/content/content_store.h"
#include "core/system/config.h"
#include "core/update/bundle.h"
#include "core/update/installed_check.h"
#include "core/update/updater.h"

namespace {
namespace fs = std::filesystem;

const char* kUsage =
    "Usage:\n"
    "  medkiosk-update [--config FILE] [--url URL] [--data-dir DIR]   fetch and install a newer bundle\n"
    "  medkiosk-update --current [--config FILE] [--data-dir DIR]     show the content the kiosk opens\n"
    "Without --config, /etc/medkiosk/medkiosk.ini is read when it exists.\n"
    "Exit code: 0 installed or unchanged, 1 refused, expired or failed, 2 bad arguments.\n";

int usageError(const std::string& message) {
  std::fprintf(stderr, "medkiosk-update: %s\n%s", message.c_str(), kUsage);
  return 2;
}

struct Args {
  std::string config, url, dataDir;
  bool current = false;
};

std::string shown(const std::string& s) { return mk::printable(s); }

int showCurrent(const mk::ContentSources& sources) {
  mk::OpenedContent c = mk::openBestContent(sources);
  for (const auto& why : c.skipped) std::printf("skipped=%s\n", shown(why).c_str());
  if (!c.db) {
    std::printf("version=0\norigin=none\n");
    return 1;
  }
  std::printf("version=%ld\norigin=%s\npath=%s\nsha256=%s\n", c.db->info().contentVersion, shown(c.origin).c_str(),
              shown(c.path.string()).c_str(), shown(c.db->info().hash).c_str());
  // What the kiosk shows about expiry: the signed date and whether the notice is on.
  if (c.expires > 0) std::printf("expires=%s\n", mk::formatUtcTime(static_cast<std::time_t>(c.expires)).c_str());
  std::printf("out_of_date=%d\n", c.outOfDate ? 1 : 0);
  return 0;
}

// Only in medkiosk-update-crashtest (tests/CMakeLists.txt), never in the installed
// program: MEDKIOSK_UPDATE_CRASH_AT=<step>[:<n>] kills the process the n-th time it
// reaches <step>, for the crash-safety test (tests/update/kill_test.py).
std::function<void(const char*)> crashHook() {
#ifdef MEDKIOSK_UPDATE_CRASH_HOOK
  const char* spec = std::getenv("MEDKIOSK_UPDATE_CRASH_AT");
  if (!spec) return {};
  std::string v = spec;
  auto colon = v.find(':');
  std::string step = v.substr(0, colon);
  long count = colon == std::string::npos ? 1 : std::max(1L, std::atol(v.c_str() + colon + 1));
  auto reached = std::make_shared<long>(0);
  return [step, count, reached](const char* name) {
    if (name == step && ++*reached == count) ::raise(SIGKILL);
  };
#else
  return {};
#endif
}

// What the run needs, from the configuration and the command line.
mk::UpdateSettings updateSettings(const Args& a, const mk::KioskSettings& settings, const fs::path& stateDir,
                                  const fs::path& shipped, const char* argv0) {
  mk::UpdateSettings us;
  us.url = a.url.empty() ? settings.contentUrl : a.url;
  us.publicKeys = settings.publicKeys;
  us.channel = settings.contentChannel;
  us.caFile = settings.contentCaFile;
  us.stateDir = stateDir;
  us.shippedDb = shipped;
  std::error_code ec;
  fs::path self = fs::canonical("/proc/self/exe", ec);
  us.renderCheck = (ec ? fs::absolute(argv0) : self).parent_path() / "medkiosk";
  us.configFile = a.config;
  us.renderSize = settings.checkSize;
  us.appVersion = MEDKIOSK_VERSION;
  us.now = std::time(nullptr);
  return us;
}

}  // namespace

int main(int argc, char** argv) {
  mk::restrictUmask();  // issue #14: what the updater writes is not for other users
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--help" || s == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (s == "--version") {
      std::printf("medkiosk-update %s\n", MEDKIOSK_VERSION);
      return 0;
    }
    if (s == "--current") {
      a.current = true;
    } else if (s == "--config" || s == "--url" || s == "--data-dir") {
      if (i + 1 >= argc) return usageError(s + " needs a value");
      std::string v = argv[++i];
      if (s == "--config")
        a.config = v;
      else if (s == "--url")
        a.url = v;
      else
        a.dataDir = v;
    } else {
      return usageError("unknown argument '" + s + "'");
    }
  }
  std::error_code ec;
  if (a.config.empty() && fs::exists("/etc/medkiosk/medkiosk.ini", ec)) a.config = "/etc/medkiosk/medkiosk.ini";
  mk::KioskSettings settings;
  if (!a.config.empty()) {
    mk::ConfigResult cfg = mk::loadConfig(a.config);
    if (!cfg.readable) return usageError("cannot read " + a.config);
    settings = cfg.settings;
  }
  mk::DataPaths paths = mk::resolveDataPaths(argv[0]);
  if (!settings.dataDirectory.empty()) paths.stateDir = settings.dataDirectory;
  if (!a.dataDir.empty()) paths.stateDir = fs::absolute(a.dataDir, ec);
  fs::path shipped = settings.contentDb.empty() ? paths.contentDb : fs::path(settings.contentDb);
  if (a.current) {
    mk::ContentSources sources{paths.stateDir, shipped, mk::installedCheck(settings.publicKeys)};
    sources.now = static_cast<std::int64_t>(std::time(nullptr));
    sources.graceSeconds = settings.expiryGraceDays * 86'400;
    return showCurrent(sources);
  }

  mk::UpdateSettings us = updateSettings(a, settings, paths.stateDir, shipped, argv[0]);
  us.onStep = crashHook();
  mk::initUpdater();
  mk::UpdateOutcome out = mk::runUpdate(us);
  std::printf("%s: %s (content version %ld)\n", mk::toString(out.result), shown(out.message).c_str(), out.version);
  bool good = out.result == mk::UpdateOutcome::Result::Installed || out.result == mk::UpdateOutcome::Result::Unchanged;
  return good ? 0 : 1;
}
