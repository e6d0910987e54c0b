#include "ui/atlas_cache.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "core/base/files.h"
#include "core/base/log.h"
#include "core/base/memory.h"

namespace mk::ui {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'M', 'K', 'A', 'T', 'L', 'A', 'S', '1'};
constexpr std::size_t kSumBytes = crypto_generichash_BYTES;  // 32
constexpr std::size_t kKeep = 6;                             // three text sizes, twice over
constexpr int kMaxTexSide = 16384;
constexpr int kMaxGlyphs = 0xFFFF;  // ImGui indexes glyphs with 16 bits

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// Reads fixed-size values off a byte string; any read past its end fails them all.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool get(T& value) {
    return bytes(&value, sizeof value);
  }
  bool bytes(void* out, std::size_t n) {
    if (n > data_.size() - pos_) return false;
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool atEnd() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

void hashFile(crypto_generichash_state& st, const fs::path& file) {
  std::string name = file.string();
  struct stat s {};
  if (!name.empty() && ::stat(name.c_str(), &s) != 0) s = {};
  // The file's identity: a font package update changes its size, time or inode.
  std::int64_t id[] = {static_cast<std::int64_t>(s.st_size), static_cast<std::int64_t>(s.st_mtim.tv_sec),
                       static_cast<std::int64_t>(s.st_mtim.tv_nsec), static_cast<std::int64_t>(s.st_ino),
                       static_cast<std::int64_t>(s.st_dev)};
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(name.c_str()), name.size() + 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(id), sizeof id);
}

void hashRanges(crypto_generichash_state& st, const ImVector<ImWchar>& ranges) {
  auto n = static_cast<std::uint32_t>(ranges.Size);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(&n), sizeof n);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(ranges.Data),
                            sizeof(ImWchar) * static_cast<std::size_t>(ranges.Size));
}

std::string serialise(const ImFontAtlas& atlas) {
  std::string body;
  put(body, atlas.TexWidth);
  put(body, atlas.TexHeight);
  put(body, atlas.TexUvScale);
  put(body, atlas.TexUvWhitePixel);
  put(body, atlas.TexUvLines);
  put(body, atlas.Fonts.Size);
  for (const ImFont* f : atlas.Fonts) {
    put(body, f->FontSize);
    put(body, f->Ascent);
    put(body, f->Descent);
    put(body, f->FallbackChar);
    put(body, f->EllipsisChar);
    put(body, f->DotChar);
    put(body, f->MetricsTotalSurface);
    put(body, f->Glyphs.Size);
    body.append(reinterpret_cast<const char*>(f->Glyphs.Data),
                sizeof(ImFontGlyph) * static_cast<std::size_t>(f->Glyphs.Size));
  }
  body.append(reinterpret_cast<const char*>(atlas.TexPixelsAlpha8),
              static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight));
  unsigned char sum[kSumBytes];
  crypto_generichash(sum, sizeof sum, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  std::string file(kMagic, sizeof kMagic);
  file.append(reinterpret_cast<const char*>(sum), sizeof sum);
  return file + body;
}

bool readFont(Reader& in, ImFont& f) {
  int glyphs = 0;
  if (!(in.get(f.FontSize) && in.get(f.Ascent) && in.get(f.Descent) && in.get(f.FallbackChar) &&
        in.get(f.EllipsisChar) && in.get(f.DotChar) && in.get(f.MetricsTotalSurface) && in.get(glyphs)))
    return false;
  if (glyphs <= 0 || glyphs > kMaxGlyphs) return false;
  f.Glyphs.resize(glyphs);
  if (!in.bytes(f.Glyphs.Data, sizeof(ImFontGlyph) * static_cast<std::size_t>(glyphs))) return false;
  f.BuildLookupTable();  // the same index ImGui makes at the end of its build
  return f.FallbackGlyph != nullptr;
}

// The atlas from a file's body, or false (atlas cleared) when it does not parse.
bool deserialise(std::string_view body, ImFontAtlas& atlas) {
  Reader in(body);
  int fonts = 0;
  if (!(in.get(atlas.TexWidth) && in.get(atlas.TexHeight) && in.get(atlas.TexUvScale) &&
        in.get(atlas.TexUvWhitePixel) && in.get(atlas.TexUvLines) && in.get(fonts)))
    return false;
  if (atlas.TexWidth <= 0 || atlas.TexHeight <= 0 || atlas.TexWidth > kMaxTexSide || atlas.TexHeight > kMaxTexSide ||
      fonts <= 0 || fonts > 16)
    return false;
  for (int i = 0; i < fonts; ++i) {
    ImFont* f = IM_NEW(ImFont);
    f->ContainerAtlas = &atlas;
    atlas.Fonts.push_back(f);  // owned by the atlas from here, also on failure
    if (!readFont(in, *f)) return false;
  }
  std::size_t pixels = static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight);
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
  populateForWriting(atlas.TexPixelsAlpha8, pixels);
  if (!in.bytes(atlas.TexPixelsAlpha8, pixels) || !in.atEnd()) return false;
  atlas.TexReady = true;
  return true;
}

// Why `data` is not a cache file, or "" when its checksum holds.
std::string damage(std::string_view data) {
  if (data.size() < sizeof kMagic + kSumBytes || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return "not a font atlas cache file";
  unsigned char sum[kSumBytes];
  const auto* body = reinterpret_cast<const unsigned char*>(data.data()) + sizeof kMagic + kSumBytes;
  crypto_generichash(sum, sizeof sum, body, data.size() - sizeof kMagic - kSumBytes, nullptr, 0);
  if (sodium_memcmp(sum, data.data() + sizeof kMagic, kSumBytes) != 0) return "checksum mismatch";
  return "";
}

// A file's bytes, read into memory that is not zeroed first.
struct FileBytes {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::string_view view() const { return {data.get(), size}; }
};

// The whole of `file`, or no bytes when it cannot be read whole; `exists` is false
// only when there is no such file.
FileBytes readWhole(const fs::path& file, bool& exists) {
  FileBytes out;
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  exists = fd || errno != ENOENT;
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0 || st.st_size <= 0) return out;
  const auto size = static_cast<std::size_t>(st.st_size);
  out.data.reset(new char[size]);
  populateForWriting(out.data.get(), size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd.get(), out.data.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    done += static_cast<std::size_t>(n);
  }
  out.size = size;
  return out;
}

}  // namespace

std::string atlasKey(const FontFiles& files, float emPx, const ImVector<ImWchar>& bodyRanges,
                     const ImVector<ImWchar>& titleRanges, const ImFontConfig& config, ImFontAtlasFlags flags) {
  if (sodium_init() < 0) return {};
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kSumBytes);
  // The format and ImGui's own layout of what is stored.
  std::uint32_t layout[] = {1u,
                            IMGUI_VERSION_NUM,
                            sizeof(ImFontGlyph),
                            sizeof(ImWchar),
                            sizeof(ImFont),
                            IM_DRAWLIST_TEX_LINES_WIDTH_MAX,
                            static_cast<std::uint32_t>(flags)};
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(layout), sizeof layout);
  float build[] = {emPx, static_cast<float>(config.OversampleH), static_cast<float>(config.OversampleV),
                   config.PixelSnapH ? 1.0f : 0.0f, config.RasterizerMultiply};
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(build), sizeof build);
  hashFile(st, files.regular);
  hashFile(st, files.bold);
  hashRanges(st, bodyRanges);
  hashRanges(st, titleRanges);
  unsigned char key[kSumBytes];
  crypto_generichash_final(&st, key, sizeof key);
  return hex(key, 16);  // 128 bits name a file well enough
}

fs::path AtlasCache::fileFor(const std::string& key) const { return dir_ / ("atlas-" + key + ".bin"); }

bool AtlasCache::load(const std::string& key, ImFontAtlas& atlas) const {
  if (!enabled() || key.empty()) return false;
  fs::path file = fileFor(key);
  bool exists = false;
  FileBytes data = readWhole(file, exists);
  if (!exists) return false;  // first start with these fonts: nothing to say
  std::string why = damage(data.view());
  if (why.empty() && deserialise(data.view().substr(sizeof kMagic + kSumBytes), atlas)) return true;
  atlas.Clear();
  if (why.empty()) why = "its contents do not parse";
  log::warn("fonts", "font atlas cache " + file.string() + " is damaged (" + why +
                         "); removing it and building the atlas again");
  std::error_code ec;
  fs::remove(file, ec);
  return false;
}

void AtlasCache::store(const std::string& key, const ImFontAtlas& atlas) const {
  if (!enabled() || key.empty() || !atlas.TexPixelsAlpha8 || atlas.Fonts.Size == 0) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  try {
    writeFileAtomically(fileFor(key), serialise(atlas), 0640);  // like all the kiosk writes (umask 027)
  } catch (const std::exception& e) {
    log::warn("fonts", std::string("the font atlas is not cached (") + e.what() + "); the next start builds it again");
    return;
  }
  // Only the newest few stay: a content update or a font upgrade leaves old keys behind.
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("atlas-", 0) == 0 && entry.path().extension() == ".bin")
      files.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (files.size() <= kKeep) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = kKeep; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

fs::path atlasCacheDir(const fs::path& stateDir) {
  // systemd sets CACHE_DIRECTORY (a colon-separated list) for a unit with CacheDirectory=.
  if (const char* dirs = std::getenv("CACHE_DIRECTORY"); dirs && *dirs) {
    std::string first(dirs);
    first = first.substr(0, first.find(':'));
    if (!first.empty() && first[0] == '/') return first;
  }
  return stateDir.empty() ? fs::path() : stateDir / "cache";
}

}  // namespace mk::ui
