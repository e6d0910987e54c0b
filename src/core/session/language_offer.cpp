#include "core/session/language_offer.h"

#include <algorithm>
#include <set>

#include "core/base/log.h"
#include "core/i18n/ui_strings.h"

namespace mk {

namespace {

class Offer {
 public:
  Offer(ContentView& content, std::string medicine) : content_(content), medicine_(std::move(medicine)) {}

  void add(const std::string& locale, bool ofCountry) {
    std::string resolved = content_.resolveLocale(medicine_, locale);
    std::string language = locale.substr(0, locale.find('_'));
    if (seen_.count(locale) || seen_.count(language) || resolved.empty() ||
        resolved.substr(0, resolved.find('_')) != language)
      return;
    seen_.insert(locale);
    seen_.insert(language);  // "English (Ireland)" first makes plain "English" redundant
    choices_.push_back({locale, localeDisplayName(locale, locale), ofCountry});
  }
  bool has(const std::string& locale) const {
    return std::any_of(choices_.begin(), choices_.end(), [&](const auto& c) { return c.locale == locale; });
  }
  std::vector<LanguageChoice> take() { return std::move(choices_); }

 private:
  ContentView& content_;
  std::string medicine_;
  std::set<std::string> seen_;
  std::vector<LanguageChoice> choices_;
};

}  // namespace

std::vector<LanguageChoice> offeredLanguages(ContentView& content, const KioskConfig& config) {
  std::string medicine = content.medicines().empty() ? std::string() : content.medicines().front().id;
  Offer offer(content, medicine);
  const auto& offered = config.offeredLocales;
  auto isOffered = [&](const std::string& loc) {
    return offered.empty() || std::find(offered.begin(), offered.end(), loc) != offered.end();
  };
  if (!config.country.empty() && content.db()) {
    for (const auto& st : content.db()->memberStates())
      if (st.code == config.country)
        for (const auto& loc : st.locales)
          if (isOffered(loc)) offer.add(loc, true);
  }
  for (const auto& loc : offered.empty() ? content.locales(medicine) : offered) offer.add(loc, false);
  bool none = true;
  for (const auto& loc : offered) {
    if (offer.has(loc)) {
      none = false;
      continue;
    }
    log::warn("config",
              "[kiosk] locales: '" + loc + "' has no brochure of its own (or repeats a language); not offered");
  }
  if (none && !offered.empty()) {
    log::error("config", "[kiosk] locales: none of the listed locales has content; offering every language instead");
    for (const auto& loc : content.locales(medicine)) offer.add(loc, false);
  }
  return offer.take();  // the language screen sorts the others for the language on screen
}

std::vector<std::string> attractCycle(const std::vector<LanguageChoice>& offered, const std::string& defaultLocale) {
  std::vector<std::string> cycle;
  for (const auto& c : offered)
    if (c.ofCountry) cycle.push_back(c.locale);
  if (cycle.empty())
    for (const auto& c : offered) cycle.push_back(c.locale);
  auto language = [](const std::string& l) { return l.substr(0, l.find('_')); };
  auto first = std::find(cycle.begin(), cycle.end(), defaultLocale);
  if (first == cycle.end())
    first = std::find_if(cycle.begin(), cycle.end(),
                         [&](const std::string& l) { return language(l) == language(defaultLocale); });
  if (first != cycle.end()) std::rotate(cycle.begin(), first, cycle.end());
  return cycle;
}

}  // namespace mk
