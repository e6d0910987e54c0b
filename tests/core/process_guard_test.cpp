// The process-wide protections every program sets first (issue #14 items 1 and 15).
#include <sys/prctl.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "core/base/process_guard.h"

TEST_CASE("restrictUmask leaves new files unreadable by other users", "[security]") {
  mode_t before = ::umask(0);
  mk::restrictUmask();
  mode_t now = ::umask(before);
  CHECK(now == 027);
}

TEST_CASE("disableCoreDumps makes the process not dumpable", "[security]") {
  int before = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
  REQUIRE(before >= 0);
  ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  mk::disableCoreDumps();
  CHECK(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
  ::prctl(PR_SET_DUMPABLE, before, 0, 0, 0);  // the other tests run as before
}
