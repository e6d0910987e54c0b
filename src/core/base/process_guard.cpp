#include "core/base/process_guard.h"

#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <array>
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

std::string userName(unsigned uid) {
  passwd entry{};
  passwd* found = nullptr;
  std::array<char, 1024> buf{};
  std::string id = "uid " + std::to_string(uid);
  if (::getpwuid_r(static_cast<uid_t>(uid), &entry, buf.data(), buf.size(), &found) == 0 && found)
    return found->pw_name + (" (" + id + ")");
  return id;
}

}  // namespace mk
