#pragma once
// The audit log compared with its anchors in the journal (issue #14 item 6): what
// `medkiosk-admin audit verify --anchors` reports. The chain check (AuditLog::verify)
// finds changes by someone who cannot recompute hashes; this finds a chain rewritten
// and re-hashed, or cut short with its head moved, by someone who could.
#include <cstdint>
#include <string>
#include <vector>

#include "core/nurse/audit_anchor.h"
#include "core/nurse/audit_log.h"

namespace mk {

struct AnchorComparison {
  std::int64_t anchored = 0;              // entries the journal anchors (by the database's owner)
  std::int64_t otherUsers = 0;            // anchors written by another user: ignored
  std::int64_t matched = 0;               // kept entries whose hash is the anchored one
  std::int64_t purged = 0;                // anchored entries purged behind a checkpoint
  std::vector<std::int64_t> rewritten;    // kept (or continued-after) entries whose hash differs from the anchor
  std::vector<std::int64_t> missing;      // anchored entries neither kept nor purged behind a checkpoint
  std::vector<std::int64_t> conflicting;  // anchored twice with different hashes
  std::vector<std::int64_t> unanchored;   // kept entries with no anchor
  AuditHead head;                         // the database's
  JournalAnchor lastAnchor;               // the highest-numbered anchor; seq 0 when there is none
  // The database's head is behind the journal's, or differs from it.
  bool headMismatch() const;
  bool altered() const { return !rewritten.empty() || !missing.empty() || !conflicting.empty() || headMismatch(); }
};

// `kept`: AuditLog::entries(); `head`: AuditLog::head(); anchors whose _UID= is not
// `ownerUid` (the user that owns records.db and writes the log) are ignored.
AnchorComparison compareWithAnchors(const std::vector<AuditEntry>& kept, const AuditHead& head,
                                    const std::vector<JournalAnchor>& anchors, std::int64_t ownerUid);

// "3, 7-9, 12": entry numbers as ranges, for reports.
std::string idRanges(const std::vector<std::int64_t>& ids);

}  // namespace mk
