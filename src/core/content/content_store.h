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

// Checks an installed update before it is opened: the reason it must not be used, or
// an empty string (checkInstalledDatabase with the configured public keys).
using InstalledCheck = std::function<std::string(const std::filesystem::path& db)>;

struct ContentSources {
  std::filesystem::path stateDir;  // empty: no updates
  std::filesystem::path shipped;   // the packaged database
  InstalledCheck checkInstalled;   // none: installed updates are not used
};

struct OpenedContent {
  std::unique_ptr<ContentDb> db;  // null when nothing usable was found
  std::filesystem::path path;
  std::string origin;                // "update", "previous update" or "shipped"
  std::vector<std::string> skipped;  // why better candidates were not used
};

// Opens the newest content that passes every check (ContentDb), trying the current
// update, the previous update and the shipped database in order of their version. An
// update is used only when `checkInstalled` accepts it and its database has the
// version the pointer names. Never throws.
OpenedContent openBestContent(const ContentSources& sources);

// Cheap fingerprint of everything openBestContent looks at (pointer text, shipped
// file identity): when it changes, the content may have changed.
std::string contentSourcesStamp(const ContentSources& sources);

}  // namespace mk
