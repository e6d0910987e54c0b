#include "core/content/markdown.h"
#include "tools/content_commands.h"

namespace content_tool {

std::string htmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string spansHtml(const mk::Block& b, const std::function<std::string(const std::string&)>& text) {
  std::string out;
  for (const auto& span : b.spans) {
    std::string t = text(span.text);
    if (span.italic) t = std::string("<em>").append(t).append("</em>");
    if (span.bold) t = std::string("<strong>").append(t).append("</strong>");
    out += t;
  }
  return out;
}

}  // namespace content_tool
