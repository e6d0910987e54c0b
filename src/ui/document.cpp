#include "ui/document.h"

#include <algorithm>

#include "ui/widgets.h"

namespace mk::ui {
namespace {

std::vector<StyledText> toStyled(const Block& b) {
  std::vector<StyledText> out;
  for (const auto& s : b.spans) out.push_back(StyledText{s.text, s.bold ? 1 : 0});
  return out;
}

struct Cursor {
  float y = 0;
  bool inCallout = false;
  float calloutStart = 0;
};

}  // namespace

DocLayout layoutDocument(UiContext& ctx, const std::vector<Block>& blocks, float width) {
  DocLayout doc;
  doc.width = width;
  const float pad = ctx.ems(0.8f);
  const float paraGap = ctx.ems(0.6f);
  Cursor c;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.callout && !c.inCallout) {
      c.inCallout = true;
      c.calloutStart = c.y;
      c.y += pad;
    }
    FontRole role = b.kind == BlockKind::Heading ? FontRole::Heading : FontRole::Body;
    if (b.kind == BlockKind::Heading && i > 0) c.y += ctx.ems(0.5f);
    float left = (b.callout ? pad : 0.0f) + (b.kind == BlockKind::Bullet ? ctx.ems(1.4f) : 0.0f);
    float right = b.callout ? pad : 0.0f;
    float avail = width - left - right;
    const auto& lines = ctx.text.layout(toStyled(b), role, avail, ctx.fonts, ctx.locale);
    float lh = lineHeight(ctx.fonts, role);
    if (b.kind == BlockKind::Bullet) doc.bullets.push_back({left - ctx.ems(0.8f), c.y + lh * 0.5f, b.callout});
    for (const auto& line : lines) {
      doc.lines.push_back(DocLine{line, role, left, c.y, b.callout, static_cast<int>(i)});
      c.y += lh;
    }
    bool nextInCallout = i + 1 < blocks.size() && blocks[i + 1].callout;
    if (c.inCallout && !nextInCallout) {
      c.y += pad;
      doc.callouts.push_back({c.calloutStart, c.y});
      c.inCallout = false;
    }
    c.y += b.kind == BlockKind::Heading ? ctx.ems(0.2f) : paraGap;
  }
  doc.height = c.y;
  return doc;
}

std::vector<bool> lensBlocks(const std::vector<Block>& blocks, const std::vector<int>& headings) {
  std::vector<bool> marked(blocks.size(), false);
  auto wanted = [&](int h) { return std::find(headings.begin(), headings.end(), h) != headings.end(); };
  int heading = 0;
  bool on = wanted(0);  // 0: what comes before the first heading (all of a section without one)
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind == BlockKind::Heading) on = wanted(++heading);
    marked[i] = on;
  }
  return marked;
}

float firstMarkedY(const DocLayout& doc, const std::vector<bool>& marked, const std::vector<Block>& blocks) {
  // The first marked part under a heading (the group's own rules), else the top.
  for (const auto& l : doc.lines) {
    auto b = static_cast<size_t>(l.block);
    if (l.block >= 0 && b < marked.size() && marked[b] && blocks[b].kind == BlockKind::Heading) return l.y;
  }
  return 0;
}

namespace {
// The lens: one bar beside each run of marked lines.
void drawLensBars(UiContext& ctx, ImDrawList* dl, const DocLayout& doc, ImVec2 origin, ImVec2 clipMin, ImVec2 clipMax,
                  const std::vector<bool>& marked) {
  for (const auto& l : doc.lines) {
    if (l.block < 0 || static_cast<size_t>(l.block) >= marked.size() || !marked[static_cast<size_t>(l.block)]) continue;
    float top = origin.y + l.y, bottom = top + lineHeight(ctx.fonts, l.role);
    if (bottom < clipMin.y || top > clipMax.y) continue;
    dl->AddRectFilled(ImVec2(origin.x - ctx.ems(0.45f), top), ImVec2(origin.x - ctx.ems(0.15f), bottom),
                      color(ctx.palette.accent));
  }
}
}  // namespace

void drawDocument(UiContext& ctx, ImDrawList* dl, const DocLayout& doc, ImVec2 origin, ImVec2 clipMin, ImVec2 clipMax,
                  int highlightBlock, const std::vector<bool>* marked) {
  const Palette& p = ctx.palette;
  if (marked) drawLensBars(ctx, dl, doc, origin, clipMin, clipMax, *marked);
  if (highlightBlock >= 0) {
    // A band behind the paragraph being read aloud, so the eye can follow the voice.
    float top = FLT_MAX, bottom = -FLT_MAX;
    for (const auto& l : doc.lines)
      if (l.block == highlightBlock) {
        top = std::min(top, l.y);
        bottom = std::max(bottom, l.y + lineHeight(ctx.fonts, l.role));
      }
    if (top < bottom)
      dl->AddRectFilled(ImVec2(origin.x - ctx.ems(0.3f), origin.y + top),
                        ImVec2(origin.x + doc.width, origin.y + bottom), color(p.badgeBackground), ctx.ems(0.2f));
  }
  for (const auto& box : doc.callouts) {
    ImVec2 a(origin.x, origin.y + box.y0), b(origin.x + doc.width, origin.y + box.y1);
    if (b.y < clipMin.y || a.y > clipMax.y) continue;
    dl->AddRectFilled(a, b, color(p.warningBackground), ctx.ems(0.3f));
    dl->AddRect(a, b, color(p.warningBorder), ctx.ems(0.3f), 0, ctx.ems(0.15f));
  }
  for (const auto& bullet : doc.bullets) {
    ImVec2 c(origin.x + bullet.x, origin.y + bullet.y);
    if (c.y < clipMin.y - ctx.em || c.y > clipMax.y + ctx.em) continue;
    dl->AddCircleFilled(c, ctx.ems(0.16f), color(bullet.callout ? p.warningText : p.text));
  }
  for (const auto& dline : doc.lines) {
    float lh = lineHeight(ctx.fonts, dline.role);
    float top = origin.y + dline.y;
    if (top + lh < clipMin.y || top > clipMax.y) continue;  // only visible lines are drawn
    Rgb col = dline.callout ? p.warningText : p.text;
    std::string shown;
    float right = origin.x + dline.x;
    for (const auto& run : dline.line.runs) {
      ImFont* f = TextCache::fontFor(ctx.fonts, dline.role, run.style);
      ImVec2 pos(origin.x + dline.x + run.x, top + (lh - f->FontSize) * 0.5f);
      dl->AddText(f, f->FontSize, pos, color(col), run.text.data(), run.text.data() + run.text.size());
      shown += run.text;
      // Measured again from the glyphs drawn, not taken from the layout, so the
      // box check below can catch a layout that overflowed its column.
      right = std::max(
          right,
          pos.x + f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, run.text.data(), run.text.data() + run.text.size()).x);
    }
    // The box is the document's column: the width the layout was asked to fill.
    ctx.registry.texts.push_back({shown,
                                  ImVec2(origin.x, top),
                                  ImVec2(origin.x + doc.width, top + lh),
                                  ImVec2(origin.x + dline.x, top),
                                  ImVec2(right, top + lh),
                                  {shown}});
  }
}

}  // namespace mk::ui
