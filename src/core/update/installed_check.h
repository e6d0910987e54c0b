#pragma once
// The check the kiosk and the updater make before opening an installed update:
// checkInstalledDatabase (bundle.h) with the configured public keys, as
// ContentSources::checkInstalled, carrying the signed `expires` on.
// Thread-safety: the returned function has no shared state.
#include <string>
#include <vector>

#include "core/content/content_store.h"

namespace mk {

InstalledCheck installedCheck(std::vector<std::string> publicKeys);

}  // namespace mk
