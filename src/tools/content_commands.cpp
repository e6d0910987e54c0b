// medkiosk-content build, check and export: the content database.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/content/content_checks.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/content/markdown.h"
#include "core/content/pseudo_content.h"
#include "core/i18n/ui_strings.h"
#include "core/layout/font_files.h"
#include "tools/content_commands.h"

namespace content_tool {
namespace {

long readVersion(const std::string& dir) {
  std::ifstream in(dir + "/VERSION");
  long v = 0;
  if (!(in >> v) || v <= 0)
    throw mk::ContentError(dir + "/VERSION", 1, "expected a positive whole number (the content version)");
  return v;
}

}  // namespace

int build(int argc, char** argv) {
  if (argc < 5 || std::strcmp(argv[3], "-o") != 0)
    return usageError("build needs SRC_DIR -o DB [--pseudo] [--content-version N]");
  bool pseudo = false;
  long version = 0;
  for (int i = 5; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--pseudo") {
      pseudo = true;
    } else if (a == "--content-version" && i + 1 < argc) {
      char* end = nullptr;
      version = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || version <= 0) return usageError("--content-version takes a positive whole number");
    } else {
      return usageError("unknown argument '" + a + "'");
    }
  }
  try {
    mk::ContentSource src = mk::loadContentSource(argv[2]);
    if (pseudo) {
      // Adds the en_XA test locale, made from English, to every medicine.
      for (auto& m : src.medicines) {
        for (const auto& b : std::vector<mk::Brochure>(m.brochures))
          if (b.locale == "en") m.brochures.push_back(mk::pseudoBrochure(b));
        if (!m.counselling.empty()) m.counselling.push_back(mk::pseudoCounselling(m.counselling.front()));
      }
    }
    if (version == 0) version = readVersion(argv[2]);
    mk::ContentInfo info = mk::buildContentDatabase(src, version, argv[4]);
    size_t brochures = 0;
    for (const auto& m : src.medicines) brochures += m.brochures.size();
    std::printf("built %s: content version %ld, %zu medicine(s), %zu brochure(s), %zu member states, sha256 %s\n",
                argv[4], version, src.medicines.size(), brochures, src.memberStates.size(), info.hash.c_str());
    return 0;
  } catch (const mk::ContentError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

namespace {

// Checks UI string bundles: every root key present, no extra keys, patterns compile.
int checkLocales(const std::string& dir, std::vector<std::string>& texts) {
  int problems = 0;
  mk::UiStrings strings(dir);
  std::vector<std::string> rootKeys = strings.rootKeys();
  std::set<std::string> rootSet(rootKeys.begin(), rootKeys.end());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".res") continue;
    std::string locale = entry.path().stem().string();
    if (locale == "root" || locale == "pool" || locale == "res_index") continue;
    auto keys = mk::UiStrings::bundleKeys(dir, locale);
    for (const auto& k : keys)
      if (!rootSet.count(k)) {
        std::fprintf(stderr, "%s/%s.res: key '%s' is not in root\n", dir.c_str(), locale.c_str(), k.c_str());
        ++problems;
      }
    strings.setLocale(locale);
    for (const auto& k : rootKeys) {
      std::string error;
      if (!strings.patternCompiles(k, error)) {
        std::fprintf(stderr, "%s/%s.res: '%s' does not compile: %s\n", dir.c_str(), locale.c_str(), k.c_str(),
                     error.c_str());
        ++problems;
      }
      texts.push_back(strings.get(k));
    }
  }
  return problems;
}

}  // namespace

int check(int argc, char** argv) {
  if (argc < 3) return usageError("check needs DB");
  std::string locales;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--locales") == 0 && i + 1 < argc)
      locales = argv[++i];
    else
      return usageError(std::string("unknown argument '") + argv[i] + "'");
  }
  try {
    mk::ContentDb db(argv[2]);
    int problems = 0;
    auto report = [&](const std::vector<mk::ContentProblem>& found) {
      for (const auto& p : found) std::fprintf(stderr, "%s: %s\n", argv[2], p.text().c_str());
      problems += static_cast<int>(found.size());
    };
    for (const auto& m : db.medicines()) {
      auto english = db.brochure(m.id, "en");
      if (!english) {
        std::fprintf(stderr, "%s: %s has no English brochure\n", argv[2], m.id.c_str());
        ++problems;
        continue;
      }
      for (const auto& loc : db.brochureLocales(m.id)) {
        auto b = db.brochure(m.id, loc);
        b->path = m.id + "/" + loc;
        for (auto id : mk::kSectionIds)
          if (!b->section(id)) {
            std::fprintf(stderr, "%s: %s/%s: missing section %s\n", argv[2], m.id.c_str(), loc.c_str(),
                         std::string(id).c_str());
            ++problems;
          }
        report(mk::checkNfc(*b));
        if (loc != "en") report(mk::checkNumbersMatch(*english, *b));
      }
    }
    // Outdated translations are listed, not refused: English edits must not stop a build.
    printOutdated(db, argv[2]);
    std::vector<std::string> texts = db.allTexts();
    if (!locales.empty()) problems += checkLocales(locales, texts);
    mk::FontFiles fonts = mk::findFonts();
    for (const auto& face : {fonts.regular, fonts.bold}) {
      std::u32string missing = mk::charactersWithoutGlyph(face, texts);
      for (char32_t c : missing) {
        std::fprintf(stderr, "%s: U+%04X has no glyph in %s\n", argv[2], static_cast<unsigned>(c), face.c_str());
        ++problems;
      }
    }
    if (problems) {
      std::fprintf(stderr, "%s: %d problem(s)\n", argv[2], problems);
      return 1;
    }
    std::printf("%s: ok (schema %d, content version %ld, sha256 %s)\n", argv[2], db.info().schemaVersion,
                db.info().contentVersion, db.info().hash.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

namespace {

std::string jsonEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  return out;
}

void exportText(const mk::Brochure& b) {
  std::printf("%s\n%s\n\nWARNING: %s\n", b.title.c_str(), b.subtitle.c_str(), b.warning.c_str());
  for (const auto& s : b.sections) {
    std::printf("\n== %s ==\n[%s; source: %s]\n\n", s.title.c_str(), std::string(mk::toString(s.review.status)).c_str(),
                s.source.c_str());
    for (const auto& block : mk::parseMarkdown(s.body)) {
      std::string prefix = block.callout ? "! " : "";
      if (block.kind == mk::BlockKind::Bullet) prefix += "- ";
      std::string text = mk::plainText(block);
      if (block.kind == mk::BlockKind::Heading) text = std::string("-- ").append(text).append(" --");
      std::printf("%s%s\n\n", prefix.c_str(), text.c_str());
    }
  }
}

void exportHtml(const mk::Brochure& b) {
  std::printf(
      "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>%s</title>\n"
      "<style>body{font-family:'Noto Sans',sans-serif;font-size:1.5rem;margin:0;background:#faf8f4;color:#1c1c1e}"
      "header{background:#163a5e;color:#fff;padding:.6em}.warning{background:#a0141a;color:#fff;padding:.6em;font-"
      "weight:bold}"
      "main{padding:.6em}aside{background:#a0141a;color:#fff;border-radius:.3em;padding:.4em .8em}"
      ".source{color:#4a4a50}</style></head><body>\n",
      b.locale.c_str(), htmlEscape(b.title).c_str());
  std::printf("<header><h1>%s</h1><p>%s</p></header>\n<div class=\"warning\">%s</div>\n<main>\n",
              htmlEscape(b.title).c_str(), htmlEscape(b.subtitle).c_str(), htmlEscape(b.warning).c_str());
  for (const auto& s : b.sections) {
    std::printf("<section id=\"%s\"><h2>%s</h2>\n", s.id.c_str(), htmlEscape(s.title).c_str());
    bool inList = false, inCallout = false;
    for (const auto& block : mk::parseMarkdown(s.body)) {
      if (inList && block.kind != mk::BlockKind::Bullet) {
        std::printf("</ul>\n");
        inList = false;
      }
      if (inCallout && !block.callout) {
        std::printf("</aside>\n");
        inCallout = false;
      }
      if (!inCallout && block.callout) {
        std::printf("<aside>\n");
        inCallout = true;
      }
      if (block.kind == mk::BlockKind::Bullet && !inList) {
        std::printf("<ul>\n");
        inList = true;
      }
      if (block.kind == mk::BlockKind::Heading)
        std::printf("<h3>%s</h3>\n", spansHtml(block).c_str());
      else if (block.kind == mk::BlockKind::Bullet)
        std::printf("<li>%s</li>\n", spansHtml(block).c_str());
      else
        std::printf("<p>%s</p>\n", spansHtml(block).c_str());
    }
    if (inList) std::printf("</ul>\n");
    if (inCallout) std::printf("</aside>\n");
    std::printf("<p class=\"source\">Source: %s (%s)</p></section>\n", htmlEscape(s.source).c_str(),
                std::string(mk::toString(s.review.status)).c_str());
  }
  std::printf("</main></body></html>\n");
}

void exportJson(const mk::Brochure& b) {
  std::printf(
      "{\"medicine\":\"%s\",\"locale\":\"%s\",\"title\":\"%s\",\"subtitle\":\"%s\",\"warning\":\"%s\",\"sections\":[",
      jsonEscape(b.medicine).c_str(), jsonEscape(b.locale).c_str(), jsonEscape(b.title).c_str(),
      jsonEscape(b.subtitle).c_str(), jsonEscape(b.warning).c_str());
  for (size_t i = 0; i < b.sections.size(); ++i) {
    const auto& s = b.sections[i];
    std::printf("%s{\"id\":\"%s\",\"title\":\"%s\",\"status\":\"%s\",\"source\":\"%s\",\"markdown\":\"%s\"}",
                i ? "," : "", s.id.c_str(), jsonEscape(s.title).c_str(),
                std::string(mk::toString(s.review.status)).c_str(), jsonEscape(s.source).c_str(),
                jsonEscape(s.body).c_str());
  }
  std::printf("]}\n");
}

}  // namespace

int exportCmd(int argc, char** argv) {
  if (argc < 3) return usageError("export needs DB");
  std::string medicine, locale, format;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usageError(a + " needs a value");
    if (a == "--medicine")
      medicine = argv[++i];
    else if (a == "--locale")
      locale = argv[++i];
    else if (a == "--format")
      format = argv[++i];
    else
      return usageError("unknown argument '" + a + "'");
  }
  if (medicine.empty() || locale.empty()) return usageError("export needs --medicine and --locale");
  if (format != "text" && format != "html" && format != "json") return usageError("--format takes text, html or json");
  try {
    mk::ContentDb db(argv[2]);
    auto b = db.brochure(medicine, locale);
    if (!b) {
      std::fprintf(stderr, "medkiosk-content: no %s brochure for %s in %s\n", locale.c_str(), medicine.c_str(),
                   argv[2]);
      return 1;
    }
    if (format == "text")
      exportText(*b);
    else if (format == "html")
      exportHtml(*b);
    else
      exportJson(*b);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

}  // namespace content_tool
