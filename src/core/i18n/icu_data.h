#pragma once
// The ICU data the kiosk reads. The system's libicudata holds every locale ICU knows
// (31 MB); each locale the kiosk touches pages in its neighbours too, so after all 24
// languages were shown 7.4 MB of it was resident. The build makes a copy without the
// locales of languages the kiosk has no UI strings for (scripts/icu-data, 7.5 MB), and
// medkiosk maps it in place of the system's: 4.0 MB resident for the same work.
//
// It must be installed before anything uses ICU. ICU then looks up every item in it
// first, and an item it lacks (a language without UI strings, such as Ukrainian) in the
// system's data, as before: nothing is lost, only that item's pages come from the
// bigger file. IcuData checks the file's structure first; when the file is missing or
// unusable, ICU keeps the system's data and the caller logs why.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace mk {

// What is wrong with `bytes` as ICU common data for the ICU this was built with
// (empty: nothing): not common data, another byte order or ICU version, or a table
// of contents pointing past the end (a cut-short file).
std::string icuCommonDataProblem(std::string_view bytes);

class IcuData {
 public:
  // Maps `file` and hands it to ICU (udata_setCommonData). Call it once, first.
  explicit IcuData(const std::filesystem::path& file);
  // The mapping stays for the life of the process once ICU has it: ICU keeps
  // pointers into it in its caches until exit.
  ~IcuData();
  IcuData(const IcuData&) = delete;
  IcuData& operator=(const IcuData&) = delete;

  bool installed() const { return installed_; }
  // Why the system's data is used instead (empty when installed).
  const std::string& problem() const { return problem_; }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  bool installed_ = false;
  std::string problem_;
};

// The ICU data file for this ICU version in `dataDir` (<dataDir>/icu/icudt72l.dat).
std::filesystem::path icuDataFile(const std::filesystem::path& dataDir);

}  // namespace mk
