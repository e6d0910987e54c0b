#pragma once
// A small renderer over SDL_RenderGeometryRaw. The same code draws into a window (the
// kiosk) and into a software surface (screenshots, tests); ImGui 1.86 as packaged
// by Debian ships no SDL_Renderer backend, so this is ours.
// [X] Large meshes: ImGuiBackendFlags_RendererHasVtxOffset (no 64K vertex limit).
// [X] Clip rectangles. [X] One font texture, replaced when the atlas is rebuilt.
// [X] Picture textures (pictograms), owned here.
// [X] Redraws only what changed, in software: the picture is cut into bands of rows,
//     each band's geometry is hashed, and only bands whose hash differs from the last
//     frame are cleared and drawn (a software target keeps its pixels between frames;
//     a GPU one is redrawn in full). While the text scrolls, the title, banner, rail and
//     toolbar are not drawn again.
// [X] Presents only what was drawn, in a window drawn in software: the rows of each
//     area drawn since the last present are sent to the display, not the whole
//     surface (at 1080x1920 a whole one is 8 MB for the X server to copy).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

struct SDL_Rect;
struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;
struct SDL_Window;
struct ImDrawCmd;
struct ImDrawData;
struct ImDrawList;
struct ImDrawVert;
struct ImVec2;
struct ImFontAtlas;

namespace mk::ui {

// SDL zeroes every texture it makes, one page fault at a time: about 11 ms for the
// 4 MB font texture in a virtual machine. From this call on, SDL's allocations of a
// megabyte or more are made present in one system call first (populateForWriting).
// Call it before any other SDL function.
void populateLargeSdlAllocations();

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
  // A picture as a texture the renderer owns (straight-alpha RGBA, scaled linearly);
  // null, logged, when it cannot be made. Lives as long as the renderer.
  void* createImage(int w, int h, const unsigned char* rgba);
  void render(const ImDrawData& data, unsigned clearRgb);
  // The next render() draws everything.
  void invalidate() { bandHash_.clear(); }
  // Rows of pixels the last render() cleared and drew.
  int lastRedrawnRows() const { return redrawnRows_; }
  void present();
  // Rows of pixels the last present() sent to a window drawn in software (every row
  // for a GPU renderer; none headless).
  int lastPresentedRows() const { return presentedRows_; }
  // Writes the current picture as PNG (surface or window). Returns false on error.
  bool savePng(const std::filesystem::path& path);
  int width() const;
  int height() const;

 private:
  Renderer() = default;
  SDL_Renderer* renderer_ = nullptr;
  SDL_Surface* surface_ = nullptr;     // headless only
  SDL_Window* window_ = nullptr;       // a window drawn in software, whose rows are presented
  std::vector<SDL_Rect> unpresented_;  // areas drawn since the last present
  int presentedRows_ = 0;
  bool presentFailed_ = false;
  // Its pixels: left uninitialised (the first frame clears and draws every row), so
  // that SDL does not write 8 MB of zeros at 1080x1920 before the first frame does.
  std::unique_ptr<unsigned char[]> surfacePixels_;
  SDL_Texture* fontTexture_ = nullptr;
  std::vector<SDL_Texture*> images_;
  bool keepsPixels_ = false;  // software: the target holds the last frame
  int lastWidth_ = 0, lastHeight_ = 0;
  std::vector<std::uint64_t> bandHash_;  // the last frame's, one per band
  std::vector<unsigned short> scratch_;  // indices of the triangles in one area (ImDrawIdx)
  int redrawnRows_ = 0;
  float whiteU_ = -1, whiteV_ = -1;  // the font atlas's white pixel: ImGui's plain shapes use only it
  enum class Kind { Textured, Opaque, Translucent };
  template <typename Uv>
  bool isWhite(const Uv& uv) const {
    return uv.x == whiteU_ && uv.y == whiteV_;
  }
  Kind kindOf(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c) const;
  void drawCommand(const ImDrawList& list, const ImDrawCmd& cmd, const SDL_Rect* clip, ImVec2 origin);
  void drawTriangles(const ImDrawList& list, const ImDrawCmd& cmd, SDL_Texture* texture, Kind kind);
  void hashBands(const ImDrawData& data, unsigned clearRgb, std::vector<std::uint64_t>& bands) const;
  void drawArea(const ImDrawData& data, const SDL_Rect& area, unsigned clearRgb);
};

}  // namespace mk::ui
