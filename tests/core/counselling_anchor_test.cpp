// Counselling points show the brochure's own blocks (issue #12): the block selector,
// the selection, and the build refusing a point whose own words add a number or a
// condition, or a translated brochure whose blocks no longer match English's.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "content_copy.h"
#include "core/content/content_source.h"
#include "core/content/counselling_anchor.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

using test::ContentCopy;

std::vector<Block> blocksOf(const std::string& markdown) { return parseMarkdown(markdown); }

std::vector<std::string> texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(plainText(b));
  return out;
}

const char* kSection = R"(> Warning first.

Intro paragraph.

### Women

- one
- two

Closing paragraph.

### Men

Men's paragraph.
)";

}  // namespace

TEST_CASE("block selectors read as ranges and write back the same", "[counselling]") {
  std::vector<BlockRange> r;
  REQUIRE(parseBlockRanges("2-6", r));
  CHECK(r == std::vector<BlockRange>{{2, 6}});
  REQUIRE(parseBlockRanges("1, 3-4,7", r));
  CHECK(r == std::vector<BlockRange>{{1, 1}, {3, 4}, {7, 7}});
  CHECK(formatBlockRanges(r) == "1,3-4,7");
  CHECK(formatBlockRanges({}) == "");
  for (const char* bad : {"", " ", "0", "3-1", "2,1", "1-3,3", "1,,2", "-2", "2-", "a", "1000"}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(parseBlockRanges(bad, r));
  }
}

TEST_CASE("a part is the blocks under its heading and a selector picks among them", "[counselling]") {
  auto section = blocksOf(kSection);
  CHECK(texts(brochurePart(section, 0)) == std::vector<std::string>{"Warning first.", "Intro paragraph."});
  CHECK(texts(brochurePart(section, 1)) == std::vector<std::string>{"one", "two", "Closing paragraph."});
  CHECK(texts(brochurePart(section, 2)) == std::vector<std::string>{"Men's paragraph."});
  CHECK(brochurePart(section, 3).empty());
  CHECK(texts(anchoredBlocks(section, 1, {{2, 3}})) == std::vector<std::string>{"two", "Closing paragraph."});
  CHECK(texts(anchoredBlocks(section, 1, {})) == std::vector<std::string>{"one", "two", "Closing paragraph."});
  CHECK(texts(anchoredBlocks(section, 1, {{1, 1}, {3, 9}})) == std::vector<std::string>{"one", "Closing paragraph."});
  CHECK(anchoredBlocks(section, 0, {{1, 1}})[0].callout);
}

TEST_CASE("the shipped counselling points load, each naming blocks its brochure has", "[counselling]") {
  ContentCopy copy;
  CHECK(copy.loadError() == "no error");
}

TEST_CASE("a counselling point that adds a number not in its anchor is refused", "[counselling]") {
  ContentCopy copy;
  int brochureLine = copy.lineOf("counselling/en.md", "brochure: pregnancy#3 blocks 1-5");
  SECTION("in what the nurse asks") {
    copy.edit("counselling/en.md", "brochure: pregnancy#3 blocks 1-5\n",
              "brochure: pregnancy#3 blocks 1-5\nask: Do you use a condom for 28 days after you stop?\n");
    CHECK(copy.loadError() == "en.md:" + std::to_string(brochureLine + 1) +
                                  ": point 'condom': 'ask:' has the number 28 that its brochure blocks "
                                  "(pregnancy#3 blocks 1-5 in en) do not state; a point states no rule of its own, "
                                  "the brochure's text is shown");
  }
  SECTION("in its title") {
    copy.edit("counselling/en.md", "## Condoms {#condom}", "## Condoms for 28 days {#condom}");
    CHECK(copy.loadError().find("en.md:" + std::to_string(brochureLine - 2) +
                                ": point 'condom': its title has the number 28") == 0);
  }
  SECTION("a number the blocks do state passes this check") {
    copy.edit("counselling/en.md", "brochure: pregnancy#3 blocks 1-5\n",
              "brochure: pregnancy#3 blocks 1-5\nask: For how many days after you stop? 7?\n");
    // ... and is then refused only because the translations lack the line.
    INFO(copy.loadError());
    CHECK(copy.loadError().find("lacks the 'ask:' line that English has") != std::string::npos);
  }
}

TEST_CASE("a condition that a point's blocks do not state is refused, in English and in a translation",
          "[counselling]") {
  ContentCopy copy;
  SECTION("English 'unless' in a title") {
    copy.edit("counselling/en.md", "## Condoms {#condom}", "## Condoms unless you had a vasectomy {#condom}");
    CHECK(copy.loadError().find("point 'condom': its title has the condition word 'unless'") != std::string::npos);
  }
  SECTION("English 'only' in what the nurse asks, though the blocks say 'if'") {
    copy.edit("counselling/en.md", "brochure: pregnancy#3 blocks 1-5\n",
              "brochure: pregnancy#3 blocks 1-5\nask: Do you use a condom only if she is pregnant?\n");
    CHECK(copy.loadError().find("'ask:' has the condition word 'only'") != std::string::npos);
  }
  SECTION("German 'nur' in a title") {
    copy.edit("counselling/de.md", "## Kondome {#condom}", "## Kondome nur bei Schwangerschaft {#condom}");
    CHECK(copy.loadError().find("de.md:") == 0);
    CHECK(copy.loadError().find("its title has the condition word 'nur'") != std::string::npos);
  }
  SECTION("Greek 'εκτός' in a title") {
    copy.edit("counselling/el.md", "## Προφυλακτικό {#condom}", "## Προφυλακτικό, εκτός μετά από βαζεκτομή {#condom}");
    CHECK(copy.loadError().find("el.md:") == 0);
    CHECK(copy.loadError().find("its title has the condition word 'εκτός'") != std::string::npos);
  }
}

TEST_CASE("a translated brochure must keep the blocks a counselling point shows", "[counselling]") {
  ContentCopy copy;
  SECTION("two list items merged into one") {
    // Polish, "Men": the condom rule and its duration in one item.
    copy.edit("pl.md", "i nie stosuje antykoncepcji.\n- Należy to robić",
              "i nie stosuje antykoncepcji. Należy to robić");
    int line = copy.lineOf("pl.md", "### Mężczyźni");
    REQUIRE(line > 0);
    std::string error = copy.loadError();
    CHECK(error.find("pl.md:" + std::to_string(line) + ": section 'pregnancy', part 3, which counselling point ") == 0);
    CHECK(error.find("it has 5 blocks where English has 6") != std::string::npos);
  }
  SECTION("a list item turned into a paragraph") {
    copy.edit("de.md", "- Sie sind 50 Jahre", "Sie sind 50 Jahre");
    CHECK(copy.loadError().find("block 2 is a paragraph where English has a list item") != std::string::npos);
  }
  SECTION("numbers moved between blocks, which the section's own number check cannot see") {
    // German pregnancy tests: "in den 3 Tagen" and "alle 4 Wochen" swap their numbers.
    copy.edit("de.md", "in den 3 Tagen vor diesem Termin", "in den 4 Tagen vor diesem Termin");
    copy.edit("de.md", "- alle 4 Wochen während der Behandlung", "- alle 3 Wochen während der Behandlung");
    std::string error = copy.loadError();
    CHECK(error.find("de.md:" + std::to_string(copy.lineOf("de.md", "### Frauen, die schwanger werden können")) +
                     ": section 'pregnancy', part 1") == 0);
    CHECK(error.find("block 10 has the numbers 4 where English has 3") != std::string::npos);
  }
  SECTION("an English selector past the end of its part") {
    copy.edit("counselling/en.md", "brochure: pregnancy#3 blocks 1-5", "brochure: pregnancy#3 blocks 1-9");
    CHECK(copy.loadError().find("names block 9, but that part of the English brochure has 6 blocks") !=
          std::string::npos);
  }
}
