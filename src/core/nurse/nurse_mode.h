#pragma once
// Nurse mode without pixels: the records database (opened on first use), choosing
// a nurse and checking their PIN off the UI thread, the lockout, the signed-in nurse with a 60 s inactivity timeout,
// the counselling walk-through being given, saving its record, CSV export and the retention purge. Every step that
// matters is written to the audit log. A records database that cannot be used (read-only or full disk, corruption that
// cannot be moved aside) makes nurse mode show why; patient mode never depends on it. Times: monotonic milliseconds for
// the timeout, Unix seconds from the injected wall clock for records and the audit log.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"
#include "core/nurse/nurse_auth.h"
#include "core/nurse/pin_verifier.h"
#include "core/nurse/records_db.h"
#include "core/nurse/retention.h"
#include "core/nurse/walkthrough.h"

namespace mk {

struct NurseConfig {
  std::filesystem::path recordsPath;  // <data directory>/records.db
  std::filesystem::path exportDir;    // CSV exports
  int retentionDays = 90;
  std::int64_t timeoutMs = 60'000;
  std::function<std::int64_t()> wallClock;  // Unix seconds; default: the system clock
  PinPolicy pinPolicy;                      // [nurse] free_tries, daily_wrong_pins
  AuditAnchorSink auditAnchor;              // where audit entries are anchored; null: the journal
};

// The walk-through being given: who it is for, in which languages, and its state.
struct CounsellingSession {
  std::string medicine;
  std::string category;  // a kCategoryIds id; empty until chosen
  std::string patientLocale;
  std::string nurseLocale;
  Walkthrough walkthrough;
  bool started = false;
  bool saved = false;
  bool saveFailed = false;
  bool choosingPatientLanguage = true;  // which language the language list sets
  int exportState = 0;                  // 1 exported, -1 failed, 0 not tried
  std::string exportFile;
  std::int64_t exportCount = 0;
};

class NurseMode {
 public:
  explicit NurseMode(NurseConfig config);
  ~NurseMode();

  // Opens (or creates) the records database if it is not open yet. False when it
  // cannot be used; unavailableReason() says why (also logged).
  bool ensureOpen();
  bool available() const { return records_ != nullptr; }
  const std::string& unavailableReason() const { return unavailable_; }

  // The hidden long-press: the PIN pad opens (audited as a mode change) with the
  // list of nurses to choose from.
  void openPad(std::int64_t nowMs);
  void cancelPad();
  const std::vector<std::string>& padNurses() const { return padNurses_; }
  // The nurse signing in; the PIN typed is checked against their hash only.
  void chooseNurse(const std::string& pseudonym);
  void unchooseNurse();
  const std::string& chosenNurse() const { return chosen_; }
  std::string& pinEntry() { return pinEntry_; }
  // OK on the pad, while drawing: the check starts after the frame (runPendingAction).
  void requestPinCheck() { pending_ = Action::CheckPin; }
  // Counts the attempt and starts checking the PIN on a worker thread; the typed PIN
  // is wiped at once. False when nothing was started (locked, invalid, no nurse).
  bool startPinCheck(std::int64_t nowMs);
  bool checking() const { return verifier_.busy(); }
  // Once per attempt, when it is decided: signs in, or records the wrong PIN.
  std::optional<PinAttempt> pollPinCheck();
  // Blocks until a check in flight is done: the headless runs' virtual clock stands
  // still while the worker thread runs, so replays are deterministic.
  void awaitPinCheck() { verifier_.wait(); }
  // Tests: runs on the PIN worker before each check, to hold it in "checking".
  void setBeforePinVerify(std::function<void()> hook) { verifier_.setBeforeVerify(std::move(hook)); }
  // start, wait and poll in one (tests).
  PinAttempt submitPin(std::int64_t nowMs);
  // Seconds until the chosen nurse (or, with none chosen, anyone) may try a PIN.
  std::int64_t lockedFor();
  bool lockedToday();
  const std::optional<PinAttempt>& lastAttempt() const { return lastAttempt_; }
  // The wrong-PIN counters for the metrics when they changed since the last call.
  std::optional<PinCounters> takePinCounters();

  bool signedIn() const { return !nurse_.empty(); }
  // Rendering nurse screens to PNG (--screenshot) shows them as if `pseudonym` had
  // signed in; no PIN is checked and nothing is recorded. Not reachable by touch.
  void previewSignIn(const std::string& pseudonym) { nurse_ = pseudonym; }
  const std::string& nurse() const { return nurse_; }
  void noteInput(std::int64_t nowMs) { lastInputMs_ = nowMs; }
  void logout(const std::string& reason);
  // Logs out after the timeout; true when that happened in this call.
  bool tick(std::int64_t nowMs);
  // When tick() would next log out; -1 when nobody is signed in.
  std::int64_t deadline() const;

  CounsellingSession& session() { return session_; }
  const CounsellingSession& session() const { return session_; }
  void startWalkthrough(std::vector<std::string> pointIds);
  // Saves the record of the current walk-through; false (and the reason logged)
  // when it cannot be saved.
  bool saveRecord(long contentVersion);
  // Exports every kept record to the export directory; the file and count, or
  // nullopt (reason logged).
  std::optional<std::pair<std::filesystem::path, std::int64_t>> exportCsv();
  // Screens only ask for saving and export while they draw; the loop runs the request
  // after the frame (never file or database work inside draw()). A later request
  // replaces one not yet run.
  void requestSave(long contentVersion);
  void requestExport();
  bool actionPending() const { return pending_ != Action::None; }
  struct ActionResult {
    bool ran = false;    // something was run: draw again to show its result
    bool saved = false;  // a walk-through's record was saved (count it once)
  };
  // Runs the pending request, if any, and records its outcome in session().
  ActionResult runPendingAction();
  std::int64_t recordCount();
  // At start and once a day: deletes records past the retention period. Does not
  // create the database when there is none yet.
  void purgeIfDue();
  const NurseConfig& config() const { return config_; }
  std::int64_t now() const { return config_.wallClock(); }
  RecordsDb* records() { return records_.get(); }
  // Told the audit log's head after every entry (the metrics), and at once when the
  // records database is open. Null stops it.
  void setAuditObserver(AuditAnchorSink observer);

 private:
  enum class Action { None, Save, Export, CheckPin };
  Action pending_ = Action::None;
  long pendingVersion_ = 0;
  void audit(const std::string& event, const std::string& detail);
  void fail(const std::string& reason);
  void applyAttempt(const PinAttempt& a);
  void reportAuditHead();

  NurseConfig config_;
  AuditAnchorSink auditObserver_;
  std::unique_ptr<RecordsDb> records_;
  std::unique_ptr<NurseAuth> auth_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<CounsellingRecords> counselling_;
  std::string unavailable_;
  std::vector<std::string> padNurses_;
  std::string chosen_;
  std::string pinEntry_;
  PinVerifier verifier_;
  std::optional<PinCheck> check_;
  bool pinCountersChanged_ = false;
  std::optional<PinAttempt> lastAttempt_;
  std::string nurse_;
  std::int64_t lastInputMs_ = 0;
  std::int64_t lastPurgeUnix_ = -1;
  CounsellingSession session_;
};

}  // namespace mk
