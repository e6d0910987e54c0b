// medkiosk-admin: nurses, PIN lockouts, counselling records and the audit log of a
// kiosk, for clinic IT. Works on the records database in the data directory.
// Links core only.
#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/base/paths.h"
#include "core/base/process_guard.h"
#include "core/nurse/audit_anchor.h"
#include "core/nurse/audit_anchor_check.h"
#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"
#include "core/nurse/nurse_auth.h"
#include "core/nurse/records_db.h"
#include "core/nurse/retention.h"
#include "core/system/config.h"

namespace {
namespace fs = std::filesystem;

const char* kUsageCommands =
    "Usage: medkiosk-admin [--config FILE] [--data-dir DIR] COMMAND\n"
    "Commands:\n"
    "  nurse add PSEUDONYM     add a nurse; the PIN (6-8 digits) is read from standard input\n"
    "                          (asked twice, not shown, on a terminal)\n"
    "  nurse remove PSEUDONYM  remove a nurse\n"
    "  nurse list              list nurses' pseudonyms\n"
    "  unlock                  reset the PIN pad's wrong-PIN count and lockout\n"
    "  export [--out FILE]     write every kept counselling record as CSV\n"
    "                          (default: the export directory, medkiosk-counselling-<time>.csv)\n"
    "  purge                   delete records, audit entries and exports older than [records] retention_days\n"
    "  audit verify [--anchors FILE]\n"
    "                          check the audit log's hash chain; exit code 1 if it was altered.\n"
    "                          With --anchors, also compare every entry with the hash the systemd\n"
    "                          journal kept when it was written (FILE: journalctl -o export output,\n"
    "                          - for standard input), which finds a chain rewritten or cut short\n"
    "                          by someone who could write records.db (see below)\n"
    "  audit show              print the audit log\n"
    "The records database is <data directory>/records.db ([data] directory in the\n"
    "configuration, /var/lib/medkiosk by default).\n";

// The kiosk user cannot read the system journal, so root reads it and pipes it in.
std::string usage() {
  return std::string(kUsageCommands) +
         "Audit anchors (run as root: the kiosk user cannot read the system journal):\n"
         "  journalctl -o export MESSAGE_ID=" +
         mk::kAuditAnchorMessageId + " \\\n    | runuser -u medkiosk -- medkiosk-admin audit verify --anchors -\n";
}

int usageError(const std::string& message) {
  std::fprintf(stderr, "medkiosk-admin: %s\n%s", message.c_str(), usage().c_str());
  return 2;
}

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string readPinLine(const char* prompt) {
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  return pin;
}

struct Admin {
  mk::KioskSettings settings;
  fs::path dataDir;
  fs::path exportDir() const {
    return settings.exportDirectory.empty() ? dataDir / "exports" : fs::path(settings.exportDirectory);
  }
};

int nurseCommand(mk::RecordsDb& db, const std::vector<std::string>& args) {
  mk::NurseAuth auth(db);
  mk::AuditLog audit(db);
  if (args.size() == 2 && args[1] == "list") {
    for (const auto& n : auth.nurses()) std::printf("%s\n", n.c_str());
    return 0;
  }
  if (args.size() != 3 || (args[1] != "add" && args[1] != "remove"))
    return usageError("nurse add|remove PSEUDONYM, or nurse list");
  const std::string& name = args[2];
  if (args[1] == "remove") {
    if (!auth.removeNurse(name)) {
      std::fprintf(stderr, "medkiosk-admin: no nurse called '%s'\n", name.c_str());
      return 1;
    }
    audit.append("admin", "nurse removed: " + name, now());
    std::printf("removed %s\n", name.c_str());
    return 0;
  }
  std::string pin = readPinLine("PIN for the new nurse: ");
  if (isatty(STDIN_FILENO)) {
    std::string again = readPinLine("The same PIN again: ");
    bool same = again == pin;
    mk::wipePin(again);
    if (!same) {
      mk::wipePin(pin);
      std::fprintf(stderr, "medkiosk-admin: the two PINs differ; nothing was changed\n");
      return 1;
    }
  }
  try {
    auth.addNurse(name, pin, now());
    mk::wipePin(pin);
  } catch (const std::invalid_argument& e) {
    mk::wipePin(pin);
    std::fprintf(stderr, "medkiosk-admin: %s\n", e.what());
    return 1;
  }
  audit.append("admin", "nurse added: " + name, now());
  std::printf("added %s\n", name.c_str());
  return 0;
}

// Printed with every comparison: what the anchors can and cannot show.
const char* kAnchorLimits =
    "This comparison finds: an entry changed after its anchor was written, even with every later\n"
    "  hash recomputed; anchored entries deleted, or cut off the end with the head moved back; a\n"
    "  purge checkpoint that continues after a hash the journal never saw; an anchor forged for an\n"
    "  existing entry (two hashes for one entry).\n"
    "It cannot find: changes to entries that were never anchored (written while the journal was\n"
    "  unavailable or dropping messages, or lost between writing and anchoring in a crash): they\n"
    "  are listed as not anchored; entries added at the end by someone who can write records.db and\n"
    "  also sends matching anchors to the journal as the kiosk user; any change, if root rewrote or\n"
    "  removed the journal as well; changes to entries whose anchors the journal no longer holds\n"
    "  (rotated or vacuumed away, or left out of FILE), which are listed as not anchored.\n";

void printAnchorFindings(const mk::AnchorComparison& c) {
  auto line = [](const char* tag, const std::vector<std::int64_t>& ids, const char* what) {
    if (!ids.empty())
      std::printf("%s: %s %s: %s\n", tag, ids.size() == 1 ? "entry" : "entries", mk::idRanges(ids).c_str(), what);
  };
  line("ALTERED", c.rewritten, "hash differs from the one anchored in the journal (rewritten)");
  line("ALTERED", c.missing, "anchored in the journal but missing from the database (deleted or cut short)");
  line("ALTERED", c.conflicting,
       "anchored with two different hashes (forged journal entries, or records.db started afresh: "
       "then pass only the journal since then, journalctl --since)");
  if (c.headMismatch())
    std::printf(
        "ALTERED: the database's head is entry %lld (%.16s) but the journal's last anchor is entry %lld "
        "(%.16s)\n",
        static_cast<long long>(c.head.lastId), c.head.lastHash.c_str(), static_cast<long long>(c.lastAnchor.seq),
        c.lastAnchor.hash.c_str());
  line("not anchored", c.unanchored, "no anchor in the journal; cannot be confirmed");
}

int verifyAnchors(mk::AuditLog& audit, const std::string& file) {
  std::ifstream opened;
  if (file != "-") opened.open(file, std::ios::binary);
  if (file != "-" && !opened) {
    std::fprintf(stderr, "medkiosk-admin: cannot read %s\n", file.c_str());
    return 1;
  }
  mk::JournalAnchors read = mk::readJournalExport(file == "-" ? std::cin : opened);
  if (!read.problem.empty()) {
    std::fprintf(stderr, "medkiosk-admin: %s: %s\n", file.c_str(), read.problem.c_str());
    return 1;
  }
  // records.db belongs to the user running this (RecordsDb refuses any other): only
  // that user's anchors count; the journal's _UID= cannot be forged.
  auto uid = static_cast<std::int64_t>(::geteuid());
  mk::AnchorComparison c = mk::compareWithAnchors(audit.entries(), audit.head(), read.anchors, uid);
  std::printf(
      "anchors: %lld journal entries read, %lld audit entries anchored by uid %lld (%lld anchors of other "
      "users ignored); %lld kept entries match, %lld anchored entries purged behind a checkpoint\n",
      static_cast<long long>(read.records), static_cast<long long>(c.anchored), static_cast<long long>(uid),
      static_cast<long long>(c.otherUsers), static_cast<long long>(c.matched), static_cast<long long>(c.purged));
  printAnchorFindings(c);
  std::printf("%s", kAnchorLimits);
  if (c.altered()) {
    std::printf("audit log ALTERED: it does not match its anchors in the journal\n");
    return 1;
  }
  if (c.anchored == 0) {
    std::printf("audit log NOT CONFIRMED: no anchors found, nothing was compared\n");
    return 1;
  }
  std::printf("audit log matches its anchors: %lld entries confirmed\n", static_cast<long long>(c.matched));
  return 0;
}

int auditCommand(mk::RecordsDb& db, const std::vector<std::string>& args) {
  mk::AuditLog audit(db);
  if (args.size() == 2 && args[1] == "show") {
    for (const auto& e : audit.entries())
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(e.id), e.at.c_str(), e.event.c_str(), e.detail.c_str());
    return 0;
  }
  bool withAnchors = args.size() == 4 && args[2] == "--anchors";
  if (args.size() < 2 || args[1] != "verify" || (args.size() != 2 && !withAnchors))
    return usageError("audit verify [--anchors FILE], or audit show");
  mk::AuditVerification v = audit.verify();
  if (!v.ok)
    std::printf("audit log ALTERED: %s\n", v.problem.c_str());
  else
    std::printf("audit log hash chain intact: %lld entries\n", static_cast<long long>(v.entries));
  if (!withAnchors) {
    std::printf(
        "(the chain alone cannot show a log rewritten or cut short by someone who can write records.db: "
        "compare it with its anchors, audit verify --anchors)\n");
    return v.ok ? 0 : 1;
  }
  int anchored = verifyAnchors(audit, args[3]);
  return v.ok ? anchored : 1;
}

int run(const Admin& admin, const std::vector<std::string>& args) {
  mk::RecordsDb db(admin.dataDir / "records.db", now());
  const std::string& cmd = args[0];
  if (cmd == "nurse") return nurseCommand(db, args);
  if (cmd == "audit") return auditCommand(db, args);
  mk::AuditLog audit(db);
  if (cmd == "unlock" && args.size() == 1) {
    mk::NurseAuth(db).resetLockout();
    audit.append("admin", "PIN lockout reset", now());
    std::printf("PIN pad unlocked\n");
    return 0;
  }
  if (cmd == "purge" && args.size() == 1) {
    mk::PurgeResult r = mk::purgePastRetention(db, admin.exportDir(), admin.settings.retentionDays, now());
    std::printf("deleted %lld records, %lld audit entries and %lld exports older than %d days%s\n",
                static_cast<long long>(r.records), static_cast<long long>(r.auditEntries),
                static_cast<long long>(r.exports), admin.settings.retentionDays,
                r.when.clamped ? " (the clock is far ahead of the last purge: purged only as of a week after it)" : "");
    return 0;
  }
  if (cmd == "export" && (args.size() == 1 || (args.size() == 3 && args[1] == "--out"))) {
    fs::path file = args.size() == 3 ? fs::path(args[2]) : mk::exportFileName(admin.exportDir(), now());
    std::int64_t n = mk::CounsellingRecords(db).exportCsv(file);
    audit.append("export", std::to_string(n) + " records to " + file.string(), now());
    std::printf("exported %lld records to %s\n", static_cast<long long>(n), file.string().c_str());
    return 0;
  }
  return usageError("unknown command '" + cmd + "'");
}

}  // namespace

int main(int argc, char** argv) {
  // Issue #14: records.db and exports for the kiosk user alone; no
  // core dump holding a PIN read from the terminal.
  mk::restrictUmask();
  try {
    mk::disableCoreDumps();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-admin: %s\n", e.what());
    return 1;
  }
  Admin admin;
  std::string configPath, dataDir;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf("%s", usage().c_str());
      return 0;
    }
    if ((a == "--config" || a == "--data-dir") && args.empty()) {
      if (i + 1 >= argc) return usageError(a + " needs a value");
      (a == "--config" ? configPath : dataDir) = argv[++i];
    } else {
      args.push_back(a);
    }
  }
  if (args.empty()) return usageError("no command");
  if (!configPath.empty()) {
    mk::ConfigResult cfg = mk::loadConfig(configPath);
    if (!cfg.readable) return usageError("cannot read " + configPath);
    admin.settings = cfg.settings;
  }
  admin.dataDir = !dataDir.empty()                        ? fs::path(dataDir)
                  : !admin.settings.dataDirectory.empty() ? fs::path(admin.settings.dataDirectory)
                                                          : mk::resolveDataPaths(argv[0]).stateDir;
  try {
    return run(admin, args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-admin: %s\n", e.what());
    return 1;
  }
}
