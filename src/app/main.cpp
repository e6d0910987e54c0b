#include <malloc.h>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string_view>

#include "app/app.h"
#include "app/cli.h"
#include "core/base/log.h"
#include "core/base/paths.h"
#include "core/base/process_guard.h"
#include "core/i18n/icu_data.h"
#include "ui/renderer.h"

namespace {

// The kiosk's languages' ICU data instead of all of it (issue #16). MEDKIOSK_ICU_DATA
// names another file, or "system" keeps the system's data (to compare the two).
std::unique_ptr<mk::IcuData> useKioskIcuData(const char* argv0) {
  const char* choice = std::getenv("MEDKIOSK_ICU_DATA");
  if (choice && std::string_view(choice) == "system") {
    mk::log::info("i18n", "using the system's ICU data (MEDKIOSK_ICU_DATA=system)");
    return nullptr;
  }
  auto data = std::make_unique<mk::IcuData>(choice && *choice ? std::filesystem::path(choice)
                                                              : mk::icuDataFile(mk::resolveDataPaths(argv0).dataDir));
  if (!data->installed())
    mk::log::warn("i18n",
                  data->problem() + "; using the system's ICU data for every language (about 3 MB more memory)");
  return data;
}

int run(int argc, char** argv) {
  // A fixed mmap threshold: large buffers (audio read aloud, font atlases) are mapped
  // and unmapped whole instead of fragmenting the heap, so a kiosk that runs for weeks
  // keeps its size (glibc otherwise raises the threshold as such buffers are freed).
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  mk::ui::populateLargeSdlAllocations();
  // Issue #14: nothing this process creates is readable by other users, and no core
  // dump holds a typed PIN or the records.
  mk::restrictUmask();
  try {
    mk::disableCoreDumps();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk: %s\n", e.what());
    return 1;
  }
  auto icuData = useKioskIcuData(argv[0]);  // before anything uses ICU
  auto parsed = mk::app::parseArgs(argc, argv);
  if (auto* err = std::get_if<mk::app::CliError>(&parsed)) {
    std::fprintf(stderr, "medkiosk: %s (see --help)\n", err->message.c_str());
    return 2;
  }
  const auto& o = std::get<mk::app::Options>(parsed);
  using Mode = mk::app::Options::Mode;
  try {
    switch (o.mode) {
      case Mode::Help:
        std::fputs(mk::app::usageText(), stdout);
        return 0;
      case Mode::Version:
        std::printf("medkiosk %s\n", MEDKIOSK_VERSION);
        return 0;
      case Mode::Screenshot:
        return mk::app::runScreenshot(o, argv[0]);
      case Mode::Replay:
        return mk::app::runReplay(o, argv[0]);
      case Mode::Bench:
        return mk::app::runBench(o, argv[0]);
      case Mode::Monkey:
        return mk::app::runMonkey(o, argv[0]);
      case Mode::CheckContent:
        return mk::app::runContentCheck(o, argv[0]);
      case Mode::Kiosk:
        return mk::app::runWindow(o, argv[0]);
    }
  } catch (const std::exception& e) {
    mk::log::error("main", e.what());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing may escape main: an unexpected error is logged and the exit code says so
  // (systemd restarts the kiosk).
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("medkiosk: unexpected error\n", stderr);
    return 1;
  }
}
