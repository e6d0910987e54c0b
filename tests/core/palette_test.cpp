#include <catch2/catch.hpp>

#include "core/layout/palette.h"

using namespace mk;

TEST_CASE("the WCAG contrast ratio is computed as specified") {
  CHECK(contrastRatio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
  CHECK(contrastRatio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
  CHECK(contrastRatio({118, 118, 118}, {255, 255, 255}) == Approx(4.54).epsilon(0.01));
}

TEST_CASE("high contrast: all text at least 7:1, control boundaries at least 3:1") {
  const Palette& p = highContrastPalette();
  for (const auto& pair : textPairs(p)) {
    INFO(pair.what << ": " << contrastRatio(pair.foreground, pair.background));
    CHECK(contrastRatio(pair.foreground, pair.background) >= 7.0);
  }
  for (const auto& e : controlEdges(p)) {
    double best = std::max(contrastRatio(e.border, e.surface), contrastRatio(e.fill, e.surface));
    INFO(e.what << ": " << best);
    CHECK(best >= 3.0);
  }
}

TEST_CASE("normal theme: all text at least 4.5:1, body text at least 7:1, boundaries at least 3:1") {
  const Palette& p = normalPalette();
  for (const auto& pair : textPairs(p)) {
    INFO(pair.what << ": " << contrastRatio(pair.foreground, pair.background));
    CHECK(contrastRatio(pair.foreground, pair.background) >= 4.5);
  }
  CHECK(contrastRatio(p.text, p.background) >= 7.0);
  for (const auto& e : controlEdges(p)) {
    double best = std::max(contrastRatio(e.border, e.surface), contrastRatio(e.fill, e.surface));
    INFO(e.what << ": " << best);
    CHECK(best >= 3.0);
  }
}
