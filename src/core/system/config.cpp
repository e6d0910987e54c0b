#include "core/system/config.h"
#include "core/i18n/locale_id.h"

#include <ini.h>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/base/log.h"
#include "core/update/bundle.h"

namespace mk {
namespace {

struct Loader {
  ConfigResult result;
  std::string file;
  void problem(const std::string& key, const std::string& message) {
    result.problems.push_back(file + ": " + key + ": " + message + "; using the default");
  }
};

// "de_AT, fr_BE,nl" -> {"de_AT", "fr_BE", "nl"}; false if any entry is not a locale id.
bool parseLocaleList(const std::string& s, std::vector<std::string>& out, std::string& bad) {
  std::vector<std::string> list;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!isValidLocaleId(item)) {
      bad = item;
      return false;
    }
    list.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  out = list;
  return true;
}

// A whole string that is a number from min to max (inih trims the value).
template <typename T>
bool parseNumber(const std::string& s, T min, T max, T& out) {
  T v{};
  const char* end = s.data() + s.size();
  auto [stop, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || stop != end || v < min || v > max) return false;
  out = v;
  return true;
}

bool parseInt(const std::string& s, long min, long max, long& out) { return parseNumber(s, min, max, out); }

std::vector<std::string> splitKeys(const std::string& value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value + ",") {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ' && c != '\t') {
      cur += c;
    }
  }
  return out;
}

// "1080x1920" within 240..8192 on each side.
bool parseSize(const std::string& value, int& w, int& h) {
  auto x = value.find('x');
  long pw = 0, ph = 0;
  if (x == std::string::npos || !parseInt(value.substr(0, x), 240, 8192, pw) ||
      !parseInt(value.substr(x + 1), 240, 8192, ph))
    return false;
  w = static_cast<int>(pw);
  h = static_cast<int>(ph);
  return true;
}

bool parseFloat(const std::string& value, float min, float max, float& out) {
  return parseNumber(value, min, max, out);
}

bool parseYesNo(const std::string& value, bool& out) {
  if (value == "yes" || value == "true")
    out = true;
  else if (value == "no" || value == "false")
    out = false;
  else
    return false;
  return true;
}

bool isAbsolutePath(const std::string& value) { return !value.empty() && value[0] == '/'; }

// Each returns false for a key it does not know; a bad value is a problem of its own.
bool kioskKey(Loader& l, const std::string& name, const std::string& value) {
  auto& s = l.result.settings;
  const std::string key = "kiosk." + name;
  long n = 0;
  if (name == "country") {
    bool ok = value.size() == 2 && std::isupper(static_cast<unsigned char>(value[0])) &&
              std::isupper(static_cast<unsigned char>(value[1]));
    if (ok)
      s.country = value;
    else
      l.problem(key, "'" + value + "' is not a two-letter country code such as BE");
  } else if (name == "locale") {
    if (isValidLocaleId(value))
      s.locale = value;
    else
      l.problem(key, "'" + value + "' is not a locale id such as de_AT");
  } else if (name == "locales") {
    std::string bad;
    if (!parseLocaleList(value, s.locales, bad))
      l.problem(key, "'" + bad + "' is not a locale id; expected a comma-separated list such as nl_BE, fr_BE, de_BE");
  } else if (name == "idle_timeout_seconds") {
    if (parseInt(value, 0, 86400, n))
      s.idleTimeoutMs = n * 1000;
    else
      l.problem(key, "expected whole seconds from 0 (off) to 86400");
  } else {
    return false;
  }
  return true;
}

bool displayKey(Loader& l, const std::string& name, const std::string& value) {
  auto& s = l.result.settings;
  const std::string key = "display." + name;
  long n = 0;
  if (name == "text_size") {
    if (parseInt(value, 1, 3, n))
      s.textSize = static_cast<int>(n);
    else
      l.problem(key, "expected 1, 2 or 3");
  } else if (name == "diagonal_inches") {
    if (!parseFloat(value, 5, 100, s.screenDiagonalInches))
      l.problem(key, "expected a screen diagonal between 5 and 100 inches");
  } else if (name == "renderer") {
    if (value == "software")
      s.acceleratedRenderer = false;
    else if (value == "accelerated")
      s.acceleratedRenderer = true;
    else
      l.problem(key, "expected software or accelerated");
  } else if (name == "dpi") {
    if (!parseFloat(value, 50, 600, s.dpi)) l.problem(key, "expected the screen's pixels per inch, from 50 to 600");
  } else if (name == "size") {
    if (!parseSize(value, s.windowWidth, s.windowHeight)) l.problem(key, "expected WIDTHxHEIGHT such as 1080x1920");
  } else {
    return false;
  }
  return true;
}

bool parseContentShow(const std::string& value, ContentShow& out) {
  if (value == "all")
    out = ContentShow::All;
  else if (value == "reviewed")
    out = ContentShow::Reviewed;
  else if (value == "reviewed-locales")
    out = ContentShow::ReviewedLocales;
  else
    return false;
  return true;
}

bool contentKey(Loader& l, const std::string& name, const std::string& value) {
  auto& s = l.result.settings;
  const std::string key = "content." + name;
  bool yes = true;
  if (name == "show") {
    if (!parseContentShow(value, s.contentShow)) l.problem(key, "expected all, reviewed or reviewed-locales");
  } else if (name == "show_unreviewed") {
    // The key before [content] show: yes is "all", no is "reviewed".
    if (parseYesNo(value, yes)) {
      s.contentShow = yes ? ContentShow::All : ContentShow::Reviewed;
      log::warn("config", l.file + ": content.show_unreviewed is deprecated; use show = " + (yes ? "all" : "reviewed") +
                              " instead");
    } else {
      l.problem(key, "expected yes or no (deprecated: use show = all | reviewed | reviewed-locales)");
    }
  } else if (name == "url") {
    if (value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0 || value.rfind("file:///", 0) == 0)
      s.contentUrl = value;
    else
      l.problem(key, "expected an http://, https:// or file:/// address");
  } else if (name == "channel") {
    if (isValidChannel(value))
      s.contentChannel = value;
    else
      l.problem(key, "expected a channel name of lower-case letters, digits and '-', such as main or pilot");
  } else if (name == "ca_file") {
    if (isAbsolutePath(value))
      s.contentCaFile = value;
    else
      l.problem(key, "expected the absolute path of a PEM file of certificate authorities");
  } else if (name == "public_keys") {
    std::vector<std::string> keys = splitKeys(value);
    bool valid = !keys.empty() && keys.size() <= 2;
    for (const auto& k : keys) valid = valid && isValidPublicKey(k);
    if (valid)
      s.publicKeys = keys;
    else
      l.problem(key, "expected one or two base64 Ed25519 public keys separated by a comma");
  } else if (name == "check_size") {
    int w = 0, h = 0;
    if (parseSize(value, w, h))
      s.checkSize = value;
    else
      l.problem(key, "expected WIDTHxHEIGHT such as 1080x1920");
  } else if (name == "database") {
    s.contentDb = value;
  } else if (name == "expiry_grace_days") {
    if (long n = 0; parseInt(value, 0, 365, n))
      s.expiryGraceDays = n;
    else
      l.problem(key, "expected whole days from 0 to 365");
  } else {
    return false;
  }
  return true;
}

bool storageKey(Loader& l, const std::string& key, const std::string& value) {
  auto& s = l.result.settings;
  long n = 0;
  if (key == "metrics.textfile") {
    if (value == "off" || (value.size() > 5 && value[0] == '/' && value.ends_with(".prom")))
      s.metricsTextfile = value;
    else
      l.problem(key, "expected off or an absolute path ending in .prom");
  } else if (key == "metrics.walkthroughs") {
    if (value == "total" || value == "by-group")
      s.metricsWalkthroughsByGroup = value == "by-group";
    else
      l.problem(key, "expected total or by-group");
  } else if (key == "nurse.free_tries") {
    if (parseInt(value, 1, 10, n))
      s.nurseFreeTries = static_cast<int>(n);
    else
      l.problem(key, "expected wrong PINs in a row from 1 to 10");
  } else if (key == "nurse.daily_wrong_pins") {
    if (parseInt(value, 1, 200, n))
      s.nurseDailyWrongPins = static_cast<int>(n);
    else
      l.problem(key, "expected wrong PINs a day from 1 to 200");
  } else if (key == "data.directory") {
    if (isAbsolutePath(value))
      s.dataDirectory = value;
    else
      l.problem(key, "expected an absolute directory path");
  } else if (key == "records.retention_days") {
    if (parseInt(value, 1, 3650, n))
      s.retentionDays = static_cast<int>(n);
    else
      l.problem(key, "expected whole days from 1 to 3650");
  } else if (key == "records.export_directory") {
    if (isAbsolutePath(value))
      s.exportDirectory = value;
    else
      l.problem(key, "expected an absolute directory path");
  } else {
    return false;
  }
  return true;
}

int handler(void* user, const char* sectionC, const char* nameC, const char* valueC) {
  auto* l = static_cast<Loader*>(user);
  std::string section = sectionC, name = nameC, value = valueC;
  bool known = section == "kiosk"     ? kioskKey(*l, name, value)
               : section == "display" ? displayKey(*l, name, value)
               : section == "content" ? contentKey(*l, name, value)
                                      : storageKey(*l, section + "." + name, value);
  if (!known) l->problem(section + "." + name, "unknown key");
  return 1;  // keep reading: one bad key must not hide the rest
}

}  // namespace

ConfigResult loadConfig(const std::filesystem::path& path) {
  Loader l;
  l.file = path.string();
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) {
    l.result.readable = false;
    l.result.problems.push_back(path.string() + ": cannot read the configuration file (" + std::strerror(errno) +
                                "); using defaults");
    log::error("config", l.result.problems.back());
    return l.result;
  }
  int rc = ini_parse_file(f, handler, &l);
  std::fclose(f);
  if (rc > 0) l.result.problems.push_back(path.string() + ":" + std::to_string(rc) + ": malformed line ignored");
  for (const auto& p : l.result.problems) log::warn("config", p);
  return l.result;
}

}  // namespace mk
