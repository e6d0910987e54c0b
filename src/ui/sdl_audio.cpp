#include "ui/sdl_audio.h"

#include <SDL.h>
#include <algorithm>
#include <cstring>

#include "core/base/log.h"

namespace mk::ui {

std::unique_ptr<SdlAudioSink> SdlAudioSink::open(int sampleRate) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    log::error("audio", std::string("no audio (") + SDL_GetError() + "); the read-aloud buttons are hidden");
    return nullptr;
  }
  std::unique_ptr<SdlAudioSink> sink(new SdlAudioSink());
  SDL_AudioSpec want{}, have{};
  want.freq = sampleRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  want.callback = &SdlAudioSink::callback;
  want.userdata = sink.get();
  sink->device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (sink->device_ == 0) {
    log::error("audio",
               std::string("cannot open an audio device (") + SDL_GetError() + "); the read-aloud buttons are hidden");
    return nullptr;
  }
  SDL_PauseAudioDevice(sink->device_, 0);
  return sink;
}

SdlAudioSink::~SdlAudioSink() {
  if (device_) SDL_CloseAudioDevice(device_);
}

void SdlAudioSink::callback(void* user, unsigned char* stream, int len) {
  auto* self = static_cast<SdlAudioSink*>(user);
  auto* out = reinterpret_cast<std::int16_t*>(stream);
  std::size_t want = static_cast<std::size_t>(len) / sizeof(std::int16_t);
  float gain = self->gain_;
  std::lock_guard<std::mutex> lock(self->mutex_);
  std::size_t n = std::min(want, self->queue_.size());
  for (std::size_t i = 0; i < n; ++i) {
    float v = static_cast<float>(self->queue_.front()) * gain;
    out[i] = static_cast<std::int16_t>(std::clamp(v, -32768.0f, 32767.0f));
    self->queue_.pop_front();
  }
  std::memset(out + n, 0, (want - n) * sizeof(std::int16_t));
  self->played_ += n;
}

void SdlAudioSink::push(const std::int16_t* samples, std::size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.insert(queue_.end(), samples, samples + count);
}

void SdlAudioSink::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.clear();
  played_ = 0;
}

std::size_t SdlAudioSink::buffered() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

void SdlAudioSink::setPaused(bool paused) { SDL_PauseAudioDevice(device_, paused ? 1 : 0); }

}  // namespace mk::ui
