#pragma once
// Nurses and their PINs. A PIN is 6 to 8 digits (issue #14: a million PINs, not ten
// thousand, for whoever reads a hash), stored only as an Argon2id hash (libsodium
// crypto_pwhash_str). After kFreeTries wrong PINs in a row
// the pad locks, for longer after each further wrong PIN; the state lives in the
// records database, so a restart does not reset it. Times are Unix seconds passed
// in by the caller.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/nurse/records_db.h"

namespace mk {

inline constexpr int kFreeTries = 5;
inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 8;
inline constexpr std::int64_t kFirstLockSeconds = 30;
inline constexpr std::int64_t kMaxLockSeconds = 3600;

// Lock length after `failures` wrong PINs in a row: 0 below kFreeTries, then 30 s,
// doubling with each further failure, at most an hour.
std::int64_t lockSecondsAfter(int failures);

bool isValidPin(const std::string& pin);
// Overwrites a PIN's digits (sodium_memzero), then empties it (issue #14 item 15):
// clear() alone leaves them in the string's buffer, and so in memory and any dump.
void wipePin(std::string& pin);
bool isValidPseudonym(const std::string& pseudonym);

struct PinAttempt {
  enum class Outcome { Accepted, Wrong, Locked, Invalid };
  Outcome outcome = Outcome::Wrong;
  std::string nurse;               // for Accepted
  int triesLeft = 0;               // for Wrong: before the pad locks
  std::int64_t lockedSeconds = 0;  // for Locked, and for Wrong when this attempt locked it
};

class NurseAuth {
 public:
  explicit NurseAuth(RecordsDb& records) : records_(records) {}

  // Throws std::invalid_argument (bad pseudonym or PIN, duplicate pseudonym) or
  // RecordsUnavailable. Two nurses may have the same PIN: refusing it would reveal
  // the colleague's.
  void addNurse(const std::string& pseudonym, const std::string& pin, std::int64_t nowUnix);
  bool removeNurse(const std::string& pseudonym);
  std::vector<std::string> nurses();
  void resetLockout();

  PinAttempt tryPin(const std::string& pin, std::int64_t nowUnix);
  // Seconds until the pad unlocks; 0 when it is open.
  std::int64_t lockedFor(std::int64_t nowUnix);
  int failures();

 private:
  std::optional<std::string> matchingNurse(const std::string& pin);

  RecordsDb& records_;
};

}  // namespace mk
