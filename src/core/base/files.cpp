#include "core/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace mk {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(err));
}

void writeAll(int fd, std::string_view text, const fs::path& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write", path, n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
}

void fsyncOpened(const fs::path& path, int flags, const std::string& kind) {
  UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (!fd) fail("cannot open" + kind, path, errno);
  if (::fsync(fd.get()) != 0) fail("cannot fsync" + kind, path, errno);
}

}  // namespace

bool UniqueFd::reset(int fd) {
  bool ok = true;
  if (fd_ >= 0) ok = ::close(fd_) == 0;
  fd_ = fd;
  return ok;
}

void writeFileAtomically(const fs::path& path, std::string_view text, mode_t mode, const StepHook& step) {
  // A temporary of its own, so that two writers of one file never write into each
  // other's; never the target's own suffix (the node exporter reads only *.prom).
  std::string name = path.string() + ".XXXXXX.tmp";
  UniqueFd created(::mkostemps(name.data(), 4, O_CLOEXEC));
  if (!created) fail("cannot write a temporary file for", path, errno);
  fs::path tmp = name;
  try {
    UniqueFd fd(std::move(created));
    if (::fchmod(fd.get(), mode) != 0) fail("cannot set the mode of", tmp, errno);
    writeAll(fd.get(), text, tmp);
    if (::fsync(fd.get()) != 0) fail("cannot fsync", tmp, errno);
    if (!fd.reset()) fail("cannot close", tmp, errno);
    if (step) step("temporary-synced");
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot rename", tmp, errno);
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  if (step) step("renamed");
  fsyncDirectory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void fsyncFile(const fs::path& path) { fsyncOpened(path, O_RDONLY, ""); }

void fsyncDirectory(const fs::path& dir) { fsyncOpened(dir, O_RDONLY | O_DIRECTORY, " directory"); }

}  // namespace mk
