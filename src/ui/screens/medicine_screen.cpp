#include "ui/screens/medicine_screen.h"

#include "ui/widgets.h"

namespace mk::ui {

void MedicineScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f), h = ctx.ems(3.2f);
  float y = m;
  y += drawText(ctx, dl, ImVec2(m, y), ctx.size.x - 2 * m, ctx.strings.get("medicine.title"), FontRole::Title,
                ctx.palette.text, true);
  y += m;
  for (const auto& med : content_.medicines()) {
    std::string id = "medicine." + med.id;
    std::string label = med.brand.empty() ? med.name : med.name + " (" + med.brand + ")";
    if (touchButton(ctx, id.c_str(), ImVec2(m, y), ImVec2(ctx.size.x - m, y + h), label, normalButton(ctx.palette)))
      ctx.kiosk.chooseMedicine(med.id, ctx.now);
    y += h + m;
  }
}

}  // namespace mk::ui
