#include "core/session/ui_keys.h"

#include "core/base/patient_groups.h"
#include "core/content/content_model.h"

namespace mk {

std::string sectionLabelKey(std::string_view sectionId) { return "brochure.section." + std::string(sectionId); }

std::string categoryLabelKey(std::string_view categoryId) { return "nurse.category." + std::string(categoryId); }

std::vector<std::string> dynamicUiKeys() {
  std::vector<std::string> keys;
  keys.reserve(kSectionIds.size() + kCategoryIds.size());
  for (auto id : kSectionIds) keys.push_back(sectionLabelKey(id));
  for (auto id : kCategoryIds) keys.push_back(categoryLabelKey(id));
  return keys;
}

}  // namespace mk
