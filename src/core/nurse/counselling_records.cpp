#include "core/nurse/counselling_records.h"
#include "core/base/files.h"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace mk {
namespace fs = std::filesystem;
namespace {

std::string joinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> splitIds(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string id; in >> id;) out.push_back(id);
  return out;
}

}  // namespace

std::string csvField(const std::string& value) {
  // A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV
  // injection"): a leading apostrophe makes it text, and the quotes keep it one cell.
  bool formula = !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  if (!formula && value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = formula ? "\"'" : "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

fs::path exportFileName(const fs::path& dir, std::int64_t nowUnix) {
  std::string stamp = isoMinuteUtc(nowUnix);  // 2026-11-22T08:15Z
  std::string compact;
  for (char c : stamp)
    if (c != '-' && c != ':') compact += c;
  return dir / ("medkiosk-counselling-" + compact + ".csv");
}

std::vector<std::string> counsellingRecordColumns(RecordsDb& records) {
  std::vector<std::string> out;
  Statement st(records.db(), "SELECT name FROM pragma_table_info('counselling_record') ORDER BY cid");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void CounsellingRecords::save(const CounsellingRecord& r, std::int64_t nowUnix) {
  guardRecords("saving a counselling record", [&] {
    Statement(records_.db(),
              "INSERT INTO counselling_record(recorded_at, recorded_minute, medicine, category, patient_locale, "
              "content_version, points_total, points_confirmed, points_not_confirmed, nurse) "
              "VALUES(?,?,?,?,?,?,?,?,?,?)")
        .bind(1, isoMinuteUtc(nowUnix))
        .bind(2, nowUnix / 60)
        .bind(3, r.medicine)
        .bind(4, r.category)
        .bind(5, r.patientLocale)
        .bind(6, std::int64_t{r.contentVersion})
        .bind(7, static_cast<std::int64_t>(r.confirmed.size() + r.notConfirmed.size()))
        .bind(8, joinIds(r.confirmed))
        .bind(9, joinIds(r.notConfirmed))
        .bind(10, r.nurse)
        .run();
  });
}

std::vector<CounsellingRecord> CounsellingRecords::all() {
  return guardRecords("reading counselling records", [&] {
    std::vector<CounsellingRecord> out;
    Statement st(records_.db(),
                 "SELECT recorded_at, medicine, category, patient_locale, content_version, "
                 "points_confirmed, points_not_confirmed, nurse FROM counselling_record ORDER BY id");
    while (st.step()) {
      CounsellingRecord r;
      r.recordedAt = st.text(0);
      r.medicine = st.text(1);
      r.category = st.text(2);
      r.patientLocale = st.text(3);
      r.contentVersion = static_cast<long>(st.integer(4));
      r.confirmed = splitIds(st.text(5));
      r.notConfirmed = splitIds(st.text(6));
      r.nurse = st.text(7);
      out.push_back(std::move(r));
    }
    return out;
  });
}

std::int64_t CounsellingRecords::count() {
  return guardRecords("counting counselling records", [&] {
    Statement st(records_.db(), "SELECT count(*) FROM counselling_record");
    return st.step() ? st.integer(0) : 0;
  });
}

std::int64_t CounsellingRecords::purge(std::int64_t nowUnix, int retentionDays) {
  return guardRecords("purging old counselling records", [&] {
    std::int64_t cutoffMinute = (nowUnix - std::int64_t{retentionDays} * 86400) / 60;
    Statement(records_.db(), "DELETE FROM counselling_record WHERE recorded_minute < ?").bind(1, cutoffMinute).run();
    return std::int64_t{records_.db().changes()};
  });
}

std::int64_t CounsellingRecords::exportCsv(const fs::path& file) {
  std::vector<CounsellingRecord> rows = all();
  std::string csv =
      "recorded_at_utc,medicine,category,patient_locale,content_version,points_total,points_confirmed,"
      "points_not_confirmed,nurse\r\n";
  for (const auto& r : rows) {
    csv += csvField(r.recordedAt) + "," + csvField(r.medicine) + "," + csvField(r.category) + "," +
           csvField(r.patientLocale) + "," + std::to_string(r.contentVersion) + "," +
           std::to_string(r.confirmed.size() + r.notConfirmed.size()) + "," + csvField(joinIds(r.confirmed)) + "," +
           csvField(joinIds(r.notConfirmed)) + "," + csvField(r.nurse) + "\r\n";
  }
  // Records: for the kiosk user alone, like records.db (the content updater shares
  // its group). A directory made here is the kiosk user's alone too.
  std::error_code ec;
  if (fs::create_directories(file.parent_path(), ec))
    fs::permissions(file.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) throw std::runtime_error("cannot create " + file.parent_path().string() + ": " + ec.message());
  writeFileAtomically(file, csv, 0600);
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace mk
