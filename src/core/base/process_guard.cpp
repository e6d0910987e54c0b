#include "core/base/process_guard.h"

#include <sys/prctl.h>
#include <sys/stat.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace mk {

void restrictUmask() { ::umask(static_cast<mode_t>(kProcessUmask)); }

void disableCoreDumps() {
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    throw std::runtime_error(std::string("cannot turn core dumps off (prctl PR_SET_DUMPABLE): ") +
                             std::strerror(errno));
}

}  // namespace mk
