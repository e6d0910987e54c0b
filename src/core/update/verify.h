#pragma once
// Checking a fetched bundle before anything is installed: the manifest (signature,
// version, expiry, app version), then the downloaded database (size, SHA-256, what
// ContentDb finds in it) and a render of every screen with it (`medkiosk
// --check-content`, a child process with a timeout). Internal to medkiosk_update.
// Each check throws Stop when the bundle must not be installed.
// Thread-safety: no shared state.
#include <filesystem>
#include <string>

#include "core/content/content_store.h"
#include "core/update/bundle.h"
#include "core/update/update_run.h"

namespace mk::updater {

// Parses and checks the manifest against the content installed now and the highest
// version ever installed here (highestInstalled in install.h).
Manifest verifyManifest(const UpdateSettings& s, const std::string& text, const OpenedContent& current,
                        long highestInstalled, const Step& step);
// Checks the downloaded database against the manifest.
void checkDatabase(const std::filesystem::path& staged, const Manifest& m, const Step& step);
// Renders every screen with the database; skipped (and logged) without a program.
void renderCheck(const UpdateSettings& s, const std::filesystem::path& staged, const Step& step);

}  // namespace mk::updater
