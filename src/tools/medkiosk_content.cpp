// medkiosk-content: builds, checks and exports the content database. Links core only.
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <filesystem>
#include <set>
#include <vector>

#include "core/base/sqlite_db.h"
#include "core/base/unicode_text.h"
#include "core/content/content_checks.h"
#include "core/content/content_db.h"
#include "core/content/content_source.h"
#include "core/content/content_store.h"
#include "core/content/markdown.h"
#include "core/content/pseudo_content.h"
#include "core/i18n/ui_strings.h"
#include "core/layout/font_files.h"
#include "core/update/bundle.h"

namespace {

const char* kUsage =
    "Usage:\n"
    "  medkiosk-content build SRC_DIR -o DB [--pseudo] [--content-version N]\n"
    "  medkiosk-content check DB [--locales DIR]\n"
    "  medkiosk-content export DB --medicine M --locale LOC --format text|html|json\n"
    "  medkiosk-content keygen --out PREFIX\n"
    "  medkiosk-content sign DB --key PREFIX.key --expires YYYY-MM-DD [--min-app-version V] --out DIR\n"
    "  medkiosk-content verify DIR --public-key KEY [--public-key KEY]\n";

int usageError(const std::string& message) {
  std::fprintf(stderr, "medkiosk-content: %s\n%s", message.c_str(), kUsage);
  return 2;
}

long readVersion(const std::string& dir) {
  std::ifstream in(dir + "/VERSION");
  long v = 0;
  if (!(in >> v) || v <= 0)
    throw mk::ContentError(dir + "/VERSION", 1, "expected a positive whole number (the content version)");
  return v;
}

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

std::string spansHtml(const mk::Block& b) {
  std::string out;
  for (const auto& s : b.spans) {
    std::string t = htmlEscape(s.text);
    if (s.italic) t = "<em>" + t + "</em>";
    if (s.bold) t = "<strong>" + t + "</strong>";
    out += t;
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
      if (block.kind == mk::BlockKind::Heading) text = "-- " + text + " --";
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

// Reads "--name value" pairs after the positional arguments; false on anything else.
bool namedArgs(int argc, char** argv, int first, std::vector<std::pair<std::string, std::string>>& out,
               std::string& error) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      error = a.rfind("--", 0) == 0 ? a + " needs a value" : "unknown argument '" + a + "'";
      return false;
    }
    out.emplace_back(a, argv[++i]);
  }
  return true;
}

std::string readText(const std::filesystem::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

int keygen(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 2, named, error)) return usageError(error);
  if (named.size() != 1 || named[0].first != "--out") return usageError("keygen needs --out PREFIX");
  std::string prefix = named[0].second;
  try {
    mk::KeyPair kp = mk::generateKeyPair();
    std::string secretPath = prefix + ".key";
    // The secret key is readable by its owner only, and never overwritten.
    int fd = ::open(secretPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      throw std::runtime_error("cannot create " + secretPath + " (it must not exist yet): " + std::strerror(errno));
    std::string line = kp.secretKey + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + secretPath);
    mk::writeFileAtomically(prefix + ".pub", kp.publicKey + "\n");
    std::printf("secret key: %s (keep it off the kiosks)\npublic key: %s\n", secretPath.c_str(), kp.publicKey.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

int sign(int argc, char** argv) {
  if (argc < 3) return usageError("sign needs DB");
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 3, named, error)) return usageError(error);
  std::string key, expires, minApp = MEDKIOSK_VERSION, out;
  for (const auto& [k, v] : named) {
    if (k == "--key")
      key = v;
    else if (k == "--expires")
      expires = v;
    else if (k == "--min-app-version")
      minApp = v;
    else if (k == "--out")
      out = v;
    else
      return usageError("unknown argument '" + k + "'");
  }
  if (key.empty() || expires.empty() || out.empty()) return usageError("sign needs --key, --expires and --out");
  mk::Manifest m;
  if (!mk::parseUtcTime(expires, m.expires)) return usageError("--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  if (!mk::isValidVersion(minApp)) return usageError("--min-app-version takes a version such as 0.1.0");
  try {
    mk::ContentDb db(argv[2]);  // only valid content is ever signed
    m.contentVersion = db.info().contentVersion;
    m.contentHash = db.info().hash;
    m.minAppVersion = minApp;
    m.database = "content-" + std::to_string(m.contentVersion) + ".db";
    std::filesystem::path dir(out);
    std::filesystem::create_directories(dir);
    std::filesystem::path dbOut = dir / m.database;
    std::filesystem::path tmp = dbOut;
    tmp += ".tmp";
    std::filesystem::copy_file(argv[2], tmp, std::filesystem::copy_options::overwrite_existing);
    mk::fsyncFile(tmp);
    std::filesystem::rename(tmp, dbOut);
    m.size = static_cast<std::int64_t>(std::filesystem::file_size(dbOut));
    m.sha256 = mk::sha256File(dbOut);
    std::string secret = readText(key, 4096);
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == ' ')) secret.pop_back();
    // The database is in place before the manifest names it, so a server never
    // publishes a manifest whose database is missing.
    mk::writeFileAtomically(dir / "manifest", mk::signManifest(m, secret));
    std::printf("signed %s: content version %ld, %lld bytes, expires %s, for app %s or later\n", dir.c_str(),
                m.contentVersion, static_cast<long long>(m.size), mk::formatUtcTime(m.expires).c_str(), minApp.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

int verify(int argc, char** argv) {
  if (argc < 3) return usageError("verify needs DIR");
  std::vector<std::pair<std::string, std::string>> named;
  std::string error;
  if (!namedArgs(argc, argv, 3, named, error)) return usageError(error);
  std::vector<std::string> keys;
  for (const auto& [k, v] : named) {
    if (k == "--public-key")
      keys.push_back(v);
    else
      return usageError("unknown argument '" + k + "'");
  }
  if (keys.empty()) return usageError("verify needs --public-key KEY");
  std::filesystem::path dir(argv[2]);
  try {
    auto parsed = mk::parseManifest(readText(dir / "manifest", mk::kMaxManifestBytes));
    if (auto* e = std::get_if<mk::ManifestError>(&parsed))
      throw std::runtime_error((dir / "manifest").string() + ": " + e->message);
    const mk::Manifest& m = std::get<mk::Manifest>(parsed);
    std::vector<std::string> problems;
    bool ok = mk::verifyManifestSignature(m, keys, &problems);
    for (const auto& p : problems) std::fprintf(stderr, "medkiosk-content: %s\n", p.c_str());
    if (!ok) throw std::runtime_error((dir / "manifest").string() + ": the signature does not match the public key(s)");
    std::filesystem::path db = dir / m.database;
    if (static_cast<std::int64_t>(std::filesystem::file_size(db)) != m.size || mk::sha256File(db) != m.sha256)
      throw std::runtime_error(db.string() + ": size or SHA-256 differs from the manifest");
    mk::ContentDb content(db);
    if (content.info().contentVersion != m.contentVersion || content.info().hash != m.contentHash)
      throw std::runtime_error(db.string() + ": content version or hash differs from the manifest");
    if (std::time(nullptr) >= m.expires)
      throw std::runtime_error((dir / "manifest").string() + ": expired at " + m.expiresText);
    std::printf("%s: ok (content version %ld, expires %s, for app %s or later)\n", dir.c_str(), m.contentVersion,
                m.expiresText.c_str(), m.minAppVersion.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "medkiosk-content: %s\n", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usageError("a command is needed");
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::printf("medkiosk-content %s\n", MEDKIOSK_VERSION);
    return 0;
  }
  if (cmd == "build") return build(argc, argv);
  if (cmd == "check") return check(argc, argv);
  if (cmd == "export") return exportCmd(argc, argv);
  if (cmd == "keygen") return keygen(argc, argv);
  if (cmd == "sign") return sign(argc, argv);
  if (cmd == "verify") return verify(argc, argv);
  return usageError("unknown command '" + cmd + "'");
}
