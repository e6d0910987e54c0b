#include "core/base/memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older C library headers lack it
#endif

namespace mk {

bool populateForWriting(void* data, std::size_t size) {
  if (data == nullptr) return false;
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  // Only whole pages inside the buffer: the ones at its ends may hold other data.
  const std::size_t skip = (page - reinterpret_cast<std::uintptr_t>(data) % page) % page;
  if (size <= skip) return false;
  const std::size_t length = (size - skip) / page * page;
  if (length == 0) return false;
  return ::madvise(static_cast<char*>(data) + skip, length, MADV_POPULATE_WRITE) == 0;
}

}  // namespace mk
