// content/<medicine>/reviews/<locale>.tsv: the review records, what they cover and
// the status each text gets from them (see reviews.h).
#include "core/content/reviews.h"

#include <sodium.h>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "core/base/utc_time.h"
#include "core/content/content_source.h"
#include "core/content/source_text.h"
#include "core/i18n/locale_id.h"

namespace mk {
namespace fs = std::filesystem;

using namespace source_text;  // the shared parsing helpers of the content sources

namespace {

constexpr const char* kColumns = "item\treviewer\trole\tdate\ttext_sha256\tenglish_sha256";

const Brochure* brochureIn(const Medicine& med, const std::string& locale) {
  for (const auto& b : med.brochures)
    if (b.locale == locale) return &b;
  return nullptr;
}

const CounsellingSet* counsellingIn(const Medicine& med, const std::string& locale) {
  for (const auto& c : med.counselling)
    if (c.locale == locale) return &c;
  return nullptr;
}

std::string warningText(const Brochure& b) { return b.title + "\n" + b.subtitle + "\n" + b.warning + "\n"; }
std::string sectionText(const Section& s) { return s.title + "\n" + s.body; }
std::string pointText(const CounsellingPoint& p) { return p.title + "\n" + p.body + "\n"; }

void addBrochureItems(const Brochure& b, const Brochure* en, std::vector<ReviewItem>& out) {
  bool translation = b.locale != "en";
  out.push_back({"warning", b.title, warningText(b), translation && en ? warningText(*en) : std::string()});
  for (const auto& s : b.sections) {
    const Section* es = en ? en->section(s.id) : nullptr;
    out.push_back({"section/" + s.id, s.title, sectionText(s), translation && es ? sectionText(*es) : std::string()});
  }
}

void addPointItems(const CounsellingSet& c, const CounsellingSet* en, std::vector<ReviewItem>& out) {
  bool translation = c.locale != "en";
  for (const auto& p : c.points) {
    std::string english;
    if (translation && en)
      for (const auto& e : en->points)
        if (e.id == p.id) english = pointText(e);
    out.push_back({"point/" + p.id, p.title, pointText(p), english});
  }
}

bool isHex64(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isIsoDate(const std::string& s) {
  std::time_t t = 0;
  return s.size() == 10 && parseUtcTime(s, t);
}

bool isItemName(const std::string& item) {
  if (item == "warning") return true;
  for (const char* prefix : {"section/", "point/"}) {
    std::string_view p(prefix);
    if (item.rfind(p, 0) != 0 || item.size() == p.size()) continue;
    return std::all_of(item.begin() + static_cast<long>(p.size()), item.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
  }
  return false;
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  out.push_back(line.substr(start));
  return out;
}

// The fields of one record line, each checked; throws naming the line.
ReviewRecord parseRecord(const std::string& path, int lineNo, const std::string& locale, const std::string& line) {
  auto fail = [&](const std::string& why) { throw ContentError(path, lineNo, why); };
  std::vector<std::string> f = splitTabs(line);
  if (f.size() != 6)
    fail("expected 6 fields separated by tabs (" + std::string(kColumns) + "), found " + std::to_string(f.size()));
  for (auto& field : f) field = trim(field);
  ReviewRecord r{f[0], f[1], f[2], f[3], f[4], f[5] == "-" ? std::string() : f[5], lineNo};
  if (!isItemName(r.item)) fail("'" + r.item + "' is not a text: warning, section/<id> or point/<id>");
  if (r.reviewer.empty()) fail("the reviewer's name is empty");
  if (!isReviewRole(r.role, locale))
    fail("role '" + r.role + "' is not " +
         (locale == "en" ? std::string("pharmacist, physician or nurse")
                         : "'native-speaking' and pharmacist, physician or nurse (a translation is reviewed by a "
                           "native speaker)"));
  if (!isIsoDate(r.date)) fail("date '" + r.date + "' is not a date YYYY-MM-DD");
  if (!isHex64(r.textSha256)) fail("text_sha256 is not 64 lower-case hex digits");
  if (locale == "en" && f[5] != "-") fail("english_sha256 is '-' in the English file");
  if (locale != "en" && !isHex64(r.englishSha256))
    fail(
        "english_sha256 is not 64 lower-case hex digits (a translation records the English text it was checked "
        "against)");
  return r;
}

ReviewState stateOf(const Medicine& med, const std::string& locale, const ReviewItem& it, const ReviewFile* file) {
  ReviewState st{med.id, locale, it.item, ReviewStatus::Unreviewed, sha256Hex(it.text), {}, std::nullopt};
  bool english = locale == "en";
  if (!english) st.englishSha256 = sha256Hex(it.english);
  if (file)
    for (const auto& r : file->records)
      if (r.item == it.item) st.record = r;
  bool covers = st.record && st.record->textSha256 == st.textSha256;
  if (!covers)
    st.status = english ? ReviewStatus::Pending : ReviewStatus::Unreviewed;
  else if (english || st.record->englishSha256 == st.englishSha256)
    st.status = ReviewStatus::Reviewed;
  else
    st.status = ReviewStatus::Outdated;
  return st;
}

std::vector<std::string> localesOf(const Medicine& med) {
  std::set<std::string> all;
  for (const auto& b : med.brochures) all.insert(b.locale);
  for (const auto& c : med.counselling) all.insert(c.locale);
  std::vector<std::string> out;
  if (all.erase("en")) out.emplace_back("en");
  out.insert(out.end(), all.begin(), all.end());
  return out;
}

// Every record names a text the locale has.
void checkRecords(const Medicine& med, const ReviewFile& file) {
  std::vector<ReviewItem> items = reviewItems(med, file.locale);
  if (items.empty())
    throw ContentError(file.path, 1, "there is no brochure or counselling file in '" + file.locale + "' to review");
  for (const auto& r : file.records)
    if (std::none_of(items.begin(), items.end(), [&](const ReviewItem& i) { return i.item == r.item; }))
      throw ContentError(file.path, r.line,
                         "'" + r.item + "' is not a text of the " + file.locale +
                             " content (a section left to the fallback chain cannot be reviewed here)");
}

}  // namespace

bool isReviewRole(std::string_view role, const std::string& locale) {
  if (locale != "en") {
    if (role.substr(0, kNativeSpeaking.size()) != kNativeSpeaking) return false;
    role.remove_prefix(kNativeSpeaking.size());
  }
  return std::find(std::begin(kReviewRoles), std::end(kReviewRoles), role) != std::end(kReviewRoles);
}

std::string sha256Hex(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<ReviewItem> reviewItems(const Medicine& med, const std::string& locale) {
  std::vector<ReviewItem> out;
  if (const Brochure* b = brochureIn(med, locale)) addBrochureItems(*b, brochureIn(med, "en"), out);
  if (const CounsellingSet* c = counsellingIn(med, locale)) addPointItems(*c, counsellingIn(med, "en"), out);
  return out;
}

std::vector<ReviewState> reviewStates(const Medicine& med) {
  std::vector<ReviewState> out;
  for (const auto& locale : localesOf(med)) {
    const ReviewFile* file = nullptr;
    for (const auto& f : med.reviews)
      if (f.locale == locale) file = &f;
    for (const auto& it : reviewItems(med, locale)) out.push_back(stateOf(med, locale, it, file));
  }
  return out;
}

ReviewFile parseReviewFile(const std::string& path, const std::string& locale, std::string_view text) {
  ReviewFile file{locale, path, {}};
  std::vector<std::string> lines = splitLines(path, text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i]).empty() || lines[i][0] == '#') continue;
    ReviewRecord r = parseRecord(path, static_cast<int>(i) + 1, locale, lines[i]);
    for (const auto& earlier : file.records)
      if (earlier.item == r.item)
        throw ContentError(path, r.line,
                           "a second review of '" + r.item + "' (the first is on line " + std::to_string(earlier.line) +
                               "); keep one line per text");
    file.records.push_back(std::move(r));
  }
  return file;
}

std::string formatReviewFile(const Medicine& med, const ReviewFile& file) {
  std::string out = "# Clinical reviews of the " + file.locale + " texts of " + med.id +
                    ": one line per text, written by\n"
                    "# 'medkiosk-content review sign' (see content/README.md). A review counts only while the\n"
                    "# SHA-256 of the text (and, for a translation, of the English text) is the one recorded.\n"
                    "# " +
                    kColumns + "\n";
  std::vector<ReviewRecord> records = file.records;
  std::vector<ReviewItem> items = reviewItems(med, file.locale);
  auto rank = [&](const ReviewRecord& r) {
    auto it = std::find_if(items.begin(), items.end(), [&](const ReviewItem& i) { return i.item == r.item; });
    return it - items.begin();
  };
  std::stable_sort(records.begin(), records.end(),
                   [&](const ReviewRecord& a, const ReviewRecord& b) { return rank(a) < rank(b); });
  for (const auto& r : records)
    out += r.item + "\t" + r.reviewer + "\t" + r.role + "\t" + r.date + "\t" + r.textSha256 + "\t" +
           (r.englishSha256.empty() ? std::string("-") : r.englishSha256) + "\n";
  return out;
}

ReviewFile withReview(const Medicine& med, const std::string& locale, ReviewRecord record) {
  auto fail = [](const std::string& why) { throw std::invalid_argument(why); };
  std::vector<ReviewItem> items = reviewItems(med, locale);
  auto it = std::find_if(items.begin(), items.end(), [&](const ReviewItem& i) { return i.item == record.item; });
  if (it == items.end()) fail("the " + locale + " content of " + med.id + " has no text '" + record.item + "'");
  if (record.reviewer.empty() || record.reviewer != trim(record.reviewer) ||
      record.reviewer.find_first_of("\t\r\n") != std::string::npos)
    fail("the reviewer's name must be given, without tabs, line breaks or spaces at either end");
  if (!isReviewRole(record.role, locale)) fail("role '" + record.role + "' is not allowed for " + locale);
  if (!isIsoDate(record.date)) fail("'" + record.date + "' is not a date YYYY-MM-DD");
  record.textSha256 = sha256Hex(it->text);
  record.englishSha256 = locale == "en" ? std::string() : sha256Hex(it->english);
  ReviewFile file{locale, {}, {}};
  for (const auto& f : med.reviews)
    if (f.locale == locale) file = f;
  auto old = std::find_if(file.records.begin(), file.records.end(),
                          [&](const ReviewRecord& r) { return r.item == record.item; });
  if (old != file.records.end())
    *old = record;
  else
    file.records.push_back(record);
  return file;
}

void applyReviewStatus(Medicine& med) {
  for (const auto& st : reviewStates(med)) {
    Review r{st.status, {}, {}};
    if (st.status == ReviewStatus::Reviewed || st.status == ReviewStatus::Outdated) {
      r.reviewer = st.record->reviewer;
      r.reviewedOn = st.record->date;
    }
    for (auto& b : med.brochures) {
      if (b.locale != st.locale) continue;
      if (st.item == "warning") b.warningReview = r;
      for (auto& s : b.sections)
        if (st.item == "section/" + s.id) s.review = r;
    }
    for (auto& c : med.counselling) {
      if (c.locale != st.locale) continue;
      for (auto& p : c.points)
        if (st.item == "point/" + p.id) p.review = r;
    }
  }
}

namespace source_text {

void loadReviews(const fs::path& dir, Medicine& med) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".tsv")
        throw ContentError(entry.path().string(), 0, "not a review file: reviews/ holds only <locale>.tsv files");
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string locale = f.stem().string();
      if (!isValidLocaleId(locale))
        throw ContentError(f.string(), 0, "'" + locale + "' is not a locale id like en or de_AT");
      ReviewFile file = parseReviewFile(f.string(), locale, readFile(f));
      checkRecords(med, file);
      med.reviews.push_back(std::move(file));
    }
  }
  applyReviewStatus(med);
}

}  // namespace source_text

}  // namespace mk
