#pragma once
// Installing a checked bundle in the content directory (layout and crash safety in
// content_store.h): the lock of one run, the content installed now, the atomic switch
// to a new database with the installed pointer keeping the last good version, and
// cleaning up what nothing names. Internal to medkiosk_update.
// Thread-safety: one run per content directory at a time (StoreLock).
#include <filesystem>
#include <string>
#include <vector>

#include "core/content/content_store.h"
#include "core/update/bundle.h"
#include "core/update/update_run.h"

namespace mk::updater {

// Empty when the directory `dir` belongs to the user running this program; otherwise
// why nothing may be written there (issue #14 item 2: installed, only the
// medkiosk-update user writes the content directory).
std::string notOwnDirectory(const std::filesystem::path& dir);

// flock() on <dir>/.lock, held until destruction.
class StoreLock {
 public:
  StoreLock() = default;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

  // Creates `dir`, takes the lock and removes the leftovers of an interrupted run.
  // Throws Stop when another run holds it, or when `dir` belongs to another user.
  void acquire(const std::filesystem::path& dir, const Step& step);

 private:
  int fd_ = -1;
};

// What the kiosk would show now (updates and the shipped database); logs what it skipped.
OpenedContent installedContent(const UpdateSettings& s);

// The highest content version installed in `dir`: the fsynced record the updater
// keeps (<dir>/highest-version), or a higher intact signed database still there.
// 0 when nothing was ever installed. A damaged record is logged.
long highestInstalled(const std::filesystem::path& dir, const std::vector<std::string>& keys);

// When the publisher signs the installed database again with a later `expires` (same
// file: same size and SHA-256), replaces the manifest kept beside it with `m`, so the
// kiosk follows the new date. Returns whether it did; throws Stop when it cannot write.
bool renewExpiry(const OpenedContent& current, const Manifest& m, const std::vector<std::string>& keys);

// Renames the checked database `staged` to content-<N>.db in `dir` beside its signed
// manifest, raises the highest-version record, points the installed pointer at it and
// keeps `before` as the previous version, then removes the databases shown to be bad
// (checked with `keys`) or older than those kept. Returns the installed path. Throws Stop.
std::filesystem::path switchTo(const std::filesystem::path& dir, const std::filesystem::path& staged, const Manifest& m,
                               const OpenedContent& before, const std::vector<std::string>& keys, const Step& step);

}  // namespace mk::updater
