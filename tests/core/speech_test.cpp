#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include "test_support.h"

#include "core/speech/speech.h"

using namespace mk;
using mk::test::waitFor;

namespace {
double rms(const std::vector<std::int16_t>& pcm) {
  if (pcm.empty()) return 0;
  double sum = 0;
  for (auto s : pcm) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(pcm.size()));
}

// A sound card that plays only when the test says so: what is pushed waits in
// buffered() until drain() plays it.
class HeldSink : public PcmSink {
 public:
  void push(const std::int16_t*, std::size_t count) override {
    std::lock_guard<std::mutex> lock(mutex_);
    pushed_ += count;
    peak_ = std::max(peak_, pushed_ - played_);
  }
  void clear() override {
    std::lock_guard<std::mutex> lock(mutex_);
    pushed_ = played_ = 0;
  }
  std::uint64_t played() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return played_;
  }
  std::size_t buffered() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::size_t>(pushed_ - played_);
  }
  void setPaused(bool) override {}
  void setGain(float) override {}
  void drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    played_ = pushed_;
  }
  std::uint64_t pushed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pushed_;
  }
  std::uint64_t peak() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return peak_;
  }

 private:
  mutable std::mutex mutex_;
  std::uint64_t pushed_ = 0, played_ = 0, peak_ = 0;
};

}  // namespace

TEST_CASE("speech is audible in all 24 EU languages") {
  auto engine = SpeechEngine::create();
  REQUIRE(engine);
  CHECK(engine->sampleRate() > 8000);
  const std::pair<const char*, const char*> samples[] = {
      {"bg", "Не дарявайте кръв."},   {"cs", "Nedarujte krev."},
      {"da", "Giv ikke blod."},       {"de", "Spenden Sie kein Blut."},
      {"el", "Μη δίνετε αίμα."},      {"en", "Do not donate blood."},
      {"es", "No done sangre."},      {"et", "Ärge loovutage verd."},
      {"fi", "Älä luovuta verta."},   {"fr", "Ne donnez pas votre sang."},
      {"ga", "Ná tabhair fuil."},     {"hr", "Ne darujte krv."},
      {"hu", "Ne adjon vért."},       {"it", "Non donate il sangue."},
      {"lt", "Nedovanokite kraujo."}, {"lv", "Neziedojiet asinis."},
      {"mt", "Tagħtix demm."},        {"nl", "Geef geen bloed."},
      {"pl", "Nie oddawaj krwi."},    {"pt", "Não doe sangue."},
      {"ro", "Nu donați sânge."},     {"sk", "Nedarujte krv."},
      {"sl", "Ne darujte krvi."},     {"sv", "Ge inte blod."}};
  for (const auto& [lang, text] : samples) {
    INFO(lang);
    REQUIRE(engine->setLanguage(lang));
    auto pcm = engine->synthesize(text);
    CHECK(pcm.size() > static_cast<size_t>(engine->sampleRate()) / 4);  // at least a quarter second
    CHECK(rms(pcm) > 300.0);                                            // not silence
  }
}

TEST_CASE("the loudest volume step is 12 dB above the quietest") {
  double db = 20.0 * std::log10(gainForVolumeStep(4) / gainForVolumeStep(1));
  CHECK(db == Approx(12.0).margin(0.01));
  CHECK(gainForVolumeStep(2) < gainForVolumeStep(3));
  CHECK(gainForVolumeStep(0) == gainForVolumeStep(1));
}

TEST_CASE("reading aloud goes paragraph by paragraph and stops at once") {
  MemorySink sink;
  ReadAloud reader(SpeechEngine::create(), sink);
  REQUIRE(reader.available());
  reader.start({"First paragraph.", "Second paragraph.", "Third."}, "en");
  REQUIRE(waitFor([&] { return !reader.active(); }));
  CHECK(rms(sink.samples()) > 300.0);
  CHECK(reader.currentParagraph() == 2);  // the memory sink has "played" everything
  reader.start({"A much longer text that takes a while to synthesise, read by the kiosk for a patient."}, "en");
  reader.stop();
  CHECK(sink.samples().empty());
  CHECK(reader.currentParagraph() == -1);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(sink.samples().empty());  // nothing arrives after stop()
  CHECK_FALSE(reader.active());
}

TEST_CASE("a memory sink that does not keep samples counts them as played") {
  MemorySink sink;
  sink.keepSamples(false);
  std::vector<std::int16_t> pcm(1000, 7);
  sink.push(pcm.data(), pcm.size());
  sink.push(pcm.data(), 500);
  CHECK(sink.played() == 1500);
  CHECK(sink.samples().empty());
  sink.clear();
  CHECK(sink.played() == 0);
}

// CTest runs each test case in its own process, so nothing has started espeak-ng before.
TEST_CASE("espeak-ng starts at the first synthesis, at the rate announced before") {
  auto engine = SpeechEngine::create();
  REQUIRE(engine);
  CHECK_FALSE(engine->started());  // creating the engine loads no voice data
  int announced = engine->sampleRate();
  REQUIRE(engine->setLanguage("en"));
  CHECK(engine->started());
  CHECK(engine->usable());
  auto pcm = engine->synthesize("One second of speech, more or less.");
  CHECK(pcm.size() > static_cast<size_t>(announced) / 2);
  CHECK(engine->sampleRate() == announced);
}

// Issue #16: a long section read aloud kept its whole audio waiting in the sound
// card's queue (the worker synthesised every paragraph at once).
TEST_CASE("synthesis stays a few seconds ahead of what has been played") {
  HeldSink sink;
  auto engine = SpeechEngine::create();
  REQUIRE(engine);
  const std::uint64_t second = static_cast<std::uint64_t>(engine->sampleRate());
  ReadAloud reader(std::move(engine), sink);
  REQUIRE(reader.available());
  // 30 paragraphs of about 5 s each: two and a half minutes of speech.
  std::vector<std::string> text(
      30, "Use effective contraception without a break, starting at least four weeks before treatment.");
  reader.start(text, "en");
  const std::uint64_t bound = (ReadAloud::kAheadSeconds + 10) * second;  // the look-ahead and one paragraph
  REQUIRE(waitFor([&] { return sink.pushed() > ReadAloud::kAheadSeconds * second; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // time to run ahead, if it would
  INFO("pushed " << sink.pushed() / second << " s, bound " << bound / second << " s");
  CHECK(sink.pushed() <= bound);
  CHECK(reader.active());
  // As the card plays, more comes, until the end; never more than the bound waits.
  REQUIRE(waitFor([&] {
    sink.drain();
    return !reader.active();
  }));
  CHECK(sink.pushed() > 100 * second);
  CHECK(sink.peak() <= bound);
  CHECK(reader.currentParagraph() == 29);
  // Stopping while the worker waits for room ends it at once.
  reader.start(text, "en");
  REQUIRE(waitFor([&] { return sink.buffered() > ReadAloud::kAheadSeconds * second; }));
  reader.stop();
  CHECK(waitFor([&] { return !reader.active(); }));
}
