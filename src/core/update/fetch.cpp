#include "core/update/fetch.h"
#include "core/base/key_value.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/base/log.h"
#include "core/content/content_store.h"

namespace mk::updater {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFetchStateFile = "fetch-state";

// Owners of libcurl's handles: whatever way fetch() leaves, they are released (the
// header list before the easy handle that uses it).
struct CurlEasyCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct CurlListFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;
using CurlList = std::unique_ptr<curl_slist, CurlListFree>;

struct Sink {
  std::string* memory = nullptr;
  int fd = -1;
  std::int64_t limit = 0;
  std::int64_t received = 0;
  bool overLimit = false;
  bool writeFailed = false;
  const Step* step = nullptr;
};

std::string joinUrl(const std::string& base, const std::string& name) {
  return base + (!base.empty() && base.back() == '/' ? "" : "/") + name;
}

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
    (*sink->step)("download");
  }
  return bytes;
}

size_t onHeader(char* data, size_t size, size_t n, void* user) {
  auto* f = static_cast<Fetched*>(user);
  std::string line(data, size * n);
  if (line.size() > 5 && strncasecmp(line.c_str(), "etag:", 5) == 0) f->etag = trimmed(line.substr(5));
  return size * n;
}

void setTransferOptions(CURL* curl, const std::string& url, const UpdateSettings& s, Sink& sink, Fetched& f) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
  // From an https address only to https: a redirect must not downgrade the fetch.
  bool https = url.rfind("https://", 0) == 0;
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
  if (!s.caFile.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.caFile.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s.transferTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(sink.limit));
  curl_easy_setopt(curl, CURLOPT_FILETIME, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, ("medkiosk-update/" + s.appVersion).c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onData);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f);
}

// `headers` must stay alive until the transfer is over.
void setCondition(CURL* curl, const FetchState* conditional, CurlList& headers) {
  if (conditional && !conditional->etag.empty()) {
    headers.reset(curl_slist_append(nullptr, ("If-None-Match: " + conditional->etag).c_str()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  } else if (conditional && conditional->fileTime >= 0 && conditional->fetchedAt > conditional->fileTime) {
    // Modification times have whole seconds: a manifest fetched in the second it was
    // written may have changed again within that second (RFC 9110, 8.8.2.2), so
    // only an older one is asked for "if modified since".
    curl_easy_setopt(curl, CURLOPT_TIMECONDITION, static_cast<long>(CURL_TIMECOND_IFMODSINCE));
    curl_easy_setopt(curl, CURLOPT_TIMEVALUE_LARGE, static_cast<curl_off_t>(conditional->fileTime));
  }
}

void readOutcome(CURL* curl, const std::string& url, CURLcode rc, const char* errbuf, const Sink& sink, Fetched& f) {
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
  } else if (rc == CURLE_UNSUPPORTED_PROTOCOL && url.rfind("https://", 0) == 0) {
    char* target = nullptr;
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &target);
    f.error = url + ": refused a redirect to " + (target ? std::string(target) : std::string("another protocol")) +
              " (from https only https redirects are followed)";
  } else {
    f.error = url + ": " + (errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc)));
  }
}

Fetched fetch(const UpdateSettings& s, const std::string& url, Sink& sink, const FetchState* conditional) {
  Fetched f;
  char errbuf[CURL_ERROR_SIZE] = {0};
  CurlEasy curl(curl_easy_init());
  if (!curl) {
    f.error = "libcurl could not start";
    return f;
  }
  CurlList headers;
  setTransferOptions(curl.get(), url, s, sink, f);
  setCondition(curl.get(), conditional, headers);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl.get());
  readOutcome(curl.get(), url, rc, errbuf, sink, f);
  return f;
}

}  // namespace

void initFetching() { curl_global_init(CURL_GLOBAL_DEFAULT); }

FetchState readFetchState(const fs::path& dir) {
  FetchState st;
  std::ifstream in(dir / kFetchStateFile);
  std::ostringstream text;
  text << in.rdbuf();
  for (const auto& [k, v] : parseKeyValueLines(text.str()).entries) {
    if (k == "url")
      st.url = v;
    else if (k == "app_version")
      st.appVersion = v;
    else if (k == "keys_sha256")
      st.keysSha256 = v;
    else if (k == "etag")
      st.etag = v;
    else if (k == "file_time")
      st.fileTime = std::atoll(v.c_str());
    else if (k == "fetched_at")
      st.fetchedAt = std::atoll(v.c_str());
    else if (k == "installed_version")
      st.installedVersion = std::atol(v.c_str());
    else if (k == "manifest_sha256")
      st.manifestSha256 = v;
    else if (k == "result")
      st.result = v;
    else if (k == "message")
      st.message = v;
    else if (k == "attempts")
      st.attempts = std::atol(v.c_str());
    else if (k == "retry_after")
      st.retryAfter = std::atoll(v.c_str());
  }
  return st;
}

void saveFetchState(const fs::path& dir, const FetchState& st) {
  std::string text =
      "url=" + oneLine(st.url) + "\napp_version=" + oneLine(st.appVersion) + "\nkeys_sha256=" + st.keysSha256 +
      "\netag=" + oneLine(st.etag) + "\nfile_time=" + std::to_string(st.fileTime) +
      "\nfetched_at=" + std::to_string(st.fetchedAt) + "\ninstalled_version=" + std::to_string(st.installedVersion) +
      "\nmanifest_sha256=" + st.manifestSha256 + "\nresult=" + st.result + "\nmessage=" + oneLine(st.message) +
      "\nattempts=" + std::to_string(st.attempts) + "\nretry_after=" + std::to_string(st.retryAfter) + "\n";
  try {
    writeFileAtomically(dir / kFetchStateFile, text);
  } catch (const std::exception& e) {
    log::warn("update", e.what());
  }
}

std::string fetchManifest(const UpdateSettings& s, const FetchState& prev, Fetched& f, const Step& step) {
  std::string text;
  Sink sink;
  sink.memory = &text;
  sink.limit = static_cast<std::int64_t>(kMaxManifestBytes);
  sink.step = &step;
  f = fetch(s, joinUrl(s.url, "manifest"), sink, &prev);
  if (f.overLimit)
    throw Stop{Result::Refused, "the manifest is larger than " + std::to_string(kMaxManifestBytes) + " bytes"};
  if (!f.ok) throw Stop{Result::Failed, "cannot fetch the manifest: " + f.error};
  step("manifest-fetched");
  return text;
}

fs::path download(const UpdateSettings& s, const fs::path& dir, const Manifest& m, const Step& step) {
  fs::path part = dir / ("content-" + std::to_string(m.contentVersion) + ".db.part");
  int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Stop{Result::Failed, "cannot write " + part.string() + ": " + std::strerror(errno)};
  Sink sink;
  sink.fd = fd;
  sink.limit = m.size;
  sink.step = &step;
  Fetched f = fetch(s, joinUrl(s.url, m.database), sink, nullptr);
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

}  // namespace mk::updater
