// medkiosk-content review sign and review-status, and the outdated texts that check
// lists: clinical reviews recorded by the hash of the text reviewed
// (core/content/reviews.h).
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base/files.h"
#include "core/base/utc_time.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/content/reviews.h"
#include "tools/content_commands.h"

namespace content_tool {
namespace fs = std::filesystem;
namespace {

// "--flag value" pairs and bare switches after the first `from` arguments; false with
// `error` set for anything else.
struct Flags {
  std::map<std::string, std::string> values;
  std::set<std::string> switches;
  std::string get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  }
};

bool parseFlags(int argc, char** argv, int from, const std::set<std::string>& withValue,
                const std::set<std::string>& switches, Flags& out, std::string& error) {
  for (int i = from; i < argc; ++i) {
    std::string a = argv[i];
    if (switches.count(a)) {
      out.switches.insert(a);
    } else if (withValue.count(a)) {
      if (i + 1 >= argc) {
        error = a + " needs a value";
        return false;
      }
      if (out.values.count(a)) {
        error = a + " is given twice";
        return false;
      }
      out.values[a] = argv[++i];
    } else {
      error = "unknown argument '" + a + "'";
      return false;
    }
  }
  return true;
}

std::string today() { return mk::formatUtcTime(std::time(nullptr)).substr(0, 10); }

// A date YYYY-MM-DD that exists and is not after today.
bool isReviewDate(const std::string& date, std::string& error) {
  std::time_t t = 0;
  if (date.size() != 10 || !mk::parseUtcTime(date, t)) {
    error = "--date takes a date YYYY-MM-DD, not '" + date + "'";
    return false;
  }
  if (date > today()) {
    error = "--date " + date + " is in the future";
    return false;
  }
  return true;
}

const mk::Medicine* findMedicine(const mk::ContentSource& src, const std::string& id, std::string& error) {
  if (id.empty() && src.medicines.size() == 1) return &src.medicines.front();
  std::string ids;
  for (const auto& m : src.medicines) {
    if (m.id == id) return &m;
    ids += (ids.empty() ? "" : ", ") + m.id;
  }
  error = id.empty() ? "--medicine is needed: the content has " + ids : "no medicine '" + id + "' (" + ids + ")";
  return nullptr;
}

// The record `review sign` writes, from its flags; empty item with `error` when they
// do not make one.
mk::ReviewRecord recordFromFlags(const Flags& f, std::string& error) {
  mk::ReviewRecord r;
  int items = static_cast<int>(f.values.count("--section") + f.values.count("--point") + f.switches.count("--warning"));
  if (items != 1) {
    error = "review sign needs exactly one of --section ID, --point ID or --warning";
    return {};
  }
  r.item = f.switches.count("--warning") ? std::string("warning")
           : f.values.count("--section") ? "section/" + f.get("--section")
                                         : "point/" + f.get("--point");
  r.reviewer = f.get("--reviewer");
  r.role = f.get("--role");
  r.date = f.values.count("--date") ? f.get("--date") : today();
  const std::string locale = f.get("--locale");
  if (std::find(std::begin(mk::kReviewRoles), std::end(mk::kReviewRoles), r.role) == std::end(mk::kReviewRoles))
    error = "--role takes pharmacist, physician or nurse";
  else if (locale != "en" && !f.switches.count("--native-speaker"))
    error = "a translation is reviewed by a native speaker of its language: confirm it with --native-speaker";
  else if (locale == "en" && f.switches.count("--native-speaker"))
    error = "--native-speaker is for the review of a translation";
  else if (r.reviewer.empty() || r.reviewer.find_first_of("\t\r\n") != std::string::npos)
    error = "--reviewer takes the reviewer's name (no tabs or line breaks)";
  else
    isReviewDate(r.date, error);
  if (locale != "en") r.role = std::string(mk::kNativeSpeaking) + r.role;
  if (!error.empty()) r.item.clear();
  return r;
}

int sign(const std::string& srcDir, const Flags& f) {
  std::string error;
  mk::ReviewRecord record = recordFromFlags(f, error);
  if (record.item.empty()) return usageError(error);
  const std::string locale = f.get("--locale");
  mk::ContentSource src = mk::loadContentSource(srcDir);
  const mk::Medicine* med = findMedicine(src, f.get("--medicine"), error);
  if (!med) return usageError(error);
  mk::ReviewFile file = mk::withReview(*med, locale, record);
  // The hash printed on the sign-off sheet: the text signed on paper is the text now.
  const std::string expect = f.get("--expect-sha256");
  for (const auto& r : file.records)
    if (r.item == record.item && !expect.empty() && r.textSha256.rfind(expect, 0) != 0) {
      std::fprintf(stderr,
                   "medkiosk-content: review sign: %s %s has changed since the review pack was made (its SHA-256 "
                   "is %s, the sheet says %s...); nothing recorded: make a new pack and review it again\n",
                   locale.c_str(), record.item.c_str(), r.textSha256.c_str(), expect.c_str());
      return 1;
    }
  fs::path out = fs::path(srcDir) / med->id / "reviews" / (locale + ".tsv");
  fs::create_directories(out.parent_path());
  mk::writeFileAtomically(out, mk::formatReviewFile(*med, file));
  for (const auto& r : file.records)
    if (r.item == record.item)
      std::printf("%s %s: reviewed by %s, %s, on %s (text sha256 %s); written to %s\n", locale.c_str(), r.item.c_str(),
                  r.reviewer.c_str(), r.role.c_str(), r.date.c_str(), r.textSha256.c_str(), out.c_str());
  // A translation checked against English that is not reviewed itself is worth a note.
  for (const auto& st : mk::reviewStates(*med))
    if (locale != "en" && st.locale == "en" && st.item == record.item && st.status != mk::ReviewStatus::Reviewed)
      std::printf("note: the English text of %s is not reviewed yet\n", record.item.c_str());
  return 0;
}

std::string describe(const mk::ReviewState& st) {
  std::string status(mk::toString(st.status));
  if (!st.record) return status;
  const auto& r = *st.record;
  std::string who = r.reviewer + ", " + r.role + ", " + r.date;
  switch (st.status) {
    case mk::ReviewStatus::Reviewed:
      return status + "  " + who;
    case mk::ReviewStatus::Outdated:
      return status + "  " + who + ": the English text changed after this review";
    case mk::ReviewStatus::Pending:
    case mk::ReviewStatus::Unreviewed:
      break;
  }
  return status + "  (the text changed after the review by " + who + ")";
}

std::vector<mk::ReviewState> statesOf(const std::string& input, const std::string& medicine) {
  std::vector<mk::ReviewState> out;
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    mk::ContentSource src = mk::loadContentSource(input);
    for (const auto& m : src.medicines)
      if (medicine.empty() || m.id == medicine)
        for (auto& st : mk::reviewStates(m)) out.push_back(std::move(st));
    return out;
  }
  mk::ContentDb db(input);
  for (const auto& m : db.medicines())
    if (medicine.empty() || m.id == medicine)
      for (auto& st : db.reviewStates(m.id)) out.push_back(std::move(st));
  return out;
}

// One block per medicine and locale: a count, then each text with its status.
void printStates(const std::vector<mk::ReviewState>& states) {
  for (size_t i = 0; i < states.size();) {
    size_t end = i;
    std::map<mk::ReviewStatus, int> count;
    while (end < states.size() && states[end].locale == states[i].locale && states[end].medicine == states[i].medicine)
      ++count[states[end++].status];
    int notReviewed = count[mk::ReviewStatus::Pending] + count[mk::ReviewStatus::Unreviewed];
    std::printf("%s %s: %zu texts: %d reviewed, %d outdated, %d %s\n", states[i].medicine.c_str(),
                states[i].locale.c_str(), end - i, count[mk::ReviewStatus::Reviewed], count[mk::ReviewStatus::Outdated],
                notReviewed, states[i].locale == "en" ? "pending" : "unreviewed");
    for (; i < end; ++i) std::printf("  %-24s %s\n", states[i].item.c_str(), describe(states[i]).c_str());
  }
}

}  // namespace

int review(int argc, char** argv) {
  if (argc < 4 || std::string(argv[2]) != "sign")
    return usageError("review needs: sign SRC_DIR --locale L --section ID|--point ID|--warning ...");
  Flags f;
  std::string error;
  if (!parseFlags(
          argc, argv, 4,
          {"--locale", "--section", "--point", "--reviewer", "--role", "--date", "--medicine", "--expect-sha256"},
          {"--warning", "--native-speaker"}, f, error))
    return usageError(error);
  const std::string expect = f.get("--expect-sha256");
  if (f.values.count("--expect-sha256") &&
      (expect.size() < 16 || expect.size() > 64 || expect.find_first_not_of("0123456789abcdef") != std::string::npos))
    return usageError("--expect-sha256 takes the start of the text's SHA-256 (16 to 64 lower-case hex digits)");
  if (f.get("--locale").empty() || f.get("--reviewer").empty() || f.get("--role").empty())
    return usageError("review sign needs --locale, --reviewer and --role");
  try {
    return sign(argv[3], f);
  } catch (const mk::ContentError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: review sign: %s\n", e.what());
  }
  return 1;
}

int reviewStatus(int argc, char** argv) {
  if (argc < 3) return usageError("review-status needs SRC_DIR or DB");
  Flags f;
  std::string error;
  if (!parseFlags(argc, argv, 3, {"--locale", "--require", "--medicine"}, {}, f, error)) return usageError(error);
  if (f.values.count("--require") && f.get("--require") != "reviewed") return usageError("--require takes 'reviewed'");
  try {
    std::vector<mk::ReviewState> states;
    for (auto& st : statesOf(argv[2], f.get("--medicine")))
      if (f.get("--locale").empty() || st.locale == f.get("--locale")) states.push_back(std::move(st));
    if (states.empty()) {
      std::fprintf(stderr, "medkiosk-content: %s has no texts%s%s\n", argv[2],
                   f.get("--locale").empty() ? "" : " in locale ", f.get("--locale").c_str());
      return 1;
    }
    printStates(states);
    size_t missing = 0;
    for (const auto& st : states) missing += st.status != mk::ReviewStatus::Reviewed;
    if (f.values.count("--require") && missing > 0) {
      std::fprintf(stderr, "medkiosk-content: %zu of %zu texts are not reviewed (--require reviewed)\n", missing,
                   states.size());
      return 1;
    }
    return 0;
  } catch (const mk::ContentError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
  }
  return 1;
}

int printOutdated(const mk::ContentDb& db, const std::string& name) {
  int outdated = 0;
  for (const auto& m : db.medicines())
    for (const auto& st : db.reviewStates(m.id))
      if (st.status == mk::ReviewStatus::Outdated) {
        std::printf("%s: outdated: %s/%s %s: the English text changed after this translation was reviewed (%s, %s)\n",
                    name.c_str(), m.id.c_str(), st.locale.c_str(), st.item.c_str(), st.record->reviewer.c_str(),
                    st.record->date.c_str());
        ++outdated;
      }
  if (outdated)
    std::printf("%s: %d outdated translation(s): review them again against the English text\n", name.c_str(), outdated);
  return outdated;
}

}  // namespace content_tool
