#include "core/i18n/locale_id.h"

#include <regex>
#include <string>

namespace mk {

namespace {
const std::regex kLocaleId("^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$");

}  // namespace

bool isValidLocaleId(std::string_view locale) { return std::regex_match(std::string(locale), kLocaleId); }

}  // namespace mk
