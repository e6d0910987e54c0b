#pragma once
// PNG files in and out through libpng: screenshots are written, pictograms are read.
#include <filesystem>
#include <string>
#include <vector>

namespace mk::ui {

struct RgbaImage {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;  // 8-bit RGBA, straight alpha, rows packed
};

// Reads `path` as RGBA. A missing, truncated or corrupt file, or one larger than
// `maxSide` on either side, gives false and the reason in `error`; `out` is then empty.
bool readPng(const std::filesystem::path& path, RgbaImage& out, std::string& error, int maxSide = 4096);

// What writePng does with the fourth byte of each pixel: keeps it as alpha, or drops
// it for an opaque picture such as a screen (RGB: a quarter less to compress, and
// whatever the byte holds does not matter).
enum class PngAlpha { Keep, Drop };

// The order of the bytes of each pixel in memory: R, G, B, A; or B, G, R, A (SDL's
// ARGB8888 and XRGB8888 on a little-endian machine, the format of an X11 window).
enum class ByteOrder { Rgba, Bgra };

// Writes rows of four bytes a pixel (`pitch` bytes apart) at zlib's fastest level.
// Logs and returns false on error.
bool writePng(const std::filesystem::path& path, int w, int h, const unsigned char* pixels, int pitch,
              PngAlpha alpha = PngAlpha::Keep, ByteOrder order = ByteOrder::Rgba);

}  // namespace mk::ui
