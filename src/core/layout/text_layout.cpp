#include "core/layout/text_layout.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/base/unicode_text.h"

namespace mk {

struct LineBreaker::Impl {
  std::unique_ptr<icu::BreakIterator> lines;
};

LineBreaker::LineBreaker(const std::string& locale) : impl_(std::make_unique<Impl>()), locale_(locale) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->lines.reset(icu::BreakIterator::createLineInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status) || !impl_->lines) throw std::runtime_error("ICU line breaker unavailable for " + locale);
}

LineBreaker::~LineBreaker() = default;

namespace {

bool isSpaceCp(char32_t c) { return c == U' ' || c == U'\u00A0' || c == U'\u202F' || c == U'\t'; }

char32_t codePointBefore(std::string_view text, std::size_t offset, std::size_t* start = nullptr) {
  if (offset == 0) return 0;
  std::size_t p = offset - 1;
  while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
  if (start) *start = p;
  std::size_t q = p;
  return unicode::nextCodePoint(text, q);
}

// Units that must stay on the same line as the number before them.
bool isUnit(std::string_view word) {
  static constexpr std::array<std::string_view, 16> units = {"mg",     "g",      "µg", "μg", "mcg", "kg", "ml",  "mL",
                                                             "mIU/ml", "mIU/mL", "IU", "%",  "мг",  "мл", "мкг", "mm"};
  while (!word.empty() &&
         (word.back() == '.' || word.back() == ',' || word.back() == ';' || word.back() == ')' || word.back() == ':'))
    word.remove_suffix(1);
  return std::find(units.begin(), units.end(), word) != units.end();
}

}  // namespace

bool breaksNumberApart(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset >= text.size()) return false;
  // Rule 1: "4 mg" - digit, spaces, unit.
  std::size_t p = offset;
  char32_t before = 0;
  bool sawSpace = false;
  while (p > 0) {
    std::size_t start = 0;
    before = codePointBefore(text, p, &start);
    if (!isSpaceCp(before)) break;
    sawSpace = true;
    p = start;
  }
  if (sawSpace && u_isdigit(static_cast<UChar32>(before))) {
    std::size_t end = text.find_first_of(" \n", offset);
    std::string_view word = text.substr(offset, end == std::string_view::npos ? std::string_view::npos : end - offset);
    if (isUnit(word)) return true;
  }
  // Rule 2: never inside a unit ("mIU/ml" may otherwise break after the slash).
  std::size_t wordStart = text.find_last_of(" \n", offset - 1);
  wordStart = wordStart == std::string_view::npos ? 0 : wordStart + 1;
  std::size_t wordEnd = text.find_first_of(" \n", offset);
  if (wordStart < offset &&
      isUnit(text.substr(wordStart, wordEnd == std::string_view::npos ? std::string_view::npos : wordEnd - wordStart)))
    return true;
  // Rule 3: "1–21" or "1-21" - a dash between two digits.
  std::size_t dashStart = 0;
  char32_t dash = codePointBefore(text, offset, &dashStart);
  if (dash == U'-' || dash == U'\u2013' || dash == U'/') {
    char32_t left = codePointBefore(text, dashStart);
    std::size_t q = offset;
    char32_t right = unicode::nextCodePoint(text, q);
    if (u_isdigit(static_cast<UChar32>(left)) && u_isdigit(static_cast<UChar32>(right))) return true;
  }
  return false;
}

std::vector<LineBreaker::Opportunity> LineBreaker::opportunities(std::string_view utf8) {
  std::vector<Opportunity> out;
  UErrorCode status = U_ZERO_ERROR;
  icu::LocalUTextPointer ut(utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status));
  if (U_FAILURE(status)) {
    out.push_back({utf8.size(), true});
    return out;
  }
  impl_->lines->setText(ut.getAlias(), status);
  // With UTF-8 UText the iterator's indexes are byte offsets.
  for (int32_t pos = impl_->lines->next(); pos != icu::BreakIterator::DONE; pos = impl_->lines->next()) {
    auto offset = static_cast<std::size_t>(pos);
    bool hard = impl_->lines->getRuleStatus() >= UBRK_LINE_HARD && impl_->lines->getRuleStatus() < UBRK_LINE_HARD_LIMIT;
    if (offset < utf8.size() && !hard && breaksNumberApart(utf8, offset)) continue;
    out.push_back({offset, hard && offset < utf8.size()});
  }
  // Detach the iterator from the UText before `ut` closes it.
  impl_->lines->setText(icu::UnicodeString());
  if (out.empty() || out.back().offset != utf8.size()) out.push_back({utf8.size(), false});
  return out;
}

namespace {

struct Piece {  // a stretch of one style inside [begin, end) of the joined text
  std::size_t begin, end;
  int style;
};

class Fitter {
 public:
  Fitter(const std::string& text, const std::vector<Piece>& pieces, float maxWidth, const MeasureFn& measure)
      : text_(text), pieces_(pieces), maxWidth_(maxWidth), measure_(measure) {}

  float width(std::size_t begin, std::size_t end) const {
    float w = 0;
    for (const auto& p : pieces_) {
      std::size_t b = std::max(begin, p.begin), e = std::min(end, p.end);
      if (b < e) w += measure_(std::string_view(text_).substr(b, e - b), p.style);
    }
    return w;
  }

  // The end of [begin, end) with trailing spaces and the newline removed.
  std::size_t visibleEnd(std::size_t begin, std::size_t end) const {
    while (end > begin) {
      std::size_t start = 0;
      char32_t c = codePointBefore(text_, end, &start);
      if (!isSpaceCp(c) && c != U'\n') break;
      end = start;
    }
    return end;
  }

  LaidOutLine makeLine(std::size_t begin, std::size_t end) const {
    LaidOutLine line;
    end = visibleEnd(begin, end);
    float x = 0;
    for (const auto& p : pieces_) {
      std::size_t b = std::max(begin, p.begin), e = std::min(end, p.end);
      if (b >= e) continue;
      std::string_view t = std::string_view(text_).substr(b, e - b);
      float w = measure_(t, p.style);
      line.runs.push_back(LineRun{std::string(t), p.style, x, w});
      x += w;
    }
    line.width = x;
    return line;
  }

  // Splits a segment too wide for any line at code point boundaries.
  std::size_t longestFit(std::size_t begin, std::size_t end) const {
    std::size_t fit = begin, p = begin;
    while (p < end) {
      std::size_t next = p;
      unicode::nextCodePoint(text_, next);
      if (fit > begin && width(begin, next) > maxWidth_) break;
      fit = next;
      p = next;
    }
    return fit;
  }

 private:
  const std::string& text_;
  const std::vector<Piece>& pieces_;
  float maxWidth_;
  const MeasureFn& measure_;
};

}  // namespace

std::vector<LaidOutLine> layoutParagraph(const std::vector<StyledText>& spans, float maxWidth, const MeasureFn& measure,
                                         LineBreaker& breaker) {
  std::string text;
  std::vector<Piece> pieces;
  for (const auto& s : spans) {
    if (s.text.empty()) continue;
    pieces.push_back({text.size(), text.size() + s.text.size(), s.style});
    text += s.text;
  }
  std::vector<LaidOutLine> lines;
  if (text.empty()) return lines;
  Fitter fit(text, pieces, maxWidth, measure);
  auto breaks = breaker.opportunities(text);

  std::size_t lineStart = 0, lastGood = 0;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    std::size_t candidate = breaks[i].offset;
    float w = fit.width(lineStart, fit.visibleEnd(lineStart, candidate));
    if (w > maxWidth && lastGood > lineStart) {
      lines.push_back(fit.makeLine(lineStart, lastGood));
      lineStart = lastGood;
      --i;  // re-test this candidate on the new line
      continue;
    }
    if (w > maxWidth) {
      // A single unbreakable segment wider than the line: cut it by characters.
      std::size_t cut = fit.longestFit(lineStart, fit.visibleEnd(lineStart, candidate));
      if (cut < candidate) {
        lines.push_back(fit.makeLine(lineStart, cut));
        lineStart = lastGood = cut;
        --i;
        continue;
      }
    }
    lastGood = candidate;
    if (breaks[i].mandatory || candidate == text.size()) {
      lines.push_back(fit.makeLine(lineStart, candidate));
      lineStart = lastGood = candidate;
    }
  }
  return lines;
}

std::string firstSentence(std::string_view text, const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::createFromName(locale.c_str()), status));
  if (U_FAILURE(status) || !it) return std::string(text);
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::string(text);
  it->setText(ut, status);
  std::int32_t end = U_SUCCESS(status) ? it->following(0) : icu::BreakIterator::DONE;
  utext_close(ut);
  if (end == icu::BreakIterator::DONE || end <= 0 || static_cast<std::size_t>(end) >= text.size())
    return std::string(text);
  std::string first(text.substr(0, static_cast<std::size_t>(end)));
  while (!first.empty() && (first.back() == ' ' || first.back() == '\n')) first.pop_back();
  return first;
}

}  // namespace mk
