// Populating a buffer that is about to be written whole: its pages are present
// afterwards, what it held is kept, and the pages at its ends (which it may share
// with other data) are left alone.
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <vector>

#include "core/base/memory.h"

using namespace mk;

namespace {

// Pages of [p, p + pages * page) that are in memory.
std::size_t resident(char* p, std::size_t pages, std::size_t page) {
  std::vector<unsigned char> in(pages);
  REQUIRE(::mincore(p, pages * page, in.data()) == 0);
  std::size_t n = 0;
  for (unsigned char c : in) n += c & 1;
  return n;
}

// MADV_POPULATE_WRITE came with Linux 5.14; Debian 12's kernel is 6.1.
bool kernelCanPopulate() {
  utsname u{};
  int major = 0, minor = 0;
  return ::uname(&u) == 0 && std::sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
         (major > 5 || (major == 5 && minor >= 14));
}

}  // namespace

TEST_CASE("a buffer populated for writing has its pages present and keeps its contents") {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t pages = 64;
  auto* p =
      static_cast<char*>(::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  REQUIRE(p != MAP_FAILED);
  p[3 * page + 7] = 'k';  // written before: kept
  CHECK(resident(p, pages, page) == 1);
  // From inside the first page to inside the last: only the whole pages between.
  bool done = populateForWriting(p + 100, pages * page - 200);
  CHECK(done == kernelCanPopulate());
  if (done) {
    // Neither end page lies whole in the range: pages 1 to 62 are present, 0 and 63 not.
    CHECK(resident(p, pages, page) == pages - 2);
    CHECK(resident(p, 1, page) == 0);
    CHECK(resident(p + (pages - 1) * page, 1, page) == 0);
  }
  CHECK(p[3 * page + 7] == 'k');
  CHECK(p[10 * page] == 0);
  ::munmap(p, pages * page);
}

TEST_CASE("populating nothing, or less than a page, does nothing and says so") {
  CHECK_FALSE(populateForWriting(nullptr, 1 << 20));
  char small[100] = {};
  CHECK_FALSE(populateForWriting(small, sizeof small));
  CHECK(small[0] == 0);
}
