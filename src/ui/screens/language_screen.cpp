#include "ui/screens/language_screen.h"

#include <algorithm>

#include "ui/widgets.h"

namespace mk::ui {

void LanguageScreen::sortFor(const std::string& locale) {
  if (locale == sortedFor_) return;
  auto firstOther = std::stable_partition(choices_.begin(), choices_.end(), [](const auto& c) { return c.ofCountry; });
  std::vector<LanguageChoice> others(firstOther, choices_.end());
  std::vector<std::string> names;
  names.reserve(others.size());
  for (const auto& c : others) names.push_back(c.name);
  auto order = collationOrder(names, locale);
  for (std::size_t i = 0; i < order.size(); ++i) *(firstOther + static_cast<long>(i)) = others[order[i]];
  sortedFor_ = locale;
}

void LanguageScreen::draw(UiContext& ctx) {
  sortFor(ctx.locale);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float titleH = drawTitleBar(ctx, dl);
  listMin_ = ImVec2(0, titleH);
  listMax_ = ctx.size;
  auto& scroll = ctx.kiosk.session().languageScroll;
  scroll.setMax(contentHeight_ - (listMax_.y - listMin_.y));
  ImGui::PushClipRect(listMin_, listMax_, true);
  float y = titleH + m - scroll.offset();
  // With a configured country its languages always come first under a heading, so
  // their places do not depend on how many other languages there are.
  bool grouped = std::any_of(choices_.begin(), choices_.end(), [](const auto& c) { return c.ofCountry; });
  float start = y;
  if (grouped) {
    y = drawGroup(ctx, y, true, ctx.strings.get("language.country_languages"));
    y = drawGroup(ctx, y, false, ctx.strings.get("language.other_languages"));
  } else {
    y = drawGroup(ctx, y, true, std::string());
    y = drawGroup(ctx, y, false, std::string());
  }
  contentHeight_ = y - start + m;
  ImGui::PopClipRect();
}

// The title, centred between a way back on the left and the same room on the right;
// under the way back, across the screen, where a word of it would not fit there
// (large text in portrait).
float LanguageScreen::drawTitleBar(UiContext& ctx, ImDrawList* dl) {
  const float m = ctx.ems(1.0f), backW = ctx.ems(8.5f), backH = ctx.ems(2.8f);
  const std::string title = ctx.strings.get("language.title");
  const float besideW = ctx.size.x - 2 * (2 * m + backW);
  const bool below = longestWordWidth(ctx, title, FontRole::Title) > besideW;
  const float titleW = below ? ctx.size.x - 2 * m : besideW;
  const float textH = textHeight(ctx, title, FontRole::Title, titleW);
  float titleH = below ? backH + textH + 3 * m : std::max(textH, backH) + 2 * m;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(ctx.size.x, titleH), color(ctx.palette.barBackground));
  ImVec2 textAt = below ? ImVec2(m, backH + 2 * m) : ImVec2(2 * m + backW, (titleH - textH) / 2);
  drawText(ctx, dl, textAt, titleW, title, FontRole::Title, ctx.palette.barText, true);
  ImVec2 a(m, below ? m : (titleH - backH) / 2);
  ButtonStyle back = normalButton(ctx.palette);
  back.pictogram = "back";
  if (touchButton(ctx, "language.back", a, ImVec2(a.x + backW, a.y + backH), ctx.strings.get("language.back"), back))
    ctx.kiosk.leaveLanguageChoice(ctx.now);
  return titleH;
}

float LanguageScreen::drawGroup(UiContext& ctx, float y, bool ofCountry, const std::string& heading) {
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.6f), h = ctx.ems(2.8f);
  std::vector<const LanguageChoice*> group;
  for (const auto& c : choices_)
    if (c.ofCountry == ofCountry) group.push_back(&c);
  if (group.empty()) return y;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (!heading.empty()) {
    y += drawText(ctx, dl, ImVec2(m, y), ctx.size.x - 2 * m, heading, FontRole::Heading, ctx.palette.text);
    y += gap;
  }
  int cols = std::clamp(static_cast<int>((ctx.size.x - 2 * m) / ctx.ems(11.0f)), 1, 3);
  float cellW = (ctx.size.x - 2 * m - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
  for (size_t i = 0; i < group.size(); ++i) {
    int col = static_cast<int>(i) % cols;
    if (col == 0 && i > 0) y += h + gap;
    ImVec2 a(m + static_cast<float>(col) * (cellW + gap), y);
    std::string id = "language." + group[i]->locale;
    // Each name is laid out with its own language's line breaking rules.
    std::string saved = ctx.locale;
    ctx.locale = group[i]->locale;
    bool tapped =
        touchButton(ctx, id.c_str(), a, ImVec2(a.x + cellW, a.y + h), group[i]->name, normalButton(ctx.palette));
    ctx.locale = saved;
    if (tapped) ctx.kiosk.chooseLanguage(group[i]->locale, ctx.now);
  }
  return y + h + gap * 2;
}

void LanguageScreen::onGesture(UiContext& ctx, const GestureEvent& g) {
  if (g.startY < listMin_.y) return;
  auto& scroll = ctx.kiosk.session().languageScroll;
  if (g.kind == GestureEvent::Kind::DragMove) scroll.dragBy(g.dy);
  if (g.kind == GestureEvent::Kind::Fling) scroll.fling(g.vy);
  if (g.kind == GestureEvent::Kind::Press) scroll.stop();
}

}  // namespace mk::ui
