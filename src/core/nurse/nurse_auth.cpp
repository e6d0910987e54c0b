#include "core/nurse/nurse_auth.h"

#include <sodium.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <algorithm>
#include <stdexcept>

#include "core/base/log.h"
#include "core/nurse/pin_verifier.h"

namespace mk {
namespace {

// Argon2id at OWASP's recommended minimum (19 MiB, 2 passes): the lockout, not the
// hash, is what stops guessing a PIN at the pad.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024u * 1024u;

}  // namespace

std::string hashPin(const std::string& pin) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("hashing the PIN ran out of memory");
  return out;
}

bool isValidPin(const std::string& pin) {
  return pin.size() >= kMinPinDigits && pin.size() <= kMaxPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void wipePin(std::string& pin) {
  sodium_memzero(pin.data(), pin.size());
  pin.clear();
}

// Letters of the scripts the kiosk's fonts draw (Latin, Greek, Cyrillic: the EU's
// languages), with their accents, digits, spaces, '.', '-' and '_'. NFC only, so that
// one name has one spelling; no control or format characters, so a pseudonym cannot
// move a terminal's cursor or hide a character.
bool isValidPseudonym(const std::string& p) {
  if (p.empty() || p.size() > 128 || p.front() == ' ' || p.back() == ' ') return false;
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(p);
  std::string roundTrip;
  u.toUTF8String(roundTrip);
  if (roundTrip != p || U_FAILURE(err)) return false;  // not UTF-8
  if (!unorm2_isNormalized(nfc, u.getBuffer(), u.length(), &err) || U_FAILURE(err)) return false;
  int codePoints = 0;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1), ++codePoints) {
    UChar32 c = u.char32At(i);
    if (c == ' ' || c == '.' || c == '-' || c == '_' || (c >= '0' && c <= '9')) continue;
    UScriptCode script = uscript_getScript(c, &err);
    bool known =
        script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC || script == USCRIPT_INHERITED;
    bool letter = u_isalpha(c) || u_getCombiningClass(c) > 0;
    if (U_FAILURE(err) || !known || !letter) return false;
  }
  return codePoints <= 32;
}

std::string NurseAuth::pinHash(const std::string& nurse) {
  Statement st(records_.db(), "SELECT pin_hash FROM nurse WHERE pseudonym = ?");
  st.bind(1, nurse);
  return st.step() ? st.text(0) : std::string();
}

void NurseAuth::addNurse(const std::string& pseudonym, const std::string& pin, std::int64_t nowUnix) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (!isValidPseudonym(pseudonym))
    throw std::invalid_argument(
        "a pseudonym is 1 to 32 letters (Latin, Greek or Cyrillic), digits, spaces, '.', '-' or '_' (never "
        "a patient's name)");
  if (!isValidPin(pin)) throw std::invalid_argument("a PIN is 6 to 8 digits");
  guardRecords("adding a nurse", [&] {
    Statement exists(records_.db(), "SELECT 1 FROM nurse WHERE pseudonym = ?");
    exists.bind(1, pseudonym);
    if (exists.step()) throw std::invalid_argument("there is already a nurse called '" + pseudonym + "'");
    // No check that another nurse has this PIN: refusing it would tell the person
    // adding a nurse a colleague's PIN (issue #14 item 8).
    Statement(records_.db(), "INSERT INTO nurse(pseudonym, pin_hash, created_at) VALUES(?,?,?)")
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

void NurseAuth::resetLockout() { lockout_.reset(); }

PinCheck NurseAuth::begin(const std::string& nurse, const std::string& pin, std::int64_t nowUnix) {
  PinCheck c;
  if (std::int64_t locked = lockout_.lockedFor(nurse, nowUnix); locked > 0) {
    c.decided = PinAttempt{PinAttempt::Outcome::Locked, nurse, 0, locked, lockout_.allLockedFor(nowUnix) > 0};
    return c;
  }
  if (!isValidPin(pin)) {
    c.decided = PinAttempt{PinAttempt::Outcome::Invalid, nurse, 0, 0, false};
    return c;
  }
  c.hash = guardRecords("reading a PIN hash", [&] { return pinHash(nurse); });
  c.pending = lockout_.begin(nurse, nowUnix);
  return c;
}

PinAttempt NurseAuth::finish(const PinCheck& check, bool matched, std::int64_t nowUnix) {
  if (check.decided) return *check.decided;
  const PendingPin& p = check.pending;
  PinAttempt a;
  a.nurse = p.nurse;
  if (matched) {
    lockout_.accepted(p, nowUnix);
    a.outcome = PinAttempt::Outcome::Accepted;
    return a;
  }
  lockout_.rejected(p);
  a.outcome = PinAttempt::Outcome::Wrong;
  a.triesLeft = std::max(0, lockout_.policy().freeTries - p.failures);
  a.lockedSeconds = std::max(p.lockSeconds, p.allLockSeconds);
  a.lockedToday = p.allLockSeconds > 0;
  return a;
}

PinAttempt NurseAuth::tryPin(const std::string& nurse, const std::string& pin, std::int64_t nowUnix) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  PinCheck c = begin(nurse, pin, nowUnix);
  return finish(c, !c.decided && pinMatches(c.hash, pin), nowUnix);
}

}  // namespace mk
