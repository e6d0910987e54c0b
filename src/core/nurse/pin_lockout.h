#pragma once
// Wrong PINs at the pad, counted where a restart cannot reset them (records.db).
// Two limits (issue #14 item 7):
// - per nurse: after `freeTries` wrong PINs in a row for one nurse, that nurse's pad
//   locks for 30 s, doubling with each further wrong PIN up to an hour; only that
//   nurse's own right PIN (or medkiosk-admin unlock) clears it;
// - per day: after `dailyWrongPins` wrong PINs for all nurses together within one UTC
//   day, nurse mode locks for everyone until 00:00 UTC. No sign-in lowers the count.
// An attempt is counted as wrong before its PIN is checked, and given back when the
// PIN was right, so pulling the plug during a check loses no count.
// Times are Unix seconds passed in by the caller. Thread-safety: as RecordsDb.
#include <cstdint>
#include <string>
#include <vector>

#include "core/nurse/records_db.h"

namespace mk {

inline constexpr int kFreeTries = 5;
inline constexpr int kDailyWrongPins = 20;
inline constexpr std::int64_t kFirstLockSeconds = 30;
inline constexpr std::int64_t kMaxLockSeconds = 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

struct PinPolicy {
  int freeTries = kFreeTries;            // [nurse] free_tries
  int dailyWrongPins = kDailyWrongPins;  // [nurse] daily_wrong_pins
};

// Lock length after `failures` wrong PINs in a row: 0 below `freeTries`, then 30 s,
// doubling with each further failure, at most an hour.
std::int64_t lockSecondsAfter(int failures, int freeTries = kFreeTries);

// What the fleet metrics show: totals since the records database was created, and
// until when nurse mode (all nurses) and each locked nurse stay locked.
struct PinCounters {
  std::uint64_t wrongTotal = 0;
  std::uint64_t lockoutsTotal = 0;
  std::int64_t allLockedUntil = 0;
  std::vector<std::int64_t> nurseLockedUntil;
};

// One attempt counted as wrong while its PIN is checked.
struct PendingPin {
  std::string nurse;
  int failures = 0;                 // the nurse's wrong PINs in a row, this one included
  int dayFailures = 0;              // wrong PINs today, all nurses, this one included
  std::int64_t lockSeconds = 0;     // the nurse's lock if the PIN is wrong
  std::int64_t allLockSeconds = 0;  // nurse mode's lock if the PIN is wrong
};

class PinLockout {
 public:
  PinLockout(RecordsDb& records, PinPolicy policy) : records_(records), policy_(policy) {}

  // Seconds until `nurse` may try a PIN: the longer of their own and the daily lock.
  std::int64_t lockedFor(const std::string& nurse, std::int64_t nowUnix);
  // Seconds until the daily lock ends; 0 while wrong PINs are left today.
  std::int64_t allLockedFor(std::int64_t nowUnix);
  int failures(const std::string& nurse);
  int dayFailures(std::int64_t nowUnix);

  PendingPin begin(const std::string& nurse, std::int64_t nowUnix);
  // The PIN was right: this attempt is given back and the nurse's run of wrong PINs
  // ends. Other nurses' counts and the day's earlier wrong PINs stay.
  void accepted(const PendingPin& p, std::int64_t nowUnix);
  // The PIN was wrong: counts the lockouts it caused.
  void rejected(const PendingPin& p);
  // medkiosk-admin unlock: every nurse and the day's count.
  void reset();
  PinCounters counters();
  const PinPolicy& policy() const { return policy_; }

 private:
  std::int64_t nurseLockedFor(const std::string& nurse, std::int64_t nowUnix);

  RecordsDb& records_;
  PinPolicy policy_;
};

}  // namespace mk
