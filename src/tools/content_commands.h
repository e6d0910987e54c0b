#pragma once
// The commands of medkiosk-content, which main (medkiosk_content.cpp) runs. Each
// takes main's arguments (argv[1] is the command) and returns the exit code: 0 done,
// 1 failed (the reason on stderr), 2 wrong usage (usageError).
#include <functional>
#include <string>

namespace mk {
class ContentDb;
struct Block;
}  // namespace mk

namespace content_tool {

// Prints "medkiosk-content: MESSAGE" and the usage to stderr; returns 2.
int usageError(const std::string& message);

// The content database (content_commands.cpp).
int build(int argc, char** argv);
int check(int argc, char** argv);
int exportCmd(int argc, char** argv);

// Signing keys and signed bundles (content_signing.cpp).
int keygen(int argc, char** argv);
int sign(int argc, char** argv);
int verify(int argc, char** argv);

// The translators' exchange, XLIFF export and import (content_xliff_commands.cpp).
int xliff(int argc, char** argv);

// Clinical reviews: recording one, the status of every text, the outdated texts that
// check lists (returns how many), and the reviewer's pack (content_review.cpp,
// review_pack.cpp).
int review(int argc, char** argv);
int reviewStatus(int argc, char** argv);
int printOutdated(const mk::ContentDb& db, const std::string& name);
int reviewPack(int argc, char** argv);

// HTML for `export --format html` and the review pack (html_text.cpp): text with
// <, >, & and " escaped, and a block's spans with <em> and <strong>, each span's text
// made HTML by `text` (escaping by default).
std::string htmlEscape(const std::string& s);
std::string spansHtml(const mk::Block& b, const std::function<std::string(const std::string&)>& text = htmlEscape);

}  // namespace content_tool
