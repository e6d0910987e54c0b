#include "ui/renderer.h"

#include <SDL.h>
#include <imgui.h>
#include <png.h>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/log.h"

namespace mk::ui {
namespace {

// libpng at zlib's fastest level with the "up" filter: a 1080x1920 screen in about a
// quarter of the time stb_image_write takes, for a similar file size.
bool writePng(const std::filesystem::path& path, int w, int h, unsigned char* pixels, int pitch) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    log::error("render", "cannot write " + path.string() + ": " + std::strerror(errno));
    return false;
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  bool ok = png && info;
  // libpng reports errors by longjmp; nothing with a destructor is live below.
  if (ok && setjmp(png_jmpbuf(png)) == 0) {
    png_init_io(png, file);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < h; ++y) png_write_row(png, pixels + static_cast<std::ptrdiff_t>(y) * pitch);
    png_write_end(png, nullptr);
  } else {
    ok = false;
  }
  png_destroy_write_struct(&png, &info);
  if (std::fclose(file) != 0) ok = false;
  if (!ok) log::error("render", "cannot write " + path.string());
  return ok;
}

}  // namespace

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
  }
  if (!r->renderer_) {
    log::error("render", std::string("cannot create a renderer: ") + SDL_GetError());
    return nullptr;
  }
  return r;
}

std::unique_ptr<Renderer> Renderer::forSurface(int width, int height) {
  std::unique_ptr<Renderer> r(new Renderer());
  r->surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
  if (!r->surface_) {
    log::error("render", std::string("cannot create a surface: ") + SDL_GetError());
    return nullptr;
  }
  r->renderer_ = SDL_CreateSoftwareRenderer(r->surface_);
  if (!r->renderer_) {
    log::error("render", std::string("cannot create a software renderer: ") + SDL_GetError());
    return nullptr;
  }
  return r;
}

Renderer::~Renderer() {
  if (fontTexture_) SDL_DestroyTexture(fontTexture_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
}

bool Renderer::uploadFontAtlas(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  if (fontTexture_) SDL_DestroyTexture(fontTexture_);
  fontTexture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!fontTexture_) {
    log::error("render", std::string("cannot create the font texture: ") + SDL_GetError());
    return false;
  }
  SDL_UpdateTexture(fontTexture_, nullptr, pixels, w * 4);
  SDL_SetTextureBlendMode(fontTexture_, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(fontTexture_, SDL_ScaleModeLinear);
  atlas.SetTexID(static_cast<ImTextureID>(fontTexture_));
  atlas.ClearTexData();
  return true;
}

void Renderer::render(const ImDrawData& data, unsigned clearRgb) {
  SDL_SetRenderDrawColor(renderer_, (clearRgb >> 16) & 0xFF, (clearRgb >> 8) & 0xFF, clearRgb & 0xFF, 255);
  SDL_RenderSetClipRect(renderer_, nullptr);
  SDL_RenderClear(renderer_);
  const ImVec2 origin = data.DisplayPos;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;  // no callbacks are used
      SDL_Rect clip{static_cast<int>(cmd.ClipRect.x - origin.x), static_cast<int>(cmd.ClipRect.y - origin.y),
                    static_cast<int>(cmd.ClipRect.z - cmd.ClipRect.x),
                    static_cast<int>(cmd.ClipRect.w - cmd.ClipRect.y)};
      if (clip.w <= 0 || clip.h <= 0) continue;
      SDL_RenderSetClipRect(renderer_, &clip);
      const ImDrawVert* base = vtx + cmd.VtxOffset;
      const int stride = static_cast<int>(sizeof(ImDrawVert));
      // ImDrawVert colour is RGBA bytes in memory, the same layout as SDL_Color.
      SDL_RenderGeometryRaw(renderer_, static_cast<SDL_Texture*>(cmd.TextureId),
                            reinterpret_cast<const float*>(&base->pos), stride,
                            reinterpret_cast<const SDL_Color*>(&base->col), stride,
                            reinterpret_cast<const float*>(&base->uv), stride,
                            list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset),
                            idx + cmd.IdxOffset, static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx));
    }
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

void Renderer::present() {
  if (!surface_) SDL_RenderPresent(renderer_);
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
  // The picture is opaque. (Frames clear the surface to opaque anyway, so setting the
  // alpha bytes in place changes nothing that is drawn later.)
  for (int y = 0; y < h; ++y) {
    unsigned char* row = pixels + static_cast<size_t>(y) * static_cast<size_t>(pitch);
    for (int x = 0; x < w; ++x) row[x * 4 + 3] = 255;
  }
  bool ok = writePng(path, w, h, pixels, pitch);
  if (surface_) SDL_UnlockSurface(surface_);
  return ok;
}

}  // namespace mk::ui
