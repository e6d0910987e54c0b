#pragma once
// Checks on what the UI recorded for one frame.
#include <catch2/catch.hpp>
#include <string>

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
