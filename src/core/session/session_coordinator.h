#pragma once
// The decisions that tie a patient's session, nurse mode and read aloud together,
// taken once per frame outside drawing: the hidden corner hold that opens the PIN
// pad, the nurse timeout and the idle reset ending a nurse session, which presses
// the screens must not see, reading that belongs to one section, the language and
// text size on screen, counting a walk-through once its record is saved, and the
// PIN check that runs on a worker thread: started after the frame that pressed OK,
// polled before each frame, signing the nurse in when it is done. The UI reports
// input and geometry; it decides none of this.
#include <cstdint>
#include <string>

#include "core/i18n/ui_strings.h"
#include "core/nurse/nurse_mode.h"
#include "core/session/content_view.h"
#include "core/session/kiosk_state.h"
#include "core/speech/speech.h"

namespace mk {

// A finger resting still on the screen, as the UI sees it: whether it rests inside
// the nurse corner, and since when.
struct CornerHold {
  bool inCorner = false;
  std::int64_t sinceMs = 0;
};

class SessionCoordinator {
 public:
  // `nurse` may be null: no nurse mode. Neither is owned.
  SessionCoordinator(Kiosk& kiosk, UiStrings& strings, NurseMode* nurse, std::int64_t nurseHoldMs);

  void setReadAloud(ReadAloud* reader) { reader_ = reader; }

  // One gesture from the screen. Returns true when the screens must not see it: a
  // press that only dismisses the idle warning, or the finger that opened the PIN pad.
  bool noteGesture(bool press, std::int64_t nowMs);
  // The pointer went up: presses reach the screens again.
  void pointerReleased() { swallowing_ = false; }
  // Whether the press under way belongs to no screen (see noteGesture).
  bool swallowing() const { return swallowing_; }

  // Before each frame is drawn: nurse mode's clock work and read aloud.
  void step(std::int64_t nowMs, CornerHold hold);
  // After each frame: runs what nurse screens queued (saving a record, CSV export)
  // and counts a walk-through once, when its record is saved. True when something ran.
  bool afterFrame();
  // The next time step() would change something; -1 for never.
  std::int64_t nextDeadline(std::int64_t nowMs, CornerHold hold) const;

  // The language screens are drawn in: the patient's, the nurse's in nurse mode, and
  // the kiosk's default on the PIN pad (no patient or nurse is known there).
  std::string screenLocale() const;
  // Nurse mode is read by two people at once, at arm's length: the middle size.
  int textSizeOnScreen() const;
  // The nurse hands the kiosk to the patient: the nurse is signed out and the patient
  // reads their brochure with the lens of their group.
  void handOverToPatient(ContentView& content, std::int64_t nowMs);

 private:
  void stepNurse(std::int64_t nowMs, CornerHold hold);
  void stepPinCheck(std::int64_t nowMs);
  void stepReadAloud(std::int64_t nowMs);
  std::int64_t holdDeadline(CornerHold hold) const;
  void goHomeFromNurse(std::int64_t nowMs);

  Kiosk& kiosk_;
  UiStrings& strings_;
  NurseMode* nurse_;
  std::int64_t nurseHoldMs_;
  ReadAloud* reader_ = nullptr;
  std::uint64_t sessionSeen_ = 0;
  bool swallowing_ = false;
  std::string readingFor_;  // session/screen/locale/section the reading belongs to
  bool idleAnnounced_ = false;
};

// The language nurse-mode screens are drawn in: the nurse's choice, else the default.
std::string nurseLocale(const NurseMode& nurse, const Kiosk& kiosk);

}  // namespace mk
