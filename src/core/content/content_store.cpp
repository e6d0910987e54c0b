#include "core/content/content_store.h"
#include "core/base/files.h"
#include "core/base/key_value.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/base/sqlite_db.h"
#include "core/base/utc_time.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kPointerFile = "installed";

bool isPlainName(const std::string& s) {
  return !s.empty() && s.find('/') == std::string::npos && s[0] != '.' && s.size() <= 128;
}

std::string readSmallFile(const fs::path& path, bool& exists) {
  std::ifstream in(path, std::ios::binary);
  exists = static_cast<bool>(in);
  std::string text;
  if (!in) return text;
  text.resize(8192);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// The content version recorded in a database, read without any checks: only used to
// decide the order in which candidates are fully checked.
long peekVersion(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return -1;
  try {
    Database db("file:" + path.string() + "?mode=ro&immutable=1", Database::Mode::ReadOnly);
    Statement st(db, "SELECT value FROM meta WHERE key = 'content_version'");
    return st.step() ? std::atol(st.text(0).c_str()) : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

constexpr const char* kExpiredPrefix = "expired on ";

// Why an update past its `expires` and its grace period must no longer be shown, or "".
std::string expiryRefusal(std::int64_t expires, const ContentSources& sources) {
  if (sources.now <= 0 || expires <= 0 || sources.now < expires + sources.graceSeconds) return {};
  return std::string(kExpiredPrefix) + formatUtcTime(static_cast<std::time_t>(expires)) + " and its grace period of " +
         std::to_string(sources.graceSeconds / 86'400) + " days is over";
}

struct Candidate {
  fs::path path;
  long version;
  std::string origin;
};

}  // namespace

fs::path contentStoreDir(const fs::path& stateDir) { return stateDir / "content"; }

std::optional<InstalledPointer> readInstalledPointer(const fs::path& dir, std::string* error) {
  bool exists = false;
  std::string text = readSmallFile(dir / kPointerFile, exists);
  if (!exists) return std::nullopt;
  InstalledPointer p;
  KeyValueLines lines = parseKeyValueLines(text);
  bool ok = lines.malformed == 0;
  for (const auto& [key, value] : lines.entries) {
    if (key == "current")
      p.current = value;
    else if (key == "previous")
      p.previous = value;
    else if (key == "current_version")
      p.currentVersion = std::atol(value.c_str());
    else if (key == "previous_version")
      p.previousVersion = std::atol(value.c_str());
  }
  if (!ok || !isPlainName(p.current) || p.currentVersion <= 0 || (!p.previous.empty() && !isPlainName(p.previous))) {
    if (error) *error = (dir / kPointerFile).string() + " is malformed";
    return std::nullopt;
  }
  return p;
}

void writeInstalledPointer(const fs::path& dir, const InstalledPointer& p, const StepHook& step) {
  std::string text = "current=" + p.current + "\ncurrent_version=" + std::to_string(p.currentVersion) + "\n";
  if (!p.previous.empty())
    text += "previous=" + p.previous + "\nprevious_version=" + std::to_string(p.previousVersion) + "\n";
  writeFileAtomically(dir / kPointerFile, text, 0644, step);
}

OpenedContent openBestContent(const ContentSources& sources) {
  OpenedContent out;
  std::vector<Candidate> candidates;
  if (!sources.stateDir.empty()) {
    fs::path dir = contentStoreDir(sources.stateDir);
    std::string error;
    if (auto p = readInstalledPointer(dir, &error)) {
      candidates.push_back({dir / p->current, p->currentVersion, "update"});
      if (!p->previous.empty()) candidates.push_back({dir / p->previous, p->previousVersion, "previous update"});
    } else if (!error.empty()) {
      out.skipped.push_back(error);
    }
  }
  if (!sources.shipped.empty()) candidates.push_back({sources.shipped, peekVersion(sources.shipped), "shipped"});
  // Newest first; at equal versions an update comes before the shipped copy.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.version > b.version; });
  for (const auto& c : candidates) {
    InstalledVerdict verdict;
    if (c.origin != "shipped") {
      verdict = sources.checkInstalled ? sources.checkInstalled(c.path)
                                       : InstalledVerdict{"its signature cannot be checked here", 0};
      if (verdict.refusal.empty()) verdict.refusal = expiryRefusal(verdict.expires, sources);
      if (!verdict.refusal.empty()) {
        out.expiredSkipped += verdict.refusal.rfind(kExpiredPrefix, 0) == 0 ? 1 : 0;
        out.skipped.push_back(c.origin + ": " + c.path.string() + ": " + verdict.refusal);
        continue;
      }
    }
    try {
      auto db = std::make_unique<ContentDb>(c.path, sources.check);
      if (c.origin != "shipped" && db->info().contentVersion != c.version)
        throw std::runtime_error(c.path.string() + " holds content version " +
                                 std::to_string(db->info().contentVersion) + ", not the " + std::to_string(c.version) +
                                 " the installed pointer names");
      out.db = std::move(db);
      out.path = c.path;
      out.origin = c.origin;
      out.expires = verdict.expires;
      out.outOfDate = sources.now > 0 && verdict.expires > 0 && sources.now >= verdict.expires;
      return out;
    } catch (const std::exception& e) {
      out.skipped.push_back(c.origin + ": " + e.what());
    }
  }
  return out;
}

std::int64_t nextExpiryChange(const OpenedContent& opened, std::int64_t graceSeconds) {
  if (!opened.db || opened.expires <= 0) return 0;
  return opened.outOfDate ? opened.expires + graceSeconds : opened.expires;
}

std::string contentSourcesStamp(const ContentSources& sources) {
  std::string stamp;
  if (!sources.stateDir.empty()) {
    bool exists = false;
    stamp = readSmallFile(contentStoreDir(sources.stateDir) / kPointerFile, exists);
  }
  struct stat st {};
  if (!sources.shipped.empty() && ::stat(sources.shipped.c_str(), &st) == 0) {
    stamp += "|" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
             std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return stamp;
}

}  // namespace mk
