#include "ui/screens/nurse_home_screen.h"

#include "core/session/ui_keys.h"
#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

float NurseHomeScreen::drawCategories(UiContext& ctx, float x, float y, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = x;
  float y0 = y;
  y += drawText(ctx, dl, ImVec2(m, y), width, ctx.strings.get("nurse.category_title"), FontRole::Heading,
                ctx.palette.text);
  y += ctx.ems(0.5f);
  for (auto id : kCategoryIds) {
    std::string key = categoryLabelKey(id);
    std::string label = ctx.strings.get(key);
    float h = buttonHeightFor(ctx, label, width, 3.4f);
    bool selected = nurse_.session().category == id;
    if (touchButton(ctx, key.c_str(), ImVec2(m, y), ImVec2(m + width, y + h), label,
                    selected ? selectedButton(ctx.palette) : normalButton(ctx.palette)))
      nurse_.session().category = std::string(id);
    y += h + ctx.ems(0.6f);
  }
  return y - y0;
}

float NurseHomeScreen::drawLanguageLine(UiContext& ctx, float x, float y, float width, bool patient) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = x;
  auto& s = nurse_.session();
  const std::string& locale = patient ? s.patientLocale : s.nurseLocale;
  std::string line = ctx.strings.format(patient ? "nurse.patient_language" : "nurse.nurse_language",
                                        {{"language", localeDisplayName(locale, locale)}});
  float buttonW = std::min(ctx.ems(9.0f), width * 0.4f);
  float textW = width - buttonW - ctx.ems(1.0f);
  float h = std::max(ctx.ems(3.2f), textHeight(ctx, line, FontRole::Bold, textW));
  drawText(ctx, dl, ImVec2(m, y + (h - textHeight(ctx, line, FontRole::Bold, textW)) * 0.5f), textW, line,
           FontRole::Bold, ctx.palette.text);
  const char* id = patient ? "nurse.change_patient_language" : "nurse.change_nurse_language";
  if (touchButton(ctx, id, ImVec2(m + width - buttonW, y), ImVec2(m + width, y + h), ctx.strings.get("nurse.change"),
                  normalButton(ctx.palette))) {
    s.choosingPatientLanguage = patient;
    ctx.kiosk.showScreen(Screen::NurseLanguage, ctx.now);
  }
  return h;
}

void NurseHomeScreen::start(UiContext& ctx) {
  auto& s = nurse_.session();
  // Ids and order come from the points in the patient's language, which the
  // content build guarantees are the English ones.
  const auto& points = content_.counselling(s.medicine, s.category, s.patientLocale).points;
  std::vector<std::string> ids;
  ids.reserve(points.size());
  for (const auto& p : points) ids.push_back(p.id);
  if (ids.empty()) return;
  nurse_.startWalkthrough(std::move(ids));
  ctx.kiosk.showScreen(Screen::Counselling, ctx.now);
}

float NurseHomeScreen::drawActions(UiContext& ctx, float x, float y, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = x;
  float y0 = y;
  std::string startLabel = ctx.strings.get("nurse.start");
  float h = buttonHeightFor(ctx, startLabel, width, 3.8f);
  if (buttonRow(ctx, m, m + width, y, h, {{"nurse.start", startLabel, !nurse_.session().category.empty(), false}}) == 0)
    start(ctx);
  y += h + ctx.ems(1.0f);
  std::string exportLabel = ctx.strings.get("nurse.export"), statusLabel = ctx.strings.get("nurse.status");
  h = std::max(buttonHeightFor(ctx, exportLabel, width / 2, 3.2f), buttonHeightFor(ctx, statusLabel, width / 2, 3.2f));
  int tapped =
      buttonRow(ctx, m, m + width, y, h,
                {{"nurse.export", exportLabel, nurse_.available(), false}, {"nurse.status", statusLabel, true, false}});
  auto& s = nurse_.session();
  if (tapped == 0) {
    nurse_.requestExport();  // written after this frame
  } else if (tapped == 1) {
    ctx.kiosk.showScreen(Screen::Status, ctx.now);
  }
  y += h + ctx.ems(0.6f);
  std::string note = !nurse_.available() ? ctx.strings.get("nurse.records_unavailable")
                     : s.exportState > 0
                         ? ctx.strings.format("nurse.export_done", {{"count", s.exportCount}, {"file", s.exportFile}})
                     : s.exportState < 0 ? ctx.strings.get("nurse.export_failed")
                                         : std::string();
  if (!note.empty()) y += drawText(ctx, dl, ImVec2(m, y), width, note, FontRole::Body, ctx.palette.text);
  return y - y0;
}

void NurseHomeScreen::draw(UiContext& ctx) {
  const float m = ctx.ems(1.0f);
  float top = drawNurseHeader(ctx, nurse_, ctx.strings.get("nurse.home_title")) + m;
  // Portrait: one column. Landscape: the groups on the left, the rest on the right.
  bool split = !ctx.portrait();
  float width = split ? (ctx.size.x - 3 * m) / 2 : ctx.size.x - 2 * m;
  float x2 = split ? 2 * m + width : m;
  float y = top + drawCategories(ctx, m, top, width) + ctx.ems(0.6f);
  if (split) y = top + ctx.ems(0.5f);
  y += drawLanguageLine(ctx, x2, y, width, true) + ctx.ems(0.6f);
  y += drawLanguageLine(ctx, x2, y, width, false) + ctx.ems(1.2f);
  drawActions(ctx, x2, y, width);
}

}  // namespace mk::ui
