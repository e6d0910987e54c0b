#pragma once
// The baked font atlas kept on disk, so that a start with the same fonts, text size
// and characters reads one file instead of rasterising thousands of glyphs.
//
// A cache file is named by a key over everything the atlas is made from (the font
// files' identity, the size, the glyph ranges, ImGui's version and layout). It holds
// the texture's 8-bit coverage and each font's metrics and glyphs, behind a BLAKE2b
// checksum: a damaged or truncated file is logged, removed and built again, never
// drawn.
#include <filesystem>
#include <string>

#include <imgui.h>

#include "core/layout/font_files.h"

namespace mk::ui {

// What an atlas is made from; two atlases with the same key are the same.
std::string atlasKey(const FontFiles& files, float emPx, const ImVector<ImWchar>& bodyRanges,
                     const ImVector<ImWchar>& titleRanges, const ImFontConfig& config, ImFontAtlasFlags flags);

class AtlasCache {
 public:
  // No directory: nothing is read or written.
  explicit AtlasCache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  bool enabled() const { return !dir_.empty(); }
  // Replaces `atlas`'s fonts and texture with the cached ones; false (atlas left
  // cleared) when there is no usable file for `key`.
  bool load(const std::string& key, ImFontAtlas& atlas) const;
  // Writes a built atlas (fonts and its 8-bit texture) atomically, and removes the
  // oldest files beyond the few text sizes in use. A failure is logged, not thrown.
  void store(const std::string& key, const ImFontAtlas& atlas) const;
  std::filesystem::path fileFor(const std::string& key) const;

 private:
  std::filesystem::path dir_;
};

// Where the kiosk keeps its atlas: systemd's CacheDirectory= when the unit has one,
// otherwise <state dir>/cache.
std::filesystem::path atlasCacheDir(const std::filesystem::path& stateDir);

}  // namespace mk::ui
