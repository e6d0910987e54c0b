#include "core/update/bundle.h"

#include <sodium.h>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

namespace mk {
namespace {

constexpr std::string_view kMagic = "medkiosk-bundle 1";
constexpr std::array<std::string_view, 7> kFields = {"content_version", "database", "size",           "sha256",
                                                     "content_hash",    "expires",  "min_app_version"};
// Fields a manifest may leave out: one signed before channels existed is for "main".
constexpr std::array<std::string_view, 1> kOptionalFields = {"channel"};

void initSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool isHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Whole decimal number without sign or leading zeros, at most `max`.
bool parseCount(std::string_view s, std::int64_t max, std::int64_t& out) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return false;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

// A plain file name: no directory parts, no hidden file, nothing a shell or URL
// would reinterpret.
bool isSafeFileName(std::string_view s) {
  if (s.empty() || s.size() > 128 || s[0] == '.') return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string decodeBase64(std::string_view b64, std::size_t wantBytes, bool& ok) {
  std::string out(wantBytes, '\0');
  std::size_t len = 0;
  ok = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                         &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 &&
       len == wantBytes;
  return out;
}

std::string encodeBase64(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

ManifestError lineError(int line, const std::string& what) {
  return ManifestError{"manifest line " + std::to_string(line) + ": " + what};
}

std::optional<ManifestError> applyField(Manifest& m, int lineNo, std::string_view key, std::string_view value) {
  std::int64_t n = 0;
  if (key == "content_version") {
    if (!parseCount(value, 1'000'000'000'000, n) || n == 0)
      return lineError(lineNo, "content_version must be a positive whole number");
    m.contentVersion = static_cast<long>(n);
  } else if (key == "database") {
    if (!isSafeFileName(value)) return lineError(lineNo, "database must be a plain file name");
    m.database = value;
  } else if (key == "size") {
    if (!parseCount(value, kMaxBundleDatabaseBytes, n) || n == 0)
      return lineError(lineNo, "size must be a byte count from 1 to " + std::to_string(kMaxBundleDatabaseBytes));
    m.size = n;
  } else if (key == "sha256" || key == "content_hash") {
    if (!isHex64(value)) return lineError(lineNo, std::string(key) + " must be 64 lowercase hex digits");
    (key == "sha256" ? m.sha256 : m.contentHash) = value;
  } else if (key == "expires") {
    if (!parseUtcTime(value, m.expires))
      return lineError(lineNo, "expires must be a UTC time such as 2027-06-30T00:00:00Z");
    m.expiresText = value;
  } else if (key == "min_app_version") {
    if (!isValidVersion(value)) return lineError(lineNo, "min_app_version must be a version such as 0.1.0");
    m.minAppVersion = value;
  } else if (key == "channel") {
    if (!isValidChannel(value))
      return lineError(lineNo, "channel must be 1 to 32 lower-case letters, digits or '-', such as pilot");
    m.channel = value;
  }
  return std::nullopt;
}

}  // namespace

std::variant<Manifest, ManifestError> parseManifest(std::string_view text) {
  if (text.size() > kMaxManifestBytes)
    return ManifestError{"manifest is larger than " + std::to_string(kMaxManifestBytes) + " bytes"};
  if (text.find('\0') != std::string_view::npos || text.find('\r') != std::string_view::npos)
    return ManifestError{"manifest contains NUL or carriage-return characters"};
  Manifest m;
  std::map<std::string_view, int> seen;
  std::size_t pos = 0;
  int lineNo = 0;
  bool signatureSeen = false;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) return lineError(lineNo + 1, "the last line has no line ending");
    std::string_view line = text.substr(pos, end - pos);
    std::size_t lineStart = pos;
    pos = end + 1;
    ++lineNo;
    if (signatureSeen) return lineError(lineNo, "nothing may follow the signature");
    if (lineNo == 1) {
      if (line != kMagic) return lineError(1, "expected '" + std::string(kMagic) + "'");
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return lineError(lineNo, "expected key=value");
    std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "signature") {
      bool ok = false;
      m.signature = decodeBase64(value, crypto_sign_BYTES, ok);
      if (!ok) return lineError(lineNo, "signature must be base64 of 64 bytes");
      m.signedPart = std::string(text.substr(0, lineStart));
      signatureSeen = true;
      continue;
    }
    bool known = false;
    for (auto f : kFields) known |= f == key;
    for (auto f : kOptionalFields) known |= f == key;
    if (!known) return lineError(lineNo, "unknown key '" + std::string(key.substr(0, 40)) + "'");
    if (seen[key]++) return lineError(lineNo, "'" + std::string(key) + "' appears twice");
    if (auto e = applyField(m, lineNo, key, value)) return *e;
  }
  if (lineNo == 0) return ManifestError{"manifest is empty"};
  for (auto f : kFields)
    if (!seen.count(f)) return ManifestError{"manifest has no " + std::string(f)};
  if (!signatureSeen) return ManifestError{"manifest is not signed (no signature line)"};
  return m;
}

std::string manifestBody(const Manifest& m) {
  std::string out(kMagic);
  out += "\ncontent_version=" + std::to_string(m.contentVersion);
  out += "\ndatabase=" + m.database;
  out += "\nsize=" + std::to_string(m.size);
  out += "\nsha256=" + m.sha256;
  out += "\ncontent_hash=" + m.contentHash;
  out += "\nexpires=" + formatUtcTime(m.expires);
  out += "\nmin_app_version=" + m.minAppVersion;
  out += "\nchannel=" + m.channel;
  out += "\n";
  return out;
}

bool isValidChannel(std::string_view name) {
  if (name.empty() || name.size() > 32 || name[0] == '-') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

KeyPair generateKeyPair() {
  initSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair kp{encodeBase64(pk, sizeof pk), encodeBase64(sk, sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return kp;
}

std::string signManifest(const Manifest& m, const std::string& secretKeyBase64) {
  initSodium();
  bool ok = false;
  std::string sk = decodeBase64(secretKeyBase64, crypto_sign_SECRETKEYBYTES, ok);
  if (!ok) throw std::runtime_error("the secret key is not base64 of 64 bytes");
  std::string body = manifestBody(m);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                       reinterpret_cast<const unsigned char*>(sk.data()));
  sodium_memzero(sk.data(), sk.size());
  return body + "signature=" + encodeBase64(sig, sizeof sig) + "\n";
}

bool isValidPublicKey(const std::string& base64) {
  initSodium();
  bool ok = false;
  decodeBase64(base64, crypto_sign_PUBLICKEYBYTES, ok);
  return ok;
}

bool verifyManifestSignature(const Manifest& m, const std::vector<std::string>& publicKeys,
                             std::vector<std::string>* problems) {
  initSodium();
  if (m.signature.size() != crypto_sign_BYTES) return false;
  for (const auto& key : publicKeys) {
    bool ok = false;
    std::string pk = decodeBase64(key, crypto_sign_PUBLICKEYBYTES, ok);
    if (!ok) {
      if (problems) problems->push_back("public key '" + key.substr(0, 12) + "…' is not base64 of 32 bytes");
      continue;
    }
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(m.signature.data()),
                                    reinterpret_cast<const unsigned char*>(m.signedPart.data()), m.signedPart.size(),
                                    reinterpret_cast<const unsigned char*>(pk.data())) == 0)
      return true;
  }
  return false;
}

std::string manifestText(const Manifest& m) {
  return m.signedPart +
         "signature=" + encodeBase64(reinterpret_cast<const unsigned char*>(m.signature.data()), m.signature.size()) +
         "\n";
}

std::string keptManifestName(const std::string& databaseName) {
  std::string stem = databaseName.ends_with(".db") ? databaseName.substr(0, databaseName.size() - 3) : databaseName;
  return stem + ".manifest";
}

std::string checkInstalledDatabase(const std::filesystem::path& db, const std::vector<std::string>& publicKeys,
                                   Manifest* manifest) {
  std::filesystem::path kept = db.parent_path() / keptManifestName(db.filename().string());
  std::ifstream in(kept, std::ios::binary);
  if (!in) return "no signed manifest beside it (" + kept.filename().string() + ")";
  std::string text(kMaxManifestBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  auto parsed = parseManifest(text);
  if (auto* e = std::get_if<ManifestError>(&parsed)) return kept.filename().string() + ": " + e->message;
  Manifest m = std::get<Manifest>(std::move(parsed));
  if (!verifyManifestSignature(m, publicKeys))
    return kept.filename().string() + " is not signed by a key in [content] public_keys";
  if (m.database != db.filename().string()) return kept.filename().string() + " names another database";
  std::error_code ec;
  auto size = std::filesystem::file_size(db, ec);
  if (ec || static_cast<std::int64_t>(size) != m.size) return "its size differs from the signed manifest's";
  try {
    if (sha256File(db) != m.sha256) return "its SHA-256 differs from the signed manifest's";
  } catch (const std::exception& e) {
    return e.what();
  }
  if (manifest) *manifest = std::move(m);
  return {};
}

std::string sha256File(const std::filesystem::path& path) {
  initSodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::array<char, 64 * 1024> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    auto n = in.gcount();
    if (n > 0)
      crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                                static_cast<unsigned long long>(n));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path.string());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool isValidVersion(std::string_view v) {
  if (v.empty() || v.size() > 32 || v.front() == '.' || v.back() == '.') return false;
  char prev = 0;
  for (char c : v) {
    if (!((c >= '0' && c <= '9') || c == '.') || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

int compareVersions(std::string_view a, std::string_view b) {
  auto next = [](std::string_view& s) -> long {
    long n = 0;
    std::size_t i = 0;
    for (; i < s.size() && s[i] != '.'; ++i)
      if (s[i] >= '0' && s[i] <= '9' && n < 100'000'000) n = n * 10 + (s[i] - '0');
    s = i < s.size() ? s.substr(i + 1) : std::string_view();
    return n;
  };
  while (!a.empty() || !b.empty()) {
    long x = next(a), y = next(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace mk
