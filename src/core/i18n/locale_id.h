#pragma once
// ICU locale ids as the kiosk accepts them: a language ("de"), optionally with a
// country ("de_AT") or a script ("sr_Latn"). Used for files, settings and flags.
#include <string_view>

namespace mk {

bool isValidLocaleId(std::string_view locale);

}  // namespace mk
