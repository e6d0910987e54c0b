// The one strict UTC parser: exactly "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD", dates
// that exist, and nothing else. Metrics use it too, so no second parser drifts.
#include <catch2/catch.hpp>

#include "core/base/utc_time.h"
#include "core/system/metrics.h"

using namespace mk;

TEST_CASE("the UTC parser accepts only a final Z and the exact separators") {
  std::time_t t = 0;
  CHECK(parseUtcTime("2026-11-20T12:00:00Z", t));
  CHECK(t == 1795176000);
  for (const char* bad :
       {"2026-11-20T12:00:00X", "2026-11-20T12:00:00z", "2026-11-20T12:00:00 ", "2026-11-20T12-00:00Z",
        "2026-11-20T12:00-00Z", "2026-11-20 12:00:00Z", "2026/11/20", "2026-11-20Z"}) {
    INFO(bad);
    CHECK_FALSE(parseUtcTime(bad, t));
  }
}

TEST_CASE("metrics read build times with the strict parser: 31 February is no date") {
  CHECK(isoUtcToUnixSeconds("2026-11-20T12:00:00Z") == 1795176000);
  CHECK(isoUtcToUnixSeconds("2026-02-31T12:00:00Z") == 0);
  CHECK(isoUtcToUnixSeconds("2026-11-20T12:00:00X") == 0);
  CHECK(isoUtcToUnixSeconds("yesterday") == 0);
}
