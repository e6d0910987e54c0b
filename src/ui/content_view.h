#pragma once
// Brochures loaded from the content database for display, with each section's
// Markdown parsed once. Locale fallback follows the explicit chain (de_AT -> de -> en).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/content_db.h"
#include "core/markdown.h"

namespace mk::ui {

struct LoadedBrochure {
  Brochure brochure;
  std::map<std::string, std::vector<Block>> blocks;  // section id -> blocks
};

class ContentView {
 public:
  explicit ContentView(ContentDb* db);  // db may be null: content unavailable
  bool available() const { return db_ != nullptr; }
  // The brochure shown for a patient locale, or null.
  const LoadedBrochure* brochure(const std::string& medicine, const std::string& locale);
  // The content locale a patient locale resolves to ("de_AT" -> "de"), or "".
  std::string resolveLocale(const std::string& medicine, const std::string& locale);
  std::vector<MedicineSummary> medicines() const { return medicines_; }
  std::vector<std::string> locales(const std::string& medicine);
  std::vector<std::string> allTexts();
  ContentDb* db() const { return db_; }

 private:
  ContentDb* db_;
  std::vector<MedicineSummary> medicines_;
  std::map<std::string, std::vector<std::string>> locales_;
  std::map<std::string, std::unique_ptr<LoadedBrochure>> cache_;
};

}  // namespace mk::ui
