#pragma once
// Turns a section's Markdown (via md4c) into the few block kinds the kiosk draws:
// subheadings, paragraphs and bullets, each possibly inside a warning callout
// (a Markdown block quote), with bold/italic spans.
#include <string>
#include <string_view>
#include <vector>

namespace mk {

struct TextSpan {
  std::string text;
  bool bold = false;
  bool italic = false;
};

enum class BlockKind { Heading, Paragraph, Bullet };

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  bool callout = false;
  std::vector<TextSpan> spans;
};

std::vector<Block> parseMarkdown(std::string_view markdown);
std::string plainText(const Block& block);

}  // namespace mk
