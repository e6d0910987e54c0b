#include "core/base/utc_time.h"

#include <cstdio>

namespace mk {

bool parseUtcTime(std::string_view text, std::time_t& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string t(text);
  char tail = 0;
  bool full =
      t.size() == 20 && std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &y, &mo, &d, &h, &mi, &s, &tail) == 6;
  bool dateOnly = !full && t.size() == 10 && std::sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3;
  if (!full && !dateOnly) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool separator = i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19;
    if (!separator && (t[i] < '0' || t[i] > '9')) return false;
  }
  if (t[4] != '-' || t[7] != '-') return false;
  // sscanf stops at the first literal that does not match and still reports the
  // fields before it, so every separator is checked here, the final Z included.
  if (full && (t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')) return false;
  if (y < 2000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 ||
      s < 0)
    return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t v = timegm(&tm);
  // timegm normalises 31 February into March: refuse dates that do not exist.
  std::tm back{};
  gmtime_r(&v, &back);
  if (back.tm_mday != d || back.tm_mon != mo - 1) return false;
  out = v;
  return true;
}

std::string formatUtcTime(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string formatUtcMinute(std::time_t t) {
  // The same text without the seconds: "…T12:34:56Z" -> "…T12:34Z".
  std::string s = formatUtcTime(t);
  return s.substr(0, 16) + "Z";
}

}  // namespace mk
