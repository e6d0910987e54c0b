#include "core/session/frame_guard.h"

#include <string>

#include "core/base/log.h"

namespace mk {

bool FrameGuard::failed(std::string_view what) {
  ++failuresInARow_;
  log::error("loop", "frame failed (" + std::to_string(failuresInARow_) + " of " + std::to_string(limit_) +
                         " in a row): " + std::string(what));
  if (failuresInARow_ < limit_) return false;
  log::error("loop", std::to_string(limit_) + " frames in a row failed; exiting so that systemd restarts the kiosk");
  return true;
}

}  // namespace mk
