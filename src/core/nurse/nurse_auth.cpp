#include "core/nurse/nurse_auth.h"

#include <sodium.h>
#include <algorithm>
#include <stdexcept>

#include "core/base/log.h"

namespace mk {
namespace {

// Argon2id at OWASP's recommended minimum (19 MiB, 2 passes): the lockout, not the
// hash, is what stops guessing a PIN at the pad.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024u * 1024u;

std::string hashPin(const std::string& pin) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("hashing the PIN ran out of memory");
  return out;
}

}  // namespace

std::int64_t lockSecondsAfter(int failures) {
  if (failures < kFreeTries) return 0;
  std::int64_t s = kFirstLockSeconds;
  for (int i = kFreeTries; i < failures && s < kMaxLockSeconds; ++i) s *= 2;
  return std::min(s, kMaxLockSeconds);
}

bool isValidPin(const std::string& pin) {
  return pin.size() >= kMinPinDigits && pin.size() <= kMaxPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void wipePin(std::string& pin) {
  sodium_memzero(pin.data(), pin.size());
  pin.clear();
}

bool isValidPseudonym(const std::string& p) {
  if (p.empty() || p.size() > 32 || p.front() == ' ' || p.back() == ' ') return false;
  return std::all_of(p.begin(), p.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
           c == '-' || c == '_';
  });
}

std::optional<std::string> NurseAuth::matchingNurse(const std::string& pin) {
  Statement st(records_.db(), "SELECT pseudonym, pin_hash FROM nurse ORDER BY pseudonym");
  while (st.step()) {
    std::string hash = st.text(1);
    if (crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0) return st.text(0);
  }
  return std::nullopt;
}

void NurseAuth::addNurse(const std::string& pseudonym, const std::string& pin, std::int64_t nowUnix) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (!isValidPseudonym(pseudonym))
    throw std::invalid_argument(
        "a pseudonym is 1 to 32 letters, digits, spaces, '.', '-' or '_' (never a patient's name)");
  if (!isValidPin(pin)) throw std::invalid_argument("a PIN is 6 to 8 digits");
  guardRecords("adding a nurse", [&] {
    Statement exists(records_.db(), "SELECT 1 FROM nurse WHERE pseudonym = ?");
    exists.bind(1, pseudonym);
    if (exists.step()) throw std::invalid_argument("there is already a nurse called '" + pseudonym + "'");
    // No check that another nurse has this PIN: refusing it would tell the person
    // adding a nurse a colleague's PIN (issue #14 item 8).
    Statement(records_.db(), "INSERT INTO nurse VALUES(?,?,?)")
        .bind(1, pseudonym)
        .bind(2, hashPin(pin))
        .bind(3, isoSecondUtc(nowUnix))
        .run();
  });
}

bool NurseAuth::removeNurse(const std::string& pseudonym) {
  return guardRecords("removing a nurse", [&] {
    Statement(records_.db(), "DELETE FROM nurse WHERE pseudonym = ?").bind(1, pseudonym).run();
    return records_.db().changes() > 0;
  });
}

std::vector<std::string> NurseAuth::nurses() {
  return guardRecords("listing nurses", [&] {
    std::vector<std::string> out;
    Statement st(records_.db(), "SELECT pseudonym FROM nurse ORDER BY pseudonym");
    while (st.step()) out.push_back(st.text(0));
    return out;
  });
}

void NurseAuth::resetLockout() {
  guardRecords("resetting the PIN lockout",
               [&] { records_.db().exec("UPDATE pin_state SET failures = 0, locked_until = 0 WHERE id = 1"); });
}

int NurseAuth::failures() {
  return guardRecords("reading the PIN state", [&] {
    Statement st(records_.db(), "SELECT failures FROM pin_state WHERE id = 1");
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
  });
}

std::int64_t NurseAuth::lockedFor(std::int64_t nowUnix) {
  return guardRecords("reading the PIN state", [&] {
    Statement st(records_.db(), "SELECT failures, locked_until FROM pin_state WHERE id = 1");
    if (!st.step()) return std::int64_t{0};
    int failures = static_cast<int>(st.integer(0));
    std::int64_t until = st.integer(1);
    // A clock set back (or a lock written under a wrong clock) never locks the pad
    // for longer than the current level allows.
    std::int64_t longest = lockSecondsAfter(failures);
    return std::clamp<std::int64_t>(until - nowUnix, 0, longest);
  });
}

PinAttempt NurseAuth::tryPin(const std::string& pin, std::int64_t nowUnix) {
  PinAttempt a;
  if (std::int64_t locked = lockedFor(nowUnix); locked > 0) {
    a.outcome = PinAttempt::Outcome::Locked;
    a.lockedSeconds = locked;
    return a;
  }
  if (!isValidPin(pin)) {
    a.outcome = PinAttempt::Outcome::Invalid;
    return a;
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  return guardRecords("checking a PIN", [&] {
    Transaction tx(records_.db());
    if (auto nurse = matchingNurse(pin)) {
      records_.db().exec("UPDATE pin_state SET failures = 0, locked_until = 0 WHERE id = 1");
      tx.commit();
      a.outcome = PinAttempt::Outcome::Accepted;
      a.nurse = *nurse;
      return a;
    }
    int failures = 0;
    {
      Statement st(records_.db(), "SELECT failures FROM pin_state WHERE id = 1");
      if (st.step()) failures = static_cast<int>(st.integer(0));
    }
    ++failures;
    std::int64_t lock = lockSecondsAfter(failures);
    Statement(records_.db(),
              "UPDATE pin_state SET failures = ?, locked_until = ?, lockouts = lockouts + ? WHERE id = 1")
        .bind(1, std::int64_t{failures})
        .bind(2, lock ? nowUnix + lock : 0)
        .bind(3, std::int64_t{lock ? 1 : 0})
        .run();
    tx.commit();
    a.outcome = PinAttempt::Outcome::Wrong;
    a.triesLeft = std::max(0, kFreeTries - failures);
    a.lockedSeconds = lock;
    return a;
  });
}

}  // namespace mk
