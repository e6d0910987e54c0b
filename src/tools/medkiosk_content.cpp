// medkiosk-content: builds, checks and exports the content database. Links core only.
// The commands are in content_commands.cpp, content_signing.cpp,
// content_xliff_commands.cpp, content_review.cpp and review_pack.cpp.
#include <cstdio>
#include <string>

#include "core/base/process_guard.h"
#include "tools/content_commands.h"

namespace {

const char* kUsage =
    "Usage:\n"
    "  medkiosk-content build SRC_DIR -o DB [--pseudo] [--content-version N]\n"
    "  medkiosk-content check DB [--locales DIR]\n"
    "  medkiosk-content export DB --medicine M --locale LOC --format text|html|json\n"
    "  medkiosk-content keygen --out PREFIX\n"
    "  medkiosk-content sign DB --key PREFIX.key --expires YYYY-MM-DD [--min-app-version V] [--channel NAME] --out "
    "DIR\n"
    "  medkiosk-content verify DIR --public-key KEY [--public-key KEY]\n"
    "  medkiosk-content xliff export SRC_DIR --locale LOC [-o FILE]\n"
    "  medkiosk-content xliff import SRC_DIR FILE [--locale LOC] [--dry-run]\n"
    "  medkiosk-content review sign SRC_DIR --locale LOC --section ID|--point ID|--warning --reviewer NAME\n"
    "                   --role pharmacist|physician|nurse [--native-speaker] [--date YYYY-MM-DD]\n"
    "                   [--expect-sha256 HEX] [--medicine M]\n"
    "  medkiosk-content review-status SRC_DIR|DB [--locale LOC] [--medicine M] [--require reviewed]\n"
    "  medkiosk-content review-pack SRC_DIR --locale LOC --out DIR [--medicine M]\n";

}  // namespace

namespace content_tool {

int usageError(const std::string& message) {
  std::fprintf(stderr, "medkiosk-content: %s\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace content_tool

int main(int argc, char** argv) {
  mk::restrictUmask();  // issue #14: what the tool writes is not for other users
  if (argc < 2) return content_tool::usageError("a command is needed");
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::printf("medkiosk-content %s\n", MEDKIOSK_VERSION);
    return 0;
  }
  if (cmd == "build") return content_tool::build(argc, argv);
  if (cmd == "check") return content_tool::check(argc, argv);
  if (cmd == "export") return content_tool::exportCmd(argc, argv);
  if (cmd == "keygen") return content_tool::keygen(argc, argv);
  if (cmd == "sign") return content_tool::sign(argc, argv);
  if (cmd == "verify") return content_tool::verify(argc, argv);
  if (cmd == "xliff") return content_tool::xliff(argc, argv);
  if (cmd == "review") return content_tool::review(argc, argv);
  if (cmd == "review-status") return content_tool::reviewStatus(argc, argv);
  if (cmd == "review-pack") return content_tool::reviewPack(argc, argv);
  return content_tool::usageError("unknown command '" + cmd + "'");
}
