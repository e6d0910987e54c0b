#include "core/content/pseudo_content.h"

#include "core/base/unicode_text.h"
#include "core/i18n/pseudo_text.h"

namespace mk {

Brochure pseudoBrochure(const Brochure& en) {
  Brochure b = en;
  b.locale = kPseudoLocale;
  b.path = "(pseudo-locale from " + en.path + ")";
  b.title = pseudoLocalize(en.title);
  b.subtitle = pseudoLocalize(en.subtitle);
  b.warning = pseudoLocalize(en.warning);
  b.warningReview = Review{ReviewStatus::Unreviewed, {}, {}};
  for (auto& s : b.sections) {
    s.title = pseudoLocalize(s.title);
    s.body = unicode::toNfc(pseudoLocalize(s.body));
    s.review = Review{ReviewStatus::Unreviewed, {}, {}};
  }
  return b;
}

CounsellingSet pseudoCounselling(const CounsellingSet& en) {
  CounsellingSet c = en;
  c.locale = kPseudoLocale;
  c.path = "(pseudo-locale from " + en.path + ")";
  for (auto& p : c.points) {
    p.title = unicode::toNfc(pseudoLocalize(p.title));
    p.body = unicode::toNfc(pseudoLocalize(p.body));
    p.review = Review{ReviewStatus::Unreviewed, {}, {}};
  }
  return c;
}

}  // namespace mk
