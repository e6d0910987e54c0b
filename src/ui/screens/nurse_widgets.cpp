#include "ui/screens/nurse_widgets.h"

#include <algorithm>

namespace mk::ui {

std::string stringIn(UiContext& ctx, const std::string& locale, const std::string& key) {
  ctx.strings.setLocale(locale);
  std::string s = ctx.strings.get(key);
  ctx.strings.setLocale(ctx.locale);
  return s;
}

std::string formatIn(UiContext& ctx, const std::string& locale, const std::string& key, const MessageArgs& args) {
  ctx.strings.setLocale(locale);
  std::string s = ctx.strings.format(key, args);
  ctx.strings.setLocale(ctx.locale);
  return s;
}

float drawNurseHeader(UiContext& ctx, NurseMode& nurse, const std::string& title) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  std::string logout = ctx.strings.get("nurse.logout");
  float buttonW = std::min(ctx.ems(9.0f), ctx.size.x * 0.35f);
  float textW = ctx.size.x - 3 * m - buttonW;
  float barH = std::max(ctx.ems(4.0f), textHeight(ctx, title, FontRole::Title, textW) +
                                           textHeight(ctx, nurse.nurse(), FontRole::Body, textW) + ctx.ems(2.2f));
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(ctx.size.x, barH), color(ctx.palette.barBackground));
  float y = m;
  y += drawText(ctx, dl, ImVec2(m, y), textW, title, FontRole::Title, ctx.palette.barText);
  if (nurse.signedIn())
    drawText(ctx, dl, ImVec2(m, y), textW, ctx.strings.format("nurse.signed_in", {{"nurse", nurse.nurse()}}),
             FontRole::Body, ctx.palette.barText);
  float bh = std::min(barH - 2 * m, ctx.ems(3.2f));
  if (nurse.signedIn() && touchButton(ctx, "nurse.logout", ImVec2(ctx.size.x - m - buttonW, (barH - bh) * 0.5f),
                                      ImVec2(ctx.size.x - m, (barH + bh) * 0.5f), logout, normalButton(ctx.palette))) {
    nurse.logout("logged out");
    ctx.kiosk.goHome(ctx.now);
  }
  return barH;
}

float buttonHeightFor(UiContext& ctx, const std::string& label, float width, float minEm) {
  return std::max(ctx.ems(minEm), textHeight(ctx, label, FontRole::Bold, width - ctx.ems(0.8f)) + ctx.ems(1.2f));
}

int buttonRow(UiContext& ctx, float x0, float x1, float y, float height, const std::vector<RowButton>& buttons) {
  if (buttons.empty()) return -1;
  const float gap = ctx.ems(0.8f);
  float w = (x1 - x0 - gap * static_cast<float>(buttons.size() - 1)) / static_cast<float>(buttons.size());
  int tapped = -1;
  for (size_t i = 0; i < buttons.size(); ++i) {
    float x = x0 + static_cast<float>(i) * (w + gap);
    const auto& b = buttons[i];
    if (!b.enabled) ImGui::BeginDisabled();
    ButtonStyle style = b.selected ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    if (!b.enabled) style.text = ctx.palette.mutedText;
    if (b.large) style.role = FontRole::Title;
    if (touchButton(ctx, b.id, ImVec2(x, y), ImVec2(x + w, y + height), b.label, style) && b.enabled)
      tapped = static_cast<int>(i);
    if (!b.enabled) ImGui::EndDisabled();
  }
  return tapped;
}

}  // namespace mk::ui
