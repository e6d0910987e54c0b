#include "core/speech/speech.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "core/base/log.h"

namespace mk {
namespace {

// espeak-ng's state is global to the process: it is initialised once, and never
// terminated, because espeak_Terminate() waits forever on its internal thread in
// synchronous mode (espeak-ng 1.51). Guarded so that engines can come and go.
std::mutex g_espeakInit;
int g_espeakRate = 0;
// espeak-ng synthesises at 22050 Hz (its native rate in 1.49 to 1.51); the sound
// device is opened at this rate before espeak-ng starts, and start() checks it.
constexpr int kEspeakSampleRate = 22050;

struct SynthTarget {
  std::vector<std::int16_t>* out;
  const std::atomic<bool>* cancel;
};

int onSamples(short* samples, int count, espeak_EVENT* events) {
  auto* target = static_cast<SynthTarget*>(events ? events->user_data : nullptr);
  if (!target) return 0;
  // A cancelled paragraph is synthesised to its end and thrown away. Asking espeak-ng
  // 1.51 to stop (returning 1) leaves its text decoder pointing into the aborted
  // input, and a later espeak_Synth crashed in utf8_in (found by random touch).
  if (target->cancel && target->cancel->load()) return 0;
  if (samples && count > 0) target->out->insert(target->out->end(), samples, samples + count);
  return 0;
}

}  // namespace

std::unique_ptr<SpeechEngine> SpeechEngine::create() {
  std::lock_guard<std::mutex> lock(g_espeakInit);
  if (g_espeakRate <= 0) {
    // Only find the data directory now (no data is loaded).
    const char* dataPath = nullptr;
    espeak_ng_InitializePath(nullptr);
    espeak_Info(&dataPath);
    std::error_code ec;
    if (!dataPath || !std::filesystem::exists(std::filesystem::path(dataPath) / "phontab", ec)) {
      log::error("speech", std::string("espeak-ng data not found (") + (dataPath ? dataPath : "no path") +
                               "; is espeak-ng-data installed?); read aloud is off");
      return nullptr;
    }
  }
  std::unique_ptr<SpeechEngine> engine(new SpeechEngine());
  engine->sampleRate_ = kEspeakSampleRate;
  return engine;
}

bool SpeechEngine::start() {
  std::lock_guard<std::mutex> lock(g_espeakInit);
  if (g_espeakRate <= 0) {
    g_espeakRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (g_espeakRate > 0) {
      espeak_SetSynthCallback(onSamples);
      espeak_SetParameter(espeakRATE, 150, 0);  // a little slower than normal, for patients
    }
  }
  if (g_espeakRate <= 0) {
    if (!failed_.exchange(true)) log::error("speech", "espeak-ng could not start; read aloud is off");
    return false;
  }
  if (g_espeakRate != sampleRate_) {
    if (!failed_.exchange(true))
      log::error("speech", "espeak-ng synthesises at " + std::to_string(g_espeakRate) + " Hz, not " +
                               std::to_string(sampleRate_) + " Hz; read aloud is off");
    return false;
  }
  started_ = true;
  return true;
}

bool SpeechEngine::setLanguage(const std::string& locale) {
  if (!start()) return false;
  std::string language = locale.substr(0, locale.find('_'));
  if (espeak_SetVoiceByName(language.c_str()) != EE_OK) {
    log::warn("speech", "espeak-ng has no voice for '" + language + "'");
    return false;
  }
  return true;
}

std::vector<std::int16_t> SpeechEngine::synthesize(std::string_view text, const std::atomic<bool>* cancel) {
  std::vector<std::int16_t> out;
  if (cancel && cancel->load()) return out;
  if (!start()) return out;
  SynthTarget target{&out, cancel};
  std::string owned(text);
  espeak_Synth(owned.c_str(), owned.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &target);
  return out;
}

void MemorySink::push(const std::int16_t* samples, std::size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (keep_)
    samples_.insert(samples_.end(), samples, samples + count);
  else
    dropped_ += count;
}

void MemorySink::keepSamples(bool keep) {
  std::lock_guard<std::mutex> lock(mutex_);
  keep_ = keep;
}

void MemorySink::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  // Release the buffer too: headless runs read aloud for hours (random touch), and a
  // long section's audio would otherwise stay allocated.
  std::vector<std::int16_t>().swap(samples_);
  dropped_ = 0;
}

std::uint64_t MemorySink::played() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return samples_.size() + dropped_;
}

std::vector<std::int16_t> MemorySink::samples() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return samples_;
}

float gainForVolumeStep(int step) {
  constexpr float kDb[] = {-12.0f, -8.0f, -4.0f, 0.0f};
  int i = std::clamp(step, 1, 4) - 1;
  return std::pow(10.0f, kDb[i] / 20.0f);
}

ReadAloud::ReadAloud(std::unique_ptr<SpeechEngine> engine, PcmSink& sink) : engine_(std::move(engine)), sink_(sink) {
  if (engine_) thread_ = std::thread([this] { worker(); });
}

ReadAloud::~ReadAloud() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
    cancel_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReadAloud::start(std::vector<std::string> paragraphs, const std::string& locale) {
  if (!engine_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    paragraphs_ = std::move(paragraphs);
    locale_ = locale;
    ++job_;
    cancel_ = true;  // the current synthesis, if any, ends early
    paragraphStart_.clear();
  }
  sink_.clear();
  paused_ = false;
  sink_.setPaused(false);
  wake_.notify_all();
}

void ReadAloud::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++job_;
    paragraphs_.clear();
    cancel_ = true;
    paragraphStart_.clear();
  }
  sink_.clear();
  paused_ = false;
  sink_.setPaused(false);
  wake_.notify_all();  // a worker waiting for the sink to drain ends at once
}

void ReadAloud::setPaused(bool paused) {
  paused_ = paused;
  sink_.setPaused(paused);
}

void ReadAloud::setVolumeStep(int step) { sink_.setGain(gainForVolumeStep(step)); }

bool ReadAloud::active() const {
  std::lock_guard<std::mutex> lock(mutex_);
  // A stopped job's last paragraph may still be synthesised (and dropped): not active.
  return (synthesising_ && jobRunning_ == job_) || !paragraphs_.empty() || sink_.buffered() > 0;
}

int ReadAloud::currentParagraph() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (paragraphStart_.empty()) return -1;
  std::uint64_t played = sink_.played();
  auto it = std::upper_bound(paragraphStart_.begin(), paragraphStart_.end(), played);
  return static_cast<int>(it - paragraphStart_.begin()) - 1;
}

bool ReadAloud::waitForRoom(std::unique_lock<std::mutex>& lock, std::uint64_t job) {
  const std::size_t ahead = static_cast<std::size_t>(kAheadSeconds) * static_cast<std::size_t>(engine_->sampleRate());
  // The sink drains on the audio thread, which does not signal: look again every 50 ms.
  while (!quit_ && job == job_ && sink_.buffered() > ahead) wake_.wait_for(lock, std::chrono::milliseconds(50));
  return !quit_ && job == job_;
}

void ReadAloud::worker() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!quit_) {
    wake_.wait(lock, [&] { return quit_ || (job_ != jobRunning_ && !paragraphs_.empty()); });
    if (quit_) break;
    std::uint64_t job = jobRunning_ = job_;
    std::vector<std::string> paragraphs = paragraphs_;
    std::string locale = locale_;
    cancel_ = false;
    synthesising_ = true;
    lock.unlock();
    engine_->setLanguage(locale);
    std::uint64_t offset = 0;
    for (const auto& p : paragraphs) {
      std::vector<std::int16_t> pcm = engine_->synthesize(p, &cancel_);
      std::unique_lock<std::mutex> guard(mutex_);
      if (job != job_) break;  // stopped or restarted meanwhile
      paragraphStart_.push_back(offset);
      sink_.push(pcm.data(), pcm.size());
      offset += pcm.size();
      if (!waitForRoom(guard, job)) break;
    }
    lock.lock();
    synthesising_ = false;
    if (job == job_) paragraphs_.clear();  // finished; playback may still be running
  }
}

}  // namespace mk
