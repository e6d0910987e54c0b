#include "ui/content_view.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace mk::ui {

ContentView::ContentView(ContentDb* db) : db_(db) {
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
  if (resolved.empty()) return nullptr;
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

std::vector<std::string> ContentView::allTexts() { return db_ ? db_->allTexts() : std::vector<std::string>{}; }

}  // namespace mk::ui
