#include "ui/screens/nurse_language_screen.h"

#include <cmath>

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

void NurseLanguageScreen::draw(UiContext& ctx) {
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.6f);
  auto& s = nurse_.session();
  std::string title = ctx.strings.get(s.choosingPatientLanguage ? "nurse.choose_patient_language" : "nurse.choose_nurse_language");
  float y = drawNurseHeader(ctx, nurse_, title) + m;
  std::vector<std::string> locales = content_.counsellingLocales(s.medicine);
  std::vector<std::string> names;
  for (const auto& l : locales) names.push_back(localeDisplayName(l, l));
  std::vector<std::size_t> order = collationOrder(names, ctx.locale);

  float backH = ctx.ems(3.4f);
  float bottom = ctx.size.y - 2 * m - backH;
  float rowH = ctx.ems(3.0f);
  int rowsFit = std::max(1, static_cast<int>((bottom - y) / (rowH + gap)));
  int cols = std::max(2, static_cast<int>(std::ceil(static_cast<float>(locales.size()) / static_cast<float>(rowsFit))));
  float width = ctx.size.x - 2 * m;
  float cellW = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const std::string& current = s.choosingPatientLanguage ? s.patientLocale : s.nurseLocale;
  for (size_t k = 0; k < order.size(); ++k) {
    size_t i = order[k];
    float x = m + static_cast<float>(k % static_cast<size_t>(cols)) * (cellW + gap);
    float top = y + static_cast<float>(k / static_cast<size_t>(cols)) * (rowH + gap);
    std::string id = "nurse.language." + locales[i];
    if (touchButton(ctx, id.c_str(), ImVec2(x, top), ImVec2(x + cellW, top + rowH), names[i],
                    locales[i] == current ? selectedButton(ctx.palette) : normalButton(ctx.palette))) {
      (s.choosingPatientLanguage ? s.patientLocale : s.nurseLocale) = locales[i];
      ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
    }
  }
  float bw = std::min(width, ctx.ems(14.0f));
  if (touchButton(ctx, "nurse.back", ImVec2((ctx.size.x - bw) * 0.5f, bottom), ImVec2((ctx.size.x + bw) * 0.5f, bottom + backH),
                  ctx.strings.get("nurse.back"), normalButton(ctx.palette)))
    ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
}

}  // namespace mk::ui
