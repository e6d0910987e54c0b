#include "core/content/content_store.h"

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
  std::istringstream in(text);
  bool ok = true;
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      ok = false;
      continue;
    }
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
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

void fsyncFile(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot fsync " + path.string() + ": " + std::strerror(err));
}

void fsyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open directory " + dir.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot fsync directory " + dir.string() + ": " + std::strerror(err));
}

void writeFileAtomically(const fs::path& path, const std::string& text, const StepHook& step) {
  fs::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot fsync " + tmp.string() + ": " + std::strerror(err));
  if (step) step("temporary-synced");
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot rename " + tmp.string() + ": " + std::strerror(errno));
  if (step) step("renamed");
  fsyncDirectory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void writeInstalledPointer(const fs::path& dir, const InstalledPointer& p, const StepHook& step) {
  std::string text = "current=" + p.current + "\ncurrent_version=" + std::to_string(p.currentVersion) + "\n";
  if (!p.previous.empty())
    text += "previous=" + p.previous + "\nprevious_version=" + std::to_string(p.previousVersion) + "\n";
  writeFileAtomically(dir / kPointerFile, text, step);
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
    try {
      out.db = std::make_unique<ContentDb>(c.path);
      out.path = c.path;
      out.origin = c.origin;
      return out;
    } catch (const std::exception& e) {
      out.skipped.push_back(c.origin + ": " + e.what());
    }
  }
  return out;
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
