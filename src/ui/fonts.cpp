#include "ui/fonts.h"

#include <imgui.h>
#include <stb/stb_truetype.h>
#include <chrono>
#include <fstream>
#include <vector>

#include "core/base/log.h"
#include "core/base/unicode_text.h"
#include "ui/atlas_cache.h"

namespace mk::ui {
namespace fs = std::filesystem;
namespace {

// Fixed ranges for the 24 EU languages (see reference/pitfalls.md), zero-terminated.
const ImWchar kRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1
    0x0100, 0x017F,  // Latin Extended-A
    0x0218, 0x021B,  // Romanian comma-below letters
    0x0370, 0x03FF,  // Greek
    0x0400, 0x045F,  // Cyrillic
    0x2000, 0x206F,  // General punctuation (incl. U+202F from ICU dates)
    0x20AC, 0x20AC,  // Euro
    0x2212, 0x2212,  // Minus
    0,
};

// The whole file, or nothing (logged) when it cannot be read; nothing for no file.
std::vector<unsigned char> readFontFile(const fs::path& file) {
  if (file.empty()) return {};  // none found: findFonts() has said so
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    log::error("fonts", "cannot read " + file.string());
    return {};
  }
  // In one read: a character iterator over half a megabyte shows in the start-up profile.
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  std::vector<unsigned char> data(ec ? 0 : size);
  if (ec || !in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()))) {
    log::error("fonts", "cannot read " + file.string());
    return {};
  }
  return data;
}

// ImGui asserts (aborts) on a font file it cannot read or parse, so every file is
// read and parsed here first; a bad one is logged and left out.
bool usableFontFile(const fs::path& file) {
  std::vector<unsigned char> data = readFontFile(file);
  if (data.empty()) return false;
  stbtt_fontinfo info{};
  int offset = data.size() < 12 ? -1 : stbtt_GetFontOffsetForIndex(data.data(), 0);
  if (offset < 0 || !stbtt_InitFont(&info, data.data(), offset)) {
    log::error("fonts", file.string() + " is not a usable TrueType font");
    return false;
  }
  return true;
}

}  // namespace

Fonts::Fonts(FontFiles files, fs::path cacheDir) : files_(std::move(files)), cache_(std::move(cacheDir)) {}

void Fonts::checkFiles() {
  if (checked_) return;
  checked_ = true;
  const FontFiles found = files_;
  if (!files_.regular.empty() && !usableFontFile(files_.regular)) files_.regular.clear();
  if (!files_.bold.empty() && !usableFontFile(files_.bold)) files_.bold = files_.regular;
  filesAsFound_ = files_.regular == found.regular && files_.bold == found.bold;
}

namespace {

// The texture keeps a power-of-two height (no ImFontAtlasFlags_NoPowerOfTwoHeight),
// although the software renderer does not need one: SDL turns each glyph's texture
// coordinates back into pixel rows, which is exact only when 1 / height is, and with
// other heights some glyphs lost their top row.
constexpr ImFontAtlasFlags kAtlasFlags = ImFontAtlasFlags_None;

ImFontConfig bakeConfig() {
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  // Each file is read once and shared by its sizes; ImGui would keep a copy per size
  // for as long as the atlas lives. The files are needed only while it is built.
  cfg.FontDataOwnedByAtlas = false;
  return cfg;
}

// The four fonts in the order build() adds them.
FontSet fontSetOf(const ImFontAtlas& atlas) {
  FontSet set;
  if (atlas.Fonts.Size != 4) return set;
  set.body = atlas.Fonts[0];
  set.bold = atlas.Fonts[1];
  set.heading = atlas.Fonts[2];
  set.title = atlas.Fonts[3];
  return set;
}

}  // namespace

FontSet Fonts::bake(ImFontAtlas& atlas, float emPx, const GlyphRanges& ranges) {
  checkFiles();
  ImFontConfig cfg = bakeConfig();
  FontSet set;
  std::vector<unsigned char> regular = readFontFile(files_.regular);
  std::vector<unsigned char> bold =
      files_.bold == files_.regular ? std::vector<unsigned char>() : readFontFile(files_.bold);
  auto add = [&](const fs::path& file, float size, const ImVector<ImWchar>& r) -> ImFont* {
    std::vector<unsigned char>& data = file == files_.regular || bold.empty() ? regular : bold;
    if (file.empty() || data.empty()) return nullptr;
    return atlas.AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()), size, &cfg, r.Data);
  };
  set.body = add(files_.regular, emPx, ranges.body);
  set.bold = add(files_.bold, emPx, ranges.body);
  set.heading = add(files_.bold, emPx * 1.3f, ranges.body);
  set.title = add(files_.bold, emPx * 1.9f, ranges.title);
  if (!set.body) {
    // Never a blank screen: ImGui's built-in font shows Latin text at least.
    log::error("fonts",
               "no usable font file; falling back to the built-in font: Latin letters only, other "
               "scripts show as '?' (install fonts-noto-core)");
    ImFontConfig builtin;
    builtin.SizePixels = emPx;
    set.body = atlas.AddFontDefault(&builtin);
  }
  if (!set.bold) set.bold = set.body;
  if (!set.heading) set.heading = set.bold;
  if (!set.title) set.title = set.heading;
  atlas.Flags = kAtlasFlags;
  if (!atlas.Build()) log::error("fonts", "the font atlas could not be built");
  atlas.ClearInputData();  // the glyphs are baked: the fonts no longer point into the files
  return set;
}

Fonts::GlyphRanges Fonts::rangesFor(const std::vector<std::string>& texts, const std::vector<std::string>& titleTexts) {
  GlyphRanges r;
  {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kRanges);
    for (const auto& t : texts) builder.AddText(t.c_str(), t.c_str() + t.size());
    builder.BuildRanges(&r.body);
  }
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(kRanges);  // the title font carries only text it needs plus digits
  for (const auto& t : titleTexts) builder.AddText(t.c_str(), t.c_str() + t.size());
  builder.AddText("0123456789");
  builder.BuildRanges(&r.title);
  return r;
}

FontSet Fonts::build(ImFontAtlas& atlas, float emPx, const std::vector<std::string>& texts,
                     const std::vector<std::string>& titleTexts) {
  const auto started = std::chrono::steady_clock::now();
  atlas.Clear();
  GlyphRanges ranges = rangesFor(texts, titleTexts);
  // Only an atlas of the files as found is cached: one made around a bad file would
  // hide the error that file logs when the atlas is made.
  std::string key = cache_.enabled() && !files_.regular.empty() && (!checked_ || filesAsFound_)
                        ? atlasKey(files_, emPx, ranges.body, ranges.title, bakeConfig(), kAtlasFlags)
                        : std::string();
  FontSet set;
  stats_.fromCache = cache_.load(key, atlas);
  if (stats_.fromCache) {
    set = fontSetOf(atlas);
  } else {
    set = bake(atlas, emPx, ranges);
    if (!key.empty() && filesAsFound_ && atlas.Fonts.Size == 4) cache_.store(key, atlas);
  }
  set.em = emPx;
  stats_.buildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  stats_.width = atlas.TexWidth;
  stats_.height = atlas.TexHeight;
  stats_.glyphs = 0;
  for (const ImFont* f : atlas.Fonts) stats_.glyphs += f->Glyphs.Size;
  log::debug("fonts", std::string("font atlas ") + (stats_.fromCache ? "read from the cache" : "built") + " in " +
                          std::to_string(static_cast<int>(stats_.buildMs)) + " ms, " + std::to_string(stats_.glyphs) +
                          " glyphs");
  return set;
}

std::u32string missingGlyphs(const ImFont& font, const std::string& text) {
  std::u32string missing;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = unicode::nextCodePoint(text, pos);
    if (c < 0x20 || c == 0xAD) continue;  // control characters and soft hyphens are not drawn
    if (c > 0xFFFF || font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
      if (missing.find(c) == std::u32string::npos) missing.push_back(c);
    }
  }
  return missing;
}

float emForTextSize(int step, float dpi) {
  // Sizes are chosen by the height of a capital H. ImGui's font size is the line
  // height (ascender + descender), which for Noto Sans is 1.362 em, and its capital
  // height is 0.714 em. At step 3 a capital H is 6.2 mm tall: the design asks for 6.
  constexpr float kCapHeightMm[] = {3.6f, 4.6f, 6.2f};
  constexpr float kSizePerCapHeight = 1.362f / 0.714f;
  int i = step < 1 ? 0 : (step > 3 ? 2 : step - 1);
  return kCapHeightMm[i] * kSizePerCapHeight * dpi / 25.4f;
}

}  // namespace mk::ui
