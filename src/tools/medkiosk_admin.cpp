// medkiosk-admin: nurses, PIN lockouts, counselling records and the audit log of a
// kiosk, for clinic IT. Works on the records database in the data directory.
// Links core only.
#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "core/base/paths.h"
#include "core/base/process_guard.h"
#include "core/nurse/audit_log.h"
#include "core/nurse/counselling_records.h"
#include "core/nurse/nurse_auth.h"
#include "core/nurse/records_db.h"
#include "core/nurse/retention.h"
#include "core/system/config.h"

namespace {
namespace fs = std::filesystem;

const char* kUsage =
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
    "  audit verify            check the audit log's hash chain; exit code 1 if it was altered\n"
    "  audit show              print the audit log\n"
    "The records database is <data directory>/records.db ([data] directory in the\n"
    "configuration, /var/lib/medkiosk by default).\n";

int usageError(const std::string& message) {
  std::fprintf(stderr, "medkiosk-admin: %s\n%s", message.c_str(), kUsage);
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

int auditCommand(mk::RecordsDb& db, const std::vector<std::string>& args) {
  mk::AuditLog audit(db);
  if (args.size() == 2 && args[1] == "show") {
    for (const auto& e : audit.entries())
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(e.id), e.at.c_str(), e.event.c_str(), e.detail.c_str());
    return 0;
  }
  if (args.size() != 2 || args[1] != "verify") return usageError("audit verify|show");
  mk::AuditVerification v = audit.verify();
  if (!v.ok) {
    std::printf("audit log ALTERED: %s\n", v.problem.c_str());
    return 1;
  }
  std::printf("audit log intact: %lld entries\n", static_cast<long long>(v.entries));
  return 0;
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
  // Issue #14: records.db and exports readable by the kiosk user and group only; no
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
      std::printf("%s", kUsage);
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
