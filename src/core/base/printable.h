#pragma once
// Text fit for a terminal, the journal or a one-line key=value file, whatever bytes
// it came from (issue #14, item 11: escapes from an unsigned manifest reached stderr,
// stdout and update-status).
// Thread-safety: a pure function.
#include <string>
#include <string_view>

namespace mk {

// C0 and C1 control characters (line feed and carriage return included), DEL and
// bytes that are not well-formed UTF-8 become \xNN; valid UTF-8 text is kept as it is.
std::string printable(std::string_view s);

}  // namespace mk
