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

void AuditLog::append(const std::string& event, const std::string& detail, std::int64_t nowUnix) {
  guardRecords("writing the audit log", [&] {
    Database& db = records_.db();
    Transaction tx(db);
    Statement head(db, "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    std::int64_t lastId = 0;
    std::string lastHash;
    if (head.step()) {
      lastId = head.integer(0);
      lastHash = head.text(1);
    }
    std::int64_t id = lastId + 1;
    std::string at = isoSecondUtc(nowUnix);
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
    tx.commit();
  });
}

std::vector<AuditEntry> AuditLog::entries() {
  return guardRecords("reading the audit log", [&] {
    std::vector<AuditEntry> out;
    Statement st(records_.db(), "SELECT id, at, event, detail FROM audit ORDER BY id");
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3)});
    return out;
  });
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
    Statement st(records_.db(), "SELECT id, at, event, detail, prev_hash, hash FROM audit ORDER BY id");
    std::string prev;
    std::int64_t expectedId = 1;
    while (st.step()) {
      std::int64_t id = st.integer(0);
      if (id != expectedId) return fail(expectedId, "entry " + std::to_string(expectedId) + " is missing");
      if (st.text(4) != prev) return fail(id, "entry " + std::to_string(id) + " does not follow the entry before it");
      std::string hash = auditHash(prev, id, st.text(1), st.text(2), st.text(3));
      if (hash != st.text(5)) return fail(id, "entry " + std::to_string(id) + " was changed after it was written");
      prev = hash;
      ++expectedId;
      ++v.entries;
    }
    Statement head(records_.db(), "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    if (!head.step()) return fail(expectedId, "the chain head is missing");
    if (head.integer(0) != v.entries || head.text(1) != prev)
      return fail(v.entries + 1, "the log ends at entry " + std::to_string(v.entries) + " but entry " +
                                     std::to_string(head.integer(0)) + " was written last: entries were deleted");
    return v;
  });
}

}  // namespace mk
