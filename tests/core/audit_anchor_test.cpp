// The audit chain anchored outside records.db (issue #14 item 6): someone who can
// write the database can cut the chain short and move its head, or rewrite an entry
// and re-hash everything after it; the chain then verifies, but the anchors the
// journal kept do not match. The metrics carry the head and the count.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <sstream>

#include "core/nurse/audit_anchor.h"
#include "core/nurse/audit_anchor_check.h"
#include "core/nurse/audit_log.h"
#include "core/nurse/nurse_mode.h"
#include "core/nurse/records_db.h"
#include "core/nurse/retention.h"
#include "core/system/metrics.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace mk;
using mk::test::TempDir;

namespace {

constexpr std::int64_t kT0 = 1'790'000'000;
constexpr std::int64_t kDay = 86'400;
const std::int64_t kUid = static_cast<std::int64_t>(::geteuid());

void sql(const fs::path& db, const std::string& statement) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  int rc = sqlite3_exec(h, statement.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(h);
  REQUIRE(rc == SQLITE_OK);
}

// A binary field as journalctl writes one: the name, a newline, the length as 64-bit
// little endian, the bytes, a newline.
std::string binaryField(const std::string& name, const std::string& value) {
  std::string out = name + "\n";
  std::uint64_t n = value.size();
  for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
  return out + value + "\n";
}

// What `journalctl -o export MESSAGE_ID=...` prints for these anchors, with an
// unrelated entry (and a binary field) in between, as a real journal has.
std::string exportOf(const std::vector<AuditHead>& heads, std::int64_t uid = kUid) {
  std::string out;
  int n = 0;
  for (const AuditHead& h : heads) {
    out += "__CURSOR=s=abc;i=" + std::to_string(++n) + "\n__REALTIME_TIMESTAMP=1790000000000000\n";
    out += "_UID=" + std::to_string(uid) + "\n_COMM=medkiosk\nPRIORITY=6\nSYSLOG_IDENTIFIER=medkiosk\n";
    out += "MESSAGE=audit entry " + std::to_string(h.lastId) + " " + h.lastHash + "\n";
    out += std::string("MESSAGE_ID=") + kAuditAnchorMessageId + "\n";
    out += "MEDKIOSK_AUDIT_SEQ=" + std::to_string(h.lastId) + "\nMEDKIOSK_AUDIT_HASH=" + h.lastHash + "\n\n";
    if (n == 1) out += "__CURSOR=s=abc;i=x\n_UID=0\n" + binaryField("MESSAGE", "two\nlines") + "\n";
  }
  return out;
}

std::vector<JournalAnchor> anchorsFrom(const std::string& exported) {
  std::istringstream in(exported);
  JournalAnchors read = readJournalExport(in);
  CHECK(read.problem.empty());
  return read.anchors;
}

AnchorComparison compare(RecordsDb& db, const std::vector<AuditHead>& journal) {
  AuditLog log(db);
  return compareWithAnchors(log.entries(), log.head(), anchorsFrom(exportOf(journal)), kUid);
}

// Six entries written with their anchors captured, as the journal would keep them.
struct AnchoredLog {
  TempDir dir;
  fs::path path = dir.path / "records.db";
  std::vector<AuditHead> journal;
  AnchoredLog() {
    RecordsDb db(path, kT0);
    db.setAuditAnchor([this](const AuditHead& h) { journal.push_back(h); });
    AuditLog log(db);
    log.append("admin", "nurse added: Sr. Maria", kT0);
    for (int i = 1; i < 6; ++i) log.append("mode", "PIN pad opened", kT0 + i * 60);
  }
};

}  // namespace

TEST_CASE("each entry's number and hash are anchored once it is written", "[nurse][audit]") {
  AnchoredLog a;
  RecordsDb db(a.path, kT0);
  REQUIRE(a.journal.size() == 6);
  auto entries = AuditLog(db).entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(a.journal[i].lastId == entries[i].id);
    CHECK(a.journal[i].lastHash == entries[i].hash);
    CHECK(a.journal[i].kept == static_cast<std::int64_t>(i + 1));
  }
  AnchorComparison c = compare(db, a.journal);
  CHECK_FALSE(c.altered());
  CHECK(c.matched == 6);
  CHECK(c.anchored == 6);
}

TEST_CASE("deleting the last rows and moving the head is detected with anchors", "[nurse][audit]") {
  AnchoredLog a;
  sql(a.path,
      "DELETE FROM audit WHERE id > 4; UPDATE audit_head SET last_id = 4, "
      "last_hash = (SELECT hash FROM audit WHERE id = 4) WHERE id = 1");
  RecordsDb db(a.path, kT0);
  CHECK(AuditLog(db).verify().ok);  // the chain alone cannot tell
  AnchorComparison c = compare(db, a.journal);
  CHECK(c.altered());
  CHECK(c.missing == std::vector<std::int64_t>{5, 6});
  CHECK(c.headMismatch());
  CHECK(c.lastAnchor.seq == 6);
  CHECK(c.matched == 4);
  CHECK(idRanges(c.missing) == "5-6");
}

TEST_CASE("rewriting a name and re-chaining is detected with anchors", "[nurse][audit]") {
  AnchoredLog a;
  {
    RecordsDb db(a.path, kT0);
    db.setAuditAnchor({});
    std::string prev;
    for (const AuditEntry& e : AuditLog(db).entries()) {
      std::string detail = e.id == 1 ? "nurse added: Sr. Eva" : e.detail;
      std::string hash = auditHash(prev, e.id, e.at, e.event, detail);
      Statement(db.db(), "UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?")
          .bind(1, detail)
          .bind(2, prev)
          .bind(3, hash)
          .bind(4, e.id)
          .run();
      prev = hash;
    }
    Statement(db.db(), "UPDATE audit_head SET last_hash = ? WHERE id = 1").bind(1, prev).run();
  }
  RecordsDb db(a.path, kT0);
  CHECK(AuditLog(db).verify().ok);  // the chain alone cannot tell
  AnchorComparison c = compare(db, a.journal);
  CHECK(c.altered());
  CHECK(c.rewritten == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
  CHECK(c.headMismatch());
  CHECK(idRanges(c.rewritten) == "1-6");
}

TEST_CASE("anchors still match after a purge, and a forged anchor is a conflict", "[nurse][audit]") {
  TempDir dir;
  std::vector<AuditHead> journal;
  RecordsDb db(dir.path / "records.db", kT0);
  db.setAuditAnchor([&](const AuditHead& h) { journal.push_back(h); });
  AuditLog log(db);
  for (int i = 0; i < 4; ++i) log.append("mode", "PIN pad opened", kT0 + i * kDay);
  // Kept 2 days, as of day 4.5: entries 1-3 go; checkpoint (5) and purge (6) entries follow.
  purgePastRetention(db, {}, 2, kT0 + 4 * kDay + kDay / 2);
  REQUIRE(journal.size() == 6);
  AnchorComparison c = compare(db, journal);
  CHECK_FALSE(c.altered());
  CHECK(c.purged == 3);
  CHECK(c.unanchored.empty());
  CHECK(c.matched == c.head.kept);

  SECTION("an anchor forged for an entry with another hash") {
    AuditHead forged = journal[4];
    forged.lastHash = std::string(64, 'a');
    journal.push_back(forged);
    AnchorComparison f = compare(db, journal);
    CHECK(f.altered());
    CHECK(f.conflicting == std::vector<std::int64_t>{5});
  }
  SECTION("anchors written by another user are ignored") {
    AuditHead other = journal.back();
    other.lastId += 1;
    AnchorComparison o = compareWithAnchors(log.entries(), log.head(), anchorsFrom(exportOf({other}, kUid + 1)), kUid);
    CHECK_FALSE(o.altered());
    CHECK(o.otherUsers == 1);
    CHECK(o.anchored == 0);
  }
  SECTION("entries not in the journal are reported as not anchored") {
    journal.pop_back();
    AnchorComparison u = compare(db, journal);
    CHECK_FALSE(u.altered());
    CHECK(u.unanchored == std::vector<std::int64_t>{journal.back().lastId + 1});
  }
}

TEST_CASE("the journal export format is read, binary fields included", "[nurse][audit]") {
  std::string text = "A=1\n" + binaryField("MESSAGE", std::string("x\0y\n", 4)) +
                     "MEDKIOSK_AUDIT_SEQ=7\nMEDKIOSK_AUDIT_HASH=" + std::string(64, 'b') + "\n_UID=5\n\nB=2\n\n";
  std::istringstream in(text);
  JournalAnchors read = readJournalExport(in);
  CHECK(read.problem.empty());
  CHECK(read.records == 2);
  REQUIRE(read.anchors.size() == 1);
  CHECK(read.anchors[0].seq == 7);
  CHECK(read.anchors[0].uid == 5);

  std::istringstream cut("A=1\n" + binaryField("MESSAGE", "abcdef").substr(0, 12));
  CHECK_FALSE(readJournalExport(cut).problem.empty());
}

TEST_CASE("without a journal the entry is still written", "[nurse][audit]") {
  TempDir dir;
  mk::test::LogCapture logs;
  RecordsDb db(dir.path / "records.db", kT0);  // the default sink: the journal, absent in tests
  AuditLog log(db);
  log.append("mode", "PIN pad opened", kT0);
  log.append("mode", "PIN pad opened", kT0);
  CHECK(log.entries().size() == 2);
  CHECK(log.verify().ok);
  if (::access("/run/systemd/journal/socket", F_OK) != 0) {
    CHECK(logs.lines().size() == 1);  // said once, not at every entry
    CHECK(logs.contains("no systemd journal to anchor audit entries in"));
  }
}

TEST_CASE("metrics carry head and count", "[nurse][audit][metrics]") {
  TempDir dir;
  NurseConfig config;
  config.recordsPath = dir.path / "records.db";
  config.wallClock = [] { return kT0; };
  config.auditAnchor = [](const AuditHead&) {};
  NurseMode nurse(config);
  Metrics metrics(dir.path / "m.prom", dir.path);
  nurse.setAuditObserver([&](const AuditHead& h) { metrics.setAuditHead(h.kept, h.lastId, h.lastHash); });
  nurse.openPad(0);
  nurse.cancelPad();
  RecordsDb db(config.recordsPath, kT0);
  AuditHead head = AuditLog(db).head();
  REQUIRE(head.lastId == 2);
  std::string text = metrics.render(kT0);
  CHECK(text.find("\nmedkiosk_audit_entries 2\n") != std::string::npos);
  CHECK(text.find("\nmedkiosk_audit_head_info{seq=\"2\",hash=\"" + head.lastHash.substr(0, 16) + "\"} 1\n") !=
        std::string::npos);

  // Set as soon as the observer is, from the database as it stands.
  Metrics fresh(dir.path / "f.prom", dir.path);
  nurse.setAuditObserver([&](const AuditHead& h) { fresh.setAuditHead(h.kept, h.lastId, h.lastHash); });
  CHECK(fresh.render(kT0).find("\nmedkiosk_audit_entries 2\n") != std::string::npos);
}
