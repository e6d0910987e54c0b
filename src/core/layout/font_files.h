#pragma once
// Finds the Noto Sans font files (fontconfig first, then the fonts-noto-core path).
// Used by the UI's font module and by the content glyph check.
#include <filesystem>

namespace mk {

struct FontFiles {
  std::filesystem::path regular;
  std::filesystem::path bold;
  bool complete = false;  // false when Noto Sans was not found and a substitute is used
};

// Logs an error for each face that is missing.
FontFiles findFonts();

}  // namespace mk
