#pragma once
// Fetching a bundle over http://, https:// or file:// (libcurl, which only this part
// of the updater uses): the manifest with a conditional request, and the database it
// names into a .part file of the content directory. Internal to medkiosk_update.
// Thread-safety: initFetching() once per process first; then no shared state.
#include <filesystem>
#include <string>

#include "core/update/bundle.h"
#include "core/update/update_run.h"

namespace mk::updater {

// What the last run that dealt with a manifest learned, so the next asks the server
// "only if changed". Only valid while the same version is still installed.
struct FetchState {
  std::string url;
  std::string etag;
  long long fileTime = -1;
  long long fetchedAt = -1;
  long installedVersion = -1;
};

struct Fetched {
  bool ok = false;
  bool notModified = false;
  bool overLimit = false;
  long httpCode = 0;
  std::string etag;
  long long fileTime = -1;
  std::string error;
};

// libcurl global init.
void initFetching();

// <dir>/fetch-state; an empty FetchState when there is none.
FetchState readFetchState(const std::filesystem::path& dir);
// Replaces <dir>/fetch-state atomically; a failure is only logged.
void saveFetchState(const std::filesystem::path& dir, const UpdateSettings& s, const Fetched& f, long installedVersion);

// <url>/manifest, conditional on `prev` (an empty FetchState asks unconditionally).
// Returns its text (empty when not modified) and fills `f`. Throws Stop.
std::string fetchManifest(const UpdateSettings& s, const FetchState& prev, Fetched& f, const Step& step);
// Downloads the database `m` names to <dir>/content-<N>.db.part, fsynced, at most
// m.size bytes. Returns the .part path; removes it and throws Stop on any problem.
std::filesystem::path download(const UpdateSettings& s, const std::filesystem::path& dir, const Manifest& m,
                               const Step& step);

}  // namespace mk::updater
