#include "ui/screens/attract_screen.h"

#include "ui/widgets.h"

namespace mk::ui {

AttractScreen::AttractScreen(std::vector<std::string> cycleLocales, ContentView& content)
    : cycleLocales_(std::move(cycleLocales)), content_(content) {
  if (cycleLocales_.empty()) cycleLocales_.push_back("en");
}

void AttractScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::string& locale = cycleLocales_[ctx.kiosk.attractCycleIndex(ctx.now, cycleLocales_.size())];
  drawInvitation(ctx, dl, locale);
  drawMedicines(ctx, dl);
  if (content_.outOfDate()) drawOutOfDate(ctx, dl);
  // The whole screen is the start button.
  ImGui::SetCursorScreenPos(ImVec2(0, 0));
  if (ImGui::InvisibleButton("###attract.start", ctx.size)) ctx.kiosk.start(ctx.now);
  ctx.registry.targets.push_back({"attract.start", ImVec2(0, 0), ctx.size});
}

void AttractScreen::drawInvitation(UiContext& ctx, ImDrawList* dl, const std::string& locale) {
  // The invitation is shown in the cycling language, then the UI returns to the
  // kiosk's own language for the rest of the screen.
  std::string saved = ctx.strings.locale();
  ctx.strings.setLocale(locale);
  std::string invite = ctx.strings.get("attract.touch_to_start");
  std::string subtitle = ctx.strings.get("attract.subtitle");
  ctx.strings.setLocale(saved);
  std::string textLocale = ctx.locale;
  ctx.locale = locale;
  float margin = ctx.ems(2.0f);
  float width = ctx.size.x - 2 * margin;
  float h = textHeight(ctx, invite, FontRole::Title, width);
  float y = ctx.size.y * 0.36f - h * 0.5f;
  y += drawText(ctx, dl, ImVec2(margin, y), width, invite, FontRole::Title, ctx.palette.accentText, true);
  y += ctx.ems(1.0f);
  drawText(ctx, dl, ImVec2(margin, y), width, subtitle, FontRole::Heading, ctx.palette.accentText, true);
  ctx.locale = textLocale;
}

void AttractScreen::drawMedicines(UiContext& ctx, ImDrawList* dl) {
  float margin = ctx.ems(2.0f);
  float width = ctx.size.x - 2 * margin;
  float y = ctx.size.y * 0.68f;
  y += drawText(ctx, dl, ImVec2(margin, y), width, ctx.strings.get("attract.available"), FontRole::Body,
                ctx.palette.accentText, true);
  y += ctx.ems(0.5f);
  for (const auto& med : content_.medicines()) {
    // The brochure's own title in the kiosk's language ("Πομαλιδομίδη (Imnovid)").
    const LoadedBrochure* b = content_.brochure(med.id, ctx.locale);
    std::string name = b ? b->brochure.title : med.name;
    y += drawText(ctx, dl, ImVec2(margin, y), width, name, FontRole::Heading, ctx.palette.accentText, true);
    y += ctx.ems(0.3f);
  }
}

void AttractScreen::drawOutOfDate(UiContext& ctx, ImDrawList* dl) {
  float margin = ctx.ems(1.0f), pad = ctx.ems(0.6f);
  float width = ctx.size.x - 2 * margin - 2 * pad;
  std::string text = ctx.strings.get("brochure.out_of_date");
  float h = textHeight(ctx, text, FontRole::Bold, width);
  ImVec2 a(margin, margin), z(ctx.size.x - margin, margin + h + 2 * pad);
  dl->AddRectFilled(a, z, color(ctx.palette.warningBackground), ctx.ems(0.4f));
  dl->AddRect(a, z, color(ctx.palette.warningBorder), ctx.ems(0.4f), 0, ctx.ems(0.15f));
  drawText(ctx, dl, ImVec2(margin + pad, margin + pad), width, text, FontRole::Bold, ctx.palette.warningText);
}

}  // namespace mk::ui
