#include "ui/content_view.h"

#include <algorithm>

#include "core/i18n/ui_strings.h"

namespace mk::ui {

ContentView::ContentView(ContentDb* db, bool showUnreviewed) : db_(db), showUnreviewed_(showUnreviewed) {
  if (db_) medicines_ = db_->medicines();
}

std::vector<std::string> ContentView::locales(const std::string& medicine) {
  if (!db_) return {};
  auto it = locales_.find(medicine);
  if (it == locales_.end()) it = locales_.emplace(medicine, db_->brochureLocales(medicine)).first;
  return it->second;
}

std::string ContentView::resolveLocale(const std::string& medicine, const std::string& locale) {
  auto have = locales(medicine);
  for (std::string link : UiStrings::fallbackChain(locale)) {
    if (link == "root") link = "en";
    if (std::find(have.begin(), have.end(), link) != have.end()) return link;
  }
  return {};
}

const LoadedBrochure* ContentView::brochure(const std::string& medicine, const std::string& locale) {
  std::string resolved = resolveLocale(medicine, locale);
  return resolved.empty() ? nullptr : exact(medicine, resolved);
}

std::optional<ShownSection> ContentView::section(const std::string& medicine, const std::string& locale,
                                                 const std::string& id) {
  std::string own = resolveLocale(medicine, locale);
  bool started = false;
  for (std::string link : UiStrings::fallbackChain(locale)) {
    if (link == "root") link = "en";
    if (link == own) started = true;
    if (!started) continue;
    const LoadedBrochure* b = exact(medicine, link);
    const Section* s = b ? b->brochure.section(id) : nullptr;
    if (!s) continue;
    // English is the last resort and is shown whatever its status.
    if (!showUnreviewed_ && s->review.status == ReviewStatus::Unreviewed && link != "en") continue;
    return ShownSection{s, &b->blocks.at(id), link, link != own};
  }
  return std::nullopt;
}

const LoadedBrochure* ContentView::exact(const std::string& medicine, const std::string& resolved) {
  if (!db_) return nullptr;
  std::string key = medicine + "/" + resolved;
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second.get();
  auto b = db_->brochure(medicine, resolved);
  if (!b) return nullptr;
  auto loaded = std::make_unique<LoadedBrochure>();
  loaded->brochure = std::move(*b);
  for (const auto& s : loaded->brochure.sections) loaded->blocks[s.id] = parseMarkdown(s.body);
  return cache_.emplace(key, std::move(loaded)).first->second.get();
}

std::optional<LocalAuthority> ContentView::reportingAuthority(const std::string& country, const std::string& locale) {
  if (!db_) return std::nullopt;
  std::string key = country + "/" + locale;
  auto it = authorities_.find(key);
  if (it == authorities_.end()) it = authorities_.emplace(key, db_->reportingAuthority(country, locale)).first;
  return it->second;
}

std::string ContentView::link(const std::string& medicine, const std::string& locale) {
  if (!db_) return {};
  std::string key = medicine + "/" + locale;
  auto it = links_.find(key);
  if (it == links_.end()) it = links_.emplace(key, db_->link(medicine, locale)).first;
  return it->second;
}

std::vector<std::string> ContentView::allTexts() { return db_ ? db_->allTexts() : std::vector<std::string>{}; }

std::vector<std::string> ContentView::counsellingLocales(const std::string& medicine) {
  if (!db_) return {};
  auto it = counsellingLocales_.find(medicine);
  if (it == counsellingLocales_.end())
    it = counsellingLocales_.emplace(medicine, db_->counsellingLocales(medicine)).first;
  return it->second;
}

const ContentView::Counselling& ContentView::counselling(const std::string& medicine, const std::string& category,
                                                         const std::string& locale) {
  std::string key = medicine + "/" + category + "/" + locale;
  auto it = counselling_.find(key);
  if (it != counselling_.end()) return it->second;
  Counselling c;
  auto have = counsellingLocales(medicine);
  for (std::string link : UiStrings::fallbackChain(locale)) {
    if (link == "root") link = "en";
    if (std::find(have.begin(), have.end(), link) == have.end()) continue;
    c.locale = link;
    c.points = db_->counsellingPoints(medicine, category, link);
    break;
  }
  return counselling_.emplace(key, std::move(c)).first->second;
}

}  // namespace mk::ui
