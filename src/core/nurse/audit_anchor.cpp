#include "core/nurse/audit_anchor.h"

#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include "core/base/log.h"

namespace mk {

namespace {

constexpr const char* kJournalSocket = "/run/systemd/journal/socket";

// Sends one anchor; a negative errno when there is no journal to take it.
int sendAnchor(const AuditHead& h) {
  std::string id = std::to_string(h.lastId);
  std::array<std::string, 6> fields = {
      "MESSAGE=audit entry " + id + " anchored: " + h.lastHash,
      std::string("MESSAGE_ID=") + kAuditAnchorMessageId,
      "PRIORITY=6",
      "SYSLOG_IDENTIFIER=medkiosk",
      "MEDKIOSK_AUDIT_SEQ=" + id,
      "MEDKIOSK_AUDIT_HASH=" + h.lastHash,
  };
  std::array<iovec, fields.size()> iov{};
  for (std::size_t i = 0; i < fields.size(); ++i) iov[i] = {fields[i].data(), fields[i].size()};
  return sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
}

}  // namespace

AuditAnchorSink journalAnchorSink() {
  // Warned once per sink: a kiosk without a journal would otherwise say so at every entry.
  auto warned = std::make_shared<bool>(false);
  return [warned](const AuditHead& h) {
    int rc = sendAnchor(h);
    // sd_journal_sendv() reports success when there is no journal at all (ENOENT).
    if (rc >= 0 && ::access(kJournalSocket, F_OK) != 0) rc = -errno;
    if (rc >= 0 || *warned) return;
    *warned = true;
    log::warn("audit", "no systemd journal to anchor audit entries in (" + std::string(std::strerror(-rc)) +
                           "); entries from " + std::to_string(h.lastId) +
                           " on are written but cannot be checked against anchors");
  };
}

namespace {

using Fields = std::map<std::string, std::string>;

bool parseWholeNumber(const std::string& s, std::int64_t& out) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  out = std::stoll(s);
  return true;
}

bool isHash(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void finishEntry(Fields& fields, JournalAnchors& out) {
  if (fields.empty()) return;
  ++out.records;
  JournalAnchor a;
  auto seq = fields.find("MEDKIOSK_AUDIT_SEQ");
  auto hash = fields.find("MEDKIOSK_AUDIT_HASH");
  auto uid = fields.find("_UID");
  if (seq != fields.end() && hash != fields.end() && parseWholeNumber(seq->second, a.seq) && isHash(hash->second)) {
    a.hash = hash->second;
    if (uid == fields.end() || !parseWholeNumber(uid->second, a.uid)) a.uid = -1;
    out.anchors.push_back(a);
  }
  fields.clear();
}

// A binary field: after its name, the length as 64-bit little endian, the bytes and
// a newline. Empty when the input ends early.
bool readBinaryField(std::istream& in, std::string& value) {
  std::array<unsigned char, 8> len{};
  if (!in.read(reinterpret_cast<char*>(len.data()), len.size())) return false;
  std::uint64_t n = 0;
  for (std::size_t i = len.size(); i-- > 0;) n = (n << 8) | len[i];
  if (n > (std::uint64_t{1} << 26)) return false;  // journald keeps fields far smaller
  value.assign(static_cast<std::size_t>(n), '\0');
  return static_cast<bool>(in.read(value.data(), static_cast<std::streamsize>(n))) && in.get() == '\n';
}

}  // namespace

JournalAnchors readJournalExport(std::istream& in) {
  JournalAnchors out;
  Fields fields;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      finishEntry(fields, out);
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq != std::string::npos) {
      fields[line.substr(0, eq)] = line.substr(eq + 1);
      continue;
    }
    std::string value;
    if (!readBinaryField(in, value)) {
      out.problem = "the input ends inside the binary field " + line + ": not the output of journalctl -o export";
      break;
    }
    fields[line] = value;
  }
  finishEntry(fields, out);
  return out;
}

}  // namespace mk
