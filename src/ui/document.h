#pragma once
// Lays out a section's blocks (headings, paragraphs, bullets, warning callouts) into
// positioned lines once per width and text size, then draws only the visible lines.
#include <vector>

#include "core/content/markdown.h"
#include "ui/ui_context.h"

namespace mk::ui {

struct DocLine {
  LaidOutLine line;
  FontRole role = FontRole::Body;
  float x = 0, y = 0;  // relative to the document's top-left
  bool callout = false;
  int block = 0;  // index of the block the line belongs to
};

struct DocBox {  // a warning callout's background
  float y0 = 0, y1 = 0;
};

struct DocBullet {
  float x = 0, y = 0;
  bool callout = false;
};

struct DocLayout {
  std::vector<DocLine> lines;
  std::vector<DocBox> callouts;
  std::vector<DocBullet> bullets;
  float height = 0;
  float width = 0;
};

DocLayout layoutDocument(UiContext& ctx, const std::vector<Block>& blocks, float width);
// The blocks a brochure lens marks: for each 1-based '###' heading in `headings`,
// that heading and everything up to the next heading; 0 marks what comes before
// the first heading (the whole of a section without headings).
std::vector<bool> lensBlocks(const std::vector<Block>& blocks, const std::vector<int>& headings);
// Where the section opens: the first marked heading, else the top.
float firstMarkedY(const DocLayout& doc, const std::vector<bool>& marked, const std::vector<Block>& blocks);
// Draws the part of `doc` inside `clip`, with the document's top at `origin`.
// `highlightBlock` (or -1) is the paragraph being read aloud.
// `marked` blocks (a brochure lens) get a bar in the margin.
void drawDocument(UiContext& ctx, ImDrawList* dl, const DocLayout& doc, ImVec2 origin, ImVec2 clipMin, ImVec2 clipMax,
                  int highlightBlock = -1, const std::vector<bool>* marked = nullptr);

}  // namespace mk::ui
