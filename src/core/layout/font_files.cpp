#include "core/layout/font_files.h"

#include <fontconfig/fontconfig.h>
#include <string>

#include "core/base/log.h"

namespace mk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kNotoDir = "/usr/share/fonts/truetype/noto/";

fs::path fontconfigMatch(const char* pattern, const char* wantFamily) {
  fs::path result;
  if (!FcInit()) return result;
  FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
  if (!pat) return result;
  FcConfigSubstitute(nullptr, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern* match = FcFontMatch(nullptr, pat, &res);
  if (match) {
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    // fontconfig always returns something; accept it only if it is the family we asked for.
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
        (wantFamily == nullptr || std::string(reinterpret_cast<char*>(family)) == wantFamily))
      result = reinterpret_cast<char*>(file);
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pat);
  return result;
}

fs::path findFace(const char* pattern, const char* file) {
  std::error_code ec;
  fs::path p = fontconfigMatch(pattern, "Noto Sans");
  if (!p.empty() && p.extension() == ".ttf" && fs::exists(p, ec)) return p;
  fs::path known = fs::path(kNotoDir) / file;
  if (fs::exists(known, ec)) return known;
  return {};
}

}  // namespace

FontFiles findFonts() {
  FontFiles f;
  f.regular = findFace("Noto Sans:style=Regular", "NotoSans-Regular.ttf");
  f.bold = findFace("Noto Sans:style=Bold", "NotoSans-Bold.ttf");
  f.complete = !f.regular.empty() && !f.bold.empty();
  if (f.regular.empty()) {
    log::error("fonts", "Noto Sans Regular not found (install the Debian package fonts-noto-core); using a substitute");
    f.regular = fontconfigMatch("sans-serif", nullptr);
  }
  if (f.bold.empty()) {
    log::error("fonts", "Noto Sans Bold not found (install fonts-noto-core); using the regular face for bold");
    f.bold = f.regular;
  }
  return f;
}

}  // namespace mk
