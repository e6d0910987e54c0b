#pragma once
// Content databases and bundles for the update tests, built from the shipped sources.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/update/bundle.h"
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

inline std::string readAll(const std::filesystem::path& p) {
  std::error_code ec;
  std::string text(static_cast<std::size_t>(std::filesystem::file_size(p, ec)), '\0');
  if (ec) return {};
  std::ifstream in(p, std::ios::binary);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

}  // namespace mk::test
