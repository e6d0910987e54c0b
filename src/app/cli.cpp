#include "app/cli.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <regex>

#include "core/content/content_model.h"
#include "core/content/content_source.h"
#include "core/i18n/locale_id.h"

namespace mk::app {

const char* usageText() {
  return "Usage:\n"
         "  medkiosk [--config FILE] [--content DB] [--country CC] [--locale LOC] [--windowed] [--size WxH]\n"
         "           [--data-dir DIR] [--metrics FILE.prom|off]\n"
         "  medkiosk --screenshot OUT.png --screen NAME [--locale LOC] [--section ID] [--size WxH]\n"
         "           [--text-size 1|2|3] [--contrast high] [--category CAT] [--scroll PX|end]\n"
         "  medkiosk --replay SCRIPT.txt --out DIR [--size WxH]\n"
         "  medkiosk --bench [--size WxH]\n"
         "  medkiosk --monkey N [--seed S] [--size WxH]\n"
         "  medkiosk --check-content DB [--config FILE] [--size WxH]   render every screen with DB\n"
         "  medkiosk --version | --help\n"
         "\n"
         "Screens: attract, language, medicine, brochure, idle; nurse mode: pin, nurse, counselling, summary,\n"
         "status (the nurse's language is the kiosk's own; --locale is the patient's).\n"
         "Categories: woman_cbp, woman_ncbp, man.\n"
         "--scroll: pixels from the top of the brochure section or language list, or its end.\n"
         "Sections: purpose, how_to_take, pregnancy, donation, symptoms, side_effects, how_it_works, sources.\n"
         "Replay script lines: tap X Y | drag X1 Y1 X2 Y2 MS | hold X Y MS | wait MS | shot NAME\n"
         "Flags override the configuration file (/etc/medkiosk/medkiosk.ini when installed).\n";
}

namespace {
const std::regex kSize("^([0-9]{2,5})x([0-9]{2,5})$");

constexpr std::array<const char*, 10> kScreens = {"attract", "language", "medicine",    "brochure", "idle",
                                                  "pin",     "nurse",    "counselling", "summary",  "status"};

bool parseSize(const std::string& s, int& w, int& h) {
  std::smatch m;
  if (!std::regex_match(s, m, kSize)) return false;
  w = std::stoi(m[1]);
  h = std::stoi(m[2]);
  return w >= 240 && h >= 240 && w <= 8192 && h <= 8192;
}

template <size_t N>
bool oneOf(const std::array<const char*, N>& list, const std::string& v) {
  return std::any_of(list.begin(), list.end(), [&](const char* s) { return v == s; });
}

// What the flags asked for, while they are read.
struct Parsed {
  Options o;
  bool screenshot = false, replay = false, bench = false, monkey = false, check = false;
};

bool takesValue(const std::string& a) {
  static const std::array<const char*, 19> flags = {
      "--config",  "--content",       "--country",  "--locale",   "--size",   "--screenshot", "--screen",
      "--section", "--text-size",     "--contrast", "--category", "--replay", "--out",        "--data-dir",
      "--metrics", "--check-content", "--monkey",   "--seed",     "--scroll"};
  return oneOf(flags, a);
}

// The flags that choose what is shown; empty when `a` is not one of them, else the
// error ("" for none) in the optional.
std::optional<std::string> applyViewFlag(Parsed& p, const std::string& a, const std::string& v) {
  Options& o = p.o;
  if (a == "--country") {
    if (!std::regex_match(v, std::regex("^[A-Z]{2}$")))
      return "--country takes an ISO 3166 code such as BE, not '" + v + "'";
    o.country = v;
  } else if (a == "--locale") {
    if (!isValidLocaleId(v)) return "--locale takes a locale id such as de_AT, not '" + v + "'";
    o.locale = v;
  } else if (a == "--size") {
    if (!parseSize(v, o.width, o.height)) return "--size takes WIDTHxHEIGHT such as 1080x1920, not '" + v + "'";
    o.sizeGiven = true;
  } else if (a == "--screen") {
    if (!oneOf(kScreens, v)) return "unknown screen '" + v + "'";
    o.screen = v;
  } else if (a == "--section") {
    if (std::find(kSectionIds.begin(), kSectionIds.end(), v) == kSectionIds.end()) return "unknown section '" + v + "'";
    o.section = v;
  } else if (a == "--text-size") {
    if (v != "1" && v != "2" && v != "3") return "--text-size takes 1, 2 or 3";
    o.textSize = std::stoi(v);
  } else if (a == "--contrast") {
    if (v != "high" && v != "normal") return "--contrast takes high or normal";
    o.highContrast = v == "high";
  } else if (a == "--category") {
    if (!isCategoryId(v)) return "unknown category '" + v + "' (woman_cbp, woman_ncbp, man)";
    o.category = v;
  } else if (a == "--scroll") {
    if (v != "end" && !std::regex_match(v, std::regex("^[0-9]{1,6}$")))
      return "--scroll takes a number of pixels such as 900, or end, not '" + v + "'";
    o.scroll = v;
  } else {
    return std::nullopt;
  }
  return std::string();
}

// The flags that choose files, modes and runs; the error, or "" for none.
std::string applyRunFlag(Parsed& p, const std::string& a, const std::string& v) {
  Options& o = p.o;
  if (a == "--config") {
    o.config = v;
  } else if (a == "--content") {
    o.content = v;
  } else if (a == "--screenshot") {
    p.screenshot = true;
    o.out = v;
  } else if (a == "--replay") {
    p.replay = true;
    o.script = v;
  } else if (a == "--out") {
    o.out = v;
  } else if (a == "--check-content") {
    p.check = true;
    o.content = v;
  } else if (a == "--data-dir") {
    if (v.empty() || v[0] != '/') return "--data-dir takes an absolute directory path, not '" + v + "'";
    o.dataDir = v;
  } else if (a == "--metrics") {
    if (v != "off" && (v.size() <= 5 || !v.ends_with(".prom")))
      return "--metrics takes off or a file name ending in .prom, not '" + v + "'";
    o.metricsFile = v;
  } else if (a == "--monkey") {
    if (!std::regex_match(v, std::regex("^[0-9]{1,10}$")) || std::stoll(v) < 1)
      return "--monkey takes a number of events such as 100000, not '" + v + "'";
    p.monkey = true;
    o.monkeyEvents = std::stoll(v);
  } else if (a == "--seed") {
    if (!std::regex_match(v, std::regex("^[0-9]{1,19}$"))) return "--seed takes a whole number, not '" + v + "'";
    o.seed = std::stoull(v);
    o.seedGiven = true;
  }
  return {};
}

// The mode the flags add up to; the error, or "" for none.
std::string chooseMode(Parsed& p) {
  Options& o = p.o;
  bool viewFlags = !o.screen.empty() || !o.section.empty() || !o.out.empty();
  if (p.screenshot + p.replay + p.bench + p.monkey + p.check > 1)
    return "--screenshot, --replay, --bench, --monkey and --check-content cannot be combined";
  if (o.seedGiven && !p.monkey) return "--seed goes with --monkey";
  if (!o.scroll.empty() && (!p.screenshot || (o.screen != "brochure" && o.screen != "language")))
    return "--scroll goes with --screenshot of the brochure or language screen";
  if (p.screenshot) {
    if (o.screen.empty()) return "--screenshot needs --screen NAME";
    o.mode = Options::Mode::Screenshot;
  } else if (p.replay) {
    if (o.out.empty()) return "--replay needs --out DIR";
    o.mode = Options::Mode::Replay;
  } else if (p.bench) {
    o.mode = Options::Mode::Bench;
  } else if (p.monkey) {
    o.mode = Options::Mode::Monkey;
  } else if (p.check) {
    if (viewFlags) return "--check-content renders every screen itself";
    o.mode = Options::Mode::CheckContent;
  } else if (viewFlags) {
    return "--screen, --section and --out go with --screenshot or --replay";
  }
  return {};
}

}  // namespace

std::variant<Options, CliError> parseArgs(int argc, const char* const* argv) {
  Parsed p;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "--version") {
      p.o.mode = a == "--version" ? Options::Mode::Version : Options::Mode::Help;
      return p.o;
    }
    if (a == "--windowed") {
      p.o.windowed = true;
    } else if (a == "--bench") {
      p.bench = true;
    } else if (takesValue(a)) {
      if (i + 1 >= argc) return CliError{a + " needs a value"};
      std::string v = argv[++i];
      std::optional<std::string> error = applyViewFlag(p, a, v);
      if (!error) error = applyRunFlag(p, a, v);
      if (!error->empty()) return CliError{*error};
    } else {
      return CliError{"unknown argument '" + a + "'"};
    }
  }
  if (std::string error = chooseMode(p); !error.empty()) return CliError{error};
  return p.o;
}

}  // namespace mk::app
