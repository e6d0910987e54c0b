// medkiosk-content keygen, sign and verify: signing keys and signed bundles.
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/content/content_db.h"
#include "core/content/content_store.h"
#include "core/update/bundle.h"
#include "tools/content_commands.h"

namespace content_tool {
namespace {

// Reads "--name value" pairs after the positional arguments; false on anything else.
bool namedArgs(int argc, char** argv, int first, std::vector<std::pair<std::string, std::string>>& out,
               std::string& error) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      error = a.rfind("--", 0) == 0 ? a + " needs a value" : "unknown argument '" + a + "'";
      return false;
    }
    out.emplace_back(a, argv[++i]);
  }
  return true;
}

std::string readText(const std::filesystem::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

int keygen(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 2, named, error)) return usageError(error);
  if (named.size() != 1 || named[0].first != "--out") return usageError("keygen needs --out PREFIX");
  std::string prefix = named[0].second;
  try {
    mk::KeyPair kp = mk::generateKeyPair();
    std::string secretPath = prefix + ".key";
    // The secret key is readable by its owner only, and never overwritten.
    int fd = ::open(secretPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      throw std::runtime_error("cannot create " + secretPath + " (it must not exist yet): " + std::strerror(errno));
    std::string line = kp.secretKey + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + secretPath);
    mk::writeFileAtomically(prefix + ".pub", kp.publicKey + "\n");
    std::printf("secret key: %s (keep it off the kiosks)\npublic key: %s\n", secretPath.c_str(), kp.publicKey.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

int sign(int argc, char** argv) {
  if (argc < 3) return usageError("sign needs DB");
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 3, named, error)) return usageError(error);
  std::string key, expires, minApp = MEDKIOSK_VERSION, out;
  mk::Manifest m;
  for (const auto& [k, v] : named) {
    if (k == "--key")
      key = v;
    else if (k == "--expires")
      expires = v;
    else if (k == "--min-app-version")
      minApp = v;
    else if (k == "--out")
      out = v;
    else if (k == "--channel")
      m.channel = v;
    else
      return usageError("unknown argument '" + k + "'");
  }
  if (key.empty() || expires.empty() || out.empty()) return usageError("sign needs --key, --expires and --out");
  if (!mk::isValidChannel(m.channel)) return usageError("--channel takes a name such as pilot (a-z, 0-9 and -)");
  if (!mk::parseUtcTime(expires, m.expires)) return usageError("--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  if (!mk::isValidVersion(minApp)) return usageError("--min-app-version takes a version such as 0.1.0");
  try {
    mk::ContentDb db(argv[2]);  // only valid content is ever signed
    m.contentVersion = db.info().contentVersion;
    m.contentHash = db.info().hash;
    m.minAppVersion = minApp;
    m.database = "content-" + std::to_string(m.contentVersion) + ".db";
    std::filesystem::path dir(out);
    std::filesystem::create_directories(dir);
    std::filesystem::path dbOut = dir / m.database;
    std::filesystem::path tmp = dbOut;
    tmp += ".tmp";
    std::filesystem::copy_file(argv[2], tmp, std::filesystem::copy_options::overwrite_existing);
    mk::fsyncFile(tmp);
    std::filesystem::rename(tmp, dbOut);
    m.size = static_cast<std::int64_t>(std::filesystem::file_size(dbOut));
    m.sha256 = mk::sha256File(dbOut);
    std::string secret = readText(key, 4096);
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == ' ')) secret.pop_back();
    // The database is in place before the manifest names it, so a server never
    // publishes a manifest whose database is missing.
    mk::writeFileAtomically(dir / "manifest", mk::signManifest(m, secret));
    std::printf("signed %s: content version %ld, %lld bytes, expires %s, for app %s or later, channel %s\n",
                dir.c_str(), m.contentVersion, static_cast<long long>(m.size), mk::formatUtcTime(m.expires).c_str(),
                minApp.c_str(), m.channel.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

int verify(int argc, char** argv) {
  if (argc < 3) return usageError("verify needs DIR");
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 3, named, error)) return usageError(error);
  std::vector<std::string> keys;
  for (const auto& [k, v] : named) {
    if (k == "--public-key")
      keys.push_back(v);
    else
      return usageError("unknown argument '" + k + "'");
  }
  if (keys.empty()) return usageError("verify needs --public-key KEY");
  std::filesystem::path dir(argv[2]);
  try {
    auto parsed = mk::parseManifest(readText(dir / "manifest", mk::kMaxManifestBytes));
    if (auto* e = std::get_if<mk::ManifestError>(&parsed))
      throw std::runtime_error((dir / "manifest").string() + ": " + e->message);
    const mk::Manifest& m = std::get<mk::Manifest>(parsed);
    std::vector<std::string> problems;
    bool ok = mk::verifyManifestSignature(m, keys, &problems);
    for (const auto& p : problems) std::fprintf(stderr, "medkiosk-content: %s\n", p.c_str());
    if (!ok) throw std::runtime_error((dir / "manifest").string() + ": the signature does not match the public key(s)");
    std::filesystem::path db = dir / m.database;
    if (static_cast<std::int64_t>(std::filesystem::file_size(db)) != m.size || mk::sha256File(db) != m.sha256)
      throw std::runtime_error(db.string() + ": size or SHA-256 differs from the manifest");
    mk::ContentDb content(db);
    if (content.info().contentVersion != m.contentVersion || content.info().hash != m.contentHash)
      throw std::runtime_error(db.string() + ": content version or hash differs from the manifest");
    if (std::time(nullptr) >= m.expires)
      throw std::runtime_error((dir / "manifest").string() + ": expired at " + m.expiresText);
    std::printf("%s: ok (content version %ld, expires %s, for app %s or later, channel %s)\n", dir.c_str(),
                m.contentVersion, m.expiresText.c_str(), m.minAppVersion.c_str(), m.channel.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

}  // namespace content_tool
