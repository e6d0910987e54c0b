// The condition words of each EU language. Each list names the language's words for
// "if", "only", "unless", "except", "otherwise" and "does not count". The words the
// brochures themselves use were taken from their "Women who cannot become pregnant"
// part ("This group only applies to you if ...", "... do not count", "If none of
// these is true ..."), so every list holds at least the words our translations use.
#include "core/content/condition_words.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace mk {
namespace {

struct LanguageWords {
  std::string_view language;
  std::vector<std::string_view> words;  // lower case; a phrase is words separated by one space
};

// Built on each call: the check runs a few hundred times per content build, and a
// function-level static would be state the rest of the code base avoids.
std::vector<LanguageWords> allLists() {
  return {
      {"bg", {"ако", "само", "освен", "иначе", "не се брои", "не се броят", "при условие"}},
      {"cs", {"pokud", "jestliže", "jestli", "jen", "pouze", "kromě", "jinak", "nepočítá", "s výjimkou"}},
      {"da", {"hvis", "kun", "medmindre", "undtagen", "bortset", "ellers", "tæller ikke"}},
      {"de",
       {"wenn", "falls", "sofern", "nur", "außer", "ausgenommen", "es sei denn", "andernfalls", "sonst", "zählen nicht",
        "zählt nicht"}},
      {"el", {"αν", "εάν", "μόνο", "εκτός", "εφόσον", "διαφορετικά", "αλλιώς", "δεν μετράει", "δεν μετρά"}},
      {"en",
       {"if", "unless", "only", "except", "otherwise", "provided", "whether", "as long as", "apart from", "other than",
        "do not count", "does not count"}},
      {"es",
       {"si", "solo", "sólo", "solamente", "únicamente", "salvo", "excepto", "a menos que", "de lo contrario",
        "no cuenta", "no cuentan"}},
      {"et", {"kui", "ainult", "vaid", "välja arvatud", "muidu", "ei lähe arvesse", "ei loeta"}},
      {"fi", {"jos", "vain", "ainoastaan", "paitsi", "ellei", "muuten", "ei lasketa"}},
      {"fr",
       {"si", "seulement", "uniquement", "sauf", "excepté", "à moins", "sinon", "ne compte pas", "ne comptent pas"}},
      {"ga", {"má", "mura", "murach", "ach amháin", "seachas", "ní áirítear"}},
      {"hr", {"ako", "ukoliko", "samo", "osim", "inače", "ne računa"}},
      {"hu", {"ha", "hacsak", "csak", "kizárólag", "kivéve", "különben", "nem számít"}},
      {"it",
       {"se", "solo", "soltanto", "solamente", "salvo", "tranne", "eccetto", "a meno che", "altrimenti", "non conta",
        "non contano"}},
      {"lt", {"jei", "jeigu", "tik", "nebent", "išskyrus", "kitaip", "neskaičiuojama"}},
      {"lv", {"ja", "tikai", "izņemot", "citādi", "neskaitās"}},
      {"mt", {"jekk", "biss", "ħlief", "sakemm", "inkella", "ma tgħoddx", "ma jgħoddux"}},
      {"nl", {"als", "indien", "alleen", "slechts", "tenzij", "behalve", "anders", "telt niet", "tellen niet"}},
      {"pl",
       {"jeśli", "jeżeli", "tylko", "wyłącznie", "chyba że", "oprócz", "z wyjątkiem", "w przeciwnym razie",
        "nie liczy"}},
      {"pt",
       {"se", "só", "apenas", "somente", "salvo", "exceto", "a menos que", "caso contrário", "não conta",
        "não contam"}},
      {"ro", {"dacă", "doar", "numai", "cu excepția", "în afară de", "altfel", "cu condiția", "nu se ia în calcul"}},
      {"sk", {"ak", "len", "iba", "okrem", "s výnimkou", "inak", "nepočíta"}},
      {"sl", {"če", "samo", "le", "razen", "sicer", "ne šteje", "ne štejejo"}},
      {"sv", {"om", "bara", "endast", "utom", "förutom", "såvida", "annars", "räknas inte"}},
  };
}

std::string languageOf(const std::string& locale) { return locale.substr(0, locale.find('_')); }

// Case-folded words in reading order; anything that is not a letter separates them
// (so "n’est" is "n" and "est", and "breast-feeding" is "breast" and "feeding").
std::vector<std::string> wordsOf(std::string_view text) {
  icu::UnicodeString folded =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  folded.foldCase();
  std::vector<std::string> words;
  icu::UnicodeString word;
  auto flush = [&] {
    if (word.isEmpty()) return;
    words.emplace_back();
    word.toUTF8String(words.back());
    word.remove();
  };
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_getCombiningClass(c) != 0)
      word.append(c);
    else
      flush();
    i += U16_LENGTH(c);
  }
  flush();
  return words;
}

bool containsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  return !phrase.empty() && std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

const LanguageWords* listFor(const std::vector<LanguageWords>& lists, const std::string& locale) {
  std::string language = languageOf(locale);
  auto it = std::find_if(lists.begin(), lists.end(), [&](const LanguageWords& l) { return l.language == language; });
  return it == lists.end() ? nullptr : &*it;
}

}  // namespace

std::string conditionWordNotIn(const std::string& locale, std::string_view text, std::string_view anchor) {
  std::vector<LanguageWords> lists = allLists();
  const LanguageWords* list = listFor(lists, locale);
  if (!list) return {};
  std::vector<std::string> inText = wordsOf(text), inAnchor = wordsOf(anchor);
  for (std::string_view entry : list->words) {
    std::vector<std::string> phrase = wordsOf(entry);
    if (containsPhrase(inText, phrase) && !containsPhrase(inAnchor, phrase)) return std::string(entry);
  }
  return {};
}

bool hasConditionWords(const std::string& locale) { return listFor(allLists(), locale) != nullptr; }

}  // namespace mk
