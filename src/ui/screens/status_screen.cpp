#include "ui/screens/status_screen.h"

#include "ui/screens/nurse_widgets.h"

namespace mk::ui {

std::vector<std::string> StatusScreen::lines(UiContext& ctx) {
  std::vector<std::string> out;
  out.push_back(ctx.strings.format("nurse.status_app", {{"version", std::string(MEDKIOSK_VERSION)}}));
  if (ContentDb* db = content_.db()) {
    const auto& info = db->info();
    MessageArgs args{{"version", static_cast<std::int64_t>(info.contentVersion)}};
    if (auto date = parseIsoDate(info.buildTime)) args.emplace_back("date", *date);
    out.push_back(ctx.strings.format("nurse.status_version", args));
  }
  const auto& s = nurse_.session();
  out.push_back(
      ctx.strings.format("nurse.status_languages",
                         {{"count", static_cast<std::int64_t>(content_.counsellingLocales(s.medicine).size())}}));
  if (nurse_.available())
    out.push_back(ctx.strings.format("nurse.status_records", {{"count", nurse_.recordCount()},
                                                              {"days", std::int64_t{nurse_.config().retentionDays}}}));
  else
    out.push_back(ctx.strings.get("nurse.records_unavailable"));
  return out;
}

void StatusScreen::draw(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = ctx.ems(1.0f);
  float width = ctx.size.x - 2 * m;
  float y = drawNurseHeader(ctx, nurse_, ctx.strings.get("nurse.status_title")) + m;
  for (const auto& line : lines(ctx))
    y += drawText(ctx, dl, ImVec2(m, y), width, line, FontRole::Body, ctx.palette.text) + m;
  float h = ctx.ems(3.4f), bw = std::min(width, ctx.ems(14.0f));
  float top = ctx.size.y - 2 * m - h;
  if (touchButton(ctx, "status.back", ImVec2((ctx.size.x - bw) * 0.5f, top), ImVec2((ctx.size.x + bw) * 0.5f, top + h),
                  ctx.strings.get("nurse.back_to_counselling"), normalButton(ctx.palette)))
    ctx.kiosk.showScreen(Screen::NurseHome, ctx.now);
}

}  // namespace mk::ui
