#include <catch2/catch.hpp>

#include "core/content/markdown.h"

using namespace mk;

TEST_CASE("markdown becomes headings, paragraphs, bullets and callouts") {
  auto blocks = parseMarkdown(
      "### Men\n\nUse a **condom**, also *after* a\nvasectomy.\n\n- one\n- two\n\n> **Warning:** no donation.\n");
  REQUIRE(blocks.size() == 5);
  CHECK(blocks[0].kind == BlockKind::Heading);
  CHECK(plainText(blocks[0]) == "Men");
  CHECK(blocks[1].kind == BlockKind::Paragraph);
  CHECK(plainText(blocks[1]) == "Use a condom, also after a vasectomy.");
  REQUIRE(blocks[1].spans.size() == 5);
  CHECK(blocks[1].spans[1].bold);
  CHECK(blocks[1].spans[3].italic);
  CHECK(blocks[2].kind == BlockKind::Bullet);
  CHECK(plainText(blocks[3]) == "two");
  CHECK(blocks[4].callout);
  CHECK_FALSE(blocks[3].callout);
  CHECK(plainText(blocks[4]) == "Warning: no donation.");
}

TEST_CASE("loose list items keep their text in the bullet") {
  auto blocks = parseMarkdown("- first\n\n- second\n");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == BlockKind::Bullet);
  CHECK(plainText(blocks[1]) == "second");
}
