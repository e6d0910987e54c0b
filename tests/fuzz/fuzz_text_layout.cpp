// libFuzzer target: paragraph layout (ICU line breaking plus the dose-safety rules and
// the greedy fit). Input: byte 0 picks one of the 24 EU locales, byte 1 the line
// width, the rest is text split into styled spans at 0x01 bytes. Invalid UTF-8 is
// allowed: content is validated at build time, but layout must never crash on it.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/layout/text_layout.h"

namespace {

constexpr std::array<const char*, 24> kLocales = {"bg", "cs", "da", "de", "el", "en", "es", "et",
                                                  "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                                                  "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
constexpr float kCharWidth = 10;

// Every code point is kCharWidth wide (twice that in style 1): a line never needs to
// be wider than the width when the width holds the widest character.
float measure(std::string_view text, int style) {
  float n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) n += 1;
  return n * kCharWidth * (style == 1 ? 2 : 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // ICU line breakers are slow to create: one per locale for the whole run.
  static std::map<std::string, std::unique_ptr<mk::LineBreaker>> breakers;
  std::string locale = kLocales[data[0] % kLocales.size()];
  auto& breaker = breakers[locale];
  if (!breaker) breaker = std::make_unique<mk::LineBreaker>(locale);
  float width = 20.0f + static_cast<float>(data[1]) * 4.0f;
  std::vector<mk::StyledText> spans(1);
  for (std::size_t i = 2; i < size; ++i) {
    if (data[i] == 0x01) {
      spans.push_back({std::string(), static_cast<int>(spans.size() % 2)});
      continue;
    }
    spans.back().text.push_back(static_cast<char>(data[i]));
  }
  auto lines = mk::layoutParagraph(spans, width, measure, *breaker);
  for (const auto& line : lines) {
    if (line.width > width + 0.01f) std::abort();  // every line fits its width
    for (const auto& run : line.runs)
      if (run.x < 0 || run.x + run.width > width + 0.01f) std::abort();
  }
  (void)breaker->opportunities(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2));
  return 0;
}
