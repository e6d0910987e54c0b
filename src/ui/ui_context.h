#pragma once
// What every screen gets for one frame: core state, strings, fonts, palette, the
// time, the screen size in em, and the registry of what was drawn (for tests).
#include <imgui.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/i18n/ui_strings.h"
#include "core/layout/palette.h"
#include "core/layout/text_layout.h"
#include "core/session/kiosk_state.h"
#include "ui/fonts.h"

namespace mk::ui {

class Pictures;

enum class FontRole { Body, Bold, Heading, Title };

ImU32 color(Rgb c, float alpha = 1.0f);

// Per-frame record of interactive targets and text boxes. Tests read it to check
// touch sizes and that no text leaves its box; the replay reads it to tap by id.
struct FrameRegistry {
  struct Target {
    std::string id;
    ImVec2 min, max;       // the part that can be touched (inside the clip rectangle)
    bool partial = false;  // partly scrolled out of view
  };
  struct Text {
    std::string text;
    ImVec2 boxMin, boxMax;           // where the text is allowed to be
    ImVec2 textMin, textMax;         // where it was drawn
    std::vector<std::string> lines;  // as broken into lines (one for a single line of a document)
  };
  struct Picture {
    std::string name;  // the pictogram, as in assets/pictograms
    ImVec2 min, max;
    ImVec2 boxMin, boxMax;  // where it is allowed to be (its button, the screen)
  };
  std::vector<Target> targets;
  std::vector<Text> texts;
  std::vector<Picture> pictures;
  void clear() {
    targets.clear();
    texts.clear();
    pictures.clear();
  }
};

// Laid-out paragraphs, cached by text, font, width and locale; one ICU line
// breaker per language.
class TextCache {
 public:
  const std::vector<LaidOutLine>& layout(const std::vector<StyledText>& spans, FontRole role, float width,
                                         const FontSet& fonts, const std::string& locale);
  void clear() {
    lines_.clear();
    breakers_.clear();
  }
  // Called between frames (never during one: layout() hands out references). Keeps
  // the cache from growing without bound over days of use; it refills on demand.
  void trim() {
    if (lines_.size() > kMaxEntries) lines_.clear();
  }
  static ImFont* fontFor(const FontSet& fonts, FontRole role, int style);

 private:
  LineBreaker& breaker(const std::string& locale);
  std::unordered_map<std::string, std::unique_ptr<LineBreaker>> breakers_;
  std::unordered_map<std::string, std::vector<LaidOutLine>> lines_;
  static constexpr std::size_t kMaxEntries = 2048;
};

struct UiContext {
  Kiosk& kiosk;
  UiStrings& strings;
  const FontSet& fonts;
  const Palette& palette;
  TextCache& text;
  FrameRegistry& registry;
  std::int64_t now = 0;
  ImVec2 size;
  float em = 16;
  std::string locale;            // language of the strings and content on screen
  Pictures* pictures = nullptr;  // none in tests that draw no pictograms
  bool highContrast = false;
  float touchEm = 0;  // the em of the smallest text size: controls keep their size in it

  bool portrait() const { return size.y >= size.x; }
  float ems(float n) const { return n * em; }
  // The height of a control: room for its label, and at least 2.6 em of the smallest
  // text size. Larger text makes the labels larger, not the buttons taller than their
  // labels need: at text size 3 that leaves the room to the text (issue #15).
  float controlHeight(float labelHeight) const {
    return std::max(2.6f * (touchEm > 0 ? touchEm : em), labelHeight + ems(0.6f));
  }
};

}  // namespace mk::ui
