#include "core/layout/palette.h"

#include <algorithm>
#include <cmath>

namespace mk {

const Palette& normalPalette() {
  static const Palette p{
      .background = {250, 248, 244},
      .text = {28, 28, 30},
      .mutedText = {74, 74, 80},
      .barBackground = {22, 58, 94},
      .barText = {255, 255, 255},
      .button = {226, 233, 241},
      .buttonPressed = {186, 202, 222},
      .buttonText = {16, 36, 60},
      .buttonBorder = {125, 135, 150},  // at least 3:1 against both the page and the bars
      .railSelected = {22, 58, 94},
      .railSelectedText = {255, 255, 255},
      .warningBackground = {160, 20, 26},
      .warningText = {255, 255, 255},
      .warningBorder = {110, 0, 6},
      .badgeBackground = {255, 236, 179},
      .badgeText = {70, 46, 0},
      .outdatedBackground = {232, 226, 250},  // violet, apart from the amber review badge
      .outdatedText = {52, 24, 110},
      .overlayPanel = {255, 255, 255},
      .accent = {22, 58, 94},
      .accentText = {255, 255, 255},
      .pictogramTile = {255, 255, 255},
  };
  return p;
}

const Palette& highContrastPalette() {
  static const Palette p{
      .background = {0, 0, 0},
      .text = {255, 255, 255},
      .mutedText = {230, 230, 230},
      .barBackground = {0, 0, 0},
      .barText = {255, 255, 0},
      .button = {0, 0, 0},
      .buttonPressed = {60, 60, 0},
      .buttonText = {255, 255, 0},
      .buttonBorder = {255, 255, 0},
      .railSelected = {255, 255, 0},
      .railSelectedText = {0, 0, 0},
      .warningBackground = {0, 0, 0},
      .warningText = {255, 255, 255},
      .warningBorder = {255, 80, 80},
      .badgeBackground = {0, 0, 0},
      .badgeText = {255, 255, 0},
      .outdatedBackground = {0, 0, 0},
      .outdatedText = {0, 255, 255},
      .overlayPanel = {0, 0, 0},
      .accent = {0, 0, 0},
      .accentText = {255, 255, 0},
      .pictogramTile = {0, 0, 0},
  };
  return p;
}

std::vector<ColourPair> textPairs(const Palette& p) {
  return {
      {"body text", p.text, p.background},
      {"sources and hints", p.mutedText, p.background},
      {"title bar and toolbar", p.barText, p.barBackground},
      {"button label", p.buttonText, p.button},
      {"pressed button label", p.buttonText, p.buttonPressed},
      {"selected button label", p.railSelectedText, p.railSelected},
      {"warning banner and callouts", p.warningText, p.warningBackground},
      {"review badge", p.badgeText, p.badgeBackground},
      {"outdated translation badge", p.outdatedText, p.outdatedBackground},
      {"idle panel text", p.text, p.overlayPanel},
      {"idle panel hint", p.mutedText, p.overlayPanel},
      {"attract screen", p.accentText, p.accent},
  };
}

std::vector<ControlEdge> controlEdges(const Palette& p) {
  return {
      {"button on the page", p.buttonBorder, p.button, p.background},
      {"button on the toolbar", p.buttonBorder, p.button, p.barBackground},
      {"selected button on the page", p.buttonBorder, p.railSelected, p.background},
      {"selected button on the toolbar", p.buttonBorder, p.railSelected, p.barBackground},
      {"continue button on the idle panel", p.railSelected, p.railSelected, p.overlayPanel},
      {"warning callout", p.warningBorder, p.warningBackground, p.background},
  };
}

double relativeLuminance(Rgb c) {
  auto channel = [](std::uint8_t v) {
    double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrastRatio(Rgb a, Rgb b) {
  double la = relativeLuminance(a), lb = relativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace mk
