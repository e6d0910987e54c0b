#pragma once
// Read aloud, offline: espeak-ng turns text into 16-bit mono PCM, on a worker
// thread so the UI thread never waits for synthesis. The PCM goes to a PcmSink (SDL
// audio in the kiosk, a recording sink in tests), which reports how much it has
// played so the paragraph being read can be highlighted.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace mk {

// espeak-ng keeps global state: one engine per process, used from one thread.
// espeak-ng itself starts on the first setLanguage() or synthesize(), on the thread
// that reads aloud: it loads about 25 MB of voice data that a kiosk nobody asks to
// read aloud never needs.
class SpeechEngine {
 public:
  // Null (with a log line) when espeak-ng's data cannot be found.
  static std::unique_ptr<SpeechEngine> create();
  // False once starting espeak-ng has failed (logged); nothing is spoken then.
  bool usable() const { return !failed_; }
  // Whether this engine has asked espeak-ng for speech yet (creating one does not:
  // it loads no voice data). Per engine, so the answer does not depend on what other
  // engines of the process did before.
  bool started() const { return started_; }
  ~SpeechEngine() = default;
  SpeechEngine(const SpeechEngine&) = delete;
  SpeechEngine& operator=(const SpeechEngine&) = delete;

  int sampleRate() const { return sampleRate_; }
  // "el_GR" -> the "el" voice. False when espeak-ng has no voice for the language.
  bool setLanguage(const std::string& locale);
  // Synthesises all of `text`; once `cancel` is set, what follows is dropped (the
  // paragraph still runs to its end inside espeak-ng, which cannot be stopped safely).
  std::vector<std::int16_t> synthesize(std::string_view text, const std::atomic<bool>* cancel = nullptr);

 private:
  SpeechEngine() = default;
  bool start();  // espeak-ng, once per process
  int sampleRate_ = 0;
  std::atomic<bool> failed_{false};
  std::atomic<bool> started_{false};
};

class PcmSink {
 public:
  virtual ~PcmSink() = default;
  virtual void push(const std::int16_t* samples, std::size_t count) = 0;
  virtual void clear() = 0;                  // drop what is not yet played
  virtual std::uint64_t played() const = 0;  // samples played since the last clear()
  virtual std::size_t buffered() const = 0;  // samples waiting to be played
  virtual void setPaused(bool paused) = 0;
  virtual void setGain(float gain) = 0;  // linear, 1 = as synthesised
};

// A sink that keeps what it is given and counts it as played at once: for tests and
// headless runs, and to measure synthesised audio.
class MemorySink : public PcmSink {
 public:
  void push(const std::int16_t* samples, std::size_t count) override;
  void clear() override;
  std::uint64_t played() const override;
  std::size_t buffered() const override { return 0; }
  void setPaused(bool) override {}
  void setGain(float gain) override { gain_ = gain; }
  std::vector<std::int16_t> samples() const;
  float gain() const { return gain_; }
  // Off: samples are counted as played and dropped, as a sound card would (the
  // benchmark's memory figures then show the kiosk's, not the recording's).
  void keepSamples(bool keep);

 private:
  mutable std::mutex mutex_;
  std::vector<std::int16_t> samples_;
  bool keep_ = true;
  std::uint64_t dropped_ = 0;
  float gain_ = 1.0f;
};

// Volume steps: the loudest is 12 dB above the quietest (1 = quietest, 4 = loudest).
float gainForVolumeStep(int step);

// Reads a list of paragraphs aloud through a sink; a new start() or stop() cancels
// what is being read. Synthesis stays at most kAheadSeconds (and one paragraph)
// ahead of what the sink has played, so a long section read aloud does not hold its
// whole audio in memory (issue #16: 22050 samples a second, about 5 MB for a
// four-minute section). Thread-safety: call from the UI thread only.
class ReadAloud {
 public:
  static constexpr int kAheadSeconds = 10;

  ReadAloud(std::unique_ptr<SpeechEngine> engine, PcmSink& sink);
  ~ReadAloud();
  ReadAloud(const ReadAloud&) = delete;
  ReadAloud& operator=(const ReadAloud&) = delete;

  bool available() const { return engine_ != nullptr && engine_->usable(); }
  void start(std::vector<std::string> paragraphs, const std::string& locale);
  void stop();
  void setPaused(bool paused);
  void setVolumeStep(int step);
  bool active() const;  // synthesising or playing
  bool paused() const { return paused_; }
  // The paragraph being heard now, or -1.
  int currentParagraph() const;

 private:
  void worker();
  // Waits (lock held by the caller) until the sink needs more, or the job ends;
  // false when the job ended.
  bool waitForRoom(std::unique_lock<std::mutex>& lock, std::uint64_t job);

  std::unique_ptr<SpeechEngine> engine_;
  PcmSink& sink_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::string> paragraphs_;
  std::string locale_;
  std::uint64_t job_ = 0;  // incremented by start() and stop()
  std::uint64_t jobRunning_ = 0;
  bool quit_ = false;
  bool synthesising_ = false;
  std::vector<std::uint64_t> paragraphStart_;  // sample offset of each paragraph
  std::atomic<bool> cancel_{false};
  bool paused_ = false;
};

}  // namespace mk
