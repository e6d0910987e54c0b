// --bench: figures the program measures on itself, as one JSON object.
// Frame figures are given twice: wall-clock time, and the CPU time of the UI thread,
// which other load on the machine barely changes.
#include <sys/resource.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "app/kiosk_step.h"
#include "core/nurse/nurse_auth.h"
#include "core/nurse/pin_verifier.h"

namespace mk::app {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Milliseconds since the kernel started this process (from /proc/self/stat, in
// clock ticks: 10 ms steps).
double processAgeMs() {
  std::ifstream stat("/proc/self/stat"), up("/proc/uptime");
  std::string s;
  std::getline(stat, s);
  auto close = s.rfind(')');
  std::istringstream rest(s.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
  }
  double uptime = 0;
  up >> uptime;
  double started = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
  return (uptime - started) * 1000.0;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(std::lround(p * static_cast<double>(v.size() - 1))));
  return v[i];
}

double maxOf(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); }

// Wall and CPU time of each measured frame.
struct Frames {
  std::vector<double> wall, cpu;
  void measure(KioskStep& step, std::int64_t now) {
    auto t = Clock::now();
    double c = threadCpuMs();
    step.frame(now);
    cpu.push_back(threadCpuMs() - c);
    wall.push_back(msSince(t));
  }
};

struct Run {
  App& app;
  KioskStep& step;
  std::int64_t now = 16;
  std::vector<std::string> locales;
};

// Every section of the brochure in every locale, scrolled from top to bottom in
// equal steps (every frame is a full redraw, whatever the step).
Frames scrollEverySection(Run& r) {
  constexpr int kSteps = 40;
  Frames f;
  Kiosk& k = r.app.kiosk();
  for (const auto& locale : r.locales) {
    k.start(r.now);
    k.chooseLanguage(locale, r.now);
    for (auto section : kSectionIds) {
      k.chooseSection(std::string(section), r.now);
      r.step.frame(r.now += 16);  // lays the section out: its height is known after it
      auto& scroll = k.session().scroll;
      for (int i = 1; i <= kSteps; ++i) {
        scroll.jumpTo(scroll.maxOffset() * static_cast<float>(i) / kSteps);
        f.measure(r.step, r.now += 16);
      }
    }
  }
  return f;
}

// The frame right after choosing another language on the brochure (new strings, new
// line breaking, new section layout), for every locale in turn.
Frames switchLanguages(Run& r) {
  Frames f;
  Kiosk& k = r.app.kiosk();
  k.goHome(r.now);
  k.start(r.now);
  k.chooseLanguage("en", r.now);
  k.chooseSection("pregnancy", r.now);
  r.step.frame(r.now += 16);
  for (int round = 0; round < 2; ++round) {
    for (const auto& locale : r.locales) {
      k.changeLanguage(r.now);
      r.step.frame(r.now += 16);
      k.chooseLanguage(locale, r.now);
      f.measure(r.step, r.now += 16);
    }
  }
  return f;
}

// Frames while speech is synthesised on the worker thread, against silence, on the
// same section and scroll.
void speakingVsSilent(Run& r, Frames& silent, Frames& speaking) {
  Kiosk& k = r.app.kiosk();
  auto scroll = [&](Frames& out) {
    k.session().scroll.jumpTo(0);
    k.session().scroll.fling(-3000);
    for (int i = 0; i < 120; ++i) out.measure(r.step, r.now += 16);
  };
  k.chooseLanguage("en", r.now);
  k.chooseSection("pregnancy", r.now);
  r.step.frame(r.now += 16);
  scroll(silent);
  if (r.app.readAloud() && r.app.readAloud()->available()) {
    std::vector<std::string> text(
        40, "Use effective contraception without a break, starting at least four weeks before treatment.");
    // The headless sink would keep every sample: drop them as a sound card does, so
    // the memory figure is the kiosk's.
    if (auto* memory = dynamic_cast<MemorySink*>(r.app.audioSink())) memory->keepSamples(false);
    r.app.readAloud()->start(text, "en");
    scroll(speaking);
    r.app.readAloud()->stop();
  }
}

// Resident memory now (not the peak), in KiB.
long currentRssKb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// A nurse's PIN checked on the worker thread (Argon2id, 19 MiB) while frames are
// drawn, as the PIN pad does: the frames' times, and resident memory before the check
// and after it.
struct PinCheck {
  Frames frames;
  long rssBeforeKb = 0, rssAfterKb = 0;
};

PinCheck checkPin(Run& r) {
  PinCheck out;
  std::string hash = hashPin("20261206");
  out.rssBeforeKb = currentRssKb();
  {
    PinVerifier verifier;
    verifier.start(hash, "20261206");
    do out.frames.measure(r.step, r.now += 16);
    while (!verifier.poll());
  }
  out.rssAfterKb = currentRssKb();
  return out;
}

// The PIN check's figures, ending the JSON object.
void printPinCheck(const PinCheck& pin) {
  std::printf(
      "\"pin_check_frames\":%zu,\"pin_check_frame_max_ms\":%.3f,\"pin_check_rss_before_kb\":%ld,"
      "\"pin_check_rss_after_kb\":%ld}\n",
      pin.frames.wall.size(), maxOf(pin.frames.wall), pin.rssBeforeKb, pin.rssAfterKb);
}

}  // namespace

int runBench(const Options& o, const std::string& argv0) {
  auto t0 = Clock::now();
  App app(o, argv0, 0);
  auto renderer = ui::Renderer::forSurface(o.width, o.height);
  if (!renderer) return 1;
  app.ui().setRenderer(renderer.get());
  KioskStep step(app);  // the window loop's step
  double setupMs = msSince(t0);
  auto tf = Clock::now();
  step.frame(0);
  double firstFrameMs = msSince(tf);
  double startToFirstFrame = processAgeMs();
  const StartupTimes& st = app.startupTimes();
  const ui::AtlasStats& atlas = app.fonts().lastAtlas();

  Run run{app, step, 16, {}};
  auto& content = app.content();
  std::string medicine = content.medicines().empty() ? std::string() : content.medicines().front().id;
  if (!medicine.empty()) run.locales = content.locales(medicine);
  if (run.locales.empty()) {
    // Figures without a brochure would be meaningless; why is in the log above.
    std::fprintf(stderr, "medkiosk: --bench needs a content database with a brochure\n");
    return 1;
  }
  // A whole brochure (every section of one locale) straight from the database.
  auto tb = Clock::now();
  if (!run.locales.empty() && content.db()) content.db()->brochure(medicine, run.locales.back());
  double brochureQueryMs = msSince(tb);

  Frames scroll = scrollEverySection(run);
  Frames switches = switchLanguages(run);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  long rssBeforeSpeech = ru.ru_maxrss;  // espeak-ng starts at the first read-aloud
  Frames silent, speaking;
  speakingVsSilent(run, silent, speaking);
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "{\"size\":\"%dx%d\",\"setup_ms\":%.2f,\"first_frame_ms\":%.2f,\"process_start_to_first_frame_ms\":%.1f,"
      "\"content_open_ms\":%.2f,\"first_query_ms\":%.2f,\"brochure_query_ms\":%.2f,"
      "\"font_atlas_ms\":%.2f,\"font_atlas_width\":%d,\"font_atlas_height\":%d,\"font_atlas_glyphs\":%d,\"font_atlas_"
      "cached\":%s,",
      o.width, o.height, setupMs, firstFrameMs, startToFirstFrame, st.contentOpenMs, st.firstQueryMs, brochureQueryMs,
      atlas.buildMs, atlas.width, atlas.height, atlas.glyphs, atlas.fromCache ? "true" : "false");
  std::printf(
      "\"locales\":%zu,\"scroll_frames\":%zu,\"frame_p50_ms\":%.3f,\"frame_p99_ms\":%.3f,\"frame_max_ms\":%.3f,"
      "\"frame_cpu_p50_ms\":%.3f,\"frame_cpu_p99_ms\":%.3f,\"frame_cpu_max_ms\":%.3f,",
      run.locales.size(), scroll.wall.size(), percentile(scroll.wall, 0.5), percentile(scroll.wall, 0.99),
      maxOf(scroll.wall), percentile(scroll.cpu, 0.5), percentile(scroll.cpu, 0.99), maxOf(scroll.cpu));
  std::printf(
      "\"language_switch_p50_ms\":%.3f,\"language_switch_max_ms\":%.3f,"
      "\"language_switch_cpu_p50_ms\":%.3f,\"language_switch_cpu_max_ms\":%.3f,"
      "\"frame_p50_ms_silent\":%.3f,\"frame_p50_ms_speaking\":%.3f,\"frame_p99_ms_speaking\":%.3f,"
      "\"peak_rss_kb_before_speech\":%ld,\"peak_rss_kb\":%ld,",
      percentile(switches.wall, 0.5), maxOf(switches.wall), percentile(switches.cpu, 0.5), maxOf(switches.cpu),
      percentile(silent.wall, 0.5), percentile(speaking.wall, 0.5), percentile(speaking.wall, 0.99), rssBeforeSpeech,
      ru.ru_maxrss);
  printPinCheck(checkPin(run));  // after the peak is read: Argon2id's 19 MiB are not the kiosk's own
  return 0;
}

}  // namespace mk::app
