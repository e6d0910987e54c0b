#pragma once
// Nurses and their PINs. A PIN is 6 to 8 digits (issue #14: a million PINs, not ten
// thousand, for whoever reads a hash), stored only as an Argon2id hash (libsodium
// crypto_pwhash_str). A nurse signs in by choosing their pseudonym, then typing their
// PIN, and only that nurse's hash is checked (issue #14 item 7: a guess matching any
// nurse multiplied the odds by the number of nurses). Wrong PINs lock that nurse and,
// past a daily budget, nurse mode (core/nurse/pin_lockout.h). Times are Unix seconds
// passed in by the caller.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/nurse/pin_lockout.h"
#include "core/nurse/records_db.h"

namespace mk {

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 8;

bool isValidPin(const std::string& pin);
// Overwrites a PIN's digits (sodium_memzero), then empties it (issue #14 item 15):
// clear() alone leaves them in the string's buffer, and so in memory and any dump.
void wipePin(std::string& pin);
// The Argon2id hash stored for `pin` (crypto_pwhash_str at OWASP's minimum: 19 MiB, 2
// passes). Throws std::runtime_error when there is not the memory for it.
std::string hashPin(const std::string& pin);
// 1 to 32 letters of the Latin, Greek or Cyrillic script (NFC UTF-8), digits, spaces
// (not first or last), '.', '-' or '_': "Ana R.", "Νίκος Π.", "Мария К.".
bool isValidPseudonym(const std::string& pseudonym);

struct PinAttempt {
  enum class Outcome { Accepted, Wrong, Locked, Invalid };
  Outcome outcome = Outcome::Wrong;
  std::string nurse;               // the nurse chosen
  int triesLeft = 0;               // for Wrong: before this nurse's pad locks
  std::int64_t lockedSeconds = 0;  // for Locked, and for Wrong when this attempt locked it
  bool lockedToday = false;        // the daily budget of wrong PINs is spent: nurse mode is locked
};

// A check under way: counted as wrong until finish() hears the PIN was right.
struct PinCheck {
  std::optional<PinAttempt> decided;  // Locked or Invalid: nothing to check
  std::string hash;                   // the chosen nurse's; empty when there is no such nurse
  PendingPin pending;
};

class NurseAuth {
 public:
  explicit NurseAuth(RecordsDb& records, PinPolicy policy = {}) : records_(records), lockout_(records, policy) {}

  // Throws std::invalid_argument (bad pseudonym or PIN, duplicate pseudonym) or
  // RecordsUnavailable. Two nurses may have the same PIN: refusing it would reveal
  // the colleague's.
  void addNurse(const std::string& pseudonym, const std::string& pin, std::int64_t nowUnix);
  bool removeNurse(const std::string& pseudonym);
  std::vector<std::string> nurses();
  void resetLockout();

  // Signing in as `nurse` in two steps, so the hash can be checked on a worker
  // thread (PinVerifier) in between: begin() counts the attempt and hands out the
  // nurse's hash, finish() records whether the PIN matched it.
  PinCheck begin(const std::string& nurse, const std::string& pin, std::int64_t nowUnix);
  PinAttempt finish(const PinCheck& check, bool matched, std::int64_t nowUnix);
  // Both steps at once, on the calling thread (tests, tools).
  PinAttempt tryPin(const std::string& nurse, const std::string& pin, std::int64_t nowUnix);
  // Seconds until `nurse` may try a PIN; 0 when their pad is open.
  std::int64_t lockedFor(const std::string& nurse, std::int64_t nowUnix) { return lockout_.lockedFor(nurse, nowUnix); }
  PinLockout& lockout() { return lockout_; }

 private:
  std::string pinHash(const std::string& nurse);

  RecordsDb& records_;
  PinLockout lockout_;
};

}  // namespace mk
