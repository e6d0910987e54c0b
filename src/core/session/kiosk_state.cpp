#include "core/session/kiosk_state.h"

#include <algorithm>
#include <string>

#include "core/base/log.h"
#include "core/system/metrics.h"

namespace mk {

const char* toString(Screen screen) {
  switch (screen) {
    case Screen::Attract:
      return "attract";
    case Screen::Language:
      return "language";
    case Screen::Medicine:
      return "medicine";
    case Screen::Brochure:
      return "brochure";
    case Screen::Pin:
      return "pin";
    case Screen::NurseHome:
      return "nurse";
    case Screen::NurseLanguage:
      return "nurse_language";
    case Screen::Counselling:
      return "counselling";
    case Screen::Summary:
      return "summary";
    case Screen::Status:
      return "status";
  }
  return "?";
}

bool isNurseScreen(Screen screen) {
  return screen == Screen::Pin || screen == Screen::NurseHome || screen == Screen::NurseLanguage ||
         screen == Screen::Counselling || screen == Screen::Summary || screen == Screen::Status;
}

bool BrochureLens::covers(const std::string& section) const {
  return std::any_of(anchors.begin(), anchors.end(), [&](const auto& a) { return a.first == section; });
}

std::vector<int> BrochureLens::headings(const std::string& section) const {
  std::vector<int> out;
  for (const auto& [id, heading] : anchors)
    if (id == section && std::find(out.begin(), out.end(), heading) == out.end()) out.push_back(heading);
  return out;
}

bool BrochureLens::firstOpening(const std::string& section) {
  if (!covers(section) || std::find(opened_.begin(), opened_.end(), section) != opened_.end()) return false;
  opened_.push_back(section);
  return true;
}

Kiosk::Kiosk(KioskConfig config, std::vector<std::string> medicines, std::int64_t nowMs)
    : config_(std::move(config)), medicines_(std::move(medicines)) {
  config_.defaultTextSize = std::clamp(config_.defaultTextSize, 1, 3);
  if (config_.countdownMs < 20'000) config_.countdownMs = 20'000;
  reset(nowMs);
}

void Kiosk::reset(std::int64_t nowMs) {
  session_ = Session{};
  session_.textSize = config_.defaultTextSize;
  session_.locale = config_.defaultLocale;
  lastInput_ = nowMs;
  attractSince_ = nowMs;
  lastTick_ = nowMs;
  ++sessionNumber_;
}

void Kiosk::noticeClockJump(std::int64_t nowMs) {
  constexpr std::int64_t kForwardJumpMs = 3'600'000;
  if (nowMs < lastTick_) {
    log::warn("kiosk",
              "clock went back by " + std::to_string(lastTick_ - nowMs) + " ms; idle timing restarts from now");
    lastInput_ = std::min(lastInput_, nowMs);
    attractSince_ = std::min(attractSince_, nowMs);
    if (session_.idleWarning) session_.idleWarningSince = std::min(session_.idleWarningSince, nowMs);
  } else if (nowMs - lastTick_ > kForwardJumpMs && session_.screen != Screen::Attract) {
    log::warn("kiosk", "clock jumped forward by " + std::to_string((nowMs - lastTick_) / 1000) +
                           " s; the session counts as idle");
  }
  lastTick_ = nowMs;
}

void Kiosk::noteInput(std::int64_t nowMs) {
  noticeClockJump(nowMs);
  lastInput_ = nowMs;
  session_.idleWarning = false;
}

void Kiosk::start(std::int64_t nowMs) {
  noteInput(nowMs);
  if (session_.screen != Screen::Attract) return;
  session_.screen = Screen::Language;
  if (metrics_) metrics_->countSession();
}

void Kiosk::noteReadAloud(const std::string& locale, std::int64_t nowMs) {
  noteInput(nowMs);
  if (metrics_) metrics_->countReadAloud(locale);
}

void Kiosk::noteWalkthroughCompleted(const std::string& category) {
  if (metrics_) metrics_->countWalkthrough(category);
}

void Kiosk::noteNursePins(const NursePinMetrics& pins) {
  if (metrics_) metrics_->setNursePins(pins);
}

void Kiosk::countSectionView() {
  if (!metrics_ || session_.screen != Screen::Brochure) return;
  std::string view = session_.locale + "/" + session_.section;
  if (view == session_.viewCounted) return;
  session_.viewCounted = view;
  metrics_->countSectionView(session_.locale, session_.section);
}

void Kiosk::chooseLanguage(const std::string& locale, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.locale = locale;
  if (!session_.medicine.empty()) {
    session_.screen = Screen::Brochure;
    countSectionView();
  } else if (medicines_.size() == 1) {
    chooseMedicine(medicines_.front(), nowMs);
  } else {
    session_.screen = Screen::Medicine;
  }
}

void Kiosk::chooseMedicine(const std::string& medicine, std::int64_t nowMs) {
  noteInput(nowMs);
  if (std::find(medicines_.begin(), medicines_.end(), medicine) == medicines_.end()) {
    log::warn("kiosk", "ignoring unknown medicine '" + medicine + "'");
    return;
  }
  session_.medicine = medicine;
  session_.section = "purpose";
  session_.scroll.jumpTo(0);
  session_.screen = Screen::Brochure;
  countSectionView();
}

void Kiosk::chooseSection(const std::string& section, std::int64_t nowMs) {
  noteInput(nowMs);
  if (session_.section != section) {
    session_.scroll.jumpTo(0);
    // Leaving the first section shown: the banner has been seen in full.
    if (session_.screen == Screen::Brochure) session_.warningCompact = true;
  }
  session_.section = section;
  session_.sectionMenuOpen = false;
  session_.displayMenuOpen = false;
  countSectionView();
}

void Kiosk::setVolumeStep(int step, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.volumeStep = std::clamp(step, 1, 4);
}

void Kiosk::setWarningCompact(bool compact, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.warningCompact = compact;
}

void Kiosk::setSectionMenuOpen(bool open, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.sectionMenuOpen = open;
  if (open) session_.displayMenuOpen = false;
}

void Kiosk::setDisplayMenuOpen(bool open, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.displayMenuOpen = open;
  if (open) session_.sectionMenuOpen = false;
}

void Kiosk::changeLanguage(std::int64_t nowMs) {
  noteInput(nowMs);
  session_.screen = Screen::Language;
}

void Kiosk::leaveLanguageChoice(std::int64_t nowMs) {
  if (session_.screen != Screen::Language) return;
  if (session_.medicine.empty()) {
    reset(nowMs);
    return;
  }
  noteInput(nowMs);
  session_.screen = Screen::Brochure;
}

void Kiosk::setTextSize(int size, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.textSize = std::clamp(size, 1, 3);
}

void Kiosk::setHighContrast(bool on, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.highContrast = on;
}

void Kiosk::goHome(std::int64_t nowMs) { reset(nowMs); }

void Kiosk::showScreen(Screen screen, std::int64_t nowMs) {
  noteInput(nowMs);
  session_.screen = screen;
}

void Kiosk::openBrochureWithLens(const std::string& locale, const std::string& medicine, BrochureLens lens,
                                 std::int64_t nowMs) {
  noteInput(nowMs);
  session_.locale = locale;
  session_.medicine = medicine;
  session_.screen = Screen::Brochure;
  session_.section = lens.empty() ? "purpose" : lens.anchors.front().first;
  session_.scroll.jumpTo(0);
  session_.sectionMenuOpen = false;
  session_.displayMenuOpen = false;
  session_.lens = std::move(lens);
}

bool Kiosk::tick(std::int64_t nowMs) {
  noticeClockJump(nowMs);
  if (session_.screen == Screen::Attract || config_.idleTimeoutMs <= 0) return false;
  if (!session_.idleWarning) {
    if (nowMs - lastInput_ >= config_.idleTimeoutMs) {
      session_.idleWarning = true;
      session_.idleWarningSince = nowMs;
      return true;
    }
    return false;
  }
  if (nowMs - session_.idleWarningSince >= config_.countdownMs) {
    log::info("kiosk", "idle countdown finished; returning to the attract screen");
    reset(nowMs);
    return true;
  }
  return false;
}

std::int64_t Kiosk::nextDeadline(std::int64_t nowMs) const {
  if (session_.screen == Screen::Attract) {
    std::int64_t phase = std::max<std::int64_t>(0, nowMs - attractSince_) % config_.attractCycleMs;
    return nowMs + (config_.attractCycleMs - phase);
  }
  if (config_.idleTimeoutMs <= 0) return -1;
  if (!session_.idleWarning) return lastInput_ + config_.idleTimeoutMs;
  // Redraw once a second for the countdown.
  std::int64_t elapsed = nowMs - session_.idleWarningSince;
  std::int64_t nextSecond = session_.idleWarningSince + (elapsed / 1000 + 1) * 1000;
  return std::min(nextSecond, session_.idleWarningSince + config_.countdownMs);
}

int Kiosk::countdownSecondsLeft(std::int64_t nowMs) const {
  if (!session_.idleWarning) return 0;
  std::int64_t left = config_.countdownMs - (nowMs - session_.idleWarningSince);
  return static_cast<int>(std::clamp<std::int64_t>((left + 999) / 1000, 0, config_.countdownMs / 1000));
}

std::size_t Kiosk::attractCycleIndex(std::int64_t nowMs, std::size_t count) const {
  if (count == 0) return 0;
  return static_cast<std::size_t>(attractStep(nowMs)) % count;
}

std::int64_t Kiosk::attractStep(std::int64_t nowMs) const {
  return std::max<std::int64_t>(0, nowMs - attractSince_) / config_.attractCycleMs;
}

}  // namespace mk
