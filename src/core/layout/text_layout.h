#pragma once
// Paragraph layout without pixels: ICU line-break opportunities for the locale, a
// few dose-safety rules on top, then a greedy fit using a caller-supplied measure
// function (the UI passes ImFont::CalcTextSizeA). ImGui's own word wrap is never
// used for content because it splits "2,5 mg" after the comma.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mk {

struct StyledText {
  std::string text;
  int style = 0;  // caller-defined (regular, bold, italic, ...)
};

struct LineRun {
  std::string text;
  int style = 0;
  float x = 0;
  float width = 0;
};

struct LaidOutLine {
  std::vector<LineRun> runs;
  float width = 0;
};

using MeasureFn = std::function<float(std::string_view text, int style)>;

// Finds where a line may break in UTF-8 text, for one language. Wraps an ICU line
// BreakIterator, which is slow to create: make one per language and reuse it.
// Thread-safety: not thread-safe (the iterator is stateful).
class LineBreaker {
 public:
  explicit LineBreaker(const std::string& locale);
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  struct Opportunity {
    std::size_t offset;  // byte offset where the next line may start
    bool mandatory;      // a hard line break (newline)
  };
  // Break opportunities after ICU and the dose-safety rules; the end of the text is
  // always the last entry.
  std::vector<Opportunity> opportunities(std::string_view utf8);
  const std::string& locale() const { return locale_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string locale_;
};

// True when a break at `offset` would separate a number from its unit ("4 mg") or the
// two ends of a numeric range ("1–21").
bool breaksNumberApart(std::string_view text, std::size_t offset);

// The first sentence of `text` by the sentence rules of `locale` (ICU), without the
// space after it; the whole text when it is one sentence or cannot be split.
std::string firstSentence(std::string_view text, const std::string& locale);

std::vector<LaidOutLine> layoutParagraph(const std::vector<StyledText>& spans, float maxWidth, const MeasureFn& measure,
                                         LineBreaker& breaker);

}  // namespace mk
