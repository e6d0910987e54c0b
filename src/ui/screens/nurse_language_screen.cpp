#include "ui/screens/nurse_language_screen.h"

#include <cmath>

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

// Endonyms sorted for the nurse's language: built once per medicine and language,
// not on every frame.
const NurseLanguageScreen::List& NurseLanguageScreen::languages(const std::string& medicine,
                                                                const std::string& uiLocale) {
  if (list_.medicine == medicine && list_.uiLocale == uiLocale) return list_;
  list_ = List{medicine, uiLocale, content_.counsellingLocales(medicine), {}, {}};
  for (const auto& l : list_.locales) list_.names.push_back(localeDisplayName(l, l));
  list_.order = collationOrder(list_.names, uiLocale);
  return list_;
}

void NurseLanguageScreen::draw(UiContext& ctx) {
  const float m = ctx.ems(1.0f), gap = ctx.ems(0.6f);
  auto& s = nurse_.session();
  std::string title =
      ctx.strings.get(s.choosingPatientLanguage ? "nurse.choose_patient_language" : "nurse.choose_nurse_language");
  float y = drawNurseHeader(ctx, nurse_, title) + m;
  const List& list = languages(s.medicine, ctx.locale);
  const std::vector<std::string>& locales = list.locales;
  const std::vector<std::string>& names = list.names;
  const std::vector<std::size_t>& order = list.order;

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
    size_t column = k % static_cast<size_t>(cols), row = k / static_cast<size_t>(cols);
    float x = m + static_cast<float>(column) * (cellW + gap);
    float top = y + static_cast<float>(row) * (rowH + gap);
    std::string id = "nurse.language." + locales[i];
    if (touchButton(ctx, id.c_str(), ImVec2(x, top), ImVec2(x + cellW, top + rowH), names[i],
                    locales[i] == current ? selectedButton(ctx.palette) : normalButton(ctx.palette))) {
      (s.choosingPatientLanguage ? s.patientLocale : s.nurseLocale) = locales[i];
      ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
    }
  }
  float bw = std::min(width, ctx.ems(14.0f));
  if (touchButton(ctx, "nurse.back", ImVec2((ctx.size.x - bw) * 0.5f, bottom),
                  ImVec2((ctx.size.x + bw) * 0.5f, bottom + backH), ctx.strings.get("nurse.back"),
                  normalButton(ctx.palette)))
    ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
}

}  // namespace mk::ui
