#include "core/session/session_coordinator.h"

#include <algorithm>

#include "core/system/metrics.h"

namespace mk {

namespace {

// How often a PIN check on the worker is looked at: soon after Argon2id ends.
constexpr std::int64_t kPinPollMs = 20;

// The earlier of two deadlines, either of which may be -1 (none).
std::int64_t earlier(std::int64_t a, std::int64_t b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return std::min(a, b);
}

}  // namespace

std::string nurseLocale(const NurseMode& nurse, const Kiosk& kiosk) {
  const auto& l = nurse.session().nurseLocale;
  return l.empty() ? kiosk.config().defaultLocale : l;
}

SessionCoordinator::SessionCoordinator(Kiosk& kiosk, UiStrings& strings, NurseMode* nurse, std::int64_t nurseHoldMs)
    : kiosk_(kiosk), strings_(strings), nurse_(nurse), nurseHoldMs_(nurseHoldMs), sessionSeen_(kiosk.sessionNumber()) {}

bool SessionCoordinator::noteGesture(bool press, std::int64_t nowMs) {
  if (press && kiosk_.session().idleWarning) swallowing_ = true;
  kiosk_.noteInput(nowMs);
  if (nurse_) nurse_->noteInput(nowMs);
  return swallowing_;
}

void SessionCoordinator::step(std::int64_t nowMs, CornerHold hold) {
  stepNurse(nowMs, hold);
  stepReadAloud(nowMs);
}

std::int64_t SessionCoordinator::holdDeadline(CornerHold hold) const {
  if (!nurse_ || !hold.inCorner || isNurseScreen(kiosk_.session().screen)) return -1;
  return hold.sinceMs + nurseHoldMs_;
}

void SessionCoordinator::goHomeFromNurse(std::int64_t nowMs) {
  kiosk_.goHome(nowMs);
  sessionSeen_ = kiosk_.sessionNumber();  // a reset of our own ends no nurse session
}

// Nurse mode's clock work: records due for purging, the idle reset ending a nurse
// session, the nurse timeout, a nurse screen without a nurse, and the corner hold.
void SessionCoordinator::stepNurse(std::int64_t nowMs, CornerHold hold) {
  if (!nurse_) return;
  nurse_->purgeIfDue();
  stepPinCheck(nowMs);
  if (kiosk_.sessionNumber() != sessionSeen_) {
    sessionSeen_ = kiosk_.sessionNumber();
    if (nurse_->signedIn()) nurse_->logout("idle reset");
    if (isNurseScreen(kiosk_.session().screen)) kiosk_.goHome(nowMs);
  }
  if (nurse_->tick(nowMs)) goHomeFromNurse(nowMs);
  Screen screen = kiosk_.session().screen;
  if (isNurseScreen(screen) && screen != Screen::Pin && !nurse_->signedIn()) goHomeFromNurse(nowMs);
  std::int64_t deadline = holdDeadline(hold);
  if (deadline >= 0 && nowMs >= deadline) {
    goHomeFromNurse(nowMs);  // nothing of a patient's session stays behind the pad
    nurse_->openPad(nowMs);
    kiosk_.showScreen(Screen::Pin, nowMs);
    swallowing_ = true;  // the resting finger must not press a key when it lifts
  }
}

// A PIN check done on the worker: the nurse is signed in on the pad they typed on
// (never behind a screen the pad has left meanwhile); the metrics hear the counts.
void SessionCoordinator::stepPinCheck(std::int64_t nowMs) {
  std::optional<PinAttempt> a = nurse_->pollPinCheck();
  if (auto c = nurse_->takePinCounters())
    kiosk_.noteNursePins({c->wrongTotal, c->lockoutsTotal, c->allLockedUntil, c->nurseLockedUntil});
  if (!a || a->outcome != PinAttempt::Outcome::Accepted) return;
  if (kiosk_.session().screen != Screen::Pin) {
    nurse_->logout("the PIN pad was closed during the check");
    return;
  }
  auto& s = nurse_->session();
  s.medicine = kiosk_.medicines().empty() ? std::string() : kiosk_.medicines().front();
  s.patientLocale = s.nurseLocale = kiosk_.config().defaultLocale;
  kiosk_.showScreen(Screen::NurseHome, nowMs);
}

void SessionCoordinator::stepReadAloud(std::int64_t nowMs) {
  if (!reader_ || !reader_->available()) return;
  const Session& s = kiosk_.session();
  reader_->setVolumeStep(s.volumeStep);
  // Reading belongs to one section in one language: a change, or the idle reset,
  // stops it.
  std::string key =
      std::to_string(kiosk_.sessionNumber()) + "/" + toString(s.screen) + "/" + s.locale + "/" + s.section;
  if (key != readingFor_) {
    if (!readingFor_.empty()) reader_->stop();
    readingFor_ = key;
  }
  // The idle warning is announced by voice as well as on screen.
  if (s.idleWarning && !idleAnnounced_) {
    idleAnnounced_ = true;
    std::string saved = strings_.locale();
    strings_.setLocale(s.locale);
    reader_->start({strings_.get("idle.title"),
                    strings_.format("idle.countdown", {{"seconds", std::int64_t{kiosk_.countdownSecondsLeft(nowMs)}}})},
                   s.locale);
    strings_.setLocale(saved);
  }
  if (!s.idleWarning && idleAnnounced_) {
    idleAnnounced_ = false;
    reader_->stop();
  }
}

bool SessionCoordinator::afterFrame() {
  if (!nurse_) return false;
  NurseMode::ActionResult done = nurse_->runPendingAction();
  // Fleet metrics count a walk-through once, when its record is saved (Finish stays
  // on screen after a failed save, so counting at the tap could count it twice).
  if (done.saved) kiosk_.noteWalkthroughCompleted(nurse_->session().category);
  return done.ran;  // draw again to show the outcome
}

std::int64_t SessionCoordinator::nextDeadline(std::int64_t nowMs, CornerHold hold) const {
  std::int64_t next = kiosk_.nextDeadline(nowMs);
  next = earlier(next, holdDeadline(hold));
  if (nurse_) next = earlier(next, nurse_->deadline());
  // The lockout message counts down once a second; a PIN check is polled often.
  if (nurse_ && kiosk_.session().screen == Screen::Pin) next = earlier(next, nowMs + 1000);
  if (nurse_ && nurse_->checking()) next = earlier(next, nowMs + kPinPollMs);
  // While reading aloud, redraw a few times a second to move the highlight.
  if (reader_ && reader_->active()) next = earlier(next, nowMs + 100);
  return next;
}

std::string SessionCoordinator::screenLocale() const {
  Screen screen = kiosk_.session().screen;
  if (!nurse_ || !isNurseScreen(screen)) return kiosk_.session().locale;
  return screen == Screen::Pin ? kiosk_.config().defaultLocale : nurseLocale(*nurse_, kiosk_);
}

int SessionCoordinator::textSizeOnScreen() const {
  return isNurseScreen(kiosk_.session().screen) ? 2 : kiosk_.session().textSize;
}

void SessionCoordinator::handOverToPatient(ContentView& content, std::int64_t nowMs) {
  if (!nurse_) return;
  const auto& s = nurse_->session();
  BrochureLens lens;
  lens.category = s.category;
  // The walk-through's order is the English points' order, whatever the languages.
  for (const auto& p : content.counselling(s.medicine, s.category, "en").points)
    lens.anchors.emplace_back(p.brochureSection, p.brochureHeading);
  std::string locale = s.patientLocale;
  std::string medicine = s.medicine;
  nurse_->logout("handed the kiosk to the patient");
  kiosk_.openBrochureWithLens(locale, medicine, std::move(lens), nowMs);
}

}  // namespace mk
