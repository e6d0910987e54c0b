// The font atlas cache: an atlas read back from disk is the atlas the fonts make, a
// damaged file is logged, removed and built again, a changed font file or size is a
// different atlas, and a cache that cannot be written costs nothing but the time.
#include <imgui.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "test_support.h"
#include "ui/atlas_cache.h"
#include "ui/fonts.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTexts = {"Schwangerschaft Εγκυμοσύνη Бременност ąčęėįšųūž őű ţș", "Pomalidomide 3 mg"};
const std::vector<std::string> kTitles = {"Touch to start", "Αγγίξτε για να ξεκινήσετε"};

struct Built {
  ImFontAtlas atlas;
  ui::FontSet set;
  bool fromCache = false;
};

void build(Built& b, const FontFiles& files, const fs::path& cacheDir, float em = 24) {
  ui::Fonts fonts(files, cacheDir);
  b.set = fonts.build(b.atlas, em, kTexts, kTitles);
  b.fromCache = fonts.lastAtlas().fromCache;
}

std::vector<fs::path> cacheFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path());
  return files;
}

bool sameBytes(const void* a, const void* b, std::size_t n) { return std::memcmp(a, b, n) == 0; }

void checkSameFont(const ImFont& a, const ImFont& b) {
  CHECK(a.FontSize == b.FontSize);
  CHECK(a.Ascent == b.Ascent);
  CHECK(a.Descent == b.Descent);
  CHECK(a.MetricsTotalSurface == b.MetricsTotalSurface);
  CHECK(a.FallbackChar == b.FallbackChar);
  CHECK(a.EllipsisChar == b.EllipsisChar);
  CHECK(a.DotChar == b.DotChar);
  CHECK(a.FallbackAdvanceX == b.FallbackAdvanceX);
  REQUIRE(a.FallbackGlyph != nullptr);
  REQUIRE(b.FallbackGlyph != nullptr);
  CHECK(a.FallbackGlyph->Codepoint == b.FallbackGlyph->Codepoint);
  REQUIRE(a.Glyphs.Size == b.Glyphs.Size);
  CHECK(sameBytes(a.Glyphs.Data, b.Glyphs.Data, sizeof(ImFontGlyph) * static_cast<std::size_t>(a.Glyphs.Size)));
  REQUIRE(a.IndexAdvanceX.Size == b.IndexAdvanceX.Size);
  CHECK(sameBytes(a.IndexAdvanceX.Data, b.IndexAdvanceX.Data,
                  sizeof(float) * static_cast<std::size_t>(a.IndexAdvanceX.Size)));
  REQUIRE(a.IndexLookup.Size == b.IndexLookup.Size);
  CHECK(sameBytes(a.IndexLookup.Data, b.IndexLookup.Data,
                  sizeof(ImWchar) * static_cast<std::size_t>(a.IndexLookup.Size)));
  CHECK(sameBytes(a.Used4kPagesMap, b.Used4kPagesMap, sizeof a.Used4kPagesMap));
}

void checkSameAtlas(const Built& a, const Built& b) {
  CHECK(a.set.em == b.set.em);
  REQUIRE(a.atlas.Fonts.Size == 4);
  REQUIRE(b.atlas.Fonts.Size == 4);
  for (int i = 0; i < 4; ++i) checkSameFont(*a.atlas.Fonts[i], *b.atlas.Fonts[i]);
  // The roles in the set are the same fonts of each atlas.
  CHECK(a.set.body == a.atlas.Fonts[0]);
  CHECK(b.set.body == b.atlas.Fonts[0]);
  CHECK(b.set.bold == b.atlas.Fonts[1]);
  CHECK(b.set.heading == b.atlas.Fonts[2]);
  CHECK(b.set.title == b.atlas.Fonts[3]);
  CHECK(b.atlas.TexReady);
  CHECK(a.atlas.TexWidth == b.atlas.TexWidth);
  CHECK(a.atlas.TexHeight == b.atlas.TexHeight);
  CHECK(a.atlas.TexUvScale.x == b.atlas.TexUvScale.x);
  CHECK(a.atlas.TexUvScale.y == b.atlas.TexUvScale.y);
  CHECK(a.atlas.TexUvWhitePixel.x == b.atlas.TexUvWhitePixel.x);
  CHECK(a.atlas.TexUvWhitePixel.y == b.atlas.TexUvWhitePixel.y);
  CHECK(sameBytes(a.atlas.TexUvLines, b.atlas.TexUvLines, sizeof a.atlas.TexUvLines));
  REQUIRE(a.atlas.TexPixelsAlpha8 != nullptr);
  REQUIRE(b.atlas.TexPixelsAlpha8 != nullptr);
  CHECK(sameBytes(a.atlas.TexPixelsAlpha8, b.atlas.TexPixelsAlpha8,
                  static_cast<std::size_t>(a.atlas.TexWidth) * static_cast<std::size_t>(a.atlas.TexHeight)));
}

// Overwrites one byte in the middle of `file`.
void flipByte(const fs::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  auto middle = static_cast<std::streamoff>(fs::file_size(file) / 2);
  f.seekg(middle);
  char c = 0;
  f.get(c);
  f.seekp(middle);
  f.put(static_cast<char>(c ^ 0x5a));
}

FontFiles systemFonts() {
  FontFiles files = findFonts();
  REQUIRE_FALSE(files.regular.empty());
  return files;
}

}  // namespace

TEST_CASE("an atlas read from the cache is the atlas the font files make") {
  test::TempDir dir;
  FontFiles files = systemFonts();
  Built baked, cached, uncached;
  build(baked, files, dir.path);
  CHECK_FALSE(baked.fromCache);
  REQUIRE(cacheFiles(dir.path).size() == 1);
  // Not for other users, as nothing the kiosk writes is.
  CHECK((fs::status(cacheFiles(dir.path).front()).permissions() & fs::perms::others_all) == fs::perms::none);
  build(cached, files, dir.path);
  CHECK(cached.fromCache);
  checkSameAtlas(baked, cached);
  build(uncached, files, {});  // no cache at all
  CHECK_FALSE(uncached.fromCache);
  checkSameAtlas(uncached, cached);
  CHECK(ui::missingGlyphs(*cached.set.body, kTexts[0]).empty());
  CHECK(ui::missingGlyphs(*cached.set.title, kTitles[1]).empty());
}

TEST_CASE("a damaged or truncated cache file is logged, removed and built again") {
  test::TempDir dir;
  FontFiles files = systemFonts();
  Built first;
  build(first, files, dir.path);
  REQUIRE(cacheFiles(dir.path).size() == 1);
  fs::path file = cacheFiles(dir.path).front();
  auto size = fs::file_size(file);
  for (std::string damage : {"flipped", "truncated", "empty"}) {
    DYNAMIC_SECTION(damage) {
      if (damage == "flipped") flipByte(file);
      if (damage == "truncated") fs::resize_file(file, size - 1000);
      if (damage == "empty") fs::resize_file(file, 0);
      test::LogCapture logs;
      Built again;
      build(again, files, dir.path);
      CHECK_FALSE(again.fromCache);
      CHECK(logs.contains("fonts: font atlas cache " + file.string() + " is damaged"));
      CHECK(logs.contains("building the atlas again"));
      checkSameAtlas(first, again);
      // Written again whole: the next start reads it.
      CHECK(fs::file_size(file) == size);
      logs.clear();
      Built third;
      build(third, files, dir.path);
      CHECK(third.fromCache);
      CHECK(logs.lines().empty());
    }
  }
}

TEST_CASE("another text size or a changed font file is another atlas") {
  test::TempDir dir;
  FontFiles system = systemFonts();
  // Copies of the fonts, so that one can be changed as a font package update would.
  FontFiles files{dir.path / "regular.ttf", dir.path / "bold.ttf", true};
  fs::copy_file(system.regular, files.regular);
  fs::copy_file(system.bold.empty() ? system.regular : system.bold, files.bold);
  fs::path cache = dir.path / "cache";
  Built a, b, c;
  build(a, files, cache, 24);
  build(b, files, cache, 36);
  CHECK_FALSE(b.fromCache);
  CHECK(b.set.body->FontSize == 36);
  CHECK(cacheFiles(cache).size() == 2);
  // The bold font replaced by the regular one: same name, other contents.
  fs::copy_file(system.regular, files.bold, fs::copy_options::overwrite_existing);
  build(c, files, cache, 24);
  CHECK_FALSE(c.fromCache);
  CHECK(cacheFiles(cache).size() == 3);
  CHECK(c.atlas.Fonts[1]->Glyphs.Size > 0);
}

TEST_CASE("a cache that cannot be written is logged and the text is still there") {
  test::TempDir dir;
  FontFiles files = systemFonts();
  fs::path notADir = dir.path / "cache";
  { std::ofstream(notADir) << "a file where the cache directory should be"; }
  test::LogCapture logs;
  Built b;
  build(b, files, notADir);
  CHECK_FALSE(b.fromCache);
  CHECK(logs.contains("the font atlas is not cached"));
  REQUIRE(b.set.body != nullptr);
  CHECK(ui::missingGlyphs(*b.set.body, kTexts[0]).empty());
  CHECK(b.atlas.TexPixelsAlpha8 != nullptr);
}

TEST_CASE("only the newest few atlases are kept") {
  test::TempDir dir;
  FontFiles files = systemFonts();
  for (int size = 20; size < 30; ++size) {
    Built b;
    build(b, files, dir.path, static_cast<float>(size));
  }
  CHECK(cacheFiles(dir.path).size() == 6);
  Built newest;
  build(newest, files, dir.path, 29);
  CHECK(newest.fromCache);
}

TEST_CASE("the atlas cache is systemd's cache directory when the unit has one") {
  const char* saved = std::getenv("CACHE_DIRECTORY");
  std::string keep = saved ? saved : "";
  ::setenv("CACHE_DIRECTORY", "/var/cache/medkiosk:/var/cache/other", 1);
  CHECK(ui::atlasCacheDir("/var/lib/medkiosk") == "/var/cache/medkiosk");
  ::unsetenv("CACHE_DIRECTORY");
  CHECK(ui::atlasCacheDir("/var/lib/medkiosk") == "/var/lib/medkiosk/cache");
  CHECK(ui::atlasCacheDir("").empty());
  if (saved) ::setenv("CACHE_DIRECTORY", keep.c_str(), 1);
}
