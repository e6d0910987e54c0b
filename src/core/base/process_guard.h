#pragma once
// What every Medkiosk program sets before anything else (issue #14 items 1 and 15):
// a 027 umask, so nothing it creates (records, exports, content, metrics) is
// readable or writable by other users of the box, whatever umask it was started
// with; and, in the programs that take a PIN (medkiosk, medkiosk-admin), no core
// dump, because a dump would hold the PIN being typed and the records in memory.
#include <string>

namespace mk {

inline constexpr unsigned kProcessUmask = 027;

// Sets the umask to kProcessUmask.
void restrictUmask();

// prctl(PR_SET_DUMPABLE, 0): no core file, and other processes of the same user
// can no longer ptrace this one or read its memory. Throws std::runtime_error
// when the kernel refuses.
void disableCoreDumps();

// "medkiosk (uid 998)", or "uid 998" for a uid with no name: for messages about who
// owns a file and who runs the program.
std::string userName(unsigned uid);

}  // namespace mk
