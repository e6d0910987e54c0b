#include <catch2/catch.hpp>

#include "core/base/unicode_text.h"
#include "core/layout/text_layout.h"

using namespace mk;

namespace {
// Monospace measure: one unit per code point, so widths are character counts.
float measure(std::string_view t, int) {
  float n = 0;
  size_t pos = 0;
  while (pos < t.size()) {
    unicode::nextCodePoint(t, pos);
    n += 1;
  }
  return n;
}

std::vector<std::string> wrap(const std::string& text, float width, const std::string& locale = "en") {
  LineBreaker breaker(locale);
  std::vector<std::string> out;
  for (const auto& line : layoutParagraph({StyledText{text, 0}}, width, measure, breaker)) {
    std::string s;
    for (const auto& r : line.runs) s += r.text;
    out.push_back(s);
  }
  return out;
}

bool anyLineSplits(const std::vector<std::string>& lines, const std::string& phrase) {
  // The phrase must appear whole on one line.
  for (const auto& l : lines)
    if (l.find(phrase) != std::string::npos) return false;
  return true;
}
}  // namespace

TEST_CASE("lines fill greedily and never exceed the width") {
  auto lines = wrap("Take one capsule at the same time each day.", 16);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Take one capsule");
  CHECK(lines[1] == "at the same time");
  CHECK(lines[2] == "each day.");
  for (const auto& l : lines) CHECK(measure(l, 0) <= 16);
}

TEST_CASE("a dose never splits across lines") {
  // From the width of the longest phrase ("25 mIU/ml") up.
  for (float width = 9; width <= 40; width += 1) {
    INFO("width " << width);
    auto a = wrap("The usual dose is 2,5 mg a day, then 4 mg a day.", width);
    CHECK_FALSE(anyLineSplits(a, "2,5 mg"));
    CHECK_FALSE(anyLineSplits(a, "4 mg"));
    auto b = wrap("Take it on days 1–21 of each 28-day cycle, tests of 25 mIU/ml.", width);
    CHECK_FALSE(anyLineSplits(b, "1–21"));
    CHECK_FALSE(anyLineSplits(b, "25 mIU/ml"));
  }
}

TEST_CASE("breaksNumberApart knows numbers, units and ranges") {
  std::string s = "take 4 mg now";
  CHECK(breaksNumberApart(s, 7));         // before "mg"
  CHECK_FALSE(breaksNumberApart(s, 5));   // before "4"
  CHECK_FALSE(breaksNumberApart(s, 10));  // before "now"
  std::string r = "days 1–21";
  CHECK(breaksNumberApart(r, r.find("21")));
}

TEST_CASE("a word longer than the line is cut rather than overflowing") {
  auto lines = wrap("Thromboembolism", 6);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Thromb");
  for (const auto& l : lines) CHECK(measure(l, 0) <= 6);
}

TEST_CASE("Greek and Bulgarian text wraps at spaces") {
  auto el = wrap("Η πομαλιδομίδη μπορεί να προκαλέσει σοβαρές γενετικές ανωμαλίες.", 20, "el");
  REQUIRE(el.size() >= 3);
  for (const auto& l : el) {
    CHECK(measure(l, 0) <= 20);
    CHECK(l.back() != ' ');
  }
  CHECK(el[0] == "Η πομαλιδομίδη");
  auto bg = wrap("Помалидомид може да причини тежки вродени дефекти.", 16, "bg");
  CHECK(bg[0] == "Помалидомид може");
  for (const auto& l : bg) CHECK(measure(l, 0) <= 16);
}

TEST_CASE("styles are kept per run with positions") {
  LineBreaker breaker("en");
  auto lines = layoutParagraph({{"Do not ", 0}, {"donate blood", 1}, {" during treatment.", 0}}, 100, measure, breaker);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].runs.size() == 3);
  CHECK(lines[0].runs[1].style == 1);
  CHECK(lines[0].runs[1].x == Approx(7));
  CHECK(lines[0].width == Approx(37));
}

TEST_CASE("hard line breaks are kept") {
  auto lines = wrap("one\ntwo", 40);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "two");
}

TEST_CASE("firstSentence cuts at the end of the first sentence by the language's rules") {
  CHECK(firstSentence("It can harm a baby. Never take it if pregnant.", "en") == "It can harm a baby.");
  // A decimal comma or point is not the end of a sentence.
  CHECK(firstSentence("Take 2.5 mg daily. Then stop.", "en") == "Take 2.5 mg daily.");
  CHECK(firstSentence("Μπορεί να βλάψει. Μην το παίρνετε.", "el") == "Μπορεί να βλάψει.");
  CHECK(firstSentence("Может навредить! Не принимайте.", "bg") == "Может навредить!");
  CHECK(firstSentence("One sentence only.", "en") == "One sentence only.");
  CHECK(firstSentence("", "en").empty());
}
