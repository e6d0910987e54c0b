// The read-aloud buttons: play (pause / resume while reading), stop, from the start,
// quieter and louder, in rows that wrap with the length of their labels. Until reading
// starts only "read aloud" is there: the room is the text's (issue #15).
#include "ui/screens/brochure_screen.h"

#include <algorithm>
#include <iterator>

#include "core/session/ui_keys.h"
#include "ui/widgets.h"

namespace mk::ui {

namespace {
struct ReadButton {
  const char* id;
  const char* key;
};
constexpr ReadButton kReadButtons[] = {{"read.play", uiKey("brochure.read_aloud")},
                                       {"read.stop", uiKey("brochure.stop")},
                                       {"read.restart", uiKey("brochure.restart")},
                                       {"read.quieter", uiKey("brochure.quieter")},
                                       {"read.louder", uiKey("brochure.louder")}};
const char* readPictogram(std::string_view id) { return id == "read.play" ? "speaker" : nullptr; }
}  // namespace

std::size_t BrochureScreen::readButtonsShown() const {
  return reader_ && reader_->active() ? std::size(kReadButtons) : 1;  // play comes first
}

float BrochureScreen::readButtonWidth(UiContext& ctx, std::size_t i, float width) {
  ImFont* f = ctx.fonts.bold;
  const ReadButton& b = kReadButtons[i];
  float w = 0;
  for (const char* key : {b.key, uiKey("brochure.pause"), uiKey("brochure.resume")}) {
    if (key != b.key && std::string_view(b.id) != "read.play") continue;
    std::string t = ctx.strings.get(key);
    w = std::max(w, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x);
  }
  // The label, and what the button takes around it (padding, pictogram).
  return std::min(width, w + width - buttonLabelWidth(ctx, width, readPictogram(b.id)));
}

float BrochureScreen::layoutReadButtons(UiContext& ctx, Regions& r, ImVec2 origin, float width) {
  // A flow: buttons share a row while their labels fit without breaking a word,
  // and each row is stretched to the full width.
  const float gap = ctx.ems(0.4f);
  std::vector<float> want;
  for (std::size_t i = 0; i < readButtonsShown(); ++i) want.push_back(readButtonWidth(ctx, i, width));
  r.readButtons.clear();
  float y = origin.y;
  std::size_t i = 0;
  while (i < want.size()) {
    std::size_t end = i;
    float used = 0;
    while (end < want.size() && (end == i || used + gap + want[end] <= width)) {
      used += (end == i ? 0.0f : gap) + want[end];
      ++end;
    }
    float stretch =
        (width - gap * static_cast<float>(end - i - 1)) / std::max(1.0f, used - gap * static_cast<float>(end - i - 1));
    float rowH = ctx.controlHeight(0);
    for (std::size_t k = i; k < end; ++k)
      rowH = std::max(rowH, textHeight(ctx, ctx.strings.get(kReadButtons[k].key), FontRole::Bold,
                                       buttonLabelWidth(ctx, want[k] * stretch, readPictogram(kReadButtons[k].id))) +
                                ctx.ems(0.6f));  // the same as controlHeight
    float x = origin.x;
    for (std::size_t k = i; k < end; ++k) {
      float w = want[k] * stretch;
      r.readButtons.push_back({ImVec2(x, y), ImVec2(x + w, y + rowH)});
      x += w + gap;
    }
    y += rowH + gap;
    i = end;
  }
  return y - gap;
}

void BrochureScreen::drawReadAloudBar(UiContext& ctx, const Regions& r) {
  if (!reader_ || !reader_->available() || r.readButtons.size() != readButtonsShown()) return;
  bool active = reader_->active();
  for (std::size_t i = 0; i < r.readButtons.size(); ++i) {
    const auto& b = kReadButtons[i];
    std::string_view id = b.id;
    std::string label = ctx.strings.get(b.key);
    if (id == "read.play" && active) label = ctx.strings.get(reader_->paused() ? "brochure.resume" : "brochure.pause");
    ButtonStyle style = id == "read.play" && active ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    style.pictogram = readPictogram(id);
    if (touchButton(ctx, b.id, r.readButtons[i].first, r.readButtons[i].second, label, style)) pressReadButton(ctx, id);
  }
}

void BrochureScreen::pressReadButton(UiContext& ctx, std::string_view id) {
  auto& session = ctx.kiosk.session();
  ctx.kiosk.noteInput(ctx.now);
  if (id == "read.play") {
    if (!reader_->active()) {
      reader_->start(paragraphsToRead(ctx), readLocale_);
      ctx.kiosk.noteReadAloud(readLocale_, ctx.now);
    } else {
      reader_->setPaused(!reader_->paused());
    }
  } else if (id == "read.stop") {
    reader_->stop();
  } else if (id == "read.restart") {
    reader_->start(paragraphsToRead(ctx), readLocale_);
    ctx.kiosk.noteReadAloud(readLocale_, ctx.now);
  } else if (id == "read.quieter") {
    ctx.kiosk.setVolumeStep(session.volumeStep - 1, ctx.now);
  } else if (id == "read.louder") {
    ctx.kiosk.setVolumeStep(session.volumeStep + 1, ctx.now);
  }
}

std::vector<std::string> BrochureScreen::paragraphsToRead(UiContext& ctx) {
  std::vector<std::string> out;
  auto shown = content_.section(ctx.kiosk.session().medicine, ctx.kiosk.session().locale, ctx.kiosk.session().section);
  if (!shown) return out;
  readLocale_ = shown->locale;  // a fallen-back section is read in its own language
  out.push_back(shown->section->title);
  for (const auto& block : *shown->blocks) out.push_back(plainText(block));
  return out;
}

}  // namespace mk::ui
