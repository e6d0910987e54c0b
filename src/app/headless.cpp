// Screenshot, replay and benchmark modes: the real UI on a software surface, with a
// virtual clock, through the same KioskUi::frame() as the window.
#include <SDL.h>
#include <sys/resource.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/headless.h"
#include "core/base/log.h"
#include "core/content/content_db.h"

namespace mk::app {
namespace fs = std::filesystem;

Headless::Headless(const Options& o, const std::string& argv0) : app(o, argv0, 0), step(app) {
  renderer = ui::Renderer::forSurface(o.width, o.height);
  if (!renderer) throw std::runtime_error("cannot create the software renderer");
  app.ui().setRenderer(renderer.get());
}

void Headless::advance(std::int64_t ms) {
  std::int64_t end = now + ms;
  while (now < end) {
    bool busy = frame();
    std::int64_t wake = step.nextWake(now);
    std::int64_t next = busy ? now + kFrameMs : (wake < 0 ? end : std::max(wake, now + 1));
    now = std::min(next, end);
    step.tick(now);
  }
  frame();
}

void Headless::pointer(PointerEvent::Kind kind, float x, float y) {
  step.input(app.ui().input().feed(PointerEvent{kind, x, y, now}), now);
}

void Headless::settle() {
  // Layout uses the previous frame's measured heights; a few frames settle it.
  for (int i = 0; i < 3; ++i) {
    frame();
    now += kFrameMs;
  }
  frame();
}

namespace {

void writeState(Headless& h, const fs::path& path) {
  const Session& s = h.app.kiosk().session();
  std::ofstream out(path);
  out << "screen=" << toString(s.screen) << "\n"
      << "locale=" << s.locale << "\n"
      << "medicine=" << s.medicine << "\n"
      << "section=" << s.section << "\n"
      << "text_size=" << s.textSize << "\n"
      << "high_contrast=" << (s.highContrast ? 1 : 0) << "\n"
      << "idle_warning=" << (s.idleWarning ? 1 : 0) << "\n"
      << "scroll=" << static_cast<int>(s.scroll.offset()) << "\n"
      << "lens=" << s.lens.category << "\n";
  NurseMode& nurse = h.app.nurse();
  const auto& c = nurse.session();
  out << "nurse=" << nurse.nurse() << "\n"
      << "records_available=" << (nurse.available() ? 1 : 0) << "\n"
      << "category=" << c.category << "\n"
      << "patient_locale=" << c.patientLocale << "\n"
      << "nurse_locale=" << c.nurseLocale << "\n"
      << "point="
      << (c.started ? std::to_string(c.walkthrough.current() + 1) + "/" + std::to_string(c.walkthrough.count()) : "")
      << "\n"
      << "saved=" << (c.saved ? 1 : 0) << "\n";
  for (const auto& t : h.app.ui().registry().texts)
    if (!t.text.empty()) out << "text=" << t.text << "\n";
  for (const auto& t : h.app.ui().registry().targets)
    out << "target=" << t.id << " " << static_cast<int>(t.min.x) << " " << static_cast<int>(t.min.y) << " "
        << static_cast<int>(t.max.x) << " " << static_cast<int>(t.max.y) << "\n";
}

// Nurse screens as the nurse of the kiosk's own language sees them, with the
// patient's language from --locale and the group from --category.
bool prepareNurseScreen(Headless& h, const Options& o) {
  Kiosk& k = h.app.kiosk();
  NurseMode& nurse = h.app.nurse();
  if (o.screen == "pin") {
    nurse.openPad(h.now);
    k.showScreen(Screen::Pin, h.now);
    return true;
  }
  nurse.previewSignIn("Preview");
  auto& s = nurse.session();
  s.medicine = k.medicines().empty() ? std::string() : k.medicines().front();
  // The nurse reads the country's first language (English without --country).
  s.nurseLocale = "en";
  if (ContentDb* db = h.app.content().db())
    for (const auto& st : db->memberStates())
      if (st.code == o.country && !st.locales.empty()) s.nurseLocale = st.locales.front();
  s.patientLocale = o.locale.empty() ? s.nurseLocale : o.locale;
  s.category = o.category.empty() ? "woman_cbp" : o.category;
  if (o.screen == "nurse") {
    k.showScreen(Screen::NurseHome, h.now);
    return true;
  }
  if (o.screen == "status") {
    k.showScreen(Screen::Status, h.now);
    return true;
  }
  std::vector<std::string> ids;
  for (const auto& p : h.app.content().counselling(s.medicine, s.category, s.patientLocale).points) ids.push_back(p.id);
  if (ids.empty()) {
    std::fprintf(stderr, "medkiosk: no counselling points for %s in %s\n", s.category.c_str(), s.patientLocale.c_str());
    return false;
  }
  s.walkthrough = Walkthrough(ids);
  s.started = true;
  if (o.screen == "summary") {
    // A realistic summary: all understood except the second point.
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i == 1)
        s.walkthrough.forward();
      else
        s.walkthrough.understood();
    }
    k.showScreen(Screen::Summary, h.now);
  } else {
    s.walkthrough.understood();
    s.walkthrough.understood();
    k.showScreen(Screen::Counselling, h.now);
  }
  return true;
}

bool prepareScreen(Headless& h, const Options& o) {
  Kiosk& k = h.app.kiosk();
  const std::string& screen = o.screen;
  if (screen == "pin" || screen == "nurse" || screen == "counselling" || screen == "summary" || screen == "status")
    return prepareNurseScreen(h, o);
  if (screen == "attract") return true;
  k.start(h.now);
  if (screen == "language") return true;
  std::string locale = o.locale.empty() ? k.config().defaultLocale : o.locale;
  if (screen == "medicine") {
    k.session().locale = locale;
    k.session().screen = Screen::Medicine;
    return true;
  }
  k.chooseLanguage(locale, h.now);
  if (k.session().screen != Screen::Brochure && !k.medicines().empty()) k.chooseMedicine(k.medicines().front(), h.now);
  if (!o.category.empty()) {
    // The brochure as a patient of this group reads it after counselling.
    BrochureLens lens;
    lens.category = o.category;
    for (const auto& p : h.app.content().counselling(k.session().medicine, o.category, "en").points)
      lens.anchors.emplace_back(p.brochureSection, p.brochureHeading);
    k.openBrochureWithLens(locale, k.session().medicine, std::move(lens), h.now);
  }
  if (!o.section.empty()) k.chooseSection(o.section, h.now);
  if (o.highContrast) k.setHighContrast(true, h.now);
  if (screen == "idle") {
    h.settle();
    h.advance(k.config().idleTimeoutMs + 3'000);
  }
  return true;
}

// --scroll: the offset in the section (or the language list), in pixels, or its end;
// past the end shows the end, and says so.
void scrollTo(Headless& h, const std::string& where) {
  Session& session = h.app.kiosk().session();
  KineticScroll& s = session.screen == Screen::Language ? session.languageScroll : session.scroll;
  float end = s.maxOffset();
  float want = where == "end" ? end : std::stof(where);
  if (want > end)
    log::warn("screenshot", "--scroll " + where + " is past the end (" + std::to_string(static_cast<int>(end)) +
                                " px); showing the end");
  s.jumpTo(std::min(want, end));
  h.settle();
  log::info("screenshot", "scrolled to " + std::to_string(static_cast<int>(s.offset())) + " of " +
                              std::to_string(static_cast<int>(s.maxOffset())) + " px");
}

std::vector<std::string> split(const std::string& line) {
  std::istringstream ss(line);
  std::vector<std::string> words;
  for (std::string w; ss >> w;) words.push_back(w);
  return words;
}

}  // namespace

int runScreenshot(const Options& o, const std::string& argv0) {
  Headless h(o, argv0);
  if (!prepareScreen(h, o)) return 2;
  h.settle();
  if (!o.scroll.empty()) scrollTo(h, o.scroll);
  if (!h.renderer->savePng(o.out)) return 1;
  auto missing = h.app.ui().missingGlyphReport();
  for (const auto& m : missing) log::warn("fonts", "missing glyph in: " + m);
  return 0;
}

namespace {
// A scratch state directory for --check-content, removed when the check ends.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    char tmpl[] = "/tmp/medkiosk-check-XXXXXX";
    if (char* p = mkdtemp(tmpl)) path = p;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};
}  // namespace

int runContentCheck(const Options& o, const std::string& argv0) {
  // All of it, as the updater checks it: the kiosk itself checks a medicine's texts
  // only when that medicine is chosen.
  try {
    ContentDb whole(o.content, ContentCheck::Whole);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk: %s cannot be shown: %s\n", o.content.c_str(), e.what());
    return 1;
  }
  Options so = o;
  so.mode = Options::Mode::Screenshot;
  ScratchDir scratch;
  if (scratch.path.empty()) {
    std::fprintf(stderr, "medkiosk: cannot create a scratch directory in /tmp for the check\n");
    return 1;
  }
  // Checking content never touches the kiosk's records or installed updates.
  so.dataDir = scratch.path.string();
  Headless h(so, argv0);
  if (!h.app.content().available() || h.app.content().medicines().empty()) {
    std::fprintf(stderr, "medkiosk: %s cannot be shown: no usable content\n", o.content.c_str());
    return 1;
  }
  int problems = 0;
  auto check = [&](const std::string& what) {
    h.settle();
    if (h.app.ui().registry().targets.empty()) {
      std::fprintf(stderr, "medkiosk: %s: the %s screen has nothing to touch\n", o.content.c_str(), what.c_str());
      ++problems;
    }
  };
  Kiosk& k = h.app.kiosk();
  for (const char* screen :
       {"attract", "language", "medicine", "brochure", "idle", "pin", "nurse", "counselling", "summary", "status"}) {
    k.goHome(h.now);
    so.screen = screen;
    if (!prepareScreen(h, so)) return 1;
    if (so.screen == "brochure") {
      for (auto id : kSectionIds) {
        k.chooseSection(std::string(id), h.now);
        check("brochure (" + std::string(id) + ")");
      }
    } else if (so.screen != "idle") {
      check(so.screen);  // the idle overlay disables what is under it
    } else {
      h.settle();
    }
  }
  for (const auto& m : h.app.ui().missingGlyphReport()) {
    std::fprintf(stderr, "medkiosk: %s: no glyph for a character in: %s\n", o.content.c_str(), m.c_str());
    ++problems;
  }
  if (!h.app.content().available()) {
    std::fprintf(stderr, "medkiosk: %s: %s\n", o.content.c_str(), h.app.content().damage().c_str());
    ++problems;
  }
  if (problems) return 1;
  std::printf("%s: every screen rendered\n", o.content.c_str());
  return 0;
}

int runReplay(const Options& o, const std::string& argv0) {
  std::ifstream in(o.script);
  if (!in) {
    std::fprintf(stderr, "medkiosk: cannot read replay script %s\n", o.script.c_str());
    return 2;
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  Headless h(o, argv0);
  h.settle();
  int lineNo = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNo;
    auto w = split(line.substr(0, line.find('#')));
    if (w.empty()) continue;
    auto num = [&](size_t i) -> float {
      if (i >= w.size()) throw std::runtime_error("missing number");
      return std::stof(w[i]);
    };
    try {
      if (w[0] == "tap" && w.size() == 3) {
        h.pointer(PointerEvent::Kind::Down, num(1), num(2));
        h.advance(80);
        h.pointer(PointerEvent::Kind::Up, num(1), num(2));
        h.advance(kFrameMs * 4);
      } else if (w[0] == "drag" && w.size() == 6) {
        float x1 = num(1), y1 = num(2), x2 = num(3), y2 = num(4);
        auto ms = static_cast<std::int64_t>(num(5));
        h.pointer(PointerEvent::Kind::Down, x1, y1);
        std::int64_t steps = std::max<std::int64_t>(1, ms / kFrameMs);
        for (std::int64_t i = 1; i <= steps; ++i) {
          h.now += ms / steps;
          float t = static_cast<float>(i) / static_cast<float>(steps);
          h.pointer(PointerEvent::Kind::Move, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
          h.frame();
        }
        h.pointer(PointerEvent::Kind::Up, x2, y2);
        h.advance(kFrameMs * 2);
      } else if (w[0] == "hold" && w.size() == 4) {
        h.pointer(PointerEvent::Kind::Down, num(1), num(2));
        h.advance(static_cast<std::int64_t>(num(3)));
        h.pointer(PointerEvent::Kind::Up, num(1), num(2));
        h.advance(kFrameMs * 2);
      } else if (w[0] == "wait" && w.size() == 2) {
        h.advance(static_cast<std::int64_t>(num(1)));
      } else if (w[0] == "shot" && w.size() == 2) {
        h.frame();
        if (!h.renderer->savePng(fs::path(o.out) / (w[1] + ".png"))) return 1;
        writeState(h, fs::path(o.out) / (w[1] + ".txt"));
      } else {
        std::fprintf(stderr, "medkiosk: %s:%d: cannot understand '%s'\n", o.script.c_str(), lineNo, line.c_str());
        return 2;
      }
    } catch (const std::exception&) {
      std::fprintf(stderr, "medkiosk: %s:%d: bad number in '%s'\n", o.script.c_str(), lineNo, line.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace mk::app
