#pragma once
// The pictograms in assets/: SVG sources rasterised at build time (assets/CMakeLists.txt)
// to PNGs at a few sizes and in two variants, loaded here on first use, at the nearest
// size at or above the one drawn, as textures of the renderer. A pictogram that is
// missing or unreadable is logged once and drawn as its label alone.
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mk::ui {

class Renderer;

class Pictures {
 public:
  // The side lengths in px the build rasterises (assets/CMakeLists.txt): each about
  // 1.4 times the last, so a picture is never scaled down by more than that.
  static constexpr std::array<int, 6> kSizes = {40, 56, 80, 112, 160, 224};

  // `dir` holds <name>.<normal|high-contrast>.<px>.png.
  explicit Pictures(std::filesystem::path dir);
  // Textures belong to one renderer, which frees them; another one (or none) makes
  // them be loaded again.
  void setRenderer(Renderer* renderer);
  // Whether the pictogram exists in both variants at every size.
  bool has(std::string_view name) const;
  // The texture for drawing `name` `px` wide; null when there is no renderer or the
  // file is missing or broken (logged once per file).
  void* texture(std::string_view name, float px, bool highContrast);
  // Of `names`, those has() is false for.
  std::vector<std::string> missing(const std::vector<std::string>& names) const;
  // Bytes of pixels held in textures, for the benchmark.
  std::size_t textureBytes() const { return bytes_; }

  static int sizeFor(float px);
  // The largest rasterised size at most `px` (`px` itself below the smallest): drawn
  // at that size a picture is copied, not scaled, which the software renderer does
  // several times faster. For large pictures, where a few px do not matter.
  static float unscaledSize(float px);
  std::filesystem::path file(std::string_view name, int size, bool highContrast) const;

 private:
  std::filesystem::path dir_;
  std::set<std::string, std::less<>> complete_;  // names found at every size and variant
  Renderer* renderer_ = nullptr;
  std::map<std::string, void*, std::less<>> loaded_;  // by file name; null: failed
  std::size_t bytes_ = 0;
};

// The pictogram of a brochure section's rail button (null for none).
const char* sectionPictogram(std::string_view section);
// Every pictogram the kiosk draws, for the start-up check.
std::vector<std::string> pictogramsInUse();

}  // namespace mk::ui
