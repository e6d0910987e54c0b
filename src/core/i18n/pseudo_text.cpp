#include "core/i18n/pseudo_text.h"

namespace mk {
namespace {

// Accented forms from Latin-1 and Latin Extended-A, which every kiosk font carries.
std::string_view accented(char c) {
  switch (c) {
    case 'a':
      return "á";
    case 'e':
      return "é";
    case 'i':
      return "í";
    case 'o':
      return "ó";
    case 'u':
      return "ú";
    case 'A':
      return "Á";
    case 'E':
      return "É";
    case 'I':
      return "Í";
    case 'O':
      return "Ó";
    case 'U':
      return "Ú";
    case 'c':
      return "ç";
    case 'C':
      return "Ç";
    case 'n':
      return "ñ";
    case 'N':
      return "Ñ";
    case 's':
      return "š";
    case 'S':
      return "Š";
    case 'z':
      return "ž";
    case 'Z':
      return "Ž";
    case 'y':
      return "ý";
    case 'Y':
      return "Ý";
    case 'g':
      return "ğ";
    case 'l':
      return "ľ";
    case 'r':
      return "ř";
    case 't':
      return "ţ";
    default:
      return {};
  }
}

bool isVowel(char c) { return std::string_view("aeiouAEIOU").find(c) != std::string_view::npos; }

void appendPseudo(std::string& out, char c) {
  std::string_view a = accented(c);
  if (a.empty()) {
    out += c;
    return;
  }
  out += a;
  if (isVowel(c)) out += a;  // doubled vowels make the text about 40 % longer
}

}  // namespace

std::string pseudoLocalize(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char c : text) appendPseudo(out, c);
  return out;
}

std::string pseudoLocalizeMessage(std::string_view pattern) {
  std::string out;
  int depth = 0;
  for (char c : pattern) {
    if (c == '{')
      ++depth;
    else if (c == '}')
      --depth;
    // Depth 0 and even depths are text; odd depths are argument syntax.
    if (c != '{' && c != '}' && c != '#' && depth % 2 == 0)
      appendPseudo(out, c);
    else
      out += c;
  }
  return out;
}

}  // namespace mk
