#pragma once
// Signed content bundles: a content database plus a manifest that names it, signed
// with Ed25519 (libsodium). The manifest is a small UTF-8 text file:
//
//   medkiosk-bundle 1
//   content_version=12            monotonic whole number, > the installed version
//   database=content-12.db        file name beside the manifest
//   size=2392064                  bytes of the database (the download limit)
//   sha256=<64 hex>               SHA-256 of the database file
//   content_hash=<64 hex>         canonical content hash recorded in the database
//   expires=2027-06-30T00:00:00Z  refused after this moment (UTC)
//   min_app_version=0.1.0         refused by older kiosks
//   channel=pilot                 the release ring ([content] channel); absent: main
//   signature=<base64>            Ed25519 over every byte before this line
//
// Thread-safety: free functions without shared state.
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/utc_time.h"

namespace mk {

inline constexpr std::size_t kMaxManifestBytes = 16 * 1024;
inline constexpr std::int64_t kMaxBundleDatabaseBytes = std::int64_t{1} << 30;  // 1 GiB

struct Manifest {
  long contentVersion = 0;
  std::string database;
  std::int64_t size = 0;
  std::string sha256;
  std::string contentHash;
  std::time_t expires = 0;
  std::string expiresText;
  std::string minAppVersion;
  std::string channel = "main";
  std::string signedPart;  // the exact bytes the signature covers
  std::string signature;   // 64 raw bytes
};

struct ManifestError {
  std::string message;  // names the line and the problem
};

// Parses a manifest without trusting it: strict syntax, every field once, bounded
// sizes. Never throws; a fuzz target calls it with arbitrary bytes.
std::variant<Manifest, ManifestError> parseManifest(std::string_view text);

// The text of a manifest up to (not including) its signature line.
std::string manifestBody(const Manifest& m);

struct KeyPair {
  std::string publicKey;  // base64, 32 bytes
  std::string secretKey;  // base64, 64 bytes
};

// Throws std::runtime_error when libsodium cannot initialise.
KeyPair generateKeyPair();
// The complete signed manifest text. Throws std::runtime_error on a bad secret key.
std::string signManifest(const Manifest& m, const std::string& secretKeyBase64);
// True when one of the keys (base64) made the signature. Bad keys are skipped and
// reported in `problems`.
bool verifyManifestSignature(const Manifest& m, const std::vector<std::string>& publicKeys,
                             std::vector<std::string>* problems = nullptr);
// A channel name: 1 to 32 of a-z, 0-9 and '-', not starting with '-'.
bool isValidChannel(std::string_view name);
// A base64 Ed25519 public key decodes to 32 bytes.
bool isValidPublicKey(const std::string& base64);

// The exact signed text of a parsed manifest (what parseManifest read), for keeping
// it beside the installed database.
std::string manifestText(const Manifest& m);

// "content-12.db" -> "content-12.manifest": where the signed manifest of an installed
// database is kept.
std::string keptManifestName(const std::string& databaseName);

// Checks an installed database against the signed manifest kept beside it: the
// manifest parses, one of `publicKeys` signed it, it names this file, and the file
// has its size and SHA-256. Returns the reason it must not be used, or an empty
// string; fills `manifest` when given. Never throws.
std::string checkInstalledDatabase(const std::filesystem::path& db, const std::vector<std::string>& publicKeys,
                                   Manifest* manifest = nullptr);

// SHA-256 of a file as lowercase hex. Throws std::runtime_error when unreadable.
std::string sha256File(const std::filesystem::path& path);

// Dotted versions ("0.1.0"): negative, zero or positive like strcmp. Missing parts
// count as 0. Returns false from isValidVersion for anything but digits and dots.
int compareVersions(std::string_view a, std::string_view b);
bool isValidVersion(std::string_view v);

}  // namespace mk
