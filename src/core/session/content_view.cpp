#include "core/session/content_view.h"

#include <algorithm>
#include <set>

#include "core/base/log.h"
#include "core/base/sqlite_db.h"
#include "core/content/counselling_anchor.h"
#include "core/content/figure_source.h"
#include "core/i18n/ui_strings.h"

namespace mk {

ContentView::ContentView(ContentDb* db, ContentShow show) : db_(db), show_(show) {
  if (db_) medicines_ = db_->medicines();
}

std::vector<std::string> ContentView::locales(const std::string& medicine) {
  if (!db_) return {};
  auto it = locales_.find(medicine);
  if (it == locales_.end()) {
    std::vector<std::string> all = db_->brochureLocales(medicine);
    if (show_ == ContentShow::ReviewedLocales) all = reviewedLocales(medicine, all);
    it = locales_.emplace(medicine, std::move(all)).first;
  }
  return it->second;
}

// Why `locale` is not fully reviewed ("" when it is): its own texts, warning, sections
// and counselling points, and the sections it leaves to the fallback chain where the
// chain shows them.
std::string ContentView::notReviewed(const std::string& medicine, const std::string& locale,
                                     const std::vector<ReviewState>& states) {
  std::set<std::string> reviewed;
  int missing = 0;
  std::string first;
  for (const auto& st : states) {
    if (st.status == ReviewStatus::Reviewed) {
      reviewed.insert(st.locale + " " + st.item);
    } else if (st.locale == locale && missing++ == 0) {
      first = st.item + " is " + std::string(toString(st.status));
    }
  }
  const LoadedBrochure* b = exact(medicine, locale);
  const std::vector<std::string> none;
  for (const auto& id : b ? b->brochure.fallbackSections : none) {
    for (std::string link : UiStrings::fallbackChain(locale)) {
      if (link == "root") link = "en";
      const LoadedBrochure* other = link == locale ? nullptr : exact(medicine, link);
      if (!other || !other->brochure.section(id)) continue;
      std::string item = std::string("section/").append(id);
      if (!reviewed.count(std::string(link).append(" ").append(item)) && missing++ == 0)
        first = item.append(" is not reviewed in ").append(link);
      break;
    }
  }
  return missing ? std::to_string(missing) + " of its texts are not reviewed (" + first + ")" : std::string();
}

std::vector<std::string> ContentView::reviewedLocales(const std::string& medicine,
                                                      const std::vector<std::string>& all) {
  if (!medicineIntact(medicine)) return {};
  std::vector<ReviewState> states = db_->reviewStates(medicine);
  std::vector<std::string> out;
  for (const auto& locale : all) {
    std::string why = notReviewed(medicine, locale, states);
    if (why.empty()) {
      out.push_back(locale);
    } else if (locale == "en") {
      // English is the last fallback: without it a patient would see nothing.
      out.push_back(locale);
      log::warn("content", "[content] show = reviewed-locales: English is offered although " + why);
    } else {
      log::warn("content",
                std::string("[content] show = reviewed-locales: '").append(locale).append("' is not offered: ") + why);
    }
  }
  return out;
}

std::string ContentView::resolveLocale(const std::string& medicine, const std::string& locale) {
  auto have = locales(medicine);
  for (std::string link : UiStrings::fallbackChain(locale)) {
    if (link == "root") link = "en";
    if (std::find(have.begin(), have.end(), link) != have.end()) return link;
  }
  return {};
}

namespace {

// The text of the `heading`th '###' heading of a section (1-based), or "".
std::string headingText(const std::vector<Block>& blocks, int heading) {
  int seen = 0;
  for (const auto& b : blocks)
    if (b.kind == BlockKind::Heading && ++seen == heading) return plainText(b);
  return {};
}

}  // namespace

std::vector<ShownFigure> showFigures(const std::vector<Figure>& figures, const ShownSection& shown) {
  std::vector<ShownFigure> out;
  for (const auto& f : figures) {
    if (f.section != shown.section->id) continue;
    ShownFigure sf{f.id, f.kind, {}};
    for (const auto& item : f.items) {
      std::vector<Block> part = brochurePart(*shown.blocks, item.heading);
      if (item.block < 1 || std::max(item.block, item.blockLast) > static_cast<int>(part.size())) {
        log::error("content", "figure " + f.id + ": the " + shown.locale + " text of section " + f.section +
                                  " has no block " + std::to_string(item.block) + "; that item is left out");
        continue;
      }
      std::string title = f.titles ? headingText(*shown.blocks, item.heading) : std::string();
      sf.items.push_back({item, title, figureCaption(part, item, f.wholeCaptions)});
    }
    if (!sf.items.empty()) out.push_back(std::move(sf));
  }
  return out;
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
    // Only reviewed text, when so configured; English is the last resort and is shown
    // whatever its status (with its note), since a patient must never see nothing.
    if (show_ != ContentShow::All && s->review.status != ReviewStatus::Reviewed && link != "en") continue;
    return ShownSection{s, &b->blocks.at(id), link, link != own};
  }
  return std::nullopt;
}

void ContentView::noteDamage(const std::exception& e) {
  damage_ = e.what();
  log::error("content", damage_ + "; showing the 'information unavailable' screen");
}

bool ContentView::medicineIntact(const std::string& medicine) {
  if (!damage_.empty()) return false;
  try {
    db_->checkMedicine(medicine);
    return true;
  } catch (const DbError& e) {
    noteDamage(e);
    return false;
  }
}

std::string ContentView::title(const std::string& medicine, const std::string& locale) {
  std::string key = medicine + "/" + locale;
  auto it = titles_.find(key);
  if (it != titles_.end()) return it->second;
  std::string resolved = resolveLocale(medicine, locale);
  std::optional<Brochure> head = resolved.empty() ? std::nullopt : db_->brochureHead(medicine, resolved);
  if (head && show_ == ContentShow::Reviewed) useReviewedBanner(medicine, *head);
  return titles_.emplace(key, head ? head->title : std::string()).first->second;
}

const LoadedBrochure* ContentView::exact(const std::string& medicine, const std::string& resolved) {
  if (!db_) return nullptr;
  std::string key = medicine + "/" + resolved;
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second.get();
  if (!medicineIntact(medicine)) return nullptr;
  auto b = db_->brochure(medicine, resolved);
  if (!b) return nullptr;
  auto loaded = std::make_unique<LoadedBrochure>();
  loaded->brochure = std::move(*b);
  if (show_ == ContentShow::Reviewed) useReviewedBanner(medicine, loaded->brochure);
  for (const auto& s : loaded->brochure.sections) loaded->blocks[s.id] = parseMarkdown(s.body);
  return cache_.emplace(key, std::move(loaded)).first->second.get();
}

// The title bar and the warning banner in the first language of the chain whose
// warning (title, subtitle and warning together) is reviewed, finally English.
void ContentView::useReviewedBanner(const std::string& medicine, Brochure& b) {
  if (b.locale == "en" || b.warningReview.status == ReviewStatus::Reviewed) return;
  for (std::string link : UiStrings::fallbackChain(b.locale)) {
    if (link == "root") link = "en";
    auto other = link == b.locale ? std::nullopt : db_->brochureHead(medicine, link);
    if (!other || (other->warningReview.status != ReviewStatus::Reviewed && link != "en")) continue;
    b.title = other->title;
    b.subtitle = other->subtitle;
    b.warning = other->warning;
    b.warningSource = other->warningSource;
    b.warningReview = other->warningReview;
    return;
  }
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

std::string ContentView::leafletLink(const std::string& medicine, const std::string& locale) {
  if (!db_) return {};
  std::string key = "leaflet/" + medicine + "/" + locale;
  auto it = links_.find(key);
  if (it == links_.end()) it = links_.emplace(key, db_->link(medicine, locale, "leaflet")).first;
  return it->second;
}

const std::vector<ShownFigure>& ContentView::figures(const std::string& medicine, const ShownSection& shown) {
  std::string key = medicine + "/" + shown.locale + "/" + shown.section->id;
  auto it = figures_.find(key);
  if (it != figures_.end()) return it->second;
  auto all = medicineFigures_.find(medicine);
  if (all == medicineFigures_.end()) {
    std::vector<Figure> loaded;
    try {
      if (db_) loaded = db_->figures(medicine);
    } catch (const std::exception& e) {
      // Refused at build and covered by the content hash: only a damaged database.
      log::error("content", std::string("cannot read the figures of ") + medicine + ": " + e.what() +
                                "; the sections are shown without them");
    }
    all = medicineFigures_.emplace(medicine, std::move(loaded)).first;
  }
  return figures_.emplace(key, showFigures(all->second, shown)).first->second;
}

void ContentView::keepOnly(const std::string& medicine, const std::string& locale) {
  // Keys are "medicine/content locale", and for figures that and "/section".
  std::vector<std::string> kept;
  if (!medicine.empty())
    for (const std::string& link : UiStrings::fallbackChain(locale))
      kept.push_back(medicine + "/" + (link == "root" ? "en" : link));
  auto held = [&](const auto& entry) {
    const std::string& key = entry.first;
    return std::any_of(kept.begin(), kept.end(), [&](const std::string& k) {
      return key.starts_with(k) && (key.size() == k.size() || key[k.size()] == '/');
    });
  };
  std::erase_if(cache_, [&](const auto& entry) { return !held(entry); });
  std::erase_if(figures_, [&](const auto& entry) { return !held(entry); });
  std::erase_if(medicineFigures_, [&](const auto& entry) { return entry.first != medicine; });
}

std::vector<std::string> ContentView::allTexts() {
  if (!db_ || !damage_.empty()) return {};
  try {
    return db_->allTexts();
  } catch (const DbError& e) {
    noteDamage(e);
    return {};
  }
}

std::string ContentView::characters() { return db_ ? db_->characters() : std::string(); }

std::vector<std::string> ContentView::counsellingLocales(const std::string& medicine) {
  if (!db_) return {};
  auto it = counsellingLocales_.find(medicine);
  if (it == counsellingLocales_.end()) {
    if (!medicineIntact(medicine)) return {};
    std::vector<std::string> all = db_->counsellingLocales(medicine);
    if (show_ == ContentShow::ReviewedLocales) {
      // A refused language is refused in nurse mode too.
      auto offered = locales(medicine);
      all.erase(std::remove_if(all.begin(), all.end(),
                               [&](const std::string& l) {
                                 return l != "en" && std::find(offered.begin(), offered.end(), l) == offered.end();
                               }),
                all.end());
    }
    it = counsellingLocales_.emplace(medicine, std::move(all)).first;
  }
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
    auto points = db_->counsellingPoints(medicine, category, link);
    // A walk-through is in one language: with reviewed text only, a language whose
    // points are not all reviewed gives way to the next (finally English).
    bool allReviewed = std::all_of(points.begin(), points.end(),
                                   [](const CounsellingPoint& p) { return p.review.status == ReviewStatus::Reviewed; });
    if (show_ != ContentShow::All && link != "en" && !allReviewed) continue;
    c.locale = link;
    c.points = std::move(points);
    break;
  }
  return counselling_.emplace(key, std::move(c)).first->second;
}

}  // namespace mk
