#include "core/nurse/pin_lockout.h"

#include <algorithm>

namespace mk {
namespace {

std::int64_t dayOf(std::int64_t unixSeconds) { return unixSeconds / kSecondsPerDay; }

struct DayCount {
  std::int64_t day = 0;
  int failures = 0;
};

DayCount readDay(Database& db) {
  Statement st(db, "SELECT day, day_failures FROM pin_state WHERE id = 1");
  if (!st.step()) return {};
  return {st.integer(0), static_cast<int>(st.integer(1))};
}

}  // namespace

std::int64_t lockSecondsAfter(int failures, int freeTries) {
  if (failures < freeTries) return 0;
  std::int64_t s = kFirstLockSeconds;
  for (int i = freeTries; i < failures && s < kMaxLockSeconds; ++i) s *= 2;
  return std::min(s, kMaxLockSeconds);
}

int PinLockout::failures(const std::string& nurse) {
  return guardRecords("reading the PIN state", [&] {
    Statement st(records_.db(), "SELECT failures FROM nurse WHERE pseudonym = ?");
    st.bind(1, nurse);
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
  });
}

int PinLockout::dayFailures(std::int64_t nowUnix) {
  return guardRecords("reading the PIN state", [&] {
    DayCount d = readDay(records_.db());
    return d.day == dayOf(nowUnix) ? d.failures : 0;
  });
}

std::int64_t PinLockout::allLockedFor(std::int64_t nowUnix) {
  // A clock set back to an earlier day ends the lock: only root can set the clock.
  if (dayFailures(nowUnix) < policy_.dailyWrongPins) return 0;
  return (dayOf(nowUnix) + 1) * kSecondsPerDay - nowUnix;
}

std::int64_t PinLockout::nurseLockedFor(const std::string& nurse, std::int64_t nowUnix) {
  return guardRecords("reading the PIN state", [&] {
    Statement st(records_.db(), "SELECT failures, locked_until FROM nurse WHERE pseudonym = ?");
    st.bind(1, nurse);
    if (!st.step()) return std::int64_t{0};
    // A clock set back (or a lock written under a wrong clock) never locks the pad
    // for longer than the current level allows.
    std::int64_t longest = lockSecondsAfter(static_cast<int>(st.integer(0)), policy_.freeTries);
    return std::clamp<std::int64_t>(st.integer(1) - nowUnix, 0, longest);
  });
}

std::int64_t PinLockout::lockedFor(const std::string& nurse, std::int64_t nowUnix) {
  return std::max(allLockedFor(nowUnix), nurseLockedFor(nurse, nowUnix));
}

PendingPin PinLockout::begin(const std::string& nurse, std::int64_t nowUnix) {
  return guardRecords("counting a PIN attempt", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    PendingPin p;
    p.nurse = nurse;
    p.failures = failures(nurse) + 1;
    p.lockSeconds = lockSecondsAfter(p.failures, policy_.freeTries);
    Statement(db, "UPDATE nurse SET failures = ?, locked_until = ? WHERE pseudonym = ?")
        .bind(1, std::int64_t{p.failures})
        .bind(2, p.lockSeconds ? nowUnix + p.lockSeconds : 0)
        .bind(3, nurse)
        .run();
    std::int64_t today = dayOf(nowUnix);
    DayCount d = readDay(db);
    p.dayFailures = (d.day == today ? d.failures : 0) + 1;
    if (p.dayFailures >= policy_.dailyWrongPins) p.allLockSeconds = (today + 1) * kSecondsPerDay - nowUnix;
    Statement(db, "UPDATE pin_state SET day = ?, day_failures = ?, wrong_total = wrong_total + 1 WHERE id = 1")
        .bind(1, today)
        .bind(2, std::int64_t{p.dayFailures})
        .run();
    tx.commit();
    return p;
  });
}

void PinLockout::accepted(const PendingPin& p, std::int64_t nowUnix) {
  guardRecords("giving back a right PIN's attempt", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    Statement(db, "UPDATE nurse SET failures = 0, locked_until = 0 WHERE pseudonym = ?").bind(1, p.nurse).run();
    Statement(db,
              "UPDATE pin_state SET wrong_total = max(wrong_total - 1, 0), day_failures = CASE WHEN day = ? "
              "THEN max(day_failures - 1, 0) ELSE day_failures END WHERE id = 1")
        .bind(1, dayOf(nowUnix))
        .run();
    tx.commit();
  });
}

void PinLockout::rejected(const PendingPin& p) {
  std::int64_t locks = (p.lockSeconds > 0 ? 1 : 0) + (p.dayFailures == policy_.dailyWrongPins ? 1 : 0);
  if (locks == 0) return;
  guardRecords("counting a lockout", [&] {
    Statement(records_.db(), "UPDATE pin_state SET lockouts = lockouts + ? WHERE id = 1").bind(1, locks).run();
  });
}

void PinLockout::reset() {
  guardRecords("resetting the PIN lockout", [&] {
    Transaction tx(records_.db());
    records_.db().exec("UPDATE nurse SET failures = 0, locked_until = 0");
    records_.db().exec("UPDATE pin_state SET failures = 0, locked_until = 0, day_failures = 0 WHERE id = 1");
    tx.commit();
  });
}

PinCounters PinLockout::counters() {
  return guardRecords("reading the PIN counters", [&] {
    PinCounters c;
    Database& db = records_.db();
    Statement st(db, "SELECT wrong_total, lockouts, day, day_failures FROM pin_state WHERE id = 1");
    if (st.step()) {
      c.wrongTotal = static_cast<std::uint64_t>(st.integer(0));
      c.lockoutsTotal = static_cast<std::uint64_t>(st.integer(1));
      if (st.integer(3) >= policy_.dailyWrongPins) c.allLockedUntil = (st.integer(2) + 1) * kSecondsPerDay;
    }
    Statement nurses(db, "SELECT locked_until FROM nurse WHERE locked_until > 0");
    while (nurses.step()) c.nurseLockedUntil.push_back(nurses.integer(0));
    return c;
  });
}

}  // namespace mk
