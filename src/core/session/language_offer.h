#pragma once
// Which languages the language screen offers, and in which groups: a policy of the
// session, decided from the content and the configuration, drawn by the UI.
#include <string>
#include <vector>

#include "core/session/content_view.h"
#include "core/session/kiosk_state.h"

namespace mk {

struct LanguageChoice {
  std::string locale;
  std::string name;        // endonym from ICU, e.g. "Deutsch (Österreich)"
  bool ofCountry = false;  // offered first for the configured member state
};

// The configured member state's languages first (in its order), then every other
// language with a brochure of its own (or only those [kiosk] locales lists). A
// language is offered once, and only when it has content, not just a fallback.
// Listed locales without content are logged; when none has content, every
// language is offered and that is logged as an error.
std::vector<LanguageChoice> offeredLanguages(ContentView& content, const KioskConfig& config);

// The languages the attract screen greets in, in turn: the member state's (all offered
// ones when no country is configured, or it has none), starting with the kiosk's
// default language (or the first of the same language, "el" for "el_GR").
std::vector<std::string> attractCycle(const std::vector<LanguageChoice>& offered, const std::string& defaultLocale);

}  // namespace mk
