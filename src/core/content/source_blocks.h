#pragma once
// Private to the XLIFF exchange (xliff_*.cpp): a brochure or counselling source file
// cut into the blocks a translator translates one by one (front matter texts, section
// and point titles, a point's 'ask:' line, subheadings, paragraphs, list items), each
// with the lines it occupies, so that one block can be replaced in place and every
// other byte of the file stays as it was.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mk::source_blocks {

struct TextBlock {
  // Unique in its file: "title", "subtitle", "warning" (brochure front matter),
  // "<group>/title" (a section's or point's heading), "<group>/ask" (a point's 'ask:'
  // line), "<group>/<n>" (the nth block of its body, from 1).
  std::string key;
  std::string group;  // section or point id; empty for the front matter
  // Markdown as written, without the block's marker ("- ", "> ", "### "); the lines
  // of a paragraph joined by one space. Inline emphasis is kept.
  std::string text;
  // The block's kind as a marker: "" paragraph, "###", "-", ">" (quote), "> -",
  // "> ###"; "##" for a section or point title, "key" for a 'key: value' line.
  std::string marker;
  std::string prefix;  // what the first line holds before the text ("- ", "title: ")
  std::string suffix;  // what it holds after it (" {#purpose}")
  size_t first = 0;    // lines [first, end) of the file, from 0
  size_t end = 0;
};

struct SourceFile {
  std::string path;
  std::vector<std::string> lines;  // as in the file, split at '\n' (a '\r' stays)
  std::vector<TextBlock> blocks;   // in file order

  const TextBlock* block(std::string_view key) const;
};

// Throw ContentError (file and line) on a file the content parsers would refuse in a
// way that hides its blocks (no front matter, a malformed '## ' heading).
SourceFile splitBrochure(const std::string& path, std::string_view text);
SourceFile splitCounselling(const std::string& path, std::string_view text);

// The file's text with each block named in `texts` (key -> new text) written as one
// line: its prefix, the new text and its suffix. Every other line is kept byte for byte.
std::string replaceBlocks(const SourceFile& file, const std::map<std::string, std::string>& texts);

}  // namespace mk::source_blocks
