// medkiosk-content xliff export|import: the translators' exchange (core/content/xliff.h).
#include <cstdio>
#include <exception>
#include <string>

#include "core/base/files.h"
#include "core/content/content_source.h"
#include "core/content/xliff.h"
#include "core/i18n/locale_id.h"
#include "tools/content_commands.h"

namespace content_tool {
namespace {

// xliff export SRC_DIR --locale L [-o FILE]
int xliffExport(int argc, char** argv) {
  if (argc < 4) return usageError("xliff export needs SRC_DIR --locale LOC [-o FILE]");
  std::string locale, out;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usageError(a + " needs a value");
    if (a == "--locale")
      locale = argv[++i];
    else if (a == "-o")
      out = argv[++i];
    else
      return usageError("unknown argument '" + a + "'");
  }
  if (locale.empty()) return usageError("xliff export needs --locale");
  if (!mk::isValidLocaleId(locale)) return usageError("'" + locale + "' is not a locale id like de or de_AT");
  if (locale == "en") return usageError("English is the source language; name the locale of a translation");
  std::string xliff = mk::exportXliff(argv[3], locale);
  if (out.empty())
    std::fwrite(xliff.data(), 1, xliff.size(), stdout);
  else
    mk::writeFileAtomically(out, xliff);
  if (!out.empty()) std::printf("wrote %s (XLIFF 1.2, %s)\n", out.c_str(), locale.c_str());
  return 0;
}

// xliff import SRC_DIR FILE [--locale L] [--dry-run]
int xliffImport(int argc, char** argv) {
  if (argc < 5) return usageError("xliff import needs SRC_DIR FILE [--locale LOC] [--dry-run]");
  std::string locale;
  bool dryRun = false;
  for (int i = 5; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dry-run")
      dryRun = true;
    else if (a == "--locale" && i + 1 < argc)
      locale = argv[++i];
    else
      return usageError("unknown argument '" + a + "'");
  }
  if (!locale.empty() && !mk::isValidLocaleId(locale))
    return usageError("'" + locale + "' is not a locale id like de or de_AT");
  mk::XliffImport plan = mk::planXliffImport(argv[3], argv[4], locale);
  std::printf("%s (%s): %d unit(s), %d changed, %d without a target left as they are\n", argv[4], plan.locale.c_str(),
              plan.units, plan.changed, plan.untranslated);
  if (plan.unconfirmed)
    std::printf("%d unit(s) marked needs-translation were taken (a PO round trip marks unapproved ones so)\n",
                plan.unconfirmed);
  if (!dryRun) mk::writeXliffImport(plan);
  for (const auto& [path, text] : plan.files) std::printf("%s %s\n", dryRun ? "would write" : "wrote", path.c_str());
  if (plan.files.empty()) std::printf("no source file changes\n");
  return 0;
}

}  // namespace

int xliff(int argc, char** argv) {
  std::string sub = argc > 2 ? argv[2] : "";
  try {
    if (sub == "export") return xliffExport(argc, argv);
    if (sub == "import") return xliffImport(argc, argv);
  } catch (const mk::ContentError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
  return usageError("xliff takes export or import");
}

}  // namespace content_tool
