#include "core/update/verify.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <thread>
#include <variant>
#include <vector>

#include "core/base/log.h"
#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"
#include "core/update/install.h"

namespace mk::updater {
namespace fs = std::filesystem;

Manifest verifyManifest(const UpdateSettings& s, const std::string& text, const OpenedContent& current,
                        long highestInstalled, const Step& step) {
  auto parsed = parseManifest(text);
  if (auto* e = std::get_if<ManifestError>(&parsed)) throw Stop{Result::Refused, e->message};
  Manifest m = std::get<Manifest>(std::move(parsed));
  std::vector<std::string> keyProblems;
  bool signedOk = verifyManifestSignature(m, s.publicKeys, &keyProblems);
  for (const auto& p : keyProblems) log::warn("update", p);
  if (!signedOk) throw Stop{Result::Refused, "the manifest signature does not match any configured public key"};
  if (m.channel != s.channel)
    throw Stop{Result::Refused, "the bundle is for channel '" + m.channel + "'; this kiosk follows '" + s.channel +
                                    "' ([content] channel)"};
  long have = current.db ? current.db->info().contentVersion : 0;
  if (m.contentVersion == have && current.db && current.db->info().hash == m.contentHash) {
    // The kiosk shows it with its "may be out of date" notice: the fleet must see that
    // too, not "unchanged" (issue #14, item 3).
    if (s.now >= m.expires)
      throw Stop{Result::Expired, "content version " + std::to_string(have) +
                                      " is installed, but its bundle expired at " + m.expiresText +
                                      " and the server has nothing newer"};
    if (renewExpiry(current, m, s.publicKeys))
      throw Stop{Result::Unchanged, "content version " + std::to_string(have) +
                                        " is already installed; its expiry is renewed to " + m.expiresText};
    throw Stop{Result::Unchanged, "content version " + std::to_string(have) + " is already installed"};
  }
  if (m.contentVersion <= have)
    throw Stop{Result::Refused, "content version " + std::to_string(m.contentVersion) +
                                    " is not newer than the installed version " + std::to_string(have)};
  // The installed pointer can be damaged (the kiosk then shows an older version): the
  // highest version ever installed here still bars older bundles (issue #14, item 5).
  if (m.contentVersion < highestInstalled)
    throw Stop{Result::Refused, "content version " + std::to_string(m.contentVersion) + " is older than version " +
                                    std::to_string(highestInstalled) + ", the highest installed on this kiosk"};
  if (s.now >= m.expires) throw Stop{Result::Expired, "the bundle expired at " + m.expiresText};
  if (compareVersions(m.minAppVersion, s.appVersion) > 0)
    throw Stop{Result::Refused,
               "the bundle needs app version " + m.minAppVersion + " or later (this is " + s.appVersion + ")"};
  step("manifest-verified");
  return m;
}

void checkDatabase(const fs::path& staged, const Manifest& m, const Step& step) {
  std::error_code ec;
  auto size = fs::file_size(staged, ec);
  if (ec || static_cast<std::int64_t>(size) != m.size)
    throw Stop{Result::Refused, "the database has " + std::to_string(ec ? 0 : size) + " bytes, the manifest states " +
                                    std::to_string(m.size)};
  if (sha256File(staged) != m.sha256) throw Stop{Result::Refused, "the database does not match the manifest's SHA-256"};
  step("database-synced");
  try {
    ContentDb db(staged);
    if (db.info().contentVersion != m.contentVersion)
      throw Stop{Result::Refused, "the database says content version " + std::to_string(db.info().contentVersion) +
                                      ", the manifest " + std::to_string(m.contentVersion)};
    if (db.info().hash != m.contentHash)
      throw Stop{Result::Refused, "the database's content hash differs from the manifest's"};
  } catch (const DbError& e) {
    throw Stop{Result::Refused, std::string("the database is not usable: ") + e.what()};
  }
  step("database-checked");
}

void renderCheck(const UpdateSettings& s, const fs::path& staged, const Step& step) {
  if (s.renderCheck.empty()) {
    log::warn("update", "no render check program: screens not rendered before installing");
    return;
  }
  std::vector<std::string> args = {s.renderCheck.string(), "--check-content", staged.string(), "--size", s.renderSize};
  if (!s.configFile.empty()) args.insert(args.end(), {"--config", s.configFile});
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw Stop{Result::Failed, std::string("cannot start the render check: ") + std::strerror(errno)};
  if (pid == 0) {
    // The check must not outlive an updater that is killed.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s.renderTimeoutSeconds);
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) throw Stop{Result::Failed, "lost the render check process"};
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw Stop{Result::Refused,
                 "rendering the screens took longer than " + std::to_string(s.renderTimeoutSeconds) + " s"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw Stop{Result::Failed, "cannot run the render check " + s.renderCheck.string()};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Stop{Result::Refused, "rendering the screens with the new content failed (" +
                                    (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                                       : "signal " + std::to_string(WTERMSIG(status))) +
                                    ")"};
  step("rendered");
}

}  // namespace mk::updater
