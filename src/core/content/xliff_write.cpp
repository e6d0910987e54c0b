// XLIFF export (xliff.h), written with libxml2's tree API so that escaping and the
// encoding are libxml2's, not ours. One <file> per medicine; the notes use
// from="developer", which translate-toolkit carries into PO files as "#." comments.
#include <libxml/tree.h>

#include <memory>
#include <stdexcept>

#include "core/content/content_checks.h"
#include "core/content/xliff.h"
#include "core/content/xliff_exchange.h"

namespace mk {
namespace {

using xliff_exchange::ExchangeSet;
using xliff_exchange::ExchangeUnit;

const xmlChar* xml(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
const xmlChar* xml(const std::string& s) { return xml(s.c_str()); }

// XLIFF names languages as BCP 47 tags (de-AT), ICU as locale ids (de_AT).
std::string bcp47(std::string locale) {
  for (char& c : locale)
    if (c == '_') c = '-';
  return locale;
}

std::string numbersNote(const std::string& english) {
  std::vector<std::string> numbers = numbersIn(english);
  if (numbers.empty())
    return "Numbers: none in the English text, so add none: the import refuses a unit whose numbers differ from "
           "the English text.";
  std::string list;
  for (size_t i = 0; i < numbers.size(); ++i)
    list += (i == 0 ? "" : i + 1 == numbers.size() ? " and " : ", ") + numbers[i];
  return "Numbers: " + list +
         ". Keep every one, in digits (a decimal comma is fine): a translation never changes a dose, a duration "
         "or a count, and the import refuses a unit whose numbers differ from the English text.";
}

// No text: needs-translation. Reviewed (the hashes of reviews/<locale>.tsv match):
// final. Reviewed but the English changed since: needs-review-translation. Else
// translated.
const char* stateOf(const ExchangeUnit& u) {
  if (!u.present) return "needs-translation";
  if (u.review == ReviewStatus::Reviewed) return "final";
  if (u.review == ReviewStatus::Outdated) return "needs-review-translation";
  return "translated";
}

void addNote(xmlNodePtr unit, xmlNsPtr ns, const std::string& text) {
  xmlNodePtr note = xmlNewTextChild(unit, ns, xml("note"), xml(text));
  xmlNewProp(note, xml("from"), xml("developer"));
}

void addUnit(xmlNodePtr body, xmlNsPtr ns, const ExchangeUnit& u) {
  xmlNodePtr unit = xmlNewChild(body, ns, xml("trans-unit"), nullptr);
  xmlNewProp(unit, xml("id"), xml(u.id));
  xmlNewProp(unit, xml("resname"), xml(u.id));  // tools that renumber ids keep the resource name
  xmlNodeSetSpacePreserve(unit, 1);
  bool reviewed = u.present && u.review == ReviewStatus::Reviewed;
  if (reviewed) xmlNewProp(unit, xml("approved"), xml("yes"));
  xmlNewTextChild(unit, ns, xml("source"), xml(u.english));
  xmlNodePtr target = xmlNewTextChild(unit, ns, xml("target"), xml(u.text));
  xmlNewProp(target, xml("state"), xml(stateOf(u)));
  std::string about = u.context + ".";
  if (u.english.find('*') != std::string::npos) about += " Keep the Markdown ** and * marks around the matching words.";
  addNote(unit, ns, about);
  if (!u.sources.empty()) addNote(unit, ns, "Sources: " + u.sources);
  addNote(unit, ns, numbersNote(u.english));
}

void addFile(xmlNodePtr root, xmlNsPtr ns, const ExchangeSet& set, const std::string& medicine) {
  xmlNodePtr file = xmlNewChild(root, ns, xml("file"), nullptr);
  xmlNewProp(file, xml("original"), xml(medicine));
  xmlNewProp(file, xml("source-language"), xml("en"));
  xmlNewProp(file, xml("target-language"), xml(bcp47(set.locale)));
  xmlNewProp(file, xml("datatype"), xml("plaintext"));
  xmlNodePtr header = xmlNewChild(file, ns, xml("header"), nullptr);
  xmlNodePtr tool = xmlNewChild(header, ns, xml("tool"), nullptr);
  xmlNewProp(tool, xml("tool-id"), xml("medkiosk-content"));
  xmlNewProp(tool, xml("tool-name"), xml("medkiosk-content"));
  xmlNewProp(tool, xml("tool-version"), xml(MEDKIOSK_VERSION));
  xmlNewTextChild(header, ns, xml("note"),
                  xml("Patient brochure and counselling points for a medicine that causes severe birth defects. "
                      "Each unit is one block of Markdown (a title, paragraph, list item or heading): keep it one "
                      "block, keep its ** and * marks, and keep every number exactly. Translations are shown as "
                      "not yet reviewed until a healthcare professional of the language reviews them."));
  xmlNodePtr body = xmlNewChild(file, ns, xml("body"), nullptr);
  for (const ExchangeUnit& u : set.units)
    if (u.medicine == medicine) addUnit(body, ns, u);
}

}  // namespace

std::string exportXliff(const std::filesystem::path& contentDir, const std::string& locale) {
  ExchangeSet set = xliff_exchange::loadExchange(contentDir, locale);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(xmlNewDoc(xml("1.0")), &xmlFreeDoc);
  xmlNodePtr root = xmlNewNode(nullptr, xml("xliff"));
  xmlDocSetRootElement(doc.get(), root);
  xmlNsPtr ns = xmlNewNs(root, xml("urn:oasis:names:tc:xliff:document:1.2"), nullptr);
  xmlSetNs(root, ns);
  xmlNewProp(root, xml("version"), xml("1.2"));
  for (const std::string& medicine : set.medicines) addFile(root, ns, set, medicine);
  xmlChar* text = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc.get(), &text, &size, "UTF-8", 1);
  if (!text) throw std::runtime_error("libxml2 could not write the XLIFF document");
  std::string out(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  xmlFree(text);
  return out;
}

}  // namespace mk
