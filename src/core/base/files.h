#pragma once
// Durable files: one implementation of the atomic write (a temporary beside the
// target, fsync, rename over it, fsync of the directory), used for the installed
// content pointer, update status, metrics, CSV exports and signing output, and an
// owning file descriptor so no early return or exception leaks one.
#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string_view>

namespace mk {

// A file descriptor closed when it goes out of scope.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  // Closes the descriptor held (if any) and holds `fd`; false when close failed.
  bool reset(int fd = -1);

 private:
  int fd_;
};

// Tests of crash safety are told each step ("temporary-synced", "renamed").
using StepHook = std::function<void(const char* step)>;

// Writes `text` to `path` so that a crash or power loss leaves the old file or the
// new one, never a mix. The file gets `mode` whatever the process umask. Throws
// std::runtime_error naming the file and the reason; the temporary is removed then.
void writeFileAtomically(const std::filesystem::path& path, std::string_view text, mode_t mode = 0644,
                         const StepHook& step = {});
// fsync of a file or a directory; throw std::runtime_error on failure.
void fsyncFile(const std::filesystem::path& path);
void fsyncDirectory(const std::filesystem::path& dir);

}  // namespace mk
