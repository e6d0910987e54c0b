#pragma once
// UTC times as text: the one strict parser and the formats used for manifests,
// content build times, records and the audit log.
#include <ctime>
#include <string>
#include <string_view>

namespace mk {

// "2027-06-30T00:00:00Z" or "2027-06-30" (midnight UTC); false when malformed or
// the date does not exist (31 February).
bool parseUtcTime(std::string_view text, std::time_t& out);
// "2027-06-30T12:34:56Z".
std::string formatUtcTime(std::time_t t);
// "2027-06-30T12:34Z": to the minute.
std::string formatUtcMinute(std::time_t t);

}  // namespace mk
