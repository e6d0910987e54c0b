#include "core/nurse/audit_log.h"

#include <sodium.h>

namespace mk {

std::string auditHash(const std::string& prevHash, std::int64_t id, const std::string& at, const std::string& event,
                      const std::string& detail) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::string idText = std::to_string(id);
  for (const std::string* part : {&prevHash, static_cast<const std::string*>(&idText), &at, &event, &detail}) {
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(part->data()), part->size());
    const unsigned char sep = 0x1f;
    crypto_hash_sha256_update(&st, &sep, 1);
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

namespace {

// Appends inside the caller's transaction.
void appendIn(Database& db, const std::string& event, const std::string& detail, std::int64_t nowUnix) {
  Statement head(db, "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
  std::int64_t lastId = 0;
  std::string lastHash;
  if (head.step()) {
    lastId = head.integer(0);
    lastHash = head.text(1);
  }
  std::int64_t id = lastId + 1;
  // To the minute (issue #14 item 9): the log outlives nothing, but says no more than it must.
  std::string at = isoSecondUtc(nowUnix - ((nowUnix % 60) + 60) % 60);
  std::string hash = auditHash(lastHash, id, at, event, detail);
  Statement(db, "INSERT INTO audit VALUES(?,?,?,?,?,?)")
      .bind(1, id)
      .bind(2, at)
      .bind(3, event)
      .bind(4, detail)
      .bind(5, lastHash)
      .bind(6, hash)
      .run();
  Statement(db, "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1").bind(1, id).bind(2, hash).run();
}

AuditHead headIn(Database& db) {
  AuditHead h;
  Statement st(db,
               "SELECT last_id, last_hash, first_id, first_prev_hash, (SELECT COUNT(*) FROM audit) "
               "FROM audit_head WHERE id = 1");
  if (st.step()) h = {st.integer(0), st.text(1), st.integer(4), st.integer(2), st.text(3)};
  return h;
}

std::string checkpointDetail(std::int64_t firstId, std::int64_t lastId, int retentionDays, const std::string& hash) {
  return "entries " + std::to_string(firstId) + "-" + std::to_string(lastId) + " (older than " +
         std::to_string(retentionDays) + " days) purged; the chain continues after " + hash;
}

}  // namespace

void AuditLog::append(const std::string& event, const std::string& detail, std::int64_t nowUnix) {
  guardRecords("writing the audit log", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    appendIn(db, event, detail, nowUnix);
    tx.commit();
    // Anchored only once committed: an anchor never names an entry that was rolled back.
    records_.anchorAudit(headIn(db));
  });
}

std::int64_t AuditLog::purgeBefore(std::int64_t cutoffUnix, int retentionDays, std::int64_t nowUnix) {
  return guardRecords("purging the audit log", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    Statement first(db, "SELECT first_id FROM audit_head WHERE id = 1");
    std::int64_t firstId = first.step() ? first.integer(0) : 1;
    // Entries are in time order; the oldest run before the cutoff goes.
    Statement last(db, "SELECT id, hash FROM audit WHERE id = (SELECT MAX(id) FROM audit WHERE at < ?)");
    last.bind(1, isoSecondUtc(cutoffUnix));
    if (!last.step()) return std::int64_t{0};
    std::int64_t lastId = last.integer(0);
    std::string hash = last.text(1);
    Statement(db, "DELETE FROM audit WHERE id <= ?").bind(1, lastId).run();
    std::int64_t removed = db.changes();
    Statement(db, "UPDATE audit_head SET first_id = ?, first_prev_hash = ? WHERE id = 1")
        .bind(1, lastId + 1)
        .bind(2, hash)
        .run();
    appendIn(db, "checkpoint", checkpointDetail(firstId, lastId, retentionDays, hash), nowUnix);
    tx.commit();
    records_.anchorAudit(headIn(db));
    return removed;
  });
}

std::vector<AuditEntry> AuditLog::entries() {
  return guardRecords("reading the audit log", [&] {
    std::vector<AuditEntry> out;
    Statement st(records_.db(), "SELECT id, at, event, detail, hash FROM audit ORDER BY id");
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    return out;
  });
}

AuditHead AuditLog::head() {
  return guardRecords("reading the audit log's head", [&] { return headIn(records_.db()); });
}

AuditVerification AuditLog::verify() {
  return guardRecords("verifying the audit log", [&] {
    AuditVerification v;
    auto fail = [&](std::int64_t id, std::string why) {
      v.ok = false;
      v.firstBadId = id;
      v.problem = std::move(why);
      return v;
    };
    Statement head(records_.db(), "SELECT last_id, last_hash, first_id, first_prev_hash FROM audit_head WHERE id = 1");
    if (!head.step()) return fail(1, "the chain head is missing");
    // After a purge the chain starts later, after the hash a checkpoint entry names.
    std::int64_t expectedId = head.integer(2);
    std::string prev = head.text(3);
    bool checkpointSeen = expectedId == 1;
    Statement st(records_.db(), "SELECT id, at, event, detail, prev_hash, hash FROM audit ORDER BY id");
    while (st.step()) {
      std::int64_t id = st.integer(0);
      if (id != expectedId) return fail(expectedId, "entry " + std::to_string(expectedId) + " is missing");
      if (st.text(4) != prev) return fail(id, "entry " + std::to_string(id) + " does not follow the entry before it");
      std::string hash = auditHash(prev, id, st.text(1), st.text(2), st.text(3));
      if (hash != st.text(5)) return fail(id, "entry " + std::to_string(id) + " was changed after it was written");
      checkpointSeen = checkpointSeen || (st.text(2) == "checkpoint" &&
                                          st.text(3).find("continues after " + head.text(3)) != std::string::npos);
      prev = hash;
      ++expectedId;
      ++v.entries;
    }
    if (!checkpointSeen)
      return fail(head.integer(2), "the log starts at entry " + std::to_string(head.integer(2)) +
                                       " but no checkpoint entry records a purge up to there: entries were deleted");
    if (head.integer(0) != expectedId - 1 || head.text(1) != prev)
      return fail(expectedId, "the log ends at entry " + std::to_string(expectedId - 1) + " but entry " +
                                  std::to_string(head.integer(0)) + " was written last: entries were deleted");
    return v;
  });
}

}  // namespace mk
