#include "ui/screens/attract_screen.h"

#include <algorithm>
#include <cmath>

#include "ui/widgets.h"

namespace mk::ui {

namespace {
constexpr float kHandEm = 5.0f;
constexpr float kGapEm = 1.2f;
}  // namespace

AttractScreen::AttractScreen(std::vector<std::string> cycleLocales, ContentView& content)
    : cycleLocales_(std::move(cycleLocales)), content_(content) {
  if (cycleLocales_.empty()) cycleLocales_.push_back("en");
}

ImVec2 AttractScreen::drift(std::int64_t step) {
  // Two slow sines of unrelated periods: a loop that takes hours to repeat exactly.
  double s = static_cast<double>(step);
  return ImVec2(kDriftEm * static_cast<float>(std::sin(s * 0.37)),
                kDriftEm * static_cast<float>(std::sin(s * 0.23 + 1.0)));
}

void AttractScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::int64_t step = ctx.kiosk.attractStep(ctx.now);
  const std::string& locale = cycleLocales_[static_cast<std::size_t>(step) % cycleLocales_.size()];
  // Everything on the picture is in the cycling language, then the UI returns to the
  // kiosk's own language.
  std::string textLocale = ctx.locale;
  ctx.locale = locale;
  Texts t = textsIn(ctx, locale);
  float margin = ctx.ems(2.0f) + ctx.ems(kDriftEm);
  float width = ctx.size.x - 2 * margin;
  float h = stackHeight(ctx, t, width);
  ImVec2 d = drift(step);
  float top = std::max(ctx.ems(kDriftEm), (ctx.size.y - h) * 0.5f + ctx.ems(d.y));
  drawStack(ctx, dl, t, ImVec2(margin + ctx.ems(d.x), top), width);
  ctx.locale = textLocale;
  if (content_.outOfDate()) drawOutOfDate(ctx, dl);
  // The whole screen is the start button.
  ImGui::SetCursorScreenPos(ImVec2(0, 0));
  if (ImGui::InvisibleButton("###attract.start", ctx.size)) ctx.kiosk.start(ctx.now);
  ctx.registry.targets.push_back({"attract.start", ImVec2(0, 0), ctx.size});
}

AttractScreen::Texts AttractScreen::textsIn(UiContext& ctx, const std::string& locale) {
  std::string saved = ctx.strings.locale();
  ctx.strings.setLocale(locale);
  Texts t{ctx.strings.get("attract.greeting"),
          ctx.strings.get("attract.touch_to_start"),
          ctx.strings.get("attract.subtitle"),
          ctx.strings.get("attract.available"),
          {}};
  ctx.strings.setLocale(saved);
  for (const auto& med : content_.medicines()) {
    // The brochure's own title in that language ("Πομαλιδομίδη (Imnovid)").
    // Only the title: the medicine's section texts are read when it is chosen.
    std::string title = content_.title(med.id, locale);
    t.medicines.push_back(title.empty() ? med.name : title);
  }
  return t;
}

float AttractScreen::stackHeight(UiContext& ctx, const Texts& t, float width) {
  float h = textHeight(ctx, t.greeting, FontRole::Title, width) + ctx.ems(kGapEm) + ctx.ems(kHandEm) + ctx.ems(kGapEm) +
            textHeight(ctx, t.invite, FontRole::Title, width) + ctx.ems(1.0f) +
            textHeight(ctx, t.subtitle, FontRole::Heading, width) + ctx.ems(3 * kGapEm) +
            textHeight(ctx, t.available, FontRole::Body, width) + ctx.ems(0.5f);
  for (const auto& m : t.medicines) h += textHeight(ctx, m, FontRole::Heading, width) + ctx.ems(0.3f);
  return h;
}

void AttractScreen::drawStack(UiContext& ctx, ImDrawList* dl, const Texts& t, ImVec2 origin, float width) {
  const Rgb ink = ctx.palette.accentText;
  float x = origin.x, y = origin.y;
  y += drawText(ctx, dl, ImVec2(x, y), width, t.greeting, FontRole::Title, ink, true) + ctx.ems(kGapEm);
  drawPictogram(ctx, dl, "hand", ImVec2(x + (width - ctx.ems(kHandEm)) * 0.5f, y), ctx.ems(kHandEm));
  y += ctx.ems(kHandEm) + ctx.ems(kGapEm);
  y += drawText(ctx, dl, ImVec2(x, y), width, t.invite, FontRole::Title, ink, true) + ctx.ems(1.0f);
  y += drawText(ctx, dl, ImVec2(x, y), width, t.subtitle, FontRole::Heading, ink, true) + ctx.ems(1.5f * kGapEm);
  // The medicines on offer, under a rule.
  float rule = std::min(width, ctx.ems(16.0f));
  dl->AddLine(ImVec2(x + (width - rule) * 0.5f, y), ImVec2(x + (width + rule) * 0.5f, y), color(ink, 0.6f),
              std::max(1.0f, ctx.ems(0.06f)));
  y += ctx.ems(1.5f * kGapEm);
  y += drawText(ctx, dl, ImVec2(x, y), width, t.available, FontRole::Body, ink, true) + ctx.ems(0.5f);
  for (const auto& m : t.medicines)
    y += drawText(ctx, dl, ImVec2(x, y), width, m, FontRole::Heading, ink, true) + ctx.ems(0.3f);
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
