#pragma once
// Colour palettes as plain data so contrast can be checked without a screen.
#include <cstdint>
#include <vector>

namespace mk {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

struct Palette {
  Rgb background;
  Rgb text;
  Rgb mutedText;      // sources, hints
  Rgb barBackground;  // title bar and toolbar
  Rgb barText;
  Rgb button;
  Rgb buttonPressed;
  Rgb buttonText;
  Rgb buttonBorder;
  Rgb railSelected;
  Rgb railSelectedText;
  Rgb warningBackground;
  Rgb warningText;
  Rgb warningBorder;
  Rgb badgeBackground;
  Rgb badgeText;
  Rgb outdatedBackground;  // a reviewed translation whose English text changed since
  Rgb outdatedText;
  Rgb overlayPanel;
  Rgb accent;  // attract screen
  Rgb accentText;
  Rgb pictogramTile;  // what every pictogram is drawn on (assets/style/*.css)
};

// Every text colour the UI draws, with the background it is drawn on.
struct ColourPair {
  const char* what;
  Rgb foreground;
  Rgb background;
};
std::vector<ColourPair> textPairs(const Palette& p);
// Every control with the surfaces it sits on: its border and its fill are both
// candidates for the visible boundary (WCAG 1.4.11).
struct ControlEdge {
  const char* what;
  Rgb border;
  Rgb fill;
  Rgb surface;
};
std::vector<ControlEdge> controlEdges(const Palette& p);

const Palette& normalPalette();
const Palette& highContrastPalette();

// WCAG 2.x relative luminance and contrast ratio (1..21).
double relativeLuminance(Rgb c);
double contrastRatio(Rgb a, Rgb b);

}  // namespace mk
