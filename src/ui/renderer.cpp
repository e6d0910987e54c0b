#include "ui/renderer.h"

#include <SDL.h>
#include <imgui.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>

#include "core/base/log.h"
#include "core/base/memory.h"
#include "ui/png_image.h"

namespace mk::ui {

void populateLargeSdlAllocations() {
  constexpr std::size_t kLarge = std::size_t{1} << 20;
  SDL_SetMemoryFunctions(
      [](std::size_t size) {
        void* p = std::malloc(size);
        if (p && size >= kLarge) populateForWriting(p, size);
        return p;
      },
      [](std::size_t n, std::size_t size) { return std::calloc(n, size); },
      [](void* p, std::size_t size) { return std::realloc(p, size); }, [](void* p) { std::free(p); });
}

std::unique_ptr<Renderer> Renderer::forWindow(SDL_Window* window, bool accelerated) {
  std::unique_ptr<Renderer> r(new Renderer());
  if (accelerated) r->renderer_ = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED);
  if (accelerated && !r->renderer_) {
    log::warn("render", std::string("no accelerated renderer (") + SDL_GetError() + "); using software");
  }
  if (!r->renderer_) {
    // Otherwise SDL backs the window surface of a software renderer with a GL texture
    // on X11, which loads the GL driver after all.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    r->renderer_ = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!r->renderer_) {
      // No software framebuffer for this window (some video drivers have none).
      log::warn("render", std::string("no software renderer for the window (") + SDL_GetError() + "); trying any");
      SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, nullptr);
      r->renderer_ = SDL_CreateRenderer(window, -1, 0);
    }
  }
  if (!r->renderer_) {
    log::error("render", std::string("cannot create a renderer: ") + SDL_GetError());
    return nullptr;
  }
  SDL_RendererInfo info{};
  // Software draws into the window's own surface, which keeps the last frame.
  r->keepsPixels_ = SDL_GetRendererInfo(r->renderer_, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
  // The first frame covers all of it.
  if (SDL_Surface* s = r->keepsPixels_ ? SDL_GetWindowSurface(window) : nullptr) {
    populateForWriting(s->pixels, static_cast<std::size_t>(s->pitch) * static_cast<std::size_t>(s->h));
    r->window_ = window;
  }
  return r;
}

std::unique_ptr<Renderer> Renderer::forSurface(int width, int height) {
  std::unique_ptr<Renderer> r(new Renderer());
  if (width <= 0 || height <= 0) {
    log::error("render", "cannot create a surface of " + std::to_string(width) + "x" + std::to_string(height));
    return nullptr;
  }
  const int pitch = width * 4;
  const std::size_t bytes = static_cast<std::size_t>(pitch) * static_cast<std::size_t>(height);
  // Not zeroed: the first frame covers all of it.
  r->surfacePixels_.reset(new unsigned char[bytes]);
  populateForWriting(r->surfacePixels_.get(), bytes);
  // The format of an X11 window's surface (XRGB8888), so that a screenshot has the
  // window's pixels, and one SDL blits text into with a blitter of its own: into
  // RGBA32 it took a generic one about twice as slow.
  r->surface_ =
      SDL_CreateRGBSurfaceWithFormatFrom(r->surfacePixels_.get(), width, height, 32, pitch, SDL_PIXELFORMAT_RGB888);
  if (!r->surface_) {
    log::error("render", std::string("cannot create a surface: ") + SDL_GetError());
    return nullptr;
  }
  r->renderer_ = SDL_CreateSoftwareRenderer(r->surface_);
  if (!r->renderer_) {
    log::error("render", std::string("cannot create a software renderer: ") + SDL_GetError());
    return nullptr;
  }
  r->keepsPixels_ = true;
  return r;
}

Renderer::~Renderer() {
  for (SDL_Texture* t : images_) SDL_DestroyTexture(t);
  if (fontTexture_) SDL_DestroyTexture(fontTexture_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
}

bool Renderer::uploadFontAtlas(ImFontAtlas& atlas) {
  // From ImGui's 8-bit coverage, widened to white RGBA straight into the texture
  // (a software texture is locked in place): ImGui's own RGBA copy would hold another
  // 4 MB next to the texture while it is made.
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
  if (fontTexture_) SDL_DestroyTexture(fontTexture_);
  fontTexture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, w, h);
  void* pixels = nullptr;
  int pitch = 0;
  if (!fontTexture_ || SDL_LockTexture(fontTexture_, nullptr, &pixels, &pitch) != 0) {
    log::error("render", std::string("cannot create the font texture: ") + SDL_GetError());
    if (fontTexture_) SDL_DestroyTexture(fontTexture_);
    fontTexture_ = nullptr;
    return false;
  }
  populateForWriting(pixels, static_cast<std::size_t>(pitch) * static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    const unsigned char* src = alpha + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    unsigned char* dst =
        static_cast<unsigned char*>(pixels) + static_cast<std::size_t>(y) * static_cast<std::size_t>(pitch);
    for (int x = 0; x < w; ++x) {
      dst[x * 4] = dst[x * 4 + 1] = dst[x * 4 + 2] = 255;
      dst[x * 4 + 3] = src[x];
    }
  }
  SDL_UnlockTexture(fontTexture_);
  SDL_SetTextureBlendMode(fontTexture_, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(fontTexture_, SDL_ScaleModeLinear);
  atlas.SetTexID(static_cast<ImTextureID>(fontTexture_));
  whiteU_ = atlas.TexUvWhitePixel.x;
  whiteV_ = atlas.TexUvWhitePixel.y;
  atlas.ClearTexData();
  return true;
}

void* Renderer::createImage(int w, int h, const unsigned char* rgba) {
  SDL_Texture* t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!t) {
    log::error("render", std::string("cannot create a picture texture: ") + SDL_GetError());
    return nullptr;
  }
  SDL_UpdateTexture(t, nullptr, rgba, w * 4);
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
  images_.push_back(t);
  return static_cast<ImTextureID>(t);
}

namespace {

constexpr int kBandRows = 16;
static_assert(std::is_same_v<ImDrawIdx, unsigned short>, "scratch_ in renderer.h holds ImDrawIdx");

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  // FNV-1a over 64-bit words, then a multiply-xorshift: cheap and well spread.
  h = (h ^ v) * 0x100000001b3ULL;
  return h ^ (h >> 29);
}

std::uint64_t hashBytes(std::uint64_t h, const void* p, std::size_t n) {
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, b + i, 8);
    h = mix(h, v);
  }
  for (std::size_t i = n - n % 8; i < n; ++i) h = mix(h, b[i]);
  return h;
}

SDL_Rect clipOf(const ImDrawCmd& cmd, ImVec2 origin) {
  return SDL_Rect{static_cast<int>(cmd.ClipRect.x - origin.x), static_cast<int>(cmd.ClipRect.y - origin.y),
                  static_cast<int>(cmd.ClipRect.z - cmd.ClipRect.x), static_cast<int>(cmd.ClipRect.w - cmd.ClipRect.y)};
}

}  // namespace

void Renderer::hashBands(const ImDrawData& data, unsigned clearRgb, std::vector<std::uint64_t>& bands) const {
  const int count = static_cast<int>(bands.size());
  std::fill(bands.begin(), bands.end(), mix(0xcbf29ce484222325ULL, clearRgb));
  const ImVec2 origin = data.DisplayPos;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      SDL_Rect clip = clipOf(cmd, origin);
      if (cmd.UserCallback || clip.w <= 0 || clip.h <= 0) continue;
      std::uint64_t cmdHash = hashBytes(mix(0, reinterpret_cast<std::uintptr_t>(cmd.TextureId)), &clip, sizeof clip);
      const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert* v[3] = {vtx + idx[i], vtx + idx[i + 1], vtx + idx[i + 2]};
        float top = std::min({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}) - origin.y;
        float bottom = std::max({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}) - origin.y;
        // One pixel of margin: rasterisation rounds, and anti-aliased edges reach out.
        int b0 = std::max({0, clip.y / kBandRows, static_cast<int>(std::floor(top - 1)) / kBandRows});
        int b1 = std::min(
            {count - 1, (clip.y + clip.h - 1) / kBandRows, static_cast<int>(std::ceil(bottom + 1)) / kBandRows});
        if (b0 > b1) continue;
        std::uint64_t h = cmdHash;
        for (const ImDrawVert* p : v) h = hashBytes(h, p, sizeof(ImDrawVert));
        for (int b = b0; b <= b1; ++b) bands[static_cast<std::size_t>(b)] = mix(bands[static_cast<std::size_t>(b)], h);
      }
    }
  }
}

void Renderer::drawArea(const ImDrawData& data, const SDL_Rect& area, unsigned clearRgb) {
  SDL_RenderSetClipRect(renderer_, &area);
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, (clearRgb >> 16) & 0xFF, (clearRgb >> 8) & 0xFF, clearRgb & 0xFF, 255);
  SDL_RenderFillRect(renderer_, &area);
  const ImVec2 origin = data.DisplayPos;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback) continue;  // no callbacks are used
      SDL_Rect cmdClip = clipOf(cmd, origin), clip{};
      if (!SDL_IntersectRect(&cmdClip, &area, &clip)) continue;
      SDL_RenderSetClipRect(renderer_, &clip);
      const bool inside = cmdClip.y >= area.y && cmdClip.y + cmdClip.h <= area.y + area.h;
      drawCommand(list, cmd, inside ? nullptr : &clip, origin);
    }
  }
}

Renderer::Kind Renderer::kindOf(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c) const {
  if (!isWhite(a.uv) || !isWhite(b.uv) || !isWhite(c.uv)) return Kind::Textured;
  const ImU32 alpha = (a.col & b.col & c.col) >> IM_COL32_A_SHIFT & 0xFF;
  return alpha == 0xFF ? Kind::Opaque : Kind::Translucent;
}

// The command's triangles in runs of one kind, in order. Those that sample only the
// font atlas's white pixel (ImGui's plain shapes) are drawn untextured, which SDL
// fills without sampling a texture for every pixel; opaque ones replace the pixels
// (what blending at full alpha gives, without SDL's intermediate surface for each
// blended triangle). With `clip`, only the triangles that reach into it: SDL walks
// every triangle it is given, even those its clip rectangle then leaves out.
void Renderer::drawCommand(const ImDrawList& list, const ImDrawCmd& cmd, const SDL_Rect* clip, ImVec2 origin) {
  const ImDrawVert* base = list.VtxBuffer.Data + cmd.VtxOffset;
  const ImDrawIdx* first = list.IdxBuffer.Data + cmd.IdxOffset;
  const int elems = static_cast<int>(cmd.ElemCount);
  auto* texture = static_cast<SDL_Texture*>(cmd.TextureId);
  const bool fontTexture = texture && texture == fontTexture_;
  const float top = clip ? static_cast<float>(clip->y) + origin.y - 1 : 0,
              bottom = clip ? static_cast<float>(clip->y + clip->h) + origin.y + 1 : 0;
  Kind run = Kind::Textured;
  scratch_.clear();
  for (int i = 0; i + 2 < elems; i += 3) {
    const ImDrawVert &a = base[first[i]], &b = base[first[i + 1]], &c = base[first[i + 2]];
    if (clip && (std::max({a.pos.y, b.pos.y, c.pos.y}) < top || std::min({a.pos.y, b.pos.y, c.pos.y}) > bottom))
      continue;
    const Kind kind = fontTexture ? kindOf(a, b, c) : Kind::Textured;
    if (kind != run) drawTriangles(list, cmd, run == Kind::Textured ? texture : nullptr, run);
    run = kind;
    scratch_.insert(scratch_.end(), first + i, first + i + 3);
  }
  drawTriangles(list, cmd, run == Kind::Textured ? texture : nullptr, run);
}

// Draws the triangles in scratch_ and empties it.
void Renderer::drawTriangles(const ImDrawList& list, const ImDrawCmd& cmd, SDL_Texture* texture, Kind kind) {
  if (scratch_.empty()) return;
  if (kind != Kind::Textured)
    SDL_SetRenderDrawBlendMode(renderer_, kind == Kind::Opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  const ImDrawVert* base = list.VtxBuffer.Data + cmd.VtxOffset;
  const int stride = static_cast<int>(sizeof(ImDrawVert));
  // ImDrawVert colour is RGBA bytes in memory, the same layout as SDL_Color.
  SDL_RenderGeometryRaw(renderer_, texture, reinterpret_cast<const float*>(&base->pos), stride,
                        reinterpret_cast<const SDL_Color*>(&base->col), stride,
                        reinterpret_cast<const float*>(&base->uv), stride,
                        list.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), scratch_.data(),
                        static_cast<int>(scratch_.size()), sizeof(ImDrawIdx));
  scratch_.clear();
}

void Renderer::render(const ImDrawData& data, unsigned clearRgb) {
  const int w = width(), h = height();
  std::vector<std::uint64_t> bands(static_cast<std::size_t>((h + kBandRows - 1) / kBandRows));
  hashBands(data, clearRgb, bands);
  bool all = !keepsPixels_ || w != lastWidth_ || h != lastHeight_ || bands.size() != bandHash_.size();
  if (!all) {
    std::size_t changed = 0;
    for (std::size_t b = 0; b < bands.size(); ++b) changed += bands[b] != bandHash_[b];
    all = changed * 10 >= bands.size() * 9;  // nearly all new: one pass is cheaper
  }
  auto dirty = [&](std::size_t b) { return all || bands[b] != bandHash_[b]; };
  redrawnRows_ = 0;
  // Changed bands are drawn as one area with short unchanged gaps between them: each
  // area is a pass over the draw lists.
  constexpr std::size_t kMaxGap = 4;
  for (std::size_t b = 0; b < bands.size();) {
    if (!dirty(b)) {
      ++b;
      continue;
    }
    std::size_t end = b + 1;
    for (;;) {
      while (end < bands.size() && dirty(end)) ++end;
      std::size_t next = end;
      while (next < bands.size() && next - end < kMaxGap && !dirty(next)) ++next;
      if (next < bands.size() && next - end < kMaxGap && dirty(next))
        end = next;
      else
        break;
    }
    int y0 = static_cast<int>(b) * kBandRows, y1 = std::min(h, static_cast<int>(end) * kBandRows);
    drawArea(data, SDL_Rect{0, y0, w, y1 - y0}, clearRgb);
    if (window_) unpresented_.push_back(SDL_Rect{0, y0, w, y1 - y0});
    redrawnRows_ += y1 - y0;
    b = end;
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
  bandHash_ = std::move(bands);
  lastWidth_ = w;
  lastHeight_ = h;
}

void Renderer::present() {
  presentedRows_ = 0;
  if (surface_) return;
  if (!window_) {
    SDL_RenderPresent(renderer_);
    presentedRows_ = height();
    return;
  }
  // What SDL_RenderPresent does for a software renderer (finish drawing, update the
  // window surface), for the drawn rows only. After a window event invalidate() made
  // render() draw every row, so a new or exposed surface is sent whole.
  SDL_RenderFlush(renderer_);
  if (unpresented_.empty()) return;
  const bool failed =
      SDL_UpdateWindowSurfaceRects(window_, unpresented_.data(), static_cast<int>(unpresented_.size())) != 0;
  // Logged once while it keeps failing; the next frame draws and sends every row.
  if (failed && !presentFailed_) log::warn("render", std::string("cannot present the frame: ") + SDL_GetError());
  if (failed) invalidate();
  presentFailed_ = failed;
  if (!failed)
    for (const SDL_Rect& r : unpresented_) presentedRows_ += r.h;
  unpresented_.clear();
}

int Renderer::width() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  return w;
}

int Renderer::height() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  return h;
}

bool Renderer::savePng(const std::filesystem::path& path) {
  int w = width(), h = height();
  std::vector<unsigned char> copy;  // only for a window: a surface is written in place
  unsigned char* pixels = nullptr;
  int pitch = w * 4;
  if (surface_) {
    SDL_RenderFlush(renderer_);
    SDL_LockSurface(surface_);
    pixels = static_cast<unsigned char*>(surface_->pixels);
    pitch = surface_->pitch;
  } else {
    copy.resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
    pixels = copy.data();
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels, pitch) != 0) {
      log::error("render", std::string("cannot read pixels: ") + SDL_GetError());
      return false;
    }
  }
  // The screen is opaque: written as RGB, whatever the fourth bytes hold.
  bool ok = writePng(path, w, h, pixels, pitch, PngAlpha::Drop, surface_ ? ByteOrder::Bgra : ByteOrder::Rgba);
  if (surface_) SDL_UnlockSurface(surface_);
  return ok;
}

}  // namespace mk::ui
