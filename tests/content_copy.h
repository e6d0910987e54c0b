#pragma once
// The shipped content sources in a temporary copy, edited file by file, for tests of
// what the build refuses.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/content/content_source.h"

namespace mk::test {

struct ContentCopy {
  std::filesystem::path dir;
  explicit ContentCopy(const std::string& name = "copy") {
    dir = std::filesystem::temp_directory_path() / ("medkiosk-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::copy(MEDKIOSK_SOURCE_DIR "/content", dir, std::filesystem::copy_options::recursive);
  }
  ~ContentCopy() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ContentCopy(const ContentCopy&) = delete;
  ContentCopy& operator=(const ContentCopy&) = delete;
  // Replaces the first `from` in content/pomalidomide/<file> by `to`.
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::filesystem::path p = dir / "pomalidomide" / file;
    std::ifstream in(p);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(p) << text;
  }
  // "<file name>:<line>: <message>" without the temporary directory, or "no error".
  std::string loadError() {
    try {
      loadContentSource(dir);
    } catch (const ContentError& e) {
      return std::filesystem::path(e.file()).filename().string() + std::string(e.what()).substr(e.file().size());
    }
    return "no error";
  }
  // The line of `text` in content/pomalidomide/<file>, from 1.
  int lineOf(const std::string& file, const std::string& text) {
    std::ifstream in(dir / "pomalidomide" / file);
    int n = 0;
    for (std::string line; std::getline(in, line);)
      if (++n && line.find(text) != std::string::npos) return n;
    return 0;
  }
};

}  // namespace mk::test
