#pragma once
// The en_XA pseudo-locale made from the English brochure and counselling points
// (see i18n/pseudo_text.h), for layout tests and `medkiosk-content build --pseudo`.
#include "core/content/content_model.h"
#include "core/i18n/pseudo_text.h"

namespace mk {

Brochure pseudoBrochure(const Brochure& english);
CounsellingSet pseudoCounselling(const CounsellingSet& english);

}  // namespace mk
