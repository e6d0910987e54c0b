#pragma once
// PCM to the sound card through SDL audio: a callback pulls from a buffer filled by
// the read-aloud worker, applying the volume. Played samples are counted so the UI
// can highlight the paragraph being heard.
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

#include "core/speech/speech.h"

namespace mk::ui {

class SdlAudioSink : public PcmSink {
 public:
  // Null (with a log line) when no audio device can be opened.
  static std::unique_ptr<SdlAudioSink> open(int sampleRate);
  ~SdlAudioSink() override;

  void push(const std::int16_t* samples, std::size_t count) override;
  void clear() override;
  std::uint64_t played() const override { return played_; }
  std::size_t buffered() const override;
  void setPaused(bool paused) override;
  void setGain(float gain) override { gain_ = gain; }

 private:
  SdlAudioSink() = default;
  static void callback(void* user, unsigned char* stream, int len);

  unsigned device_ = 0;
  mutable std::mutex mutex_;
  std::deque<std::int16_t> queue_;
  std::atomic<std::uint64_t> played_{0};
  std::atomic<float> gain_{1.0f};
};

}  // namespace mk::ui
