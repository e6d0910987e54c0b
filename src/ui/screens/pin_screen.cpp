#include "ui/screens/pin_screen.h"

#include <algorithm>
#include <cmath>

#include "core/nurse/nurse_auth.h"
#include "ui/screens/nurse_widgets.h"

namespace mk::ui {
namespace {
constexpr int kClear = 10, kOk = 11;
constexpr int kLayout[4][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {kClear, 0, kOk}};
constexpr const char* kKeyIds[] = {"pin.0", "pin.1", "pin.2", "pin.3", "pin.4",     "pin.5",
                                   "pin.6", "pin.7", "pin.8", "pin.9", "pin.clear", "pin.ok"};
constexpr float kTopEm = 4.0f;  // clear of the corner that was held
constexpr float kCancelEm = 3.4f;
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

std::string PinScreen::padMessage(UiContext& ctx) {
  if (!nurse_.available() && !nurse_.unavailableReason().empty()) return ctx.strings.get("nurse.records_unavailable");
  if (nurse_.checking()) return ctx.strings.get("nurse.checking");
  if (nurse_.lockedToday()) return ctx.strings.get("nurse.locked_today");
  if (std::int64_t locked = nurse_.lockedFor(); locked > 0)
    return ctx.strings.format("nurse.pin_locked", {{"seconds", locked}});
  if (const auto& a = nurse_.lastAttempt(); a && a->outcome == PinAttempt::Outcome::Wrong)
    return ctx.strings.format("nurse.pin_wrong", {{"left", std::int64_t{a->triesLeft}}});
  return {};
}

float PinScreen::drawMessage(UiContext& ctx, float y, float width, const std::string& text) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
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
    wipePin(pin);
  } else if (key == kOk) {
    nurse_.requestPinCheck();  // checked after this frame, on a worker thread
  } else if (pin.size() < kMaxPinDigits) {
    pin += static_cast<char>('0' + key);
  }
}

void PinScreen::drawKeys(UiContext& ctx, float top, float bottom) {
  const float gap = ctx.ems(0.8f);
  float width = std::min(ctx.size.x - ctx.ems(2.0f), ctx.ems(26.0f));
  float keyH = std::min(ctx.ems(5.0f), (bottom - top - 3 * gap) / 4);
  float x0 = (ctx.size.x - width) * 0.5f;
  bool resting = nurse_.lockedFor() > 0 || !nurse_.available() || nurse_.checking();
  for (int row = 0; row < 4; ++row) {
    std::vector<RowButton> keys;
    for (int key : kLayout[row]) {
      std::string label = key == kClear ? ctx.strings.get("nurse.clear")
                          : key == kOk  ? ctx.strings.get("nurse.ok")
                                        : std::to_string(key);
      keys.push_back({kKeyIds[key], label, !resting, false, key < 10});
    }
    int tapped = buttonRow(ctx, x0, x0 + width, top + static_cast<float>(row) * (keyH + gap), keyH, keys);
    if (tapped >= 0) press(ctx, kLayout[row][tapped]);
  }
}

// Cancel alone on the list of names; beside "another name" on the pad.
void PinScreen::drawCancel(UiContext& ctx, float bottom, float height) {
  const float m = ctx.ems(1.0f);
  bool onPad = !nurse_.chosenNurse().empty();
  float w = std::min(ctx.size.x - 2 * m, ctx.ems(onPad ? 30.0f : 14.0f));
  std::vector<RowButton> row;
  if (onPad) row.push_back({"pin.other_nurse", ctx.strings.get("nurse.other_nurse"), !nurse_.checking()});
  row.push_back({"pin.cancel", ctx.strings.get("nurse.cancel"), !nurse_.checking()});
  int tapped = buttonRow(ctx, (ctx.size.x - w) * 0.5f, (ctx.size.x + w) * 0.5f, bottom, height, row);
  if (tapped < 0) return;
  nurse_.noteInput(ctx.now);
  if (onPad && tapped == 0) {
    nurse_.unchooseNurse();
    return;
  }
  nurse_.cancelPad();
  ctx.kiosk.goHome(ctx.now);
}

void PinScreen::drawNames(UiContext& ctx, float top, float bottom) {
  const auto& names = nurse_.padNurses();
  if (names.empty()) return;
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.6f), rowH = ctx.ems(3.0f);
  int rowsFit = std::max(1, static_cast<int>((bottom - top) / (rowH + gap)));
  int cols = std::max(2, static_cast<int>(std::ceil(static_cast<float>(names.size()) / static_cast<float>(rowsFit))));
  float cellW = (ctx.size.x - 2 * m - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  bool enabled = nurse_.available() && !nurse_.lockedToday();
  if (!enabled) ImGui::BeginDisabled();
  ButtonStyle style = normalButton(ctx.palette);
  if (!enabled) style.text = ctx.palette.mutedText;
  for (size_t k = 0; k < names.size(); ++k) {
    size_t column = k % static_cast<size_t>(cols), row = k / static_cast<size_t>(cols);
    float x = m + static_cast<float>(column) * (cellW + gap);
    float y = top + static_cast<float>(row) * (rowH + gap);
    std::string id = "pin.nurse." + std::to_string(k + 1);  // the nurse's number on this kiosk
    if (touchButton(ctx, id.c_str(), ImVec2(x, y), ImVec2(x + cellW, y + rowH), names[k], style) && enabled) {
      nurse_.noteInput(ctx.now);
      nurse_.chooseNurse(names[k]);
    }
  }
  if (!enabled) ImGui::EndDisabled();
}

void PinScreen::drawChooser(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  float y = ctx.ems(kTopEm);
  y += drawText(ctx, dl, ImVec2(m, y), width, ctx.strings.get("nurse.choose_title"), FontRole::Title, ctx.palette.text,
                true);
  y += m;
  std::string text;
  if (!nurse_.available() && !nurse_.unavailableReason().empty())
    text = ctx.strings.get("nurse.records_unavailable");
  else if (nurse_.lockedToday())
    text = ctx.strings.get("nurse.locked_today");
  else if (nurse_.padNurses().empty())
    text = ctx.strings.get("nurse.no_nurses");
  y += drawMessage(ctx, y, width, text) + m;
  float bottom = ctx.size.y - 2 * m - ctx.ems(kCancelEm);
  drawNames(ctx, y, bottom - m);
  drawCancel(ctx, bottom, ctx.ems(kCancelEm));
}

void PinScreen::drawPad(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  float y = ctx.ems(kTopEm);
  y += drawText(ctx, dl, ImVec2(m, y), width, ctx.strings.get("nurse.pin_title"), FontRole::Title, ctx.palette.text,
                true);
  y += drawText(ctx, dl, ImVec2(m, y), width, nurse_.chosenNurse(), FontRole::Heading, ctx.palette.text, true);
  y += m;
  y += drawDots(ctx, y) + m;
  y += drawMessage(ctx, y, width, padMessage(ctx)) + m;
  float bottom = ctx.size.y - 2 * m - ctx.ems(kCancelEm);
  drawKeys(ctx, y, bottom - m);
  drawCancel(ctx, bottom, ctx.ems(kCancelEm));
}

void PinScreen::draw(UiContext& ctx) {
  if (nurse_.chosenNurse().empty())
    drawChooser(ctx);
  else
    drawPad(ctx);
}

}  // namespace mk::ui
