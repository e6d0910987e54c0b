#include "core/update/install.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/base/log.h"
#include "core/update/installed_check.h"

namespace mk::updater {
namespace fs = std::filesystem;
namespace {

void clean(const fs::path& dir, const InstalledPointer& keep, const Step& step) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    bool kept = n == keep.current || n == keep.previous || n == keptManifestName(keep.current) ||
                (!keep.previous.empty() && n == keptManifestName(keep.previous));
    bool old = n.rfind("content-", 0) == 0 && !kept;
    if (old) fs::remove(e.path(), ec);
  }
  step("cleaned");
}

}  // namespace

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);
}

void StoreLock::acquire(const fs::path& dir, const Step& step) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Stop{Result::Failed, "cannot create " + dir.string() + ": " + ec.message()};
  fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Stop{Result::Failed, "cannot open the lock in " + dir.string() + ": " + std::strerror(errno)};
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) throw Stop{Result::Failed, "another update is running"};
  // Leftovers of an interrupted run: nothing names them, so they can go.
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".part") || name.ends_with(".tmp")) fs::remove(e.path(), ec);
  }
  step("locked");
}

OpenedContent installedContent(const UpdateSettings& s) {
  OpenedContent c = openBestContent(ContentSources{s.stateDir, s.shippedDb, installedCheck(s.publicKeys)});
  for (const auto& why : c.skipped) log::warn("update", "not using " + why);
  return c;
}

fs::path switchTo(const fs::path& dir, const fs::path& staged, const Manifest& m, const OpenedContent& before,
                  const Step& step) {
  std::string name = "content-" + std::to_string(m.contentVersion) + ".db";
  fs::path final = dir / name;
  std::error_code ec;
  fs::rename(staged, final, ec);
  if (ec) throw Stop{Result::Failed, "cannot rename " + staged.string() + ": " + ec.message()};
  try {
    // The signed manifest goes beside the database before the pointer names it: the
    // kiosk and the next run check the database against it at every open.
    writeFileAtomically(dir / keptManifestName(name), manifestText(m), 0644);
    fsyncDirectory(dir);
    step("staged");
    InstalledPointer p;
    p.current = name;
    p.currentVersion = m.contentVersion;
    // The version the kiosk shows now becomes the one kept; the shipped database
    // stays the last resort by itself.
    if (before.db && before.origin != "shipped") {
      p.previous = before.path.filename().string();
      p.previousVersion = before.db->info().contentVersion;
    }
    writeInstalledPointer(dir, p, [&step](const char* s) { step((std::string("pointer-") + s).c_str()); });
    step("switched");
    clean(dir, p, step);
  } catch (const std::runtime_error& e) {
    throw Stop{Result::Failed, e.what()};
  }
  return final;
}

}  // namespace mk::updater
