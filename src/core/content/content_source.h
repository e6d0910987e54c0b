#pragma once
// Reads the human-editable content sources (content/<medicine>/medicine.ini,
// content/<medicine>/<locale>.md, content/member-states.tsv), validates them and
// returns the normalised (NFC) model. Every error names file and line.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/content/content_model.h"

namespace mk {

class ContentError : public std::runtime_error {
 public:
  ContentError(std::string file, int line, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

Brochure parseBrochure(const std::string& path, std::string_view text);
// content/<medicine>/counselling/<locale>.md: the nurse's counselling points.
CounsellingSet parseCounselling(const std::string& path, std::string_view text);
Medicine parseMedicineIni(const std::string& path, std::string_view text);
std::vector<MemberState> parseMemberStates(const std::string& path, std::string_view text);
std::vector<LocalAuthority> parseLocalAuthorities(const std::string& path, std::string_view text,
                                                  const std::vector<MemberState>& states);
ContentSource loadContentSource(const std::filesystem::path& dir);

}  // namespace mk
