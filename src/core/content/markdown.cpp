#include "core/content/markdown.h"

#include <md4c.h>

namespace mk {
namespace {

struct Builder {
  std::vector<Block> blocks;
  int calloutDepth = 0;
  int boldDepth = 0;
  int italicDepth = 0;
  bool inListItem = false;  // an LI is open and its first paragraph not yet ended
  bool blockOpen = false;

  void open(BlockKind kind) {
    blocks.push_back(Block{kind, calloutDepth > 0, {}});
    blockOpen = true;
  }

  void append(std::string_view text) {
    if (!blockOpen) open(BlockKind::Paragraph);
    auto& spans = blocks.back().spans;
    bool bold = boldDepth > 0, italic = italicDepth > 0;
    if (!spans.empty() && spans.back().bold == bold && spans.back().italic == italic)
      spans.back().text.append(text);
    else
      spans.push_back(TextSpan{std::string(text), bold, italic});
  }
};

int enterBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE:
      ++b->calloutDepth;
      break;
    case MD_BLOCK_LI:
      b->open(BlockKind::Bullet);
      b->inListItem = true;
      break;
    case MD_BLOCK_H:
      b->open(BlockKind::Heading);
      break;
    case MD_BLOCK_P:
      // The first paragraph of a (loose) list item continues the bullet.
      if (b->inListItem)
        b->inListItem = false;
      else
        b->open(BlockKind::Paragraph);
      break;
    default:
      break;
  }
  return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE:
      --b->calloutDepth;
      break;
    case MD_BLOCK_LI:
      b->inListItem = false;
      b->blockOpen = false;
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
      b->blockOpen = false;
      break;
    default:
      break;
  }
  return 0;
}

int enterSpan(MD_SPANTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) ++b->boldDepth;
  if (type == MD_SPAN_EM) ++b->italicDepth;
  return 0;
}

int leaveSpan(MD_SPANTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) --b->boldDepth;
  if (type == MD_SPAN_EM) --b->italicDepth;
  return 0;
}

std::string_view decodeEntity(std::string_view e) {
  if (e == "&nbsp;") return "\xC2\xA0";
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  return e;
}

int onText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* b = static_cast<Builder*>(user);
  std::string_view t(text, size);
  switch (type) {
    case MD_TEXT_SOFTBR:
      b->append(" ");
      break;
    case MD_TEXT_BR:
      b->append("\n");
      break;
    case MD_TEXT_ENTITY:
      b->append(decodeEntity(t));
      break;
    case MD_TEXT_NULLCHAR:
      b->append("\xEF\xBF\xBD");
      break;
    default:
      b->append(t);
      break;
  }
  return 0;
}

}  // namespace

std::vector<Block> parseMarkdown(std::string_view markdown) {
  Builder builder;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML;
  parser.enter_block = enterBlock;
  parser.leave_block = leaveBlock;
  parser.enter_span = enterSpan;
  parser.leave_span = leaveSpan;
  parser.text = onText;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder) != 0) return {};
  std::erase_if(builder.blocks, [](const Block& b) { return b.spans.empty(); });
  return builder.blocks;
}

std::string plainText(const Block& block) {
  std::string out;
  for (const auto& s : block.spans) out += s.text;
  return out;
}

}  // namespace mk
