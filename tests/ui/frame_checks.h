#pragma once
// Checks on what the UI recorded for one frame.
#include <catch2/catch.hpp>
#include <string>

#include <unicode/uchar.h>

#include "core/base/unicode_text.h"

#include "ui/ui_context.h"

namespace mk::test {

// Every text drawn stays inside the box it was given (a button, a panel, a column).
inline void checkTextInsideBoxes(const ui::FrameRegistry& reg, const std::string& where) {
  REQUIRE_FALSE(reg.texts.empty());
  for (const auto& t : reg.texts) {
    INFO(where << ": '" << t.text << "' drawn " << t.textMin.x << "," << t.textMin.y << " - " << t.textMax.x << ","
               << t.textMax.y << " in " << t.boxMin.x << "," << t.boxMin.y << " - " << t.boxMax.x << "," << t.boxMax.y);
    CHECK(t.textMin.x >= t.boxMin.x - 1);
    CHECK(t.textMax.x <= t.boxMax.x + 1);
    CHECK(t.textMin.y >= t.boxMin.y - 1);
    CHECK(t.textMax.y <= t.boxMax.y + 1);
  }
}

// No line of a wrapped text ends inside a word: where one line ends with a letter, the
// next does not go on with one (an emergency break, as "Schwangerschaf" / "t").
inline void checkNoWordBroken(const ui::FrameRegistry& reg, const std::string& where) {
  for (const auto& t : reg.texts) {
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < t.lines.size(); ++i) {
      std::size_t found = t.text.find(t.lines[i], at);
      if (found == std::string::npos) break;
      at = found + t.lines[i].size();
      if (at == 0 || at >= t.text.size()) continue;
      std::size_t before = at - 1;
      while (before > 0 && (static_cast<unsigned char>(t.text[before]) & 0xC0) == 0x80) --before;
      std::size_t after = at;
      UChar32 last = static_cast<UChar32>(unicode::nextCodePoint(t.text, before));
      UChar32 next = static_cast<UChar32>(unicode::nextCodePoint(t.text, after));
      INFO(where << ": '" << t.text << "' broken after '" << t.lines[i] << "'");
      CHECK_FALSE((u_isalpha(last) && u_isalpha(next)));
    }
  }
}

// Every pictogram drawn stays inside its box (its button, or the screen).
inline void checkPicturesInsideBoxes(const ui::FrameRegistry& reg, const std::string& where) {
  for (const auto& p : reg.pictures) {
    INFO(where << ": pictogram '" << p.name << "' at " << p.min.x << "," << p.min.y << " - " << p.max.x << ","
               << p.max.y << " in " << p.boxMin.x << "," << p.boxMin.y << " - " << p.boxMax.x << "," << p.boxMax.y);
    CHECK(p.min.x >= p.boxMin.x);
    CHECK(p.max.x <= p.boxMax.x);
    CHECK(p.min.y >= p.boxMin.y);
    CHECK(p.max.y <= p.boxMax.y);
  }
}

}  // namespace mk::test
