// Pictograms: PNGs read through libpng, the pictures found and loaded on first use, a
// broken or missing one logged and drawn as its label alone, and the pictograms of
// assets/ measured for contrast on their tile, from the rasterised pixels.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/app.h"
#include "core/content/content_source.h"
#include "core/layout/palette.h"
#include "test_support.h"
#include "ui/frame_checks.h"
#include "ui/pictures.h"
#include "ui/png_image.h"
#include "ui/widgets.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

const fs::path kBuiltPictograms = fs::path(MEDKIOSK_BINARY_DIR) / "assets" / "pictograms";
const fs::path kSources = fs::path(MEDKIOSK_SOURCE_DIR) / "assets";

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeSquare(const fs::path& p, int side, unsigned char shade) {
  std::vector<unsigned char> px(static_cast<size_t>(side * side * 4), shade);
  REQUIRE(ui::writePng(p, side, side, px.data(), side * 4));
}

// Writes <name>.<variant>.<px>.png at every size, in one or both variants.
void writeSet(const fs::path& dir, const std::string& name, bool bothVariants = true) {
  for (int s : ui::Pictures::kSizes) {
    writeSquare(dir / (name + ".normal." + std::to_string(s) + ".png"), s, 200);
    if (bothVariants) writeSquare(dir / (name + ".high-contrast." + std::to_string(s) + ".png"), s, 50);
  }
}

std::vector<std::string> sourceNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kSources / "pictograms"))
    if (e.path().extension() == ".svg") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

Rgb over(const unsigned char* px, Rgb tile) {
  auto mixed = [&](int c, std::uint8_t t) {
    return static_cast<std::uint8_t>((px[c] * px[3] + t * (255 - px[3]) + 127) / 255);
  };
  return {mixed(0, tile.r), mixed(1, tile.g), mixed(2, tile.b)};
}

// The colours where the pictogram meets its tile: the first fully opaque pixel met from
// each side, along every row and every column. Tile-coloured ("paper") pixels are part
// of the tile.
std::vector<Rgb> edgeColours(const ui::RgbaImage& img, Rgb tile) {
  std::vector<Rgb> out;
  auto at = [&](int x, int y) { return &img.pixels[static_cast<size_t>((y * img.width + x) * 4)]; };
  auto inside = [&](int x, int y) { return x >= 0 && y >= 0 && x < img.width && y < img.height; };
  auto scan = [&](int x, int y, int dx, int dy) {
    for (; inside(x, y); x += dx, y += dy) {
      if (at(x, y)[3] < 255 || contrastRatio(over(at(x, y), tile), tile) <= 1.05) continue;
      // The stroke's own colour: the strongest of this pixel and the next two, past
      // the anti-aliasing where a shape meets a "paper" cut-out.
      Rgb best = over(at(x, y), tile);
      for (int k = 1; k <= 2 && inside(x + k * dx, y + k * dy); ++k) {
        Rgb c = over(at(x + k * dx, y + k * dy), tile);
        if (contrastRatio(c, tile) > contrastRatio(best, tile)) best = c;
      }
      out.push_back(best);
      return;
    }
  };
  for (int y = 0; y < img.height; ++y) {
    scan(0, y, 1, 0);
    scan(img.width - 1, y, -1, 0);
  }
  for (int x = 0; x < img.width; ++x) {
    scan(x, 0, 0, 1);
    scan(x, img.height - 1, 0, -1);
  }
  return out;
}

// The colour of `cls` in a stylesheet (its fill, else its stroke), as "#rrggbb".
std::string cssColour(const std::string& css, const std::string& cls) {
  std::smatch m;
  std::regex rule("\\." + cls + "\\s*\\{([^}]*)\\}");
  REQUIRE(std::regex_search(css, m, rule));
  std::string body = m[1];
  std::smatch c;
  if (std::regex_search(body, c, std::regex("fill:\\s*(#[0-9a-fA-F]{6})"))) return c[1];
  REQUIRE(std::regex_search(body, c, std::regex("stroke:\\s*(#[0-9a-fA-F]{6})")));
  return c[1];
}

Rgb hex(const std::string& h) {
  auto v = std::stoul(h.substr(1), nullptr, 16);
  return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

}  // namespace

TEST_CASE("a PNG is read back as written, and a missing, truncated or foreign file is an error") {
  test::TempDir dir;
  std::vector<unsigned char> px = {1,  2,  3,  255, 4,  5,  6,  128, 7,  8,  9,  0,
                                   10, 11, 12, 64,  13, 14, 15, 255, 16, 17, 18, 1};
  REQUIRE(ui::writePng(dir.path / "a.png", 3, 2, px.data(), 12));
  ui::RgbaImage img;
  std::string error;
  REQUIRE(ui::readPng(dir.path / "a.png", img, error));
  CHECK(img.width == 3);
  CHECK(img.height == 2);
  CHECK(img.pixels == px);

  std::string bytes = readAll(dir.path / "a.png");
  std::ofstream(dir.path / "cut.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  std::ofstream(dir.path / "text.png") << "not a picture\n";
  for (const char* bad : {"cut.png", "text.png", "missing.png"}) {
    INFO(bad);
    error.clear();
    CHECK_FALSE(ui::readPng(dir.path / bad, img, error));
    CHECK_FALSE(error.empty());
    CHECK(img.pixels.empty());
  }
  // Larger than a pictogram may be: refused before its pixels are allocated.
  CHECK_FALSE(ui::readPng(dir.path / "a.png", img, error, 2));
  CHECK(error.find("3x2") != std::string::npos);
}

TEST_CASE("an opaque picture is written as RGB: the same colours, fully opaque, whatever the fourth bytes held") {
  test::TempDir dir;
  // Two rows of three pixels, 16 bytes apart (a pitch wider than the row).
  std::vector<unsigned char> px = {1,  2,  3,  0,   4,  5,  6,  128, 7,  8,  9,  7, 0, 0, 0, 0,
                                   10, 11, 12, 255, 13, 14, 15, 3,   16, 17, 18, 1, 0, 0, 0, 0};
  REQUIRE(ui::writePng(dir.path / "screen.png", 3, 2, px.data(), 16, ui::PngAlpha::Drop));
  std::string bytes = readAll(dir.path / "screen.png");
  REQUIRE(bytes.size() > 26);
  CHECK(static_cast<int>(bytes[25]) == 2);  // IHDR colour type: truecolour without alpha
  ui::RgbaImage img;
  std::string error;
  REQUIRE(ui::readPng(dir.path / "screen.png", img, error));
  std::vector<unsigned char> expected = {1,  2,  3,  255, 4,  5,  6,  255, 7,  8,  9,  255,
                                         10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255};
  CHECK(img.pixels == expected);
}

TEST_CASE("pixels in blue, green, red order (an X11 window's) are written as RGB") {
  test::TempDir dir;
  std::vector<unsigned char> px = {3, 2, 1, 0, 6, 5, 4, 9};  // two pixels, B G R X
  REQUIRE(ui::writePng(dir.path / "screen.png", 2, 1, px.data(), 8, ui::PngAlpha::Drop, ui::ByteOrder::Bgra));
  ui::RgbaImage img;
  std::string error;
  REQUIRE(ui::readPng(dir.path / "screen.png", img, error));
  CHECK(img.pixels == std::vector<unsigned char>{1, 2, 3, 255, 4, 5, 6, 255});
}

TEST_CASE("pictures are found when complete, loaded once at the size drawn, and a broken one is logged once") {
  test::TempDir dir;
  writeSet(dir.path, "good");
  writeSet(dir.path, "half", false);
  writeSet(dir.path, "broken");
  std::ofstream(dir.path / "broken.normal.80.png", std::ios::trunc) << "garbage";
  ui::Pictures pictures(dir.path);
  CHECK(pictures.has("good"));
  CHECK_FALSE(pictures.has("half"));  // no high-contrast variant
  CHECK(pictures.has("broken"));      // its files are there; reading them fails later
  CHECK(pictures.missing({"good", "half", "none"}) == std::vector<std::string>{"half", "none"});

  CHECK(ui::Pictures::sizeFor(10) == 40);
  CHECK(ui::Pictures::sizeFor(56) == 56);
  CHECK(ui::Pictures::sizeFor(57) == 80);
  CHECK(ui::Pictures::sizeFor(1000) == 224);

  CHECK(pictures.texture("good", 60, false) == nullptr);  // no renderer yet
  auto renderer = ui::Renderer::forSurface(200, 200);
  pictures.setRenderer(renderer.get());
  void* normal = pictures.texture("good", 60, false);
  CHECK(normal != nullptr);
  CHECK(pictures.textureBytes() == 80u * 80u * 4u);
  CHECK(pictures.texture("good", 70, false) == normal);  // the same file: loaded once
  CHECK(pictures.texture("good", 60, true) != normal);
  CHECK(pictures.texture("half", 60, false) == nullptr);

  test::LogCapture log;
  CHECK(pictures.texture("broken", 80, false) == nullptr);
  CHECK(pictures.texture("broken", 80, false) == nullptr);
  auto lines = log.lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("broken.normal.80.png") != std::string::npos);
  CHECK(lines[0].find("label is shown alone") != std::string::npos);
  CHECK(pictures.texture("broken", 100, false) != nullptr);  // the other sizes are fine
}

TEST_CASE("every pictogram the kiosk draws is built, in both variants at every size") {
  ui::Pictures built(kBuiltPictograms);
  CHECK(built.missing(ui::pictogramsInUse()).empty());
  // Every pictogram the shipped content's figures name.
  ContentSource src = loadContentSource(MEDKIOSK_SOURCE_DIR "/content");
  for (const auto& f : src.medicines.front().figures)
    for (const auto& item : f.items) CHECK(built.missing(item.pictures).empty());
  CHECK(built.missing(sourceNames()).empty());
  for (auto section : kSectionIds) CHECK(ui::sectionPictogram(section) != nullptr);
}

TEST_CASE("pictogram sources carry classes only, and every class colour meets contrast on its tile") {
  const std::set<std::string> allowed = {"ink",      "ink-fill", "alert",         "alert-fill",
                                         "paper",    "cap",      "body-1mg",      "body-2mg",
                                         "body-3mg", "body-4mg", "imprint-light", "imprint-dark"};
  for (const auto& name : sourceNames()) {
    INFO(name);
    std::string svg = readAll(kSources / "pictograms" / (name + ".svg"));
    CHECK(svg.find("viewBox=\"0 0 48 48\"") != std::string::npos);
    CHECK(svg.find("<title>") != std::string::npos);
    CHECK(svg.find("CC BY 4.0") != std::string::npos);
    for (const char* banned : {" fill=", " stroke=", " style=", "<style", "opacity", "<image", "href"}) {
      INFO(banned);
      CHECK(svg.find(banned) == std::string::npos);
    }
    std::regex cls("class=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), cls); it != std::sregex_iterator(); ++it)
      CHECK(allowed.count((*it)[1]) == 1);
  }
  for (bool high : {false, true}) {
    std::string css = readAll(kSources / "style" / (high ? "high-contrast.css" : "normal.css"));
    Rgb tile = (high ? highContrastPalette() : normalPalette()).pictogramTile;
    double need = high ? 7.0 : 4.5;
    for (const char* cls : {"ink", "ink-fill", "alert", "alert-fill"}) {
      double ratio = contrastRatio(hex(cssColour(css, cls)), tile);
      INFO((high ? "high contrast " : "normal ") << cls << ": " << ratio << ":1");
      CHECK(ratio >= need);
    }
    CHECK(cssColour(css, "paper") == (high ? "#000000" : "#ffffff"));  // the tile itself
  }
}

TEST_CASE("every rasterised pictogram meets 4.5:1 (7:1 in high contrast) where it meets its tile") {
  for (bool high : {false, true}) {
    Rgb tile = (high ? highContrastPalette() : normalPalette()).pictogramTile;
    double need = high ? 7.0 : 4.5;
    for (const auto& name : sourceNames()) {
      ui::Pictures pictures(kBuiltPictograms);
      ui::RgbaImage img;
      std::string error;
      REQUIRE(ui::readPng(pictures.file(name, 80, high), img, error));
      std::vector<Rgb> edge = edgeColours(img, tile);
      REQUIRE(edge.size() > 40);
      std::size_t good = 0;
      double lowest = 21;
      for (Rgb c : edge) {
        double r = contrastRatio(c, tile);
        lowest = std::min(lowest, r);
        if (r >= need) ++good;
      }
      double share = static_cast<double>(good) / static_cast<double>(edge.size());
      INFO(name << (high ? " high contrast" : " normal") << ": " << good << " of " << edge.size()
                << " edge pixels meet " << need << ":1, lowest " << lowest << ":1");
      CHECK(share >= 0.95);
    }
  }
}

TEST_CASE("the rail's sections and the toolbar's controls show their pictograms inside their buttons") {
  app::Options o;
  o.country = "IE";
  o.textSize = 1;
  app::App app(o, "medkiosk_ui_tests", 0);
  auto renderer = ui::Renderer::forSurface(1080, 1920);
  app.ui().setRenderer(renderer.get());
  app.kiosk().start(0);
  app.kiosk().chooseLanguage("en", 0);
  for (bool high : {false, true}) {
    app.kiosk().setHighContrast(high, 16);
    app.ui().frame(16);
    app.ui().frame(32);
    const auto& reg = app.ui().registry();
    std::set<std::string> shown;
    for (const auto& p : reg.pictures) shown.insert(p.name);
    for (auto section : kSectionIds) CHECK(shown.count(ui::sectionPictogram(section)) == 1);
    for (const char* control : {"home", "language", "contrast"}) CHECK(shown.count(control) == 1);
    test::checkPicturesInsideBoxes(reg, high ? "high contrast" : "normal");
    CHECK(shown.count("speaker") == (app.readAloud()->available() ? 1u : 0u));
  }
  // The language screen's way back.
  app.kiosk().changeLanguage(64);
  app.ui().frame(80);
  app.ui().frame(96);
  bool back = false;
  for (const auto& p : app.ui().registry().pictures) back = back || p.name == "back";
  CHECK(back);
}

namespace {
// What the brochure's "how to take" shows in a locale at a text size, on a portrait
// screen of the given size.
ui::FrameRegistry howToTakeFrame(const char* locale, int textSize, int width = 1080, int height = 1920) {
  app::Options o;
  o.country = "IE";
  o.textSize = textSize;
  app::App app(o, "medkiosk_ui_tests", 0);
  auto renderer = ui::Renderer::forSurface(width, height);
  app.ui().setRenderer(renderer.get());
  app.kiosk().start(0);
  app.kiosk().chooseLanguage(locale, 0);
  app.kiosk().chooseSection("how_to_take", 0);
  app.ui().frame(16);
  app.ui().frame(32);
  test::checkPicturesInsideBoxes(app.ui().registry(), locale);
  return app.ui().registry();
}

// The pictograms the brochure's "how to take" shows, by name, with their size; and
// whether the toolbar was the compact one.
std::map<std::string, float> brochurePictograms(const char* locale, int textSize, bool& compact) {
  const ui::FrameRegistry reg = howToTakeFrame(locale, textSize);
  compact = false;
  for (const auto& t : reg.targets) compact = compact || t.id == "brochure.text_size";
  std::map<std::string, float> side;
  for (const auto& p : reg.pictures) side[p.name] = p.max.x - p.min.x;
  return side;
}
}  // namespace

TEST_CASE("the compact toolbar at the largest text keeps its pictograms, at the size of text size 1") {
  // Where the labels at text size 3 leave no room for full-size pictograms beside them
  // (Bulgarian, German, Greek), they keep the pictograms of text size 1.
  for (const char* locale : {"bg", "de", "el", "fi"}) {
    INFO(locale);
    bool compact = false;
    auto small = brochurePictograms(locale, 1, compact);
    REQUIRE_FALSE(compact);
    auto large = brochurePictograms(locale, 3, compact);
    REQUIRE(compact);
    // As large as a control's pictogram at text size 1 (the rail's, there).
    float reference = small[ui::sectionPictogram("how_to_take")];
    REQUIRE(reference > 0);
    for (const char* control : {"home", "language", "text-size"}) {
      INFO(control);
      REQUIRE(large.count(control) == 1);
      CHECK(large[control] == Approx(reference));
    }
  }
}

TEST_CASE("where labels leave no room beside them, the compact toolbar's pictograms go above the labels") {
  // Spanish and Romanian at text size 3: "Empezar de nuevo", "Tamaño del texto" fill
  // the row even beside the pictograms of text size 1.
  for (const char* locale : {"es", "ro"}) {
    INFO(locale);
    bool compact = false;
    // A control's pictogram at text size 1 (the rail's, in English: the size is the
    // same in every language).
    float reference = brochurePictograms("en", 1, compact)[ui::sectionPictogram("how_to_take")];
    REQUIRE(reference > 0);
    const ui::FrameRegistry reg = howToTakeFrame(locale, 3);
    for (const char* control : {"home", "language", "text-size"}) {
      INFO(control);
      auto pic = std::find_if(reg.pictures.begin(), reg.pictures.end(),
                              [&](const ui::FrameRegistry::Picture& p) { return p.name == control; });
      REQUIRE(pic != reg.pictures.end());
      // Nearly as large as a control's pictogram at text size 1.
      CHECK(pic->max.x - pic->min.x >= 0.9f * reference);
      CHECK(pic->max.x - pic->min.x <= reference);
      // Its label is in the same button, wholly below the pictogram.
      auto label = std::find_if(reg.texts.begin(), reg.texts.end(), [&](const ui::FrameRegistry::Text& t) {
        return t.boxMin.x == pic->boxMin.x && t.boxMin.y == pic->boxMin.y;
      });
      REQUIRE(label != reg.texts.end());
      CHECK(label->textMin.y >= pic->max.y);
      // Centred over the label.
      CHECK((pic->min.x + pic->max.x) * 0.5f == Approx((pic->boxMin.x + pic->boxMax.x) * 0.5f).margin(1.0));
    }
  }
}

TEST_CASE("at text size 1 the toolbar shows its pictograms in every language, long labels too") {
  // Polish ("Zacznij od nowa", "Wysoki kontrast") left them out when home and language
  // were both as wide as the wider label needs.
  for (const char* locale : {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
                             "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}) {
    for (auto [w, h] : {std::pair{540, 960}, std::pair{1080, 1920}}) {
      INFO(locale << " at " << w << "x" << h);
      const ui::FrameRegistry reg = howToTakeFrame(locale, 1, w, h);
      std::set<std::string> shown;
      for (const auto& p : reg.pictures) shown.insert(p.name);
      for (const char* control : {"home", "language", "contrast"}) CHECK(shown.count(control) == 1);
      test::checkTextInsideBoxes(reg, locale);
    }
  }
}
