#pragma once
// A small renderer over SDL_RenderGeometryRaw. The same code draws into a window (the
// kiosk) and into a software surface (screenshots, tests); ImGui 1.86 as packaged
// by Debian ships no SDL_Renderer backend, so this is ours.
// [X] Large meshes: ImGuiBackendFlags_RendererHasVtxOffset (no 64K vertex limit).
// [X] Clip rectangles. [X] One font texture, replaced when the atlas is rebuilt.
#include <filesystem>
#include <memory>

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;
struct SDL_Window;
struct ImDrawData;
struct ImFontAtlas;

namespace mk::ui {

class Renderer {
 public:
  // Software by default: at 1080x1920 it meets the frame budget on a plain CPU, starts
  // in a few milliseconds and needs no GL driver (Mesa's llvmpipe alone costs about
  // 0.2 s and 60 MB without a GPU). `accelerated` asks SDL for a GPU renderer and
  // falls back to software.
  static std::unique_ptr<Renderer> forWindow(SDL_Window* window, bool accelerated);
  static std::unique_ptr<Renderer> forSurface(int width, int height);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Uploads the atlas pixels as a texture and frees the CPU copy.
  bool uploadFontAtlas(ImFontAtlas& atlas);
  void render(const ImDrawData& data, unsigned clearRgb);
  void present();
  // Writes the current picture as PNG (surface or window). Returns false on error.
  bool savePng(const std::filesystem::path& path);
  int width() const;
  int height() const;

 private:
  Renderer() = default;
  SDL_Renderer* renderer_ = nullptr;
  SDL_Surface* surface_ = nullptr;  // headless only
  SDL_Texture* fontTexture_ = nullptr;
};

}  // namespace mk::ui
