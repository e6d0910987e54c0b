#pragma once
// UI string keys that are not written out where they are used: keys built at run time
// from an id, and keys kept in tables. Building them here, and marking table entries
// with uiKey(), lets the bundle check (tests/core/locales_test.cpp) see every key the
// kiosk can ask for.
#include <string>
#include <string_view>
#include <vector>

namespace mk {

// Marks a literal as a UI string key where it is not passed to get() or format()
// directly (a table, a choice between two keys).
constexpr const char* uiKey(const char* key) { return key; }

// "brochure.section.<id>": a section's label on the rail and in the footer.
std::string sectionLabelKey(std::string_view sectionId);
// "nurse.category.<id>": a patient group's name in nurse mode.
std::string categoryLabelKey(std::string_view categoryId);
// Every key the two functions above can return, for the bundle check.
std::vector<std::string> dynamicUiKeys();

}  // namespace mk
