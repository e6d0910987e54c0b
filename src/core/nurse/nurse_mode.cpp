#include "core/nurse/nurse_mode.h"

#include <utility>

#include <ctime>

#include "core/base/log.h"

namespace mk {
namespace fs = std::filesystem;

NurseMode::NurseMode(NurseConfig config) : config_(std::move(config)) {
  if (!config_.wallClock) config_.wallClock = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
}

NurseMode::~NurseMode() = default;

void NurseMode::fail(const std::string& reason) {
  unavailable_ = reason;
  log::error("nurse", reason + "; nurse mode shows this, patient mode is not affected");
}

bool NurseMode::ensureOpen() {
  if (records_) return true;
  try {
    records_ = std::make_unique<RecordsDb>(config_.recordsPath, now());
    records_->setAuditAnchor(
        [this, anchor = config_.auditAnchor ? config_.auditAnchor : journalAnchorSink()](const AuditHead& head) {
          anchor(head);
          if (auditObserver_) auditObserver_(head);
        });
    auth_ = std::make_unique<NurseAuth>(*records_, config_.pinPolicy);
    audit_ = std::make_unique<AuditLog>(*records_);
    counselling_ = std::make_unique<CounsellingRecords>(*records_);
    unavailable_.clear();
    pinCountersChanged_ = true;
    reportAuditHead();
    if (!records_->movedAside().empty())
      audit("records_recreated",
            "a corrupt records database was moved to " + records_->movedAside().filename().string());
    return true;
  } catch (const std::exception& e) {
    counselling_.reset();
    audit_.reset();
    auth_.reset();
    records_.reset();
    fail(e.what());
    return false;
  }
}

void NurseMode::audit(const std::string& event, const std::string& detail) {
  if (!audit_) return;
  try {
    audit_->append(event, detail, now());
  } catch (const std::exception& e) {
    log::error("nurse", std::string("audit entry '") + event + "' not written: " + e.what());
  }
}

void NurseMode::openPad(std::int64_t nowMs) {
  wipePin(pinEntry_);
  lastAttempt_.reset();
  chosen_.clear();
  padNurses_.clear();
  lastInputMs_ = nowMs;
  if (!ensureOpen()) return;
  audit("mode", "PIN pad opened");
  pinCountersChanged_ = true;  // medkiosk-admin may have unlocked since
  try {
    padNurses_ = auth_->nurses();
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

void NurseMode::cancelPad() {
  wipePin(pinEntry_);
  lastAttempt_.reset();
  chosen_.clear();
  audit("mode", "PIN pad closed without signing in");
}

void NurseMode::chooseNurse(const std::string& pseudonym) {
  if (checking()) return;
  wipePin(pinEntry_);
  lastAttempt_.reset();
  chosen_ = pseudonym;
}

void NurseMode::unchooseNurse() {
  if (checking()) return;
  wipePin(pinEntry_);
  lastAttempt_.reset();
  chosen_.clear();
}

std::int64_t NurseMode::lockedFor() {
  if (!auth_) return 0;
  try {
    return chosen_.empty() ? auth_->lockout().allLockedFor(now()) : auth_->lockedFor(chosen_, now());
  } catch (const std::exception& e) {
    fail(e.what());
    return 0;
  }
}

bool NurseMode::lockedToday() {
  if (!auth_) return false;
  try {
    return auth_->lockout().allLockedFor(now()) > 0;
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
}

bool NurseMode::startPinCheck(std::int64_t nowMs) {
  lastInputMs_ = nowMs;
  if (checking() || chosen_.empty() || !ensureOpen()) {
    wipePin(pinEntry_);
    return false;
  }
  try {
    PinCheck c = auth_->begin(chosen_, pinEntry_, now());
    if (c.decided) {
      wipePin(pinEntry_);
      applyAttempt(*c.decided);
      return false;
    }
    verifier_.start(c.hash, pinEntry_);
    check_ = std::move(c);
  } catch (const std::exception& e) {
    fail(e.what());
  }
  wipePin(pinEntry_);
  return check_.has_value();
}

std::optional<PinAttempt> NurseMode::pollPinCheck() {
  if (!check_) return std::nullopt;
  std::optional<bool> matched = verifier_.poll();
  if (!matched) return std::nullopt;
  PinCheck c = std::move(*check_);
  check_.reset();
  PinAttempt a;
  a.outcome = PinAttempt::Outcome::Invalid;
  try {
    a = auth_->finish(c, *matched, now());
  } catch (const std::exception& e) {
    fail(e.what());
  }
  applyAttempt(a);
  return a;
}

PinAttempt NurseMode::submitPin(std::int64_t nowMs) {
  lastAttempt_.reset();
  if (!startPinCheck(nowMs)) {
    PinAttempt none;
    none.outcome = PinAttempt::Outcome::Invalid;
    return lastAttempt_ ? *lastAttempt_ : none;
  }
  awaitPinCheck();
  return pollPinCheck().value_or(PinAttempt{PinAttempt::Outcome::Invalid, chosen_, 0, 0, false});
}

void NurseMode::applyAttempt(const PinAttempt& a) {
  lastAttempt_ = a;
  pinCountersChanged_ = true;
  switch (a.outcome) {
    case PinAttempt::Outcome::Accepted:
      nurse_ = a.nurse;
      chosen_.clear();
      session_ = {};
      audit("pin_ok", "signed in: " + a.nurse);
      audit("mode", "nurse mode");
      break;
    case PinAttempt::Outcome::Wrong:
      audit("pin_wrong",
            a.nurse + ": " + std::to_string(config_.pinPolicy.freeTries - a.triesLeft) + " wrong in a row");
      if (a.lockedToday)
        audit("lockout", "nurse mode locked for the day: " + std::to_string(config_.pinPolicy.dailyWrongPins) +
                             " wrong PINs today");
      else if (a.lockedSeconds > 0)
        audit("lockout", a.nurse + " locked for " + std::to_string(a.lockedSeconds) + " s");
      break;
    case PinAttempt::Outcome::Locked:
      audit("pin_locked", "PIN entered while locked: " + a.nurse);
      break;
    case PinAttempt::Outcome::Invalid:
      break;
  }
}

std::optional<PinCounters> NurseMode::takePinCounters() {
  if (!pinCountersChanged_ || !auth_) return std::nullopt;
  pinCountersChanged_ = false;
  try {
    return auth_->lockout().counters();
  } catch (const std::exception& e) {
    fail(e.what());
    return std::nullopt;
  }
}

void NurseMode::logout(const std::string& reason) {
  if (!signedIn()) return;
  audit("logout", nurse_ + ": " + reason);
  audit("mode", "patient mode");
  nurse_.clear();
  session_ = {};
  wipePin(pinEntry_);
  lastAttempt_.reset();
}

bool NurseMode::tick(std::int64_t nowMs) {
  if (!signedIn() || nowMs - lastInputMs_ < config_.timeoutMs) return false;
  logout("no input for " + std::to_string(config_.timeoutMs / 1000) + " s");
  return true;
}

std::int64_t NurseMode::deadline() const { return signedIn() ? lastInputMs_ + config_.timeoutMs : -1; }

void NurseMode::startWalkthrough(std::vector<std::string> pointIds) {
  session_.walkthrough = Walkthrough(std::move(pointIds));
  session_.started = true;
  session_.saved = false;
  // Neither the patient's group nor language: the audit log is kept longer than the
  // records (issue #14 item 9), and the record itself has them.
  audit("counselling", "started: " + session_.medicine);
}

bool NurseMode::saveRecord(long contentVersion) {
  if (!ensureOpen()) return false;
  CounsellingRecord r;
  r.medicine = session_.medicine;
  r.category = session_.category;
  r.patientLocale = session_.patientLocale;
  r.contentVersion = contentVersion;
  r.confirmed = session_.walkthrough.confirmedIds();
  r.notConfirmed = session_.walkthrough.notConfirmedIds();
  r.nurse = nurse_;
  try {
    counselling_->save(r, now());
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
  session_.saved = true;
  audit("counselling", "completed: " + std::to_string(r.confirmed.size()) + " of " +
                           std::to_string(r.confirmed.size() + r.notConfirmed.size()) + " understood");
  return true;
}

std::optional<std::pair<fs::path, std::int64_t>> NurseMode::exportCsv() {
  if (!ensureOpen()) return std::nullopt;
  fs::path file = exportFileName(config_.exportDir, now());
  try {
    std::int64_t n = counselling_->exportCsv(file);
    audit("export", std::to_string(n) + " records to " + file.string());
    log::info("nurse", "exported " + std::to_string(n) + " counselling records to " + file.string());
    return std::make_pair(file, n);
  } catch (const std::exception& e) {
    log::error("nurse", std::string("export failed: ") + e.what());
    audit("export_failed", e.what());
    return std::nullopt;
  }
}

void NurseMode::requestSave(long contentVersion) {
  pending_ = Action::Save;
  pendingVersion_ = contentVersion;
}

void NurseMode::requestExport() { pending_ = Action::Export; }

NurseMode::ActionResult NurseMode::runPendingAction() {
  Action action = std::exchange(pending_, Action::None);
  ActionResult result;
  if (action == Action::Save) {
    result.ran = true;
    session_.saveFailed = !saveRecord(pendingVersion_);
    result.saved = !session_.saveFailed;
  } else if (action == Action::CheckPin) {
    result.ran = true;
    startPinCheck(lastInputMs_);
  } else if (action == Action::Export) {
    result.ran = true;
    auto exported = exportCsv();
    session_.exportState = exported ? 1 : -1;
    if (exported) {
      session_.exportFile = exported->first.string();
      session_.exportCount = exported->second;
    }
  }
  return result;
}

std::int64_t NurseMode::recordCount() {
  if (!counselling_) return 0;
  try {
    return counselling_->count();
  } catch (const std::exception& e) {
    fail(e.what());
    return 0;
  }
}

void NurseMode::setAuditObserver(AuditAnchorSink observer) {
  auditObserver_ = std::move(observer);
  reportAuditHead();
}

void NurseMode::reportAuditHead() {
  if (!auditObserver_ || !audit_) return;
  try {
    auditObserver_(audit_->head());
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

void NurseMode::purgeIfDue() {
  std::int64_t t = now();
  if (lastPurgeUnix_ >= 0 && t - lastPurgeUnix_ < 86400 && t >= lastPurgeUnix_) return;
  lastPurgeUnix_ = t;
  std::error_code ec;
  if (!records_ && !fs::exists(config_.recordsPath, ec)) return;  // created on first use only
  if (!ensureOpen()) return;
  try {
    purgePastRetention(*records_, config_.exportDir, config_.retentionDays, t);
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

}  // namespace mk
