#pragma once
// The one font module: finds Noto Sans (regular and bold) and bakes the ImGui atlas
// for one text size. Glyph ranges cover every EU script plus the characters of the
// real text. Nothing else in the program calls AddFont*.
#include <filesystem>
#include <string>
#include <vector>

#include "core/layout/font_files.h"
#include "ui/atlas_cache.h"

namespace mk::ui {

struct FontSet {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;
  ImFont* title = nullptr;  // large, for the attract and idle screens
  float em = 0;             // body size in px
};

// What the last atlas build cost, for the benchmark.
struct AtlasStats {
  double buildMs = 0;
  int width = 0, height = 0;  // texture size in px
  int glyphs = 0;             // over all fonts
  bool fromCache = false;     // read from the atlas cache rather than rasterised
};

class Fonts {
 public:
  // `cacheDir`: where built atlases are kept between starts (none: always built).
  explicit Fonts(FontFiles files, std::filesystem::path cacheDir = {});
  // Rebuilds `atlas` for a body size of `emPx`. `texts` are all strings that may be
  // shown (content and UI, every locale); their characters are added to the ranges.
  // `titleTexts` are the few strings drawn with the title font.
  FontSet build(ImFontAtlas& atlas, float emPx, const std::vector<std::string>& texts,
                const std::vector<std::string>& titleTexts);
  const AtlasStats& lastAtlas() const { return stats_; }

 private:
  struct GlyphRanges {
    ImVector<ImWchar> body, title;
  };
  static GlyphRanges rangesFor(const std::vector<std::string>& texts, const std::vector<std::string>& titleTexts);
  // Rasterises the fonts into `atlas` (reads the font files).
  FontSet bake(ImFontAtlas& atlas, float emPx, const GlyphRanges& ranges);
  // ImGui aborts on a file it cannot parse: each is read and parsed before the first
  // bake; a bad one is logged and left out.
  void checkFiles();

  FontFiles files_;
  AtlasCache cache_;
  AtlasStats stats_;
  bool checked_ = false;
  bool filesAsFound_ = false;  // every file found was usable
};

// Characters of `text` that `font` has no glyph for (shown as '?' otherwise).
std::u32string missingGlyphs(const ImFont& font, const std::string& text);

// Body size in px for text size step 1..3 at the given pixel density.
float emForTextSize(int step, float dpi);

}  // namespace mk::ui
