#include "core/update/updater.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/base/log.h"
#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"
#include "core/content/content_store.h"
#include "core/update/bundle.h"

namespace mk {
namespace fs = std::filesystem;
class UpdateRun;
namespace {

using Result = UpdateOutcome::Result;

constexpr const char* kFetchStateFile = "fetch-state";
constexpr const char* kStatusFile = "update-status";

const std::vector<std::string> kSteps = {
    "locked",          "manifest-fetched", "manifest-verified", "download",      "downloaded",
    "database-synced", "database-checked", "rendered",          "staged",        "pointer-temporary-synced",
    "pointer-renamed", "switched",         "cleaned",           "status-written"};

// What the last run that dealt with a manifest learned, so the next asks the server
// "only if changed". Only valid while the same version is still installed.
struct FetchState {
  std::string url;
  std::string etag;
  long long fileTime = -1;
  long long fetchedAt = -1;
  long installedVersion = -1;
};

struct Fetched {
  bool ok = false;
  bool notModified = false;
  bool overLimit = false;
  long httpCode = 0;
  std::string etag;
  long long fileTime = -1;
  std::string error;
};

struct Sink {
  std::string* memory = nullptr;
  int fd = -1;
  std::int64_t limit = 0;
  std::int64_t received = 0;
  bool overLimit = false;
  bool writeFailed = false;
  UpdateRun* run = nullptr;
};

// A refusal (the bundle must not be installed) or a failure (try again later).
struct Stop {
  Result result;
  std::string message;
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

FetchState readFetchState(const fs::path& dir) {
  FetchState st;
  std::ifstream in(dir / kFetchStateFile);
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "url")
      st.url = v;
    else if (k == "etag")
      st.etag = v;
    else if (k == "file_time")
      st.fileTime = std::atoll(v.c_str());
    else if (k == "fetched_at")
      st.fetchedAt = std::atoll(v.c_str());
    else if (k == "installed_version")
      st.installedVersion = std::atol(v.c_str());
  }
  return st;
}

std::string joinUrl(const std::string& base, const std::string& name) {
  return base + (!base.empty() && base.back() == '/' ? "" : "/") + name;
}

}  // namespace

class UpdateRun {
 public:
  explicit UpdateRun(const UpdateSettings& s) : s_(s), dir_(contentStoreDir(s.stateDir)) {
    if (const char* spec = std::getenv("MEDKIOSK_UPDATE_CRASH_AT")) {
      std::string v = spec;
      auto colon = v.find(':');
      crashStep_ = v.substr(0, colon);
      crashCount_ = colon == std::string::npos ? 1 : std::max(1L, std::atol(v.c_str() + colon + 1));
    }
  }

  UpdateOutcome run();
  void step(const std::string& name) {
    if (crashStep_.empty() || name != crashStep_) return;
    if (++reached_[name] == crashCount_) ::raise(SIGKILL);
  }

 private:
  void lock();
  OpenedContent installed();
  std::string fetchManifest(const FetchState& prev, Fetched& f);
  Fetched fetch(const std::string& url, Sink& sink, const FetchState* conditional);
  Manifest verifyManifest(const std::string& text, const OpenedContent& current);
  fs::path download(const Manifest& m);
  void checkDatabase(const fs::path& staged, const Manifest& m);
  void renderCheck(const fs::path& staged);
  fs::path switchTo(const fs::path& staged, const Manifest& m, const OpenedContent& before);
  void clean(const InstalledPointer& keep);
  void saveFetchState(const Fetched& f, long installedVersion);

  const UpdateSettings& s_;
  fs::path dir_;
  int lockFd_ = -1;
  std::string crashStep_;
  long crashCount_ = 1;
  std::map<std::string, long> reached_;

 public:
  ~UpdateRun() {
    if (lockFd_ >= 0) ::close(lockFd_);
  }
};

namespace {

size_t onData(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t bytes = size * n;
  sink->received += static_cast<std::int64_t>(bytes);
  if (sink->received > sink->limit) {
    sink->overLimit = true;
    return 0;  // aborts the transfer
  }
  if (sink->memory) {
    sink->memory->append(data, bytes);
  } else {
    size_t done = 0;
    while (done < bytes) {
      ssize_t w = ::write(sink->fd, data + done, bytes - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        sink->writeFailed = true;
        return 0;
      }
      done += static_cast<size_t>(w);
    }
    sink->run->step("download");
  }
  return bytes;
}

size_t onHeader(char* data, size_t size, size_t n, void* user) {
  auto* f = static_cast<Fetched*>(user);
  std::string line(data, size * n);
  if (line.size() > 5 && strncasecmp(line.c_str(), "etag:", 5) == 0) f->etag = trim(line.substr(5));
  return size * n;
}

}  // namespace

const char* toString(UpdateOutcome::Result r) {
  switch (r) {
    case Result::Installed:
      return "installed";
    case Result::Unchanged:
      return "unchanged";
    case Result::Refused:
      return "refused";
    case Result::Failed:
      return "failed";
  }
  return "failed";
}

const std::vector<std::string>& updateCrashSteps() { return kSteps; }

void initUpdater() { curl_global_init(CURL_GLOBAL_DEFAULT); }

void UpdateRun::lock() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw Stop{Result::Failed, "cannot create " + dir_.string() + ": " + ec.message()};
  lockFd_ = ::open((dir_ / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lockFd_ < 0) throw Stop{Result::Failed, "cannot open the lock in " + dir_.string() + ": " + std::strerror(errno)};
  if (::flock(lockFd_, LOCK_EX | LOCK_NB) != 0) throw Stop{Result::Failed, "another update is running"};
  // Leftovers of an interrupted run: nothing names them, so they can go.
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".part") || name.ends_with(".tmp")) fs::remove(e.path(), ec);
  }
  step("locked");
}

OpenedContent UpdateRun::installed() {
  OpenedContent c = openBestContent(ContentSources{s_.stateDir, s_.shippedDb});
  for (const auto& why : c.skipped) log::warn("update", "not using " + why);
  return c;
}

Fetched UpdateRun::fetch(const std::string& url, Sink& sink, const FetchState* conditional) {
  Fetched f;
  CURL* curl = curl_easy_init();
  if (!curl) {
    f.error = "libcurl could not start";
    return f;
  }
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s_.transferTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(sink.limit));
  curl_easy_setopt(curl, CURLOPT_FILETIME, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, ("medkiosk-update/" + s_.appVersion).c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onData);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f);
  if (conditional && !conditional->etag.empty()) {
    headers = curl_slist_append(headers, ("If-None-Match: " + conditional->etag).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  } else if (conditional && conditional->fileTime >= 0 && conditional->fetchedAt > conditional->fileTime) {
    // Modification times have whole seconds: a manifest fetched in the second it was
    // written may have changed again within that second (RFC 9110, 8.8.2.2), so
    // only an older one is asked for "if modified since".
    curl_easy_setopt(curl, CURLOPT_TIMECONDITION, static_cast<long>(CURL_TIMECOND_IFMODSINCE));
    curl_easy_setopt(curl, CURLOPT_TIMEVALUE_LARGE, static_cast<curl_off_t>(conditional->fileTime));
  }
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &f.httpCode);
  long unmet = 0;
  curl_easy_getinfo(curl, CURLINFO_CONDITION_UNMET, &unmet);
  curl_off_t filetime = -1;
  curl_easy_getinfo(curl, CURLINFO_FILETIME_T, &filetime);
  f.fileTime = filetime;
  f.overLimit = sink.overLimit || rc == CURLE_FILESIZE_EXCEEDED;
  bool http = url.rfind("http", 0) == 0;
  if (rc == CURLE_OK && (f.httpCode == 304 || unmet)) {
    f.notModified = true;
    f.ok = true;
  } else if (rc == CURLE_OK && (!http || f.httpCode == 200)) {
    f.ok = true;
  } else if (rc == CURLE_OK) {
    f.error = url + ": HTTP status " + std::to_string(f.httpCode);
  } else {
    f.error = url + ": " + (errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc)));
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return f;
}

std::string UpdateRun::fetchManifest(const FetchState& prev, Fetched& f) {
  std::string text;
  Sink sink;
  sink.memory = &text;
  sink.limit = static_cast<std::int64_t>(kMaxManifestBytes);
  sink.run = this;
  f = fetch(joinUrl(s_.url, "manifest"), sink, &prev);
  if (f.overLimit)
    throw Stop{Result::Refused, "the manifest is larger than " + std::to_string(kMaxManifestBytes) + " bytes"};
  if (!f.ok) throw Stop{Result::Failed, "cannot fetch the manifest: " + f.error};
  step("manifest-fetched");
  return text;
}

Manifest UpdateRun::verifyManifest(const std::string& text, const OpenedContent& current) {
  auto parsed = parseManifest(text);
  if (auto* e = std::get_if<ManifestError>(&parsed)) throw Stop{Result::Refused, e->message};
  Manifest m = std::get<Manifest>(std::move(parsed));
  std::vector<std::string> keyProblems;
  bool signedOk = verifyManifestSignature(m, s_.publicKeys, &keyProblems);
  for (const auto& p : keyProblems) log::warn("update", p);
  if (!signedOk) throw Stop{Result::Refused, "the manifest signature does not match any configured public key"};
  long have = current.db ? current.db->info().contentVersion : 0;
  if (m.contentVersion == have && current.db && current.db->info().hash == m.contentHash)
    throw Stop{Result::Unchanged, "content version " + std::to_string(have) + " is already installed"};
  if (m.contentVersion <= have)
    throw Stop{Result::Refused, "content version " + std::to_string(m.contentVersion) +
                                    " is not newer than the installed version " + std::to_string(have)};
  if (s_.now >= m.expires) throw Stop{Result::Refused, "the bundle expired at " + m.expiresText};
  if (compareVersions(m.minAppVersion, s_.appVersion) > 0)
    throw Stop{Result::Refused,
               "the bundle needs app version " + m.minAppVersion + " or later (this is " + s_.appVersion + ")"};
  step("manifest-verified");
  return m;
}

fs::path UpdateRun::download(const Manifest& m) {
  fs::path part = dir_ / ("content-" + std::to_string(m.contentVersion) + ".db.part");
  int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Stop{Result::Failed, "cannot write " + part.string() + ": " + std::strerror(errno)};
  Sink sink;
  sink.fd = fd;
  sink.limit = m.size;
  sink.run = this;
  Fetched f = fetch(joinUrl(s_.url, m.database), sink, nullptr);
  int syncRc = ::fsync(fd);
  ::close(fd);
  std::error_code ec;
  if (f.overLimit) {
    fs::remove(part, ec);
    throw Stop{Result::Refused,
               "the database is larger than the " + std::to_string(m.size) + " bytes the manifest states"};
  }
  if (sink.writeFailed || syncRc != 0) {
    fs::remove(part, ec);
    throw Stop{Result::Failed, "cannot write " + part.string() + " (disk full?)"};
  }
  if (!f.ok || f.notModified) {
    fs::remove(part, ec);
    throw Stop{Result::Failed, "cannot fetch the database: " + f.error};
  }
  step("downloaded");
  return part;
}

void UpdateRun::checkDatabase(const fs::path& staged, const Manifest& m) {
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

void UpdateRun::renderCheck(const fs::path& staged) {
  if (s_.renderCheck.empty()) {
    log::warn("update", "no render check program: screens not rendered before installing");
    return;
  }
  std::vector<std::string> args = {s_.renderCheck.string(), "--check-content", staged.string(), "--size",
                                   s_.renderSize};
  if (!s_.configFile.empty()) args.insert(args.end(), {"--config", s_.configFile});
  std::vector<char*> argv;
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
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s_.renderTimeoutSeconds);
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) throw Stop{Result::Failed, "lost the render check process"};
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw Stop{Result::Refused,
                 "rendering the screens took longer than " + std::to_string(s_.renderTimeoutSeconds) + " s"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw Stop{Result::Failed, "cannot run the render check " + s_.renderCheck.string()};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Stop{Result::Refused, "rendering the screens with the new content failed (" +
                                    (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                                       : "signal " + std::to_string(WTERMSIG(status))) +
                                    ")"};
  step("rendered");
}

fs::path UpdateRun::switchTo(const fs::path& staged, const Manifest& m, const OpenedContent& before) {
  std::string name = "content-" + std::to_string(m.contentVersion) + ".db";
  fs::path final = dir_ / name;
  std::error_code ec;
  fs::rename(staged, final, ec);
  if (ec) throw Stop{Result::Failed, "cannot rename " + staged.string() + ": " + ec.message()};
  try {
    fsyncDirectory(dir_);
    step("staged");
    InstalledPointer p;
    p.current = name;
    p.currentVersion = m.contentVersion;
    // The version the kiosk shows now becomes the one kept; the shipped database
    // stays the last resort by itself.
    if (before.db && before.origin != "shipped") {
      p.previous = before.path.filename().string();
      p.previousVersion = before.db->info().contentVersion;
    }
    writeInstalledPointer(dir_, p, [this](const char* s) { step(std::string("pointer-") + s); });
    step("switched");
    clean(p);
  } catch (const std::runtime_error& e) {
    throw Stop{Result::Failed, e.what()};
  }
  return final;
}

void UpdateRun::clean(const InstalledPointer& keep) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::string n = e.path().filename().string();
    bool old = n.rfind("content-", 0) == 0 && n != keep.current && n != keep.previous;
    if (old) fs::remove(e.path(), ec);
  }
  step("cleaned");
}

void UpdateRun::saveFetchState(const Fetched& f, long installedVersion) {
  std::string text = "url=" + s_.url + "\netag=" + oneLine(f.etag) + "\nfile_time=" + std::to_string(f.fileTime) +
                     "\nfetched_at=" + std::to_string(static_cast<long long>(s_.now)) +
                     "\ninstalled_version=" + std::to_string(installedVersion) + "\n";
  try {
    writeFileAtomically(dir_ / kFetchStateFile, text);
  } catch (const std::exception& e) {
    log::warn("update", e.what());
  }
}

UpdateOutcome UpdateRun::run() {
  UpdateOutcome out;
  Fetched manifestFetch;
  bool manifestFetched = false;
  try {
    if (s_.url.empty()) throw Stop{Result::Failed, "no [content] url configured"};
    if (s_.publicKeys.empty()) throw Stop{Result::Failed, "no [content] public_keys configured"};
    lock();
    OpenedContent current = installed();
    out.version = current.db ? current.db->info().contentVersion : 0;
    FetchState prev = readFetchState(dir_);
    bool conditional = prev.url == s_.url && prev.installedVersion == out.version;
    std::string text = fetchManifest(conditional ? prev : FetchState{}, manifestFetch);
    manifestFetched = true;
    if (manifestFetch.notModified) throw Stop{Result::Unchanged, "the manifest has not changed since the last check"};
    Manifest m = verifyManifest(text, current);
    fs::path staged = download(m);
    try {
      checkDatabase(staged, m);
      renderCheck(staged);
    } catch (...) {
      std::error_code ec;
      fs::remove(staged, ec);
      throw;
    }
    switchTo(staged, m, current);
    out.result = Result::Installed;
    out.version = m.contentVersion;
    out.message = "installed content version " + std::to_string(m.contentVersion);
  } catch (const Stop& stop) {
    out.result = stop.result;
    out.message = stop.message;
  } catch (const std::exception& e) {
    out.result = Result::Failed;
    out.message = e.what();
  }
  // A bundle that was installed, refused or already present need not be fetched
  // again until the server has a new manifest; a failure is retried in full.
  if (manifestFetched && !manifestFetch.notModified && out.result != Result::Failed)
    saveFetchState(manifestFetch, out.version);
  return out;
}

UpdateOutcome runUpdate(const UpdateSettings& settings) {
  UpdateRun run(settings);
  UpdateOutcome out = run.run();
  auto level =
      out.result == Result::Installed || out.result == Result::Unchanged ? log::Level::Info : log::Level::Error;
  log::write(level, "update", std::string(toString(out.result)) + ": " + out.message);
  try {
    writeUpdateStatus(settings.stateDir, out, settings.now);
  } catch (const std::exception& e) {
    log::error("update", std::string("cannot write the status file: ") + e.what());
  }
  run.step("status-written");
  return out;
}

void writeUpdateStatus(const fs::path& stateDir, const UpdateOutcome& outcome, std::time_t now) {
  std::ostringstream text;
  text << "time=" << static_cast<long long>(now) << "\n"
       << "result=" << toString(outcome.result) << "\n"
       << "version=" << outcome.version << "\n"
       << "message=" << oneLine(outcome.message) << "\n";
  std::error_code ec;
  fs::create_directories(stateDir, ec);
  writeFileAtomically(stateDir / kStatusFile, text.str());
}

}  // namespace mk
