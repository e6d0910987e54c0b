// Reading an XLIFF file with libxml2 (xliff_exchange.h). Accepts what tools write
// besides our own export: translate-toolkit's po2xliff (XLIFF 1.1, numeric ids with
// ours kept as the PO location in a context-group, its PO header as a unit of its
// own, no target-language), groups, and <mrk> segment marks inside a text.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <memory>
#include <stdexcept>

#include "core/content/content_source.h"
#include "core/content/source_text.h"
#include "core/content/xliff_exchange.h"

namespace mk::xliff_exchange {
namespace {

const xmlChar* xml(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

std::string str(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

std::string attr(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, xml(name));
  std::string s = str(value);
  xmlFree(value);
  return s;
}

int lineOf(xmlNodePtr node) { return static_cast<int>(xmlGetLineNo(node)); }

// An XLIFF element: by name, in the 1.2 or 1.1 namespace (or none, as some tools write).
bool isElement(xmlNodePtr n, const char* name) {
  if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, xml(name))) return false;
  if (!n->ns) return true;
  return xmlStrEqual(n->ns->href, xml("urn:oasis:names:tc:xliff:document:1.2")) ||
         xmlStrEqual(n->ns->href, xml("urn:oasis:names:tc:xliff:document:1.1"));
}

struct Reader {
  std::string path;
  XliffIn in;

  [[noreturn]] void fail(int line, const std::string& message) const { throw ContentError(path, line, message); }

  // The text of <source> or <target>, with that of <mrk> segment marks; any other
  // inline element (<g>, <x/>, <ph>...) would carry markup Markdown cannot hold.
  void collectText(xmlNodePtr node, const std::string& id, std::string& out) const {
    for (xmlNodePtr c = node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        out += str(c->content);
      else if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, xml("mrk")))
        collectText(c, id, out);
      else if (c->type == XML_ELEMENT_NODE)
        fail(lineOf(c), "unit '" + id + "': inline element <" + str(c->name) +
                            "> is not supported; a unit's text is plain Markdown");
    }
  }

  // po2xliff keeps our id as the PO location: <context-group purpose="location">
  // <context context-type="sourcefile">ID</context>.
  static std::string location(xmlNodePtr unit) {
    for (xmlNodePtr g = unit->children; g; g = g->next) {
      if (!isElement(g, "context-group") || attr(g, "purpose") != "location") continue;
      for (xmlNodePtr c = g->children; c; c = c->next)
        if (isElement(c, "context") && attr(c, "context-type") == "sourcefile") {
          xmlChar* text = xmlNodeGetContent(c);
          std::string s = str(text);
          xmlFree(text);
          return s;
        }
    }
    return {};
  }

  void readUnit(xmlNodePtr node) {
    if (attr(node, "restype") == "x-gettext-domain-header") return;  // a PO file's header, not a text
    XliffUnitIn u;
    u.line = lineOf(node);
    u.id = attr(node, "resname");
    if (u.id.empty()) u.id = location(node);
    if (u.id.empty()) u.id = attr(node, "id");
    if (u.id.empty()) fail(u.line, "a trans-unit without an id");
    u.approved = attr(node, "approved") == "yes";
    int sources = 0, targets = 0;
    for (xmlNodePtr c = node->children; c; c = c->next) {
      if (isElement(c, "source")) {
        collectText(c, u.id, u.source);
        ++sources;
      } else if (isElement(c, "target")) {
        collectText(c, u.id, u.target);
        u.state = attr(c, "state");
        ++targets;
      }
    }
    if (sources != 1 || targets > 1) fail(u.line, "unit '" + u.id + "' needs one <source> and at most one <target>");
    in.units.push_back(std::move(u));
  }

  void readUnits(xmlNodePtr parent) {
    for (xmlNodePtr c = parent->children; c; c = c->next) {
      if (isElement(c, "group"))
        readUnits(c);
      else if (isElement(c, "trans-unit"))
        readUnit(c);
    }
  }

  void readDocument(xmlDocPtr doc) {
    if (doc->intSubset || doc->extSubset)
      fail(1, "a DOCTYPE is not allowed (XLIFF needs none, and its entities could expand without limit)");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !isElement(root, "xliff"))
      fail(root ? lineOf(root) : 1, "not an XLIFF document: the root element must be <xliff>");
    in.rootLine = lineOf(root);
    std::string version = attr(root, "version");
    if (version != "1.2" && version != "1.1")
      fail(in.rootLine, "XLIFF version '" + version + "' is not supported (1.2, or 1.1 as po2xliff writes)");
    for (xmlNodePtr f = root->children; f; f = f->next) {
      if (!isElement(f, "file")) continue;
      in.files.push_back({attr(f, "source-language"), attr(f, "target-language"), lineOf(f)});
      for (xmlNodePtr b = f->children; b; b = b->next)
        if (isElement(b, "body")) readUnits(b);
    }
    if (in.files.empty()) fail(in.rootLine, "no <file> element");
  }
};

}  // namespace

XliffIn readXliff(const std::filesystem::path& path) {
  std::string text = source_text::readFile(path);
  if (text.size() > INT_MAX) throw ContentError(path.string(), 0, "too large for an XLIFF file");
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(), &xmlFreeParserCtxt);
  if (!ctxt) throw std::runtime_error("libxml2 could not make a parser");
  // No network, no error printing (the error is ours to report), line numbers past 65535.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), path.c_str(), nullptr, options),
      &xmlFreeDoc);
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string message = e && e->message ? source_text::trim(e->message) : "unreadable";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw ContentError(path.string(), e ? e->line : 0, "malformed XML: " + message);
  }
  Reader reader{path.string(), {}};
  reader.readDocument(doc.get());
  return std::move(reader.in);
}

}  // namespace mk::xliff_exchange
