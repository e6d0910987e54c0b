#pragma once
// Helpers shared by the test files.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/log.h"

namespace mk::test {

// Polls `done` for up to 10 s (work on another thread, such as speech synthesis).
template <typename F>
bool waitFor(F done) {
  for (int i = 0; i < 400; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

// Collects the log lines written while it lives ("component: message").
class LogCapture {
 public:
  LogCapture() {
    log::setObserver([this](log::Level level, std::string_view component, std::string_view message) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (level >= log::Level::Warn) lines_.push_back(std::string(component) + ": " + std::string(message));
    });
  }
  ~LogCapture() { log::setObserver(nullptr); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Warnings and errors seen so far.
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }
  bool contains(const std::string& part) {
    for (const auto& l : lines())
      if (l.find(part) != std::string::npos) return true;
    return false;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A fresh directory under /tmp, removed with everything in it (even read-only
// parts a test left behind) when the test ends.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/medkiosk-test-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace mk::test
