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
// "only if changed" and, while that manifest is still the current one, reports the
// same verdict. Only valid for the same URL, app version, public keys and installed
// version.
struct FetchState {
  std::string url;
  std::string appVersion;
  std::string keysSha256;  // SHA-256 of the configured public keys
  std::string etag;
  long long fileTime = -1;
  long long fetchedAt = -1;
  long installedVersion = -1;
  std::string manifestSha256;  // SHA-256 of the manifest text that run dealt with
  std::string result;          // what it reported (toString), message the reason
  std::string message;
  long attempts = 0;          // downloads of that manifest refused for their bytes in a row
  long long retryAfter = -1;  // no new download of that manifest before this time (-1: never)
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
void saveFetchState(const std::filesystem::path& dir, const FetchState& state);

// <url>/manifest, conditional on `prev` (an empty FetchState asks unconditionally).
// Returns its text (empty when not modified) and fills `f`. Throws Stop.
std::string fetchManifest(const UpdateSettings& s, const FetchState& prev, Fetched& f, const Step& step);
// Downloads the database `m` names to <dir>/content-<N>.db.part, fsynced, at most
// m.size bytes. Returns the .part path; removes it and throws Stop on any problem.
std::filesystem::path download(const UpdateSettings& s, const std::filesystem::path& dir, const Manifest& m,
                               const Step& step);

}  // namespace mk::updater
