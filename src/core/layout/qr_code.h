#pragma once
// A QR code for a web address (libqrencode), as a square of dark/light modules.
#include <optional>
#include <string>
#include <vector>

namespace mk {

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // row-major, size * size

  bool at(int x, int y) const {
    return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)];
  }
};

// Medium error correction, so a smudged screen or glare still scans.
std::optional<QrCode> encodeQr(const std::string& text);

}  // namespace mk
