#include <catch2/catch.hpp>

#include "core/session/frame_guard.h"
#include "test_support.h"

using namespace mk;

TEST_CASE("failing frames are counted in a row and the limit asks to exit") {
  test::LogCapture logs;
  FrameGuard guard(3);
  CHECK_FALSE(guard.failed("first"));
  CHECK_FALSE(guard.failed("second"));
  CHECK(guard.failuresInARow() == 2);
  guard.succeeded();  // a good frame in between starts the count again
  CHECK(guard.failuresInARow() == 0);
  CHECK_FALSE(guard.failed("a"));
  CHECK_FALSE(guard.failed("b"));
  CHECK(guard.failed("c"));
  CHECK(logs.contains("frame failed (1 of 3 in a row): first"));
  CHECK(logs.contains("frame failed (3 of 3 in a row): c"));
  CHECK(logs.contains("3 frames in a row failed; exiting"));
}

TEST_CASE("a frame guard allows at least one failure") {
  FrameGuard guard(0);
  CHECK(guard.limit() == 1);
  CHECK(guard.failed("only"));
}
