#pragma once
// Helpers shared by the test files.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

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

}  // namespace mk::test
