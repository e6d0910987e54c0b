#pragma once
// Anchors of the audit chain outside records.db (issue #14 item 6). Whoever can write
// records.db can rewrite the chain and its head together, so the chain alone proves
// nothing against them. Each entry's number and hash also go to the systemd journal
// when the entry is written, and to the metrics (the head), where that writer cannot
// change them afterwards; `medkiosk-admin audit verify --anchors FILE` compares the
// database with what the journal kept (`journalctl -o export`).
// Without a journal (tests, a machine without systemd) the entry is still written;
// it is simply not anchored.
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace mk {

// The chain as it stands after an entry was written.
struct AuditHead {
  std::int64_t lastId = 0;    // the number of the entry written last (numbers are never reused)
  std::string lastHash;       // its chain hash, hex
  std::int64_t kept = 0;      // entries kept in the database (fewer than lastId after a purge)
  std::int64_t firstId = 1;   // the first entry kept: later than 1 after a purge
  std::string firstPrevHash;  // the hash the kept chain continues after (a checkpoint names it)
};

// Called once an entry is committed.
using AuditAnchorSink = std::function<void(const AuditHead&)>;

// MESSAGE_ID= of the journal entries that anchor the audit chain: select them with
// `journalctl -o export MESSAGE_ID=<this>`.
inline constexpr const char* kAuditAnchorMessageId = "4f1c2a9e7b3d4c56a8e0d9b7c6f5e4a3";

// A sink that sends MEDKIOSK_AUDIT_SEQ= and MEDKIOSK_AUDIT_HASH= to the journal (with
// MESSAGE_ID= kAuditAnchorMessageId). Without a journal it logs one warning and goes
// on; the entry itself is already written.
AuditAnchorSink journalAnchorSink();

// One anchor read back from the journal.
struct JournalAnchor {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t uid = -1;  // the journal's trusted _UID= of the writer; -1 when absent
};

struct JournalAnchors {
  std::vector<JournalAnchor> anchors;
  std::int64_t records = 0;  // journal entries read, anchors or not
  std::string problem;       // empty when the whole input could be read
};

// Reads the Journal Export Format (`journalctl -o export`), keeping the entries that
// carry MEDKIOSK_AUDIT_SEQ= and MEDKIOSK_AUDIT_HASH=; other entries are skipped.
JournalAnchors readJournalExport(std::istream& in);

}  // namespace mk
