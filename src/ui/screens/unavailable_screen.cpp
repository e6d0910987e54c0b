#include "ui/screens/unavailable_screen.h"

#include "ui/widgets.h"

namespace mk::ui {

void UnavailableScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(2.0f);
  float width = ctx.size.x - 2 * m;
  const std::string& title = ctx.strings.get("unavailable.title");
  const std::string& body = ctx.strings.get("unavailable.body");
  float h =
      textHeight(ctx, title, FontRole::Title, width) + ctx.ems(1.0f) + textHeight(ctx, body, FontRole::Heading, width);
  float y = (ctx.size.y - h) * 0.5f;
  y += drawText(ctx, dl, ImVec2(m, y), width, title, FontRole::Title, ctx.palette.text, true) + ctx.ems(1.0f);
  drawText(ctx, dl, ImVec2(m, y), width, body, FontRole::Heading, ctx.palette.text, true);
}

}  // namespace mk::ui
