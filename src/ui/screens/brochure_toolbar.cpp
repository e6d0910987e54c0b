// The toolbar: home, language, the three text sizes and contrast in one or two rows;
// or, where large text leaves no room for them (portrait), home, language and one
// "Text size" button that opens a panel over the text with the sizes and contrast.
#include <algorithm>
#include <iterator>

#include "ui/screens/brochure_screen.h"
#include "ui/widgets.h"

namespace mk::ui {

namespace {
struct ToolbarButton {
  const char* id;
  const char* pictogram;
};
constexpr ToolbarButton kCompactToolbar[] = {
    {"brochure.home", "home"}, {"brochure.language", "language"}, {"brochure.text_size", "text-size"}};

// Above and below the compact toolbar's row: in the em of text size 1 where the
// pictograms sit above the labels, so that the taller row leaves the text its room.
float compactPadY(const UiContext& ctx, bool picturesAbove) { return 0.6f * buttonChromeEm(ctx, picturesAbove); }
}  // namespace

void BrochureScreen::drawToolbar(UiContext& ctx, const Regions& r) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(r.toolbarMin, r.toolbarMax, color(ctx.palette.barBackground));
  if (r.compactToolbar) {
    drawCompactToolbar(ctx, r);
    return;
  }
  const float m = ctx.ems(0.6f), h = r.toolbarRowHeight;
  const float W = r.toolbarMax.x;
  bool twoRows = (r.toolbarMax.y - r.toolbarMin.y) > 2 * h + m;
  auto& session = ctx.kiosk.session();
  float rowY = r.toolbarMin.y + m;
  // Row 1 (or left part): home and language.
  float half = (W - 3 * m) * 0.5f;
  float homeW = twoRows ? half : r.toolbarHomeWidth, languageW = twoRows ? half : r.toolbarLanguageWidth;
  ImVec2 a(m, rowY);
  ButtonStyle home = normalButton(ctx.palette), language = normalButton(ctx.palette);
  home.pictogram = r.toolbarPictures ? "home" : nullptr;
  language.pictogram = r.toolbarPictures ? "language" : nullptr;
  if (touchButton(ctx, "brochure.home", a, ImVec2(a.x + homeW, a.y + h), ctx.strings.get("brochure.home"), home))
    ctx.kiosk.goHome(ctx.now);
  a.x += homeW + m;
  if (touchButton(ctx, "brochure.language", a, ImVec2(a.x + languageW, a.y + h), ctx.strings.get("brochure.language"),
                  language))
    ctx.kiosk.changeLanguage(ctx.now);
  if (twoRows) {
    a = ImVec2(m, rowY + h + m);
  } else {
    a.x += languageW + m;
  }
  // Text size: three "A" buttons of growing size.
  float sizeW = ctx.ems(3.0f);
  for (int step = 1; step <= 3; ++step) {
    std::string id = "brochure.text_size." + std::to_string(step);
    ButtonStyle st = session.textSize == step ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    st.role = step == 1 ? FontRole::Body : (step == 2 ? FontRole::Bold : FontRole::Heading);
    if (touchButton(ctx, id.c_str(), a, ImVec2(a.x + sizeW, a.y + h), "A", st)) ctx.kiosk.setTextSize(step, ctx.now);
    a.x += sizeW + m * 0.5f;
  }
  a.x += m * 0.5f;
  ButtonStyle contrast = session.highContrast ? selectedButton(ctx.palette) : normalButton(ctx.palette);
  contrast.pictogram = r.toolbarPictures ? "contrast" : nullptr;
  if (touchButton(ctx, "brochure.contrast", a, ImVec2(W - m, a.y + h), ctx.strings.get("brochure.contrast"), contrast))
    ctx.kiosk.setHighContrast(!session.highContrast, ctx.now);
}

float BrochureScreen::compactToolbarHeight(UiContext& ctx, float width, Regions& r) {
  const float m = ctx.ems(0.6f);
  const float room = width - 2 * m;
  ImFont* f = ctx.fonts.bold;
  // Each button as wide as its label wants on one line (with half an em to spare),
  // the rest shared out; with pictograms where they fit so, else with pictograms and
  // padding the size they have at text size 1, else with those above the labels (long
  // labels, as in Spanish or Romanian at the largest text size).
  auto natural = [&](bool pictures, bool small) {
    std::vector<float> w;
    for (const auto& b : kCompactToolbar) {
      std::string t = ctx.strings.get(b.id);
      float chrome = room - buttonLabelWidth(ctx, room, pictures ? b.pictogram : nullptr, small);
      w.push_back(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x + chrome + 0.5f * buttonChromeEm(ctx, small));
    }
    return w;
  };
  auto sum = [](const std::vector<float>& w) { return w[0] + w[1] + w[2]; };
  r.toolbarSmallPictures = sum(natural(true, false)) > room;
  r.toolbarPicturesAbove = sum(natural(true, r.toolbarSmallPictures)) > room;
  r.toolbarPictures = true;
  if (r.toolbarPicturesAbove) r.toolbarSmallPictures = true;
  const bool beside = !r.toolbarPicturesAbove;
  std::vector<float> cells = natural(beside, r.toolbarSmallPictures);
  if (sum(cells) > room) cells.assign(3, 0.0f);  // labels wrap: equal widths
  float spare = (room - sum(cells)) / 3;
  for (float& c : cells) c += spare;
  float tallest = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& b = kCompactToolbar[i];
    tallest = std::max(
        tallest, textHeight(ctx, ctx.strings.get(b.id), FontRole::Bold,
                            buttonLabelWidth(ctx, cells[i], beside ? b.pictogram : nullptr, r.toolbarSmallPictures)));
  }
  r.compactToolbar = true;
  r.toolbarCells = cells;
  const float touch = buttonChromeEm(ctx, true);
  r.toolbarRowHeight = r.toolbarPicturesAbove
                           ? std::max(2.6f * touch, tallest + pictogramAboveHeight(ctx, true) + 0.6f * touch)
                           : ctx.controlHeight(tallest);
  return r.toolbarRowHeight + 2 * compactPadY(ctx, r.toolbarPicturesAbove);
}

void BrochureScreen::drawCompactToolbar(UiContext& ctx, const Regions& r) {
  const float m = ctx.ems(0.6f);
  auto& session = ctx.kiosk.session();
  ImVec2 a(r.toolbarMin.x + m, r.toolbarMin.y + compactPadY(ctx, r.toolbarPicturesAbove));
  for (std::size_t i = 0; i < std::size(kCompactToolbar); ++i) {
    const auto& b = kCompactToolbar[i];
    std::string_view id = b.id;
    bool open = id == "brochure.text_size" && session.displayMenuOpen;
    ButtonStyle style = open ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    style.pictogram = r.toolbarPictures ? b.pictogram : nullptr;
    style.touchSizeChrome = r.toolbarSmallPictures;
    style.pictogramAbove = r.toolbarPicturesAbove;
    float cell = r.toolbarCells[i];
    if (touchButton(ctx, b.id, a, ImVec2(a.x + cell, a.y + r.toolbarRowHeight), ctx.strings.get(b.id), style)) {
      if (id == "brochure.home")
        ctx.kiosk.goHome(ctx.now);
      else if (id == "brochure.language")
        ctx.kiosk.changeLanguage(ctx.now);
      else
        ctx.kiosk.setDisplayMenuOpen(!open, ctx.now);
    }
    a.x += cell + m;
  }
}

void BrochureScreen::drawDisplayMenu(UiContext& ctx, const Regions& r) {
  // Over the reading area, with the same target ids as the full toolbar's buttons:
  // the three sizes in a row, contrast below them.
  ImGui::GetWindowDrawList()->AddRectFilled(r.contentMin, r.contentMax, color(ctx.palette.background));
  const float m = ctx.ems(0.6f);
  const float w = r.contentMax.x - r.contentMin.x;
  auto& session = ctx.kiosk.session();
  ImVec2 a(r.contentMin.x, r.contentMin.y + m * 0.5f);
  const float sizeW = (w - 2 * m) / 3, sizeH = ctx.ems(3.2f);
  for (int step = 1; step <= 3; ++step) {
    std::string id = "brochure.text_size." + std::to_string(step);
    ButtonStyle st = session.textSize == step ? selectedButton(ctx.palette) : normalButton(ctx.palette);
    st.role = step == 1 ? FontRole::Body : (step == 2 ? FontRole::Bold : FontRole::Heading);
    if (touchButton(ctx, id.c_str(), a, ImVec2(a.x + sizeW, a.y + sizeH), "A", st))
      ctx.kiosk.setTextSize(step, ctx.now);
    a.x += sizeW + m;
  }
  ButtonStyle contrast = session.highContrast ? selectedButton(ctx.palette) : normalButton(ctx.palette);
  contrast.pictogram = "contrast";
  std::string label = ctx.strings.get("brochure.contrast");
  float h = ctx.controlHeight(textHeight(ctx, label, FontRole::Bold, buttonLabelWidth(ctx, w, "contrast")));
  a = ImVec2(r.contentMin.x, a.y + sizeH + m);
  if (touchButton(ctx, "brochure.contrast", a, ImVec2(r.contentMax.x, a.y + h), label, contrast))
    ctx.kiosk.setHighContrast(!session.highContrast, ctx.now);
}

}  // namespace mk::ui
