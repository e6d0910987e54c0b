#pragma once
// Where installed data lives. The build tree mirrors the install layout next to the
// binaries, so a build runs without installing.
#include <filesystem>
#include <string>

namespace mk {

struct DataPaths {
  std::filesystem::path dataDir;  // holds locales/ and content/
  std::filesystem::path localesDir;
  std::filesystem::path contentDb;
  std::filesystem::path assetsDir;
  // Writable state (records, audit log, content updates): /var/lib/medkiosk when
  // installed, <build>/var in a build tree. [data] directory overrides it.
  std::filesystem::path stateDir;
};

// Looks next to the executable first (build tree), then in ../share/medkiosk beside
// the executable's directory (installed), then the configured install prefix.
DataPaths resolveDataPaths(const std::filesystem::path& executable);

// <state dir>/content/update-status: what medkiosk-update last did. It lives in the
// content directory, the only one the updater's own user may write (issue #14); the
// kiosk reads it for the fleet metrics.
std::filesystem::path updateStatusFile(const std::filesystem::path& stateDir);

}  // namespace mk
