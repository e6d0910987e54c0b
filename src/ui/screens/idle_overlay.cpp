#include "ui/screens/idle_overlay.h"

#include <algorithm>

#include "ui/widgets.h"

namespace mk::ui {

void IdleOverlay::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ctx.size, IM_COL32(0, 0, 0, 170));
  const float m = ctx.ems(1.2f);
  float w = std::min(ctx.size.x - 2 * m, ctx.ems(30.0f));
  float x = (ctx.size.x - w) * 0.5f, inner = w - 2 * m;
  std::string title = ctx.strings.get("idle.title");
  std::string countdown =
      ctx.strings.format("idle.countdown", {{"seconds", std::int64_t{ctx.kiosk.countdownSecondsLeft(ctx.now)}}});
  std::string privacy = ctx.strings.get("idle.privacy");
  std::string cont = ctx.strings.get("idle.continue");
  float buttonH = std::max(ctx.ems(3.6f), textHeight(ctx, cont, FontRole::Heading, inner) + ctx.ems(1.2f));
  float h = m + textHeight(ctx, title, FontRole::Title, inner) + m +
            textHeight(ctx, countdown, FontRole::Heading, inner) + m + textHeight(ctx, privacy, FontRole::Body, inner) +
            m + buttonH + m;
  float y = (ctx.size.y - h) * 0.5f;
  dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), color(ctx.palette.overlayPanel), ctx.ems(0.6f));
  dl->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), color(ctx.palette.buttonBorder), ctx.ems(0.6f), 0, ctx.ems(0.12f));
  y += m;
  y += drawText(ctx, dl, ImVec2(x + m, y), inner, title, FontRole::Title, ctx.palette.text, true) + m;
  y += drawText(ctx, dl, ImVec2(x + m, y), inner, countdown, FontRole::Heading, ctx.palette.text, true) + m;
  y += drawText(ctx, dl, ImVec2(x + m, y), inner, privacy, FontRole::Body, ctx.palette.mutedText, true) + m;
  // Drawn on the foreground list so it covers the screen below; the hit area is a
  // full-screen button, so any touch continues.
  ImVec2 a(x + m, y), z(x + w - m, y + buttonH);
  dl->AddRectFilled(a, z, color(ctx.palette.railSelected), ctx.ems(0.4f));
  float th = textHeight(ctx, cont, FontRole::Heading, inner - ctx.ems(0.8f));
  drawText(ctx, dl, ImVec2(a.x + ctx.ems(0.4f), a.y + (buttonH - th) * 0.5f), inner - ctx.ems(0.8f), cont,
           FontRole::Heading, ctx.palette.railSelectedText, true);
  ctx.registry.targets.push_back({"idle.continue", a, z});
}

}  // namespace mk::ui
