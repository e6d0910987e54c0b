#include "ui/pictures.h"

#include <system_error>

#include "core/base/log.h"
#include "ui/png_image.h"
#include "ui/renderer.h"

namespace mk::ui {
namespace fs = std::filesystem;

namespace {
const char* variantName(bool highContrast) { return highContrast ? "high-contrast" : "normal"; }
}  // namespace

Pictures::Pictures(fs::path dir) : dir_(std::move(dir)) {
  // One pass over the directory: a name counts when every size of both variants is there.
  std::map<std::string, int> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string leaf = it->path().filename().string();
    if (!leaf.ends_with(".png")) continue;
    std::string stem = leaf.substr(0, leaf.size() - 4);
    auto px = stem.rfind('.');
    auto variant = px == std::string::npos ? px : stem.rfind('.', px - 1);
    if (variant == std::string::npos) continue;
    ++files[stem.substr(0, variant)];
  }
  if (ec) log::error("pictures", "cannot read " + dir_.string() + ": " + ec.message());
  for (const auto& [name, count] : files)
    if (count == static_cast<int>(kSizes.size()) * 2) complete_.insert(name);
}

void Pictures::setRenderer(Renderer* renderer) {
  if (renderer == renderer_) return;
  renderer_ = renderer;
  loaded_.clear();
  bytes_ = 0;
}

bool Pictures::has(std::string_view name) const { return complete_.contains(name); }

int Pictures::sizeFor(float px) {
  for (int s : kSizes)
    if (static_cast<float>(s) >= px) return s;
  return kSizes.back();
}

float Pictures::unscaledSize(float px) {
  float best = px;
  for (int s : kSizes)
    if (static_cast<float>(s) <= px) best = static_cast<float>(s);
  return best;
}

fs::path Pictures::file(std::string_view name, int size, bool highContrast) const {
  return dir_ / (std::string(name) + "." + variantName(highContrast) + "." + std::to_string(size) + ".png");
}

void* Pictures::texture(std::string_view name, float px, bool highContrast) {
  if (!renderer_ || !has(name)) return nullptr;
  fs::path path = file(name, sizeFor(px), highContrast);
  std::string key = path.filename().string();
  auto it = loaded_.find(key);
  if (it != loaded_.end()) return it->second;
  RgbaImage image;
  std::string error;
  void* tex = nullptr;
  if (!readPng(path, image, error, kSizes.back())) {
    log::error("pictures", "cannot read " + path.string() + ": " + error + "; its label is shown alone");
  } else {
    tex = renderer_->createImage(image.width, image.height, image.pixels.data());
    if (tex) bytes_ += image.pixels.size();
  }
  loaded_.emplace(std::move(key), tex);
  return tex;
}

std::vector<std::string> Pictures::missing(const std::vector<std::string>& names) const {
  std::vector<std::string> out;
  for (const auto& n : names)
    if (!has(n)) out.push_back(n);
  return out;
}

namespace {
struct SectionPictogram {
  std::string_view section;
  const char* pictogram;
};
constexpr SectionPictogram kSectionPictograms[] = {
    {"purpose", "info"},
    {"how_to_take", "capsule"},
    {"pregnancy", "no-pregnancy"},
    {"donation", "no-blood-donation"},
    {"symptoms", "warning"},
    {"side_effects", "side-effects"},
    {"how_it_works", "how-it-works"},
    {"sources", "sources"},
};
// Drawn by the screens themselves (toolbar, read aloud, language, attract).
constexpr const char* kControlPictograms[] = {"home", "language", "contrast", "speaker", "back", "hand"};
}  // namespace

const char* sectionPictogram(std::string_view section) {
  for (const auto& s : kSectionPictograms)
    if (s.section == section) return s.pictogram;
  return nullptr;
}

std::vector<std::string> pictogramsInUse() {
  std::vector<std::string> out;
  for (const auto& s : kSectionPictograms) out.emplace_back(s.pictogram);
  for (const char* c : kControlPictograms) out.emplace_back(c);
  return out;
}

}  // namespace mk::ui
