#include "ui/screens/pin_screen.h"

#include <algorithm>

#include "core/nurse/nurse_auth.h"
#include "ui/screens/nurse_widgets.h"

namespace mk::ui {
namespace {
constexpr int kClear = 10, kOk = 11;
constexpr int kLayout[4][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {kClear, 0, kOk}};
constexpr const char* kKeyIds[] = {"pin.0", "pin.1", "pin.2", "pin.3", "pin.4",     "pin.5",
                                   "pin.6", "pin.7", "pin.8", "pin.9", "pin.clear", "pin.ok"};
}  // namespace

float PinScreen::drawDots(UiContext& ctx, float y) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ctx.ems(0.5f), gap = ctx.ems(0.7f);
  size_t n = nurse_.pinEntry().size();
  size_t shown = std::max<size_t>(kMinPinDigits, n);
  float total = static_cast<float>(shown) * 2 * r + static_cast<float>(shown - 1) * gap;
  float x = (ctx.size.x - total) * 0.5f + r;
  for (size_t i = 0; i < shown; ++i, x += 2 * r + gap) {
    if (i < n)
      dl->AddCircleFilled(ImVec2(x, y + r), r, color(ctx.palette.text));
    else
      dl->AddCircle(ImVec2(x, y + r), r, color(ctx.palette.text), 0, std::max(2.0f, ctx.ems(0.08f)));
  }
  return 2 * r;
}

float PinScreen::drawMessage(UiContext& ctx, float y, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string text;
  if (!nurse_.available() && !nurse_.unavailableReason().empty()) {
    text = ctx.strings.get("nurse.records_unavailable");
  } else if (std::int64_t locked = nurse_.lockedFor(); locked > 0) {
    text = ctx.strings.format("nurse.pin_locked", {{"seconds", locked}});
  } else if (const auto& a = nurse_.lastAttempt(); a && a->outcome == PinAttempt::Outcome::Wrong) {
    text = ctx.strings.format("nurse.pin_wrong", {{"left", std::int64_t{a->triesLeft}}});
  }
  float h =
      std::max(textHeight(ctx, "0", FontRole::Heading, width) * 2, textHeight(ctx, text, FontRole::Heading, width));
  if (!text.empty())
    drawText(ctx, dl, ImVec2((ctx.size.x - width) * 0.5f, y), width, text, FontRole::Heading, ctx.palette.text, true);
  return h;
}

void PinScreen::press(UiContext& ctx, int key) {
  nurse_.noteInput(ctx.now);
  std::string& pin = nurse_.pinEntry();
  if (key == kClear) {
    pin.clear();
  } else if (key == kOk) {
    if (nurse_.submitPin(ctx.now).outcome == PinAttempt::Outcome::Accepted) {
      auto& s = nurse_.session();
      s.medicine = ctx.kiosk.medicines().empty() ? std::string() : ctx.kiosk.medicines().front();
      s.patientLocale = s.nurseLocale = ctx.kiosk.config().defaultLocale;
      ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
    }
  } else if (pin.size() < kMaxPinDigits) {
    pin += static_cast<char>('0' + key);
  }
}

void PinScreen::drawKeys(UiContext& ctx, float top, float bottom) {
  const float gap = ctx.ems(0.8f);
  float width = std::min(ctx.size.x - ctx.ems(2.0f), ctx.ems(26.0f));
  float keyH = std::min(ctx.ems(5.0f), (bottom - top - 3 * gap) / 4);
  float x0 = (ctx.size.x - width) * 0.5f;
  bool locked = nurse_.lockedFor() > 0 || !nurse_.available();
  for (int row = 0; row < 4; ++row) {
    std::vector<RowButton> keys;
    for (int key : kLayout[row]) {
      std::string label = key == kClear ? ctx.strings.get("nurse.clear")
                          : key == kOk  ? ctx.strings.get("nurse.ok")
                                        : std::to_string(key);
      keys.push_back({kKeyIds[key], label, !locked, false, key < 10});
    }
    int tapped = buttonRow(ctx, x0, x0 + width, top + static_cast<float>(row) * (keyH + gap), keyH, keys);
    if (tapped >= 0) press(ctx, kLayout[row][tapped]);
  }
}

void PinScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  float y = ctx.ems(4.0f);  // clear of the corner that was held
  y += drawText(ctx, dl, ImVec2(m, y), width, ctx.strings.get("nurse.pin_title"), FontRole::Title, ctx.palette.text,
                true);
  y += m;
  y += drawDots(ctx, y) + m;
  y += drawMessage(ctx, y, width) + m;
  float cancelH = ctx.ems(3.4f);
  float bottom = ctx.size.y - 2 * m - cancelH;
  drawKeys(ctx, y, bottom - m);
  float cw = std::min(width, ctx.ems(14.0f));
  if (touchButton(ctx, "pin.cancel", ImVec2((ctx.size.x - cw) * 0.5f, bottom),
                  ImVec2((ctx.size.x + cw) * 0.5f, bottom + cancelH), ctx.strings.get("nurse.cancel"),
                  normalButton(ctx.palette))) {
    nurse_.cancelPad();
    ctx.kiosk.goHome(ctx.now);
  }
}

}  // namespace mk::ui
