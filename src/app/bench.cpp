// --bench: figures the program measures on itself, as one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

#include "app/app.h"

namespace mk::app {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Milliseconds since the kernel started this process (from /proc/self/stat).
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
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int runBench(const Options& o, const std::string& argv0) {
  auto t0 = Clock::now();
  App app(o, argv0, 0);
  auto renderer = ui::Renderer::forSurface(o.width, o.height);
  if (!renderer) return 1;
  app.ui().setRenderer(renderer.get());
  double setupMs = msSince(t0);
  auto tf = Clock::now();
  app.ui().frame(0);
  double firstFrameMs = msSince(tf);
  double startToFirstFrame = processAgeMs();

  Kiosk& k = app.kiosk();
  std::int64_t now = 16;
  std::vector<double> frames;
  std::vector<std::string> locales = app.content().medicines().empty()
                                         ? std::vector<std::string>{}
                                         : app.content().locales(app.content().medicines().front().id);
  for (const auto& locale : locales) {
    k.start(now);
    k.chooseLanguage(locale, now);
    for (auto section : kSectionIds) {
      k.chooseSection(std::string(section), now);
      app.ui().frame(now);
      k.session().scroll.fling(-6000);  // finger flicks upward: content scrolls down
      for (int i = 0; i < 90; ++i) {
        now += 16;
        auto t = Clock::now();
        app.ui().frame(now);
        frames.push_back(msSince(t));
      }
    }
  }
  // Language switch on the brochure: the frame right after choosing another language
  // (new strings, new line breaking, new section layout), for every locale in turn.
  std::vector<double> switches;
  k.goHome(now);
  k.start(now);
  k.chooseLanguage("en", now);
  k.chooseSection("pregnancy", now);
  app.ui().frame(now += 16);
  for (int round = 0; round < 2; ++round) {
    for (const auto& locale : locales) {
      k.changeLanguage(now);
      app.ui().frame(now += 16);
      k.chooseLanguage(locale, now);
      auto t = Clock::now();
      app.ui().frame(now += 16);
      switches.push_back(msSince(t));
    }
  }
  // Frame time while speech is synthesised on the worker thread, against silence, on
  // the same section and scroll.
  auto scrollFrames = [&](std::vector<double>& out) {
    k.session().scroll.jumpTo(0);
    k.session().scroll.fling(-3000);
    for (int i = 0; i < 120; ++i) {
      auto t = Clock::now();
      app.ui().frame(now += 16);
      out.push_back(msSince(t));
    }
  };
  std::vector<double> silent, speaking;
  k.chooseLanguage("en", now);
  k.chooseSection("pregnancy", now);
  app.ui().frame(now += 16);
  scrollFrames(silent);
  bool canSpeak = app.readAloud() && app.readAloud()->available();
  if (canSpeak) {
    std::vector<std::string> text(40, "Use effective contraception without a break, starting at least four weeks before treatment.");
    app.readAloud()->start(text, "en");
    scrollFrames(speaking);
    app.readAloud()->stop();
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"size\":\"%dx%d\",\"setup_ms\":%.2f,\"first_frame_ms\":%.2f,\"process_start_to_first_frame_ms\":%.1f,"
              "\"scroll_frames\":%zu,\"frame_p50_ms\":%.3f,\"frame_p99_ms\":%.3f,\"frame_max_ms\":%.3f,"
              "\"locales\":%zu,\"language_switch_p50_ms\":%.3f,\"language_switch_max_ms\":%.3f,"
              "\"frame_p50_ms_silent\":%.3f,\"frame_p50_ms_speaking\":%.3f,\"frame_p99_ms_speaking\":%.3f,"
              "\"peak_rss_kb\":%ld}\n",
              o.width, o.height, setupMs, firstFrameMs, startToFirstFrame, frames.size(), percentile(frames, 0.5),
              percentile(frames, 0.99), frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()),
              locales.size(), percentile(switches, 0.5),
              switches.empty() ? 0.0 : *std::max_element(switches.begin(), switches.end()),
              percentile(silent, 0.5), percentile(speaking, 0.5), percentile(speaking, 0.99), ru.ru_maxrss);
  return 0;
}

}  // namespace mk::app
