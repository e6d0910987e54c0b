#include "core/update/installed_check.h"

#include "core/update/bundle.h"

namespace mk {

InstalledCheck installedCheck(std::vector<std::string> publicKeys) {
  return [keys = std::move(publicKeys)](const std::filesystem::path& db) {
    Manifest m;
    InstalledVerdict v;
    v.refusal = checkInstalledDatabase(db, keys, &m);
    if (v.refusal.empty()) v.expires = static_cast<std::int64_t>(m.expires);
    return v;
  };
}

}  // namespace mk
