#include "core/base/paths.h"

#include <system_error>

namespace mk {
namespace fs = std::filesystem;

DataPaths resolveDataPaths(const fs::path& executable) {
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(executable, ec);
  fs::path beside = exe.parent_path();
  DataPaths p;
  bool buildTree = fs::exists(beside / "locales" / "root.res", ec);
  // Installed: <prefix>/bin/medkiosk finds <prefix>/share/medkiosk, so a package built
  // from any build tree (CPack installs to /usr) finds its data without the
  // configure-time prefix; the compiled-in directory is the last resort.
  fs::path relocated = beside.parent_path() / "share" / "medkiosk";
  bool installed = !buildTree && fs::exists(relocated / "locales" / "root.res", ec);
  p.dataDir = buildTree ? beside : installed ? relocated : fs::path(MEDKIOSK_INSTALL_DATADIR);
  p.stateDir = buildTree ? beside / "var" : fs::path("/var/lib/medkiosk");
  p.localesDir = p.dataDir / "locales";
  p.contentDb = p.dataDir / "content" / "medkiosk.db";
  p.assetsDir = p.dataDir / "assets";
  return p;
}

fs::path updateStatusFile(const fs::path& stateDir) { return stateDir / "content" / "update-status"; }

}  // namespace mk
