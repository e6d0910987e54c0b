#pragma once
// What a completed counselling walk-through leaves behind: time to the minute,
// medicine, patient group, the patient's language, content version, which points
// were confirmed, and the nurse's pseudonym. Never a name, a date of birth, free
// text or anything else that identifies the patient.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/nurse/records_db.h"

namespace mk {

struct CounsellingRecord {
  std::string recordedAt;  // ISO 8601 UTC to the minute (filled in by save)
  std::string medicine;
  std::string category;
  std::string patientLocale;
  long contentVersion = 0;
  std::vector<std::string> confirmed;     // point ids
  std::vector<std::string> notConfirmed;  // point ids
  std::string nurse;
};

// The columns of the counselling_record table; tests check none can hold an
// identifier.
std::vector<std::string> counsellingRecordColumns(RecordsDb& records);

class CounsellingRecords {
 public:
  explicit CounsellingRecords(RecordsDb& records) : records_(records) {}
  // Throws RecordsUnavailable.
  void save(const CounsellingRecord& record, std::int64_t nowUnix);
  std::vector<CounsellingRecord> all();
  std::int64_t count();
  // Deletes records older than `retentionDays`; returns how many.
  std::int64_t purge(std::int64_t nowUnix, int retentionDays);
  // Writes every kept record as CSV (RFC 4180, UTF-8) to `file`, atomically.
  // Returns the number of records. Throws RecordsUnavailable or std::runtime_error.
  std::int64_t exportCsv(const std::filesystem::path& file);

 private:
  RecordsDb& records_;
};

// medkiosk-counselling-20261122T0815Z.csv in `dir`.
std::filesystem::path exportFileName(const std::filesystem::path& dir, std::int64_t nowUnix);
std::string csvField(const std::string& value);

}  // namespace mk
