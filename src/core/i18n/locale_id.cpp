#include "core/i18n/locale_id.h"

#include <regex>
#include <string>

namespace mk {

bool isValidLocaleId(std::string_view locale) {
  static const std::regex re("^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$");
  return std::regex_match(std::string(locale), re);
}

}  // namespace mk
