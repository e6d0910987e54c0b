#include "ui/screens/brochure_column.h"

#include <algorithm>
#include <cmath>

#include "ui/widgets.h"

namespace mk::ui {

SectionColumn::SectionColumn(UiContext& ctx, ImVec2 origin, float width, Pass pass)
    : ctx_(ctx), dl_(pass == Pass::Draw ? ImGui::GetWindowDrawList() : nullptr), origin_(origin), width_(width) {}

void SectionColumn::space(float ems) { y_ += ctx_.ems(ems); }

void SectionColumn::text(std::string_view text, FontRole role, Rgb col, float afterEms) {
  float h = dl_ ? drawText(ctx_, dl_, at(), width_, text, role, col) : textHeight(ctx_, text, role, width_);
  y_ += h + ctx_.ems(afterEms);
}

void SectionColumn::note(std::string_view text) {
  float pad = ctx_.ems(0.35f);
  float h = textHeight(ctx_, text, FontRole::Body, width_ - 2 * pad);
  if (dl_) {
    ImVec2 a = at(), z = at(width_, h + 2 * pad);
    dl_->AddRectFilled(a, z, color(ctx_.palette.badgeBackground), ctx_.ems(0.3f));
    dl_->AddRect(a, z, color(ctx_.palette.badgeText), ctx_.ems(0.3f), 0, 2.0f);
    drawText(ctx_, dl_, at(pad, pad), width_ - 2 * pad, text, FontRole::Body, ctx_.palette.badgeText);
  }
  y_ += h + 2 * pad + ctx_.ems(0.3f);
}

void SectionColumn::outdatedNote(std::string_view text) {
  float pad = ctx_.ems(0.35f), bar = ctx_.ems(0.45f);
  float h = textHeight(ctx_, text, FontRole::Body, width_ - 2 * pad - bar);
  if (dl_) {
    ImVec2 a = at(), z = at(width_, h + 2 * pad);
    dl_->AddRectFilled(a, z, color(ctx_.palette.outdatedBackground), ctx_.ems(0.3f));
    dl_->AddRectFilled(a, ImVec2(a.x + bar, z.y), color(ctx_.palette.outdatedText), ctx_.ems(0.3f),
                       ImDrawFlags_RoundCornersLeft);
    drawText(ctx_, dl_, at(bar + pad, pad), width_ - 2 * pad - bar, text, FontRole::Body, ctx_.palette.outdatedText);
  }
  y_ += h + 2 * pad + ctx_.ems(0.3f);
}

void SectionColumn::highlight(std::string_view text) {
  float h = textHeight(ctx_, text, FontRole::Bold, width_ - ctx_.ems(1.0f)) + ctx_.ems(0.4f);
  if (dl_) {
    dl_->AddRectFilled(at(), at(width_, h), color(ctx_.palette.accent), ctx_.ems(0.2f));
    drawText(ctx_, dl_, at(ctx_.ems(0.5f), ctx_.ems(0.2f)), width_ - ctx_.ems(1.0f), text, FontRole::Bold,
             ctx_.palette.accentText);
  }
  y_ += h + ctx_.ems(0.3f);
}

bool SectionColumn::button(const char* id, std::string_view label) {
  float h = textHeight(ctx_, label, FontRole::Bold, width_ - ctx_.ems(0.8f)) + ctx_.ems(1.2f);
  h = std::max(h, ctx_.ems(2.6f));
  bool tapped = dl_ && touchButton(ctx_, id, at(), at(width_, h), label, normalButton(ctx_.palette));
  y_ += h;
  return tapped;
}

void SectionColumn::qrCode(const QrCode& code, float maxSide) {
  // drawQrCode adds a quiet zone of 4 modules on each side.
  const int modules = code.size + 8;
  float modulePx = std::max(2.0f, std::floor(maxSide / static_cast<float>(modules)));
  y_ += dl_ ? drawQrCode(dl_, code, at(), modulePx) : static_cast<float>(modules) * modulePx;
}

void SectionColumn::labelledCodes(const std::vector<LabelledCode>& codes, float maxSide) {
  if (codes.empty()) return;
  const float gap = ctx_.ems(1.0f), minSide = ctx_.ems(7.0f);
  auto n = static_cast<float>(codes.size());
  const bool together = (width_ - gap * (n - 1)) / n >= minSide;
  const size_t perRow = together ? codes.size() : 1;
  const float cw = together ? (width_ - gap * (n - 1)) / n : width_;
  for (size_t first = 0; first < codes.size(); first += perRow) {
    size_t last = std::min(codes.size(), first + perRow);
    float labelH = 0, urlH = 0;
    for (size_t i = first; i < last; ++i) {
      labelH = std::max(labelH, textHeight(ctx_, codes[i].label, FontRole::Bold, cw));
      urlH = std::max(urlH, textHeight(ctx_, codes[i].url, FontRole::Body, cw));
    }
    // Each code's modules are whole pixels; the row is as tall as its largest code.
    auto modulePx = [&](const QrCode& c) {
      return std::max(2.0f, std::floor(std::min(cw, maxSide) / static_cast<float>(c.size + 8)));
    };
    float side = 0;
    for (size_t i = first; i < last; ++i)
      side = std::max(side, modulePx(*codes[i].code) * static_cast<float>(codes[i].code->size + 8));
    for (size_t i = first; i < last && dl_; ++i) {
      float dx = static_cast<float>(i - first) * (cw + gap);
      drawText(ctx_, dl_, at(dx), cw, codes[i].label, FontRole::Bold, ctx_.palette.text);
      drawQrCode(dl_, *codes[i].code, at(dx, labelH + ctx_.ems(0.3f)), modulePx(*codes[i].code));
      drawText(ctx_, dl_, at(dx, labelH + side + ctx_.ems(0.6f)), cw, codes[i].url, FontRole::Body, ctx_.palette.text);
    }
    y_ += labelH + side + ctx_.ems(0.6f) + urlH + ctx_.ems(0.8f);
  }
}

}  // namespace mk::ui
