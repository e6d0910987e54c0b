// content/<medicine>/medicine.ini, content/member-states.tsv and
// content/member-state-authorities.tsv.
#include <ini.h>
#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "core/base/unicode_text.h"
#include "core/content/content_source.h"
#include "core/content/figure_source.h"
#include "core/content/source_text.h"
#include "core/i18n/locale_id.h"

namespace mk {

using source_text::splitLines;
using source_text::trim;

namespace {
const std::regex kCountryCode("^[A-Z]{2}$");

const std::regex kMedicineId("^[a-z][a-z0-9_]*$");

struct IniState {
  Medicine medicine;
  std::string error;
  std::set<std::string> seen;
  std::vector<FigureKeys> figures;
};

bool addAddress(IniState* st, std::map<std::string, std::string>& to, const std::string& key, const std::string& val) {
  if (!isValidLocaleId(key)) {
    st->error = "'" + key + "' is not a locale id";
    return false;
  }
  if (val.rfind("https://", 0) != 0) {
    st->error = "addresses must start with https://";
    return false;
  }
  to[key] = val;
  return true;
}

// [figure.<id>] keys are kept in order and read together at the end (figure_source.h).
bool addFigureKey(IniState* st, const std::string& sec, const std::string& key, const std::string& val) {
  std::string id = sec.substr(7);
  if (!std::regex_match(id, kMedicineId)) {
    st->error = "figure ids are lower-case letters, digits and _: [" + sec + "]";
    return false;
  }
  if (st->figures.empty() || st->figures.back().id != id) st->figures.push_back({id, 0, {}});
  st->figures.back().keys.emplace_back(key, unicode::toNfc(val));
  return true;
}

int iniHandler(void* user, const char* section, const char* name, const char* value) {
  auto* st = static_cast<IniState*>(user);
  std::string sec = section, key = name, val = value;
  if (!st->seen.insert(sec + "." + key).second) {
    st->error = "duplicate key '" + key + "' in [" + sec + "]";
    return 0;
  }
  if (sec == "medicine") {
    if (key == "id")
      st->medicine.id = val;
    else if (key == "name")
      st->medicine.name = unicode::toNfc(val);
    else if (key == "brand")
      st->medicine.brand = unicode::toNfc(val);
    else if (key == "order") {
      try {
        st->medicine.order = std::stoi(val);
      } catch (...) {
        st->error = "order must be a whole number";
        return 0;
      }
    } else {
      st->error = "unknown key '" + key + "' in [medicine]";
      return 0;
    }
    return 1;
  }
  if (sec == "links") return addAddress(st, st->medicine.links, key, val) ? 1 : 0;
  if (sec == "leaflet") return addAddress(st, st->medicine.leaflets, key, val) ? 1 : 0;
  if (sec.rfind("figure.", 0) == 0) return addFigureKey(st, sec, key, val) ? 1 : 0;
  st->error = "unknown section [" + sec + "]";
  return 0;
}
// The 1-based line of a section header, for messages (inih does not pass it on).
int headerLine(std::string_view text, const std::string& header) {
  size_t at = text.find(header);
  if (at == std::string_view::npos) return 1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

Medicine parseMedicineIni(const std::string& path, std::string_view text) {
  if (auto bad = unicode::firstInvalidUtf8(text)) throw ContentError(path, 1, "invalid UTF-8");
  IniState st;
  std::string owned(text);
  int rc = ini_parse_string(owned.c_str(), iniHandler, &st);
  if (rc != 0) throw ContentError(path, rc, st.error.empty() ? "malformed line" : st.error);
  if (!std::regex_match(st.medicine.id, kMedicineId))
    throw ContentError(path, 1, "[medicine] id must be lower-case letters, digits and _");
  if (st.medicine.name.empty()) throw ContentError(path, 1, "[medicine] needs a name");
  if (!st.medicine.links.count("en")) throw ContentError(path, 1, "[links] needs an 'en' address");
  if (!st.medicine.leaflets.empty() && !st.medicine.leaflets.count("en"))
    throw ContentError(path, 1, "[leaflet] needs an 'en' address, used where a language has none");
  for (auto& keys : st.figures) {
    keys.line = headerLine(text, "[figure." + keys.id + "]");
    st.medicine.figures.push_back(parseFigure(path, keys));
  }
  return st.medicine;
}

std::vector<MemberState> parseMemberStates(const std::string& path, std::string_view text) {
  std::vector<std::string> lines = splitLines(path, text);
  std::vector<MemberState> states;
  bool header = false;
  std::set<std::string> codes;
  for (size_t i = 0; i < lines.size(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    const std::string& line = lines[i];
    if (trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(trim(col));
    if (!header) {
      if (cols.size() < 6 || cols[0] != "code")
        throw ContentError(
            path, lineNo,
            "expected the header line 'code<TAB>name<TAB>locales<TAB>scripts<TAB>reporting_authority<TAB>website'");
      header = true;
      continue;
    }
    if (cols.size() != 6)
      throw ContentError(path, lineNo, "expected 6 tab-separated columns, found " + std::to_string(cols.size()));
    MemberState st;
    st.code = cols[0];
    if (!std::regex_match(st.code, kCountryCode))
      throw ContentError(path, lineNo, "'" + st.code + "' is not an ISO 3166 code");
    if (!codes.insert(st.code).second) throw ContentError(path, lineNo, "duplicate country " + st.code);
    st.name = cols[1];
    std::stringstream ls(cols[2]);
    for (std::string loc; std::getline(ls, loc, ',');) {
      loc = trim(loc);
      if (!isValidLocaleId(loc)) throw ContentError(path, lineNo, "'" + loc + "' is not a locale id");
      st.locales.push_back(loc);
    }
    if (st.locales.empty()) throw ContentError(path, lineNo, "no locales for " + st.code);
    st.authority = cols[4];
    st.website = cols[5];
    if (st.authority.empty() || st.website.empty())
      throw ContentError(path, lineNo, "reporting authority and website are required");
    states.push_back(std::move(st));
  }
  if (!header) throw ContentError(path, 1, "no header line");
  return states;
}

std::vector<LocalAuthority> parseLocalAuthorities(const std::string& path, std::string_view text,
                                                  const std::vector<MemberState>& states) {
  std::vector<LocalAuthority> out;
  bool header = false;
  std::vector<std::string> lines = splitLines(path, text);
  for (size_t i = 0; i < lines.size(); ++i) {
    int lineNo = static_cast<int>(i) + 1;
    if (trim(lines[i]).empty() || lines[i][0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(lines[i]);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(trim(col));
    if (!header) {
      if (cols.size() != 4 || cols[0] != "code")
        throw ContentError(path, lineNo,
                           "expected the header line 'code<TAB>locale<TAB>reporting_authority<TAB>website'");
      header = true;
      continue;
    }
    if (cols.size() != 4) throw ContentError(path, lineNo, "expected 4 tab-separated columns");
    auto st = std::find_if(states.begin(), states.end(), [&](const MemberState& s) { return s.code == cols[0]; });
    if (st == states.end()) throw ContentError(path, lineNo, "unknown member state '" + cols[0] + "'");
    if (std::find(st->locales.begin(), st->locales.end(), cols[1]) == st->locales.end())
      throw ContentError(path, lineNo, "'" + cols[1] + "' is not a language of " + cols[0] + " in member-states.tsv");
    if (cols[2].empty() || cols[3].empty()) throw ContentError(path, lineNo, "authority and website are required");
    out.push_back({cols[0], cols[1], cols[2], cols[3]});
  }
  return out;
}

}  // namespace mk
