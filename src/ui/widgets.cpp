#include "ui/widgets.h"

#include <algorithm>

#include "ui/pictures.h"

namespace mk::ui {

ImU32 color(Rgb c, float alpha) { return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f)); }

ImFont* TextCache::fontFor(const FontSet& fonts, FontRole role, int style) {
  switch (role) {
    case FontRole::Title:
      return fonts.title;
    case FontRole::Heading:
      return fonts.heading;
    case FontRole::Bold:
      return fonts.bold;
    case FontRole::Body:
      return style == 1 ? fonts.bold : fonts.body;
  }
  return fonts.body;
}

LineBreaker& TextCache::breaker(const std::string& locale) {
  auto it = breakers_.find(locale);
  if (it == breakers_.end()) it = breakers_.emplace(locale, std::make_unique<LineBreaker>(locale)).first;
  return *it->second;
}

const std::vector<LaidOutLine>& TextCache::layout(const std::vector<StyledText>& spans, FontRole role, float width,
                                                  const FontSet& fonts, const std::string& locale) {
  std::string key = locale + '\x1f' + std::to_string(static_cast<int>(role)) + '\x1f' +
                    std::to_string(static_cast<int>(width)) + '\x1f' + std::to_string(fonts.em) + '\x1f';
  for (const auto& s : spans) {
    key += std::to_string(s.style);
    key += s.text;
    key += '\x1e';
  }
  auto it = lines_.find(key);
  if (it != lines_.end()) return it->second;
  MeasureFn measure = [&](std::string_view t, int style) {
    ImFont* f = fontFor(fonts, role, style);
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, t.data(), t.data() + t.size()).x;
  };
  auto lines = layoutParagraph(spans, width, measure, breaker(locale));
  return lines_.emplace(std::move(key), std::move(lines)).first->second;
}

ButtonStyle normalButton(const Palette& p) {
  return ButtonStyle{p.button, p.buttonPressed, p.buttonText, p.buttonBorder, FontRole::Bold, true};
}

ButtonStyle selectedButton(const Palette& p) {
  return ButtonStyle{p.railSelected, p.railSelected, p.railSelectedText, p.buttonBorder, FontRole::Bold, true};
}

float lineHeight(const FontSet& fonts, FontRole role) { return TextCache::fontFor(fonts, role, 0)->FontSize * 1.3f; }

namespace {
const std::vector<LaidOutLine>& plainLines(UiContext& ctx, std::string_view text, FontRole role, float width) {
  return ctx.text.layout({StyledText{std::string(text), 0}}, role, width, ctx.fonts, ctx.locale);
}
}  // namespace

void drawLabel(UiContext& ctx, ImDrawList* dl, const TextBox& box, std::string_view text, FontRole role, Rgb col) {
  ImFont* f = TextCache::fontFor(ctx.fonts, role, 0);
  ImVec2 size = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
  ImVec2 at((box.min.x + box.max.x - size.x) * 0.5f, (box.min.y + box.max.y - size.y) * 0.5f);
  dl->AddText(f, f->FontSize, at, color(col), text.data(), text.data() + text.size());
  ctx.registry.texts.push_back(
      {std::string(text), box.min, box.max, at, ImVec2(at.x + size.x, at.y + size.y), {std::string(text)}});
}

float textHeight(UiContext& ctx, std::string_view text, FontRole role, float width) {
  return static_cast<float>(plainLines(ctx, text, role, width).size()) * lineHeight(ctx.fonts, role);
}

float drawText(UiContext& ctx, ImDrawList* dl, ImVec2 pos, float width, std::string_view text, FontRole role, Rgb col,
               bool centered, const TextBox* box) {
  const auto& lines = plainLines(ctx, text, role, width);
  float lh = lineHeight(ctx.fonts, role);
  float y = pos.y;
  ImVec2 drawnMin(FLT_MAX, FLT_MAX), drawnMax(-FLT_MAX, -FLT_MAX);
  std::vector<std::string> shown;
  for (const auto& line : lines) {
    float x = pos.x + (centered ? (width - line.width) * 0.5f : 0.0f);
    shown.emplace_back();
    for (const auto& run : line.runs) {
      shown.back() += run.text;
      ImFont* f = TextCache::fontFor(ctx.fonts, role, run.style);
      ImVec2 at(x + run.x, y + (lh - f->FontSize) * 0.5f);
      const char* begin = run.text.data();
      const char* end = begin + run.text.size();
      dl->AddText(f, f->FontSize, at, color(col), begin, end);
      // The extent of the glyphs as drawn, measured apart from the layout.
      ImVec2 size = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, begin, end);
      drawnMin = ImVec2(std::min(drawnMin.x, at.x), std::min(drawnMin.y, at.y));
      drawnMax = ImVec2(std::max(drawnMax.x, at.x + size.x), std::max(drawnMax.y, at.y + size.y));
    }
    y += lh;
  }
  if (drawnMin.x <= drawnMax.x) {
    TextBox column{pos, ImVec2(pos.x + width, y)};
    const TextBox& b = box ? *box : column;
    ctx.registry.texts.push_back({std::string(text), b.min, b.max, drawnMin, drawnMax, std::move(shown)});
  }
  return y - pos.y;
}

namespace {
constexpr float kButtonPadEm = 0.4f;
constexpr float kButtonPictogramEm = 1.6f;
// Above a label (ButtonStyle::pictogramAbove) a little smaller, with a small gap, so
// that a row which needs it still leaves the text its share of the height.
constexpr float kPictogramAboveEm = 1.5f;
constexpr float kPictogramAboveGapEm = 0.1f;
}  // namespace

bool hasPictogram(const UiContext& ctx, const char* name) { return name && ctx.pictures && ctx.pictures->has(name); }

void drawPictogram(UiContext& ctx, ImDrawList* dl, std::string_view name, ImVec2 min, float side, const TextBox* box) {
  if (!ctx.pictures || !ctx.pictures->has(name)) return;
  ImVec2 max(min.x + side, min.y + side);
  dl->AddRectFilled(min, max, color(ctx.palette.pictogramTile), side * 0.12f);
  if (void* tex = ctx.pictures->texture(name, side, ctx.highContrast)) dl->AddImage(tex, min, max);
  TextBox screen{ImVec2(0, 0), ctx.size};
  const TextBox& b = box ? *box : screen;
  ctx.registry.pictures.push_back({std::string(name), min, max, b.min, b.max});
}

float buttonChromeEm(const UiContext& ctx, bool touchSize) {
  return touchSize && ctx.touchEm > 0 ? std::min(ctx.touchEm, ctx.em) : ctx.em;
}

float buttonLabelWidth(const UiContext& ctx, float buttonWidth, const char* pictogram, bool touchSizeChrome) {
  const float em = buttonChromeEm(ctx, touchSizeChrome);
  float w = buttonWidth - 2 * kButtonPadEm * em;
  if (hasPictogram(ctx, pictogram)) w -= (kButtonPictogramEm + kButtonPadEm) * em;
  return w;
}

float pictogramAboveHeight(const UiContext& ctx, bool touchSizeChrome) {
  const float em = buttonChromeEm(ctx, touchSizeChrome);
  return (kPictogramAboveEm + kPictogramAboveGapEm) * em;
}

float longestWordWidth(const UiContext& ctx, std::string_view label, FontRole role) {
  ImFont* f = TextCache::fontFor(ctx.fonts, role, 0);
  float widest = 0;
  for (std::size_t at = 0; at < label.size();) {
    std::size_t end = std::min(label.find_first_of(" \n", at), label.size());
    widest = std::max(widest, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.data() + at, label.data() + end).x);
    at = end + 1;
  }
  return widest;
}

bool wordsNeedPictogramAbove(const UiContext& ctx, float buttonWidth, std::string_view label,
                             const ButtonStyle& style) {
  if (!hasPictogram(ctx, style.pictogram)) return false;
  float word = longestWordWidth(ctx, label, style.role);
  return word > buttonLabelWidth(ctx, buttonWidth, style.pictogram, style.touchSizeChrome) &&
         word <= buttonLabelWidth(ctx, buttonWidth, nullptr, style.touchSizeChrome);
}

float buttonLabelHeight(UiContext& ctx, float buttonWidth, std::string_view label, const ButtonStyle& style) {
  const bool above = style.pictogramAbove && hasPictogram(ctx, style.pictogram);
  float width = buttonLabelWidth(ctx, buttonWidth, above ? nullptr : style.pictogram, style.touchSizeChrome);
  return textHeight(ctx, label, style.role, width) + (above ? pictogramAboveHeight(ctx, style.touchSizeChrome) : 0.0f);
}

bool touchButton(UiContext& ctx, const char* id, ImVec2 min, ImVec2 max, std::string_view label,
                 const ButtonStyle& style) {
  ImGui::SetCursorScreenPos(min);
  std::string imguiId = std::string("###") + id;
  bool clicked = ImGui::InvisibleButton(imguiId.c_str(), ImVec2(max.x - min.x, max.y - min.y));
  bool pressed = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float rounding = ctx.ems(0.35f);
  dl->AddRectFilled(min, max, color(pressed ? style.fillPressed : style.fill), rounding);
  dl->AddRect(min, max, color(style.border), rounding, 0, std::max(2.0f, ctx.ems(0.08f)));
  const float em = buttonChromeEm(ctx, style.touchSizeChrome);
  float pad = kButtonPadEm * em;
  const bool above = style.pictogramAbove && hasPictogram(ctx, style.pictogram);
  float width = buttonLabelWidth(ctx, max.x - min.x, above ? nullptr : style.pictogram, style.touchSizeChrome);
  float h = textHeight(ctx, label, style.role, width);
  float stack = above ? pictogramAboveHeight(ctx, style.touchSizeChrome) : 0.0f;
  float y = min.y + std::max(pad * 0.5f, (max.y - min.y - h - stack) * 0.5f);
  ImVec2 textPos(max.x - pad - width, y + stack);
  dl->PushClipRect(min, max, true);
  // The label must fit in the button: the button is its box.
  TextBox button{min, max};
  if (above) {
    float side = kPictogramAboveEm * em;
    drawPictogram(ctx, dl, style.pictogram, ImVec2((min.x + max.x - side) * 0.5f, y), side, &button);
  } else if (hasPictogram(ctx, style.pictogram)) {
    float side = std::min(kButtonPictogramEm * em, max.y - min.y - pad);
    drawPictogram(ctx, dl, style.pictogram, ImVec2(min.x + pad, (min.y + max.y - side) * 0.5f), side, &button);
  }
  drawText(ctx, dl, textPos, width, label, style.role, style.text, style.centered, &button);
  dl->PopClipRect();
  // Only the visible part of a button in scrolling content can be touched.
  ImVec2 clipMin = dl->GetClipRectMin(), clipMax = dl->GetClipRectMax();
  ImVec2 a(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
  ImVec2 z(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
  if (a.x < z.x && a.y < z.y)
    ctx.registry.targets.push_back({id, a, z, a.x != min.x || a.y != min.y || z.x != max.x || z.y != max.y});
  return clicked;
}

float drawQrCode(ImDrawList* dl, const QrCode& code, ImVec2 pos, float modulePx) {
  constexpr int kQuietModules = 4;
  float side = static_cast<float>(code.size + 2 * kQuietModules) * modulePx;
  dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255));
  ImVec2 origin(pos.x + kQuietModules * modulePx, pos.y + kQuietModules * modulePx);
  for (int y = 0; y < code.size; ++y) {
    // One rectangle per horizontal run of dark modules.
    for (int x = 0; x < code.size;) {
      if (!code.at(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < code.size && code.at(end, y)) ++end;
      dl->AddRectFilled(
          ImVec2(origin.x + static_cast<float>(x) * modulePx, origin.y + static_cast<float>(y) * modulePx),
          ImVec2(origin.x + static_cast<float>(end) * modulePx, origin.y + static_cast<float>(y + 1) * modulePx),
          IM_COL32(0, 0, 0, 255));
      x = end;
    }
  }
  return side;
}

}  // namespace mk::ui
