#include "core/update/install.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/base/log.h"
#include "core/base/process_guard.h"
#include "core/update/installed_check.h"

namespace mk::updater {
namespace fs = std::filesystem;
namespace {

constexpr const char* kHighestName = "highest-version";

bool isContentDb(const std::string& n) { return n.rfind("content-", 0) == 0 && n.ends_with(".db"); }

// A database the pointer does not name is removed only when it has been shown to be
// bad (its signed manifest does not vouch for it) or is an intact version older than
// the ones kept (issue #14, item 5: a damaged pointer once led to an intact newer
// version being deleted). Manifests go with their databases.
void clean(const fs::path& dir, const InstalledPointer& keep, const std::vector<std::string>& keys, const Step& step) {
  long oldestKept = keep.previous.empty() ? keep.currentVersion : keep.previousVersion;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (!isContentDb(n) || n == keep.current || n == keep.previous) continue;
    Manifest m;
    std::string bad = checkInstalledDatabase(e.path(), keys, &m);
    if (bad.empty() && m.contentVersion >= oldestKept) {
      log::warn("update", "keeping " + e.path().string() +
                              ": the installed pointer does not name it, but it is an intact "
                              "signed version " +
                              std::to_string(m.contentVersion));
      continue;
    }
    log::info("update", "removing " + e.path().string() + ": " + (bad.empty() ? "an older version" : bad));
    fs::remove(e.path(), ec);
    fs::remove(dir / keptManifestName(n), ec);
  }
  // Manifests whose database is gone.
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.rfind("content-", 0) == 0 && n.ends_with(".manifest") &&
        !fs::exists(e.path().parent_path() / (e.path().stem().string() + ".db")))
      fs::remove(e.path(), ec);
  }
  step("cleaned");
}

// The version in <dir>/highest-version; 0 when there is none, or when it is damaged (logged).
long recordedHighest(const fs::path& dir) {
  std::ifstream in(dir / kHighestName);
  if (!in) return 0;
  std::string line;
  std::getline(in, line);
  char* end = nullptr;
  long v = std::strtol(line.c_str(), &end, 10);
  if (line.empty() || *end != '\0' || v <= 0) {
    log::error("update",
               (dir / kHighestName).string() + " is damaged; relying on the intact signed versions in " + dir.string());
    return 0;
  }
  return v;
}

}  // namespace

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);
}

void StoreLock::acquire(const fs::path& dir, const Step& step) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Stop{Result::Failed, "cannot create " + dir.string() + ": " + ec.message()};
  std::string notOwn = notOwnDirectory(dir);
  if (!notOwn.empty()) throw Stop{Result::Failed, notOwn};
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

// Another user writing the content directory (the kiosk's, or root by hand) would
// leave files its owner cannot replace, or the kiosk cannot read.
std::string notOwnDirectory(const fs::path& dir) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return "cannot read the status of " + dir.string() + ": " + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return dir.string() + " is not a directory";
  if (st.st_uid == ::geteuid()) return {};
  return dir.string() + " is owned by " + userName(st.st_uid) + ", not by " + userName(::geteuid()) +
         ", who runs this program; only its owner updates the content (systemctl start medkiosk-update.service, "
         "or runuser -u medkiosk-update -- medkiosk-update)";
}

long highestInstalled(const fs::path& dir, const std::vector<std::string>& keys) {
  long highest = recordedHighest(dir);
  // The intact signed databases count too, so a damaged or deleted record does not
  // open the way to an older bundle while a newer one is still here.
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    Manifest m;
    if (isContentDb(e.path().filename().string()) && checkInstalledDatabase(e.path(), keys, &m).empty())
      highest = std::max(highest, m.contentVersion);
  }
  return highest;
}

OpenedContent installedContent(const UpdateSettings& s) {
  OpenedContent c = openBestContent(ContentSources{s.stateDir, s.shippedDb, installedCheck(s.publicKeys)});
  for (const auto& why : c.skipped) log::warn("update", "not using " + why);
  return c;
}

bool renewExpiry(const OpenedContent& current, const Manifest& m, const std::vector<std::string>& keys) {
  if (!current.db || current.origin == "shipped") return false;
  Manifest kept;
  if (!checkInstalledDatabase(current.path, keys, &kept).empty()) return false;
  if (kept.sha256 != m.sha256 || kept.size != m.size || kept.database != m.database || m.expires <= kept.expires)
    return false;
  fs::path target = current.path.parent_path() / keptManifestName(current.path.filename().string());
  try {
    writeFileAtomically(target, manifestText(m), 0644);
  } catch (const std::runtime_error& e) {
    throw Stop{Result::Failed, e.what()};
  }
  log::info("update", "renewed the expiry of " + current.path.string() + " to " + m.expiresText);
  return true;
}

fs::path switchTo(const fs::path& dir, const fs::path& staged, const Manifest& m, const OpenedContent& before,
                  const std::vector<std::string>& keys, const Step& step) {
  std::string name = "content-" + std::to_string(m.contentVersion) + ".db";
  fs::path final = dir / name;
  std::error_code ec;
  fs::rename(staged, final, ec);
  if (ec) throw Stop{Result::Failed, "cannot rename " + staged.string() + ": " + ec.message()};
  try {
    // The signed manifest goes beside the database before the pointer names it: the
    // kiosk and the next run check the database against it at every open.
    writeFileAtomically(dir / keptManifestName(name), manifestText(m), 0644);
    // The highest version ever installed, fsynced apart from the pointer: a damaged
    // pointer must not let an older signed bundle back in (issue #14, item 5).
    if (m.contentVersion > recordedHighest(dir))
      writeFileAtomically(dir / kHighestName, std::to_string(m.contentVersion) + "\n", 0644);
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
    clean(dir, p, keys, step);
  } catch (const std::runtime_error& e) {
    throw Stop{Result::Failed, e.what()};
  }
  return final;
}

}  // namespace mk::updater
