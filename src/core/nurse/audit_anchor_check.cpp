#include "core/nurse/audit_anchor_check.h"

#include <algorithm>
#include <map>
#include <set>

namespace mk {

bool AnchorComparison::headMismatch() const {
  if (lastAnchor.seq > head.lastId) return true;  // cut short: the journal saw later entries
  return lastAnchor.seq > 0 && lastAnchor.seq == head.lastId && lastAnchor.hash != head.lastHash;
}

namespace {

using AnchorsById = std::map<std::int64_t, std::set<std::string>>;

AnchorsById ownersAnchors(const std::vector<JournalAnchor>& anchors, std::int64_t ownerUid, AnchorComparison& c) {
  AnchorsById byId;
  for (const JournalAnchor& a : anchors) {
    if (a.uid != ownerUid) {
      ++c.otherUsers;
      continue;
    }
    byId[a.seq].insert(a.hash);
  }
  c.anchored = static_cast<std::int64_t>(byId.size());
  for (const auto& [id, hashes] : byId)
    if (hashes.size() > 1) c.conflicting.push_back(id);
  if (!byId.empty()) c.lastAnchor = {byId.rbegin()->first, *byId.rbegin()->second.begin(), ownerUid};
  return byId;
}

// Anchored entries not kept: purged behind the checkpoint (the last of them must be
// the one the kept chain continues after), or missing.
void compareNotKept(const AnchorsById& byId, const std::set<std::int64_t>& keptIds, AnchorComparison& c) {
  for (const auto& [id, hashes] : byId) {
    if (keptIds.count(id) != 0) continue;
    if (id >= c.head.firstId) {
      c.missing.push_back(id);
    } else if (id == c.head.firstId - 1 && hashes.size() == 1 && hashes.count(c.head.firstPrevHash) == 0) {
      c.rewritten.push_back(id);  // the checkpoint continues after a hash the journal never saw
    } else {
      ++c.purged;
    }
  }
}

}  // namespace

AnchorComparison compareWithAnchors(const std::vector<AuditEntry>& kept, const AuditHead& head,
                                    const std::vector<JournalAnchor>& anchors, std::int64_t ownerUid) {
  AnchorComparison c;
  c.head = head;
  AnchorsById byId = ownersAnchors(anchors, ownerUid, c);
  std::set<std::int64_t> keptIds;
  for (const AuditEntry& e : kept) {
    keptIds.insert(e.id);
    auto it = byId.find(e.id);
    if (it == byId.end())
      c.unanchored.push_back(e.id);
    else if (it->second.size() == 1 && it->second.count(e.hash) == 1)
      ++c.matched;
    else if (it->second.size() == 1)
      c.rewritten.push_back(e.id);
  }
  compareNotKept(byId, keptIds, c);
  std::sort(c.rewritten.begin(), c.rewritten.end());
  return c;
}

std::string idRanges(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(ids[i]);
    if (j > i) out += "-" + std::to_string(ids[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace mk
