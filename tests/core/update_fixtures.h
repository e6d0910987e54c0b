#pragma once
// Content databases and bundles for the update tests, built from the shipped sources.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/content/content_store.h"
#include "core/update/bundle.h"
#include "core/update/installed_check.h"
#include "core/update/updater.h"
#include "test_support.h"

namespace mk::test {

// Builds the shipped content as `version` at `out`; `tweak` changes one title so
// that two databases of the same version differ.
inline ContentInfo buildVersion(const std::filesystem::path& out, long version, bool tweak = false) {
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  if (tweak) src.medicines.front().brochures.front().title += " ";
  return buildContentDatabase(src, version, out);
}

// Publishes `db` as a signed bundle in `dir` (manifest + database), as
// `medkiosk-content sign` does. Returns the manifest.
inline Manifest publish(const std::filesystem::path& db, const std::filesystem::path& dir, const std::string& secretKey,
                        const std::string& expires = "2099-01-01", const std::string& minApp = "0.1.0") {
  std::filesystem::create_directories(dir);
  ContentDb content(db);
  Manifest m;
  m.contentVersion = content.info().contentVersion;
  m.contentHash = content.info().hash;
  m.database = "content-" + std::to_string(m.contentVersion) + ".db";
  std::filesystem::copy_file(db, dir / m.database, std::filesystem::copy_options::overwrite_existing);
  m.size = static_cast<std::int64_t>(std::filesystem::file_size(dir / m.database));
  m.sha256 = sha256File(dir / m.database);
  REQUIRE(parseUtcTime(expires, m.expires));
  m.minAppVersion = minApp;
  std::ofstream(dir / "manifest", std::ios::binary) << signManifest(m, secretKey);
  return m;
}

// Installs `db` in the content store `storeDir` as an update would leave it: the
// database and its signed manifest beside it (not the pointer).
inline void placeSigned(const std::filesystem::path& db, const std::filesystem::path& storeDir,
                        const std::string& secretKey, const std::string& expires = "2099-01-01") {
  std::filesystem::path staging = storeDir.parent_path() / ("signing-" + db.filename().string());
  Manifest m = publish(db, staging, secretKey, expires);
  std::filesystem::create_directories(storeDir);
  std::filesystem::copy_file(staging / m.database, storeDir / m.database,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(staging / "manifest", storeDir / keptManifestName(m.database),
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove_all(staging);
}

inline std::string readAll(const std::filesystem::path& p) {
  std::error_code ec;
  std::string text(static_cast<std::size_t>(std::filesystem::file_size(p, ec)), '\0');
  if (ec) return {};
  std::ifstream in(p, std::ios::binary);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

// A kiosk with shipped content version 7, a publisher directory served as file://
// and a signing key. With `renderCheck` every screen of a new bundle is rendered (at
// a quarter of the pixels); without, the check is skipped (and logged as skipped).
struct UpdateRig {
  TempDir dir;
  KeyPair key = generateKeyPair();
  std::filesystem::path shipped = dir.path / "shipped.db";
  std::filesystem::path server = dir.path / "server";
  std::filesystem::path state = dir.path / "state";
  UpdateSettings s;

  explicit UpdateRig(bool renderCheck = true) {
    initUpdater();
    buildVersion(shipped, 7);
    s.url = "file://" + server.string();
    s.publicKeys = {key.publicKey};
    s.stateDir = state;
    s.shippedDb = shipped;
    if (renderCheck) s.renderCheck = MEDKIOSK_BINARY_DIR "/medkiosk";
    s.renderSize = "540x960";
    s.appVersion = "0.1.0";
    s.now = 1'800'000'000;  // 2027-01-15, after every file time the tests write
  }
  // The shipped sources built as `version` (once per version and tweak).
  std::filesystem::path build(long version, bool tweak = false) {
    std::filesystem::path db = dir.path / ("build-" + std::to_string(version) + (tweak ? "-tweaked" : "") + ".db");
    if (!std::filesystem::exists(db)) buildVersion(db, version, tweak);
    return db;
  }
  Manifest publishVersion(long version, bool tweak = false, const std::string& expires = "2099-01-01",
                          const std::string& minApp = "0.1.0") {
    return publish(build(version, tweak), server, key.secretKey, expires, minApp);
  }
  long shownVersion() const {
    OpenedContent c = openBestContent({state, shipped, installedCheck(s.publicKeys)});
    return c.db ? c.db->info().contentVersion : 0;
  }
  std::string status() const { return readAll(state / "content" / "update-status"); }
};

}  // namespace mk::test
