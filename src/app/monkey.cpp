// Random touch ("monkey") mode: seeded random taps, drags, flings and long-presses,
// including ~3.5 s holds in every screen corner (the hidden nurse entry), fed to the
// real UI on a virtual clock. Every frame is built and the UI logic runs; pixels are
// rasterised only every kRasterEvery events and at the end, to stay fast under the
// sanitizers. Resident memory after warm-up (a tour of every language, then random
// events) must grow by less than 1 MB.
#include <unistd.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>

#include "app/headless.h"
#include "core/base/log.h"
#include "core/content/content_model.h"
#include "ui/screens/brochure_screen.h"
#include "ui/screens/language_screen.h"

#if defined(__SANITIZE_ADDRESS__)
#define MEDKIOSK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEDKIOSK_ASAN 1
#endif
#endif

namespace mk::app {
namespace {

constexpr long long kRasterEvery = 500;
constexpr long long kReportEvery = 10'000;
constexpr long kMaxGrowthBytes = 1024 * 1024;
constexpr std::int64_t kCornerHoldMs = 3'500;

enum class Kind { Tap, TargetTap, Drag, Fling, LongPress, CornerHold, Pause, LongPause, Count };
constexpr std::array<const char*, static_cast<int>(Kind::Count)> kKindNames = {
    "tap", "target-tap", "drag", "fling", "long-press", "corner-hold", "pause", "long-pause"};
// Relative weights; target taps keep the run moving through every screen.
constexpr std::array<int, static_cast<int>(Kind::Count)> kWeights = {20, 35, 14, 10, 6, 3, 10, 2};

// Resident memory in the state every patient leaves the kiosk in: back on the
// attract screen after the idle reset, default text size, nothing read aloud (the
// headless audio sink holds a whole section's audio while it is read). Memory in the
// middle of a session depends on what is on screen (the largest text size has the
// largest font atlas), so only this state is comparable over a run.
long residentBytesAtRest(Headless& h) {
  if (h.app.readAloud()) h.app.readAloud()->stop();
  h.app.kiosk().goHome(h.now);
  h.settle();
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Visits every language, section and text size once, reading a line aloud in each
// language: the per-language caches (brochures, strings, line breakers, voices) are
// bounded by the number of languages and fill here, before memory is first measured.
void tourEveryLanguage(Headless& h) {
  Kiosk& k = h.app.kiosk();
  // The records database opens at the first nurse entry, which the random events
  // reach at any point; its SQLite cache is bounded, so it belongs before the baseline.
  h.app.nurse().ensureOpen();
  for (const auto& choice : h.app.ui().languageScreen().choices()) {
    k.goHome(h.now);
    k.start(h.now);
    k.chooseLanguage(choice.locale, h.now);
    for (auto section : kSectionIds) {
      k.chooseSection(std::string(section), h.now);
      h.frame();
    }
    for (int size = 1; size <= 3; ++size) {
      // With the panels over the text that large text brings (the sections' list,
      // the text size panel): their layouts are cached too.
      k.setTextSize(size, h.now);
      h.frame();
      k.setSectionMenuOpen(true, h.now);
      h.frame();
      k.setDisplayMenuOpen(true, h.now);
      h.frame();
      k.setDisplayMenuOpen(false, h.now);
    }
    if (ReadAloud* reader = h.app.readAloud()) {
      reader->start({choice.name}, choice.locale);
      for (int i = 0; i < 500 && reader->active(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        h.now += kFrameMs;
        h.frame();
      }
    }
    h.now += 1000;
  }
  k.goHome(h.now);
  h.settle();
}

// Every section at every text size in both palettes, scrolled through: the picture
// cache (pictograms x raster sizes x palettes) is bounded, and fills here too.
void tourEveryPicture(Headless& h) {
  Kiosk& k = h.app.kiosk();
  k.goHome(h.now);
  k.start(h.now);
  k.chooseLanguage("en", h.now);
  for (bool high : {false, true}) {
    k.setHighContrast(high, h.now);
    for (int size = 1; size <= 3; ++size) {
      k.setTextSize(size, h.now);
      for (auto section : kSectionIds) {
        k.chooseSection(std::string(section), h.now);
        h.frame();
        auto& scroll = k.session().scroll;
        // A screenful at a time: every picture of the section is drawn once.
        float step = std::max(100.0f, h.app.ui().brochureScreen().readingHeight() * 0.8f);
        for (float y = step; y < scroll.maxOffset() + step; y += step) {
          scroll.jumpTo(y);
          h.frame();
        }
      }
      k.setDisplayMenuOpen(true, h.now);
      h.frame();
    }
  }
  k.goHome(h.now);
  h.settle();
}

class Monkey {
 public:
  Monkey(Headless& h, std::uint64_t seed, float width, float height)
      : h_(h), rng_(seed), w_(width), h2_(height), pick_(kWeights.begin(), kWeights.end()) {}

  void event() {
    auto kind = static_cast<Kind>(pick_(rng_));
    ++counts_[static_cast<int>(kind)];
    switch (kind) {
      case Kind::Tap:
        tap(randomX(), randomY());
        break;
      case Kind::TargetTap:
        targetTap();
        break;
      case Kind::Drag:
        drag(false);
        break;
      case Kind::Fling:
        drag(true);
        break;
      case Kind::LongPress:
        hold(randomX(), randomY(), uniform(500, 1'500));
        break;
      case Kind::CornerHold:
        cornerHold();
        break;
      case Kind::Pause:
        step(uniform(0, 2'000));
        break;
      case Kind::LongPause:
        h_.advance(uniform(20'000, 150'000));
        break;  // idle warning and reset
      case Kind::Count:
        break;
    }
  }
  const std::array<long long, static_cast<int>(Kind::Count)>& counts() const { return counts_; }

 private:
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  float randomX() { return std::uniform_real_distribution<float>(0, w_ - 1)(rng_); }
  float randomY() { return std::uniform_real_distribution<float>(0, h2_ - 1)(rng_); }

  // Lets virtual time pass with about four frames (timers and animations run; the
  // next touch may well come before an animation ends, as a real finger's would).
  void step(std::int64_t ms) {
    std::int64_t end = h_.now + ms;
    std::int64_t stride = std::clamp<std::int64_t>(ms / 4, kFrameMs, 500);
    do {
      h_.now = std::min(end, h_.now + stride);
      h_.step.tick(h_.now);
      h_.frame();
    } while (h_.now < end);
  }
  void press(PointerEvent::Kind kind, float x, float y) {
    h_.pointer(kind, x, y);
    h_.frame();
  }
  void tap(float x, float y) {
    press(PointerEvent::Kind::Down, x, y);
    h_.now += uniform(30, 150);
    // The next event's first frame moves the lifted pointer away.
    press(PointerEvent::Kind::Up, x, y);
  }
  void targetTap() {
    const auto& targets = h_.app.ui().registry().targets;
    if (targets.empty()) return tap(randomX(), randomY());
    const auto& t = targets[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(targets.size()) - 1))];
    tap(std::uniform_real_distribution<float>(t.min.x, std::max(t.min.x, t.max.x - 1))(rng_),
        std::uniform_real_distribution<float>(t.min.y, std::max(t.min.y, t.max.y - 1))(rng_));
  }
  void drag(bool fling) {
    float x1 = randomX(), y1 = randomY(), x2 = randomX(), y2 = randomY();
    std::int64_t ms = fling ? uniform(40, 120) : uniform(150, 900);
    press(PointerEvent::Kind::Down, x1, y1);
    int steps = static_cast<int>(std::clamp<std::int64_t>(ms / 100, 2, 5));
    for (int i = 1; i <= steps; ++i) {
      h_.now += ms / steps;
      float t = static_cast<float>(i) / static_cast<float>(steps);
      press(PointerEvent::Kind::Move, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
    }
    press(PointerEvent::Kind::Up, x2, y2);
    if (fling) step(uniform(16, 600));
  }
  void hold(float x, float y, std::int64_t ms) {
    press(PointerEvent::Kind::Down, x, y);
    step(ms);  // the long-press fires from the recognizer's timer meanwhile
    press(PointerEvent::Kind::Up, x, y);
  }
  void cornerHold() {
    // Within 2 % of the screen's corner: where a hidden long-press target lives.
    float dx = std::uniform_real_distribution<float>(1, w_ * 0.02f + 1)(rng_);
    float dy = std::uniform_real_distribution<float>(1, h2_ * 0.02f + 1)(rng_);
    int corner = static_cast<int>(uniform(0, 3));
    float x = corner % 2 ? w_ - dx : dx, y = corner / 2 ? h2_ - dy : dy;
    hold(x, y, kCornerHoldMs + uniform(0, 500));
    // What a long-press opens (a PIN pad) gets a few random taps of its own.
    for (int i = 0, n = static_cast<int>(uniform(0, 6)); i < n; ++i) targetTap();
  }

  Headless& h_;
  std::mt19937_64 rng_;
  float w_, h2_;
  std::discrete_distribution<int> pick_;
  std::array<long long, static_cast<int>(Kind::Count)> counts_{};
};

}  // namespace

int runMonkey(const Options& o, const std::string& argv0) {
  std::uint64_t seed = o.seedGiven ? o.seed : std::random_device{}() ^ static_cast<std::uint64_t>(monotonicMs());
  // The seed comes first, so a failing run can be replayed with --seed.
  std::printf("monkey: seed %llu (replay: medkiosk --monkey %lld --seed %llu --size %dx%d)\n",
              static_cast<unsigned long long>(seed), o.monkeyEvents, static_cast<unsigned long long>(seed), o.width,
              o.height);
  std::fflush(stdout);
  Headless h(o, argv0);
  h.settle();
  tourEveryLanguage(h);
  tourEveryPicture(h);
  Monkey monkey(h, seed, static_cast<float>(o.width), static_cast<float>(o.height));
  const long long warmUp = std::max(1LL, std::min(2'000LL, o.monkeyEvents / 10));
  long rssWarm = 0;
  auto started = std::chrono::steady_clock::now();
  for (long long i = 0; i < o.monkeyEvents; ++i) {
    h.app.ui().setRasterize(i % kRasterEvery == 0);
    monkey.event();
    if (h.app.ui().registry().texts.empty()) {
      std::fprintf(stderr, "monkey: event %lld left a screen with no text (seed %llu)\n", i,
                   static_cast<unsigned long long>(seed));
      return 1;
    }
    if (i + 1 == warmUp) rssWarm = residentBytesAtRest(h);
    if ((i + 1) % kReportEvery == 0 && i + 1 > warmUp)
      std::printf("monkey: %lld events, resident memory %ld KiB\n", i + 1, residentBytesAtRest(h) / 1024);
  }
  h.app.ui().setRasterize(true);
  long rssEnd = residentBytesAtRest(h);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("monkey: %lld events in %.1f s (virtual time %.0f s):", o.monkeyEvents, seconds,
              static_cast<double>(h.now) / 1000.0);
  for (std::size_t k = 0; k < kKindNames.size(); ++k) std::printf(" %s %lld", kKindNames[k], monkey.counts()[k]);
  std::printf("\nmonkey: resident memory after %lld warm-up events %ld KiB, at the end %ld KiB, growth %+ld KiB\n",
              warmUp, rssWarm / 1024, rssEnd / 1024, (rssEnd - rssWarm) / 1024);
#ifdef MEDKIOSK_ASAN
  // AddressSanitizer keeps freed memory in quarantine, so RSS says nothing here.
  std::printf("monkey: memory growth not checked under AddressSanitizer\n");
#else
  if (rssEnd - rssWarm >= kMaxGrowthBytes) {
    std::fprintf(stderr, "monkey: resident memory grew by %ld KiB (limit 1024 KiB) with seed %llu\n",
                 (rssEnd - rssWarm) / 1024, static_cast<unsigned long long>(seed));
    return 1;
  }
#endif
  std::printf("monkey: ok\n");
  return 0;
}

}  // namespace mk::app
