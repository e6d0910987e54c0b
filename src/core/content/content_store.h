#pragma once
// Where the kiosk's content comes from: updates installed under
// <state dir>/content/ and the shipped database as the final fallback.
//
// Layout of <state dir>/content/:
//   content-<N>.db   installed databases (never modified once renamed into place)
//   content-<N>.manifest  the signed manifest each was installed with, checked at
//                    every open (issue #14 item 2): a database put here by hand, or
//                    changed on disk, is not used
//   installed        key=value pointer naming the current and the previous database;
//                    replaced atomically (write, fsync, rename, fsync directory)
//   fetch-state      ETag / Last-Modified of the last manifest dealt with
//   *.part, *.tmp    leftovers of an interrupted update, removed by the next one
// A crash at any moment leaves `installed` naming either the complete old or the
// complete new database, because a database is fsynced and renamed into place
// before the pointer names it, and nothing the pointer names is deleted.
// Thread-safety: free functions; files are the only shared state.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/files.h"
#include "core/content/content_db.h"

namespace mk {

struct InstalledPointer {
  std::string current;  // file name inside the content directory
  long currentVersion = 0;
  std::string previous;  // may be empty
  long previousVersion = 0;
};

std::filesystem::path contentStoreDir(const std::filesystem::path& stateDir);

// Reads <dir>/installed. Returns nullopt when there is none; a malformed pointer is
// reported in `error` and also gives nullopt.
std::optional<InstalledPointer> readInstalledPointer(const std::filesystem::path& dir, std::string* error = nullptr);
// Atomically replaces <dir>/installed. Throws std::runtime_error on I/O failure.
// `step` (optional) is called after the temporary is synced ("temporary-synced") and
// after the rename ("renamed"), for the crash tests.
void writeInstalledPointer(const std::filesystem::path& dir, const InstalledPointer& p, const StepHook& step = {});

// What checking an installed update before it is opened found (checkInstalledDatabase
// with the configured public keys, through its signed manifest).
struct InstalledVerdict {
  std::string refusal;       // why it must not be used; empty: it may be
  std::int64_t expires = 0;  // the signed `expires` (Unix seconds); 0: none
};
using InstalledCheck = std::function<InstalledVerdict(const std::filesystem::path& db)>;

struct ContentSources {
  std::filesystem::path stateDir;  // empty: no updates
  std::filesystem::path shipped;   // the packaged database
  InstalledCheck checkInstalled;   // none: installed updates are not used
  // Wall clock (Unix seconds) for the expiry of updates; 0: expiry is not applied
  // (the updater, which judges expiry itself).
  std::int64_t now = 0;
  // How long expired content is still shown, marked "may be out of date", before
  // older valid content is used ([content] expiry_grace_days; 14 by default).
  std::int64_t graceSeconds = 14 * 86'400;
  // How much of each candidate is checked when opened; the kiosk checks each
  // medicine's texts when first shown, and everything after a check failed.
  ContentCheck check = ContentCheck::Whole;
};

struct OpenedContent {
  std::unique_ptr<ContentDb> db;  // null when nothing usable was found
  std::filesystem::path path;
  std::string origin;                // "update", "previous update" or "shipped"
  std::vector<std::string> skipped;  // why better candidates were not used
  std::int64_t expires = 0;          // of the content opened; 0: none (the shipped database)
  bool outOfDate = false;            // past `expires`, within the grace period: say so on screen
  int expiredSkipped = 0;            // updates not used because their grace period is over
};

// Opens the newest content that passes every check (ContentDb), trying the current
// update, the previous update and the shipped database in order of their version. An
// update is used only when `checkInstalled` accepts it and its database has the
// version the pointer names; after `expires` it is used, marked out of date, for
// `graceSeconds`, then skipped (issue #14 item 3). Never throws.
OpenedContent openBestContent(const ContentSources& sources);

// The next wall-clock moment at which openBestContent would decide differently about
// the content it opened (it becomes out of date, or its grace period ends); 0: never.
std::int64_t nextExpiryChange(const OpenedContent& opened, std::int64_t graceSeconds);

// Cheap fingerprint of everything openBestContent looks at (pointer text, shipped
// file identity): when it changes, the content may have changed.
std::string contentSourcesStamp(const ContentSources& sources);

}  // namespace mk
