#include "core/i18n/ui_strings.h"

#include "core/base/utc_time.h"

#include <unicode/coll.h>
#include <unicode/datefmt.h>
#include <unicode/locdspnm.h>
#include <unicode/msgfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/base/log.h"
#include "core/i18n/pseudo_text.h"

namespace mk {

struct UiStrings::Bundle {
  UResourceBundle* res = nullptr;
  ~Bundle() { ures_close(res); }
};

struct UiStrings::Chain {
  std::vector<std::string> loaded;               // locale ids, most specific first
  std::vector<std::unique_ptr<Bundle>> bundles;  // same order
  std::unordered_map<std::string, std::string> cache;
};

namespace {

std::string toUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::vector<std::string> splitKey(std::string_view key) {
  std::vector<std::string> parts;
  std::stringstream ss{std::string(key)};
  for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
  return parts;
}

std::optional<std::string> lookupIn(UResourceBundle* root, std::string_view key) {
  std::vector<std::string> parts = splitKey(key);
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* cur = ures_getByKey(root, parts.empty() ? "" : parts[0].c_str(), nullptr, &status);
  for (size_t i = 1; i < parts.size() && U_SUCCESS(status); ++i)
    cur = ures_getByKey(cur, parts[i].c_str(), cur, &status);
  std::optional<std::string> result;
  if (U_SUCCESS(status) && ures_getType(cur) == URES_STRING) {
    int32_t len = 0;
    const UChar* s = ures_getString(cur, &len, &status);
    if (U_SUCCESS(status)) result = toUtf8(icu::UnicodeString(s, len));
  }
  ures_close(cur);
  return result;
}

void collectKeys(UResourceBundle* table, const std::string& prefix, std::vector<std::string>& out) {
  UErrorCode status = U_ZERO_ERROR;
  ures_resetIterator(table);
  while (ures_hasNext(table)) {
    UResourceBundle* item = ures_getNextResource(table, nullptr, &status);
    if (U_FAILURE(status)) break;
    std::string key = prefix + ures_getKey(item);
    if (ures_getType(item) == URES_TABLE)
      collectKeys(item, key + ".", out);
    else
      out.push_back(key);
    ures_close(item);
  }
}

}  // namespace

UiStrings::UiStrings(const std::filesystem::path& bundleDir) : dir_(std::filesystem::absolute(bundleDir) / "") {
  // An absolute path ending in '/' makes ICU read it as a directory, not a package name.
  setLocale("root");
  if (active_->loaded.empty()) throw std::runtime_error("no UI string bundle root.res in " + dir_.string());
}

UiStrings::~UiStrings() = default;

std::vector<std::string> UiStrings::fallbackChain(const std::string& locale) {
  std::vector<std::string> chain;
  std::string cur = locale;
  while (!cur.empty() && cur != "root") {
    chain.push_back(cur);
    size_t underscore = cur.rfind('_');
    cur = underscore == std::string::npos ? std::string() : cur.substr(0, underscore);
  }
  chain.push_back("root");
  return chain;
}

const std::vector<std::string>& UiStrings::loadedChain() const { return active_->loaded; }

void UiStrings::setLocale(const std::string& locale) {
  if (locale == locale_ && active_) return;
  locale_ = locale;
  auto found = chains_.find(locale);
  if (found != chains_.end()) {
    active_ = found->second.get();
    return;
  }
  active_ = chains_.emplace(locale, std::make_unique<Chain>()).first->second.get();
  for (const auto& link : fallbackChain(locale)) {
    UErrorCode status = U_ZERO_ERROR;
    // openDirect never falls back to the default locale on its own.
    UResourceBundle* res = ures_openDirect(dir_.c_str(), link.c_str(), &status);
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || status == U_USING_FALLBACK_WARNING) {
      ures_close(res);
      // A bundle that is there but cannot be opened is damaged, not merely absent.
      std::error_code ec;
      if (std::filesystem::exists(dir_ / (link + ".res"), ec) && warned_.insert(link + ".res").second)
        log::error("strings", dir_.string() + link + ".res cannot be read (" + u_errorName(status) +
                                  "); falling back along the chain");
      continue;
    }
    auto b = std::make_unique<Bundle>();
    b->res = res;
    active_->bundles.push_back(std::move(b));
    active_->loaded.push_back(link);
  }
  // Only a language with no bundle at all is worth a log line (en_IE using en is normal).
  if (active_->loaded.size() <= 1 && locale != "root" && warned_.insert(locale).second)
    log::warn("strings", "no UI strings for '" + locale + "' in " + dir_.string() + "; using English");
}

std::optional<std::string> UiStrings::lookup(std::string_view key) {
  if (locale_.rfind(kPseudoLocale, 0) == 0) {
    // The pseudo-locale is made from the English strings on the fly.
    for (size_t i = 0; i < active_->bundles.size(); ++i)
      if (active_->loaded[i] == "root")
        if (auto s = lookupIn(active_->bundles[i]->res, key)) return pseudoLocalizeMessage(*s);
  }
  for (const auto& b : active_->bundles)
    if (auto s = lookupIn(b->res, key)) return s;
  return std::nullopt;
}

bool UiStrings::has(std::string_view key) { return lookup(key).has_value(); }

const std::string& UiStrings::get(std::string_view key) {
  std::string k(key);
  auto it = active_->cache.find(k);
  if (it != active_->cache.end()) return it->second;
  std::optional<std::string> s = lookup(key);
  if (!s) {
    log::warn("strings", "missing UI string '" + k + "' for " + locale_);
    s = k;
  }
  return active_->cache.emplace(k, std::move(*s)).first->second;
}

std::string UiStrings::format(std::string_view key, const MessageArgs& args) {
  std::string memo = locale_;
  memo += '\x1f';
  memo += key;
  for (const auto& [name, value] : args) {
    memo += '\x1f';
    memo += name;
    memo += '=';
    if (auto i = std::get_if<std::int64_t>(&value))
      memo += "i" + std::to_string(*i);
    else if (auto d = std::get_if<double>(&value))
      memo += "d" + std::to_string(*d);
    else if (auto t = std::get_if<DateArg>(&value))
      memo += "t" + std::to_string(t->epochMs);
    else
      memo += "s" + std::get<std::string>(value);
  }
  if (auto it = formatted_.find(memo); it != formatted_.end()) return it->second;
  std::string out;
  if (!formatPattern(get(key), locale_, args, out)) {
    log::warn("strings", "cannot format '" + std::string(key) + "' for " + locale_);
    return get(key);
  }
  if (formatted_.size() >= kMaxFormatted) formatted_.clear();
  formatted_.emplace(std::move(memo), out);
  return out;
}

bool UiStrings::formatPattern(const std::string& pattern, const std::string& locale, const MessageArgs& args,
                              std::string& result) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat mf(icu::UnicodeString::fromUTF8(pattern), icu::Locale(locale.c_str()), status);
  if (U_FAILURE(status)) return false;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(icu::UnicodeString::fromUTF8(name));
    if (auto i = std::get_if<std::int64_t>(&value))
      values.emplace_back(static_cast<int64_t>(*i));
    else if (auto d = std::get_if<double>(&value))
      values.emplace_back(*d);
    else if (auto t = std::get_if<DateArg>(&value))
      values.emplace_back(static_cast<UDate>(t->epochMs), icu::Formattable::kIsDate);
    else
      values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(value)));
  }
  // Dates are whole days stored in UTC: format them in UTC so no time zone moves them.
  for (const auto& [name, value] : args) {
    if (!std::holds_alternative<DateArg>(value)) continue;
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString argName = icu::UnicodeString::fromUTF8(name);
    auto* df = dynamic_cast<icu::DateFormat*>(mf.getFormat(argName, st));
    if (U_SUCCESS(st) && df) {
      std::unique_ptr<icu::DateFormat> utc(df->clone());
      utc->setTimeZone(*icu::TimeZone::getGMT());
      mf.setFormat(argName, *utc, st);
    }
  }
  icu::UnicodeString out;
  mf.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) return false;
  result = toUtf8(out);
  return true;
}

std::vector<std::string> UiStrings::rootKeys() {
  std::vector<std::string> keys;
  for (size_t i = 0; i < active_->bundles.size(); ++i)
    if (active_->loaded[i] == "root") collectKeys(active_->bundles[i]->res, "", keys);
  return keys;
}

std::vector<std::string> UiStrings::bundleKeys(const std::filesystem::path& dir, const std::string& locale) {
  std::vector<std::string> keys;
  UErrorCode status = U_ZERO_ERROR;
  std::string path = (std::filesystem::absolute(dir) / "").string();
  UResourceBundle* res = ures_openDirect(path.c_str(), locale.c_str(), &status);
  if (U_SUCCESS(status)) collectKeys(res, "", keys);
  ures_close(res);
  return keys;
}

bool UiStrings::patternCompiles(std::string_view key, std::string& error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse{};
  icu::MessageFormat mf(icu::UnicodeString::fromUTF8(get(key)), icu::Locale(locale_.c_str()), parse, status);
  if (U_FAILURE(status)) {
    error = std::string(u_errorName(status)) + " at offset " + std::to_string(parse.offset);
    return false;
  }
  return true;
}

std::vector<std::size_t> collationOrder(const std::vector<std::string>& names, const std::string& locale) {
  std::vector<std::size_t> order(names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> coll(icu::Collator::createInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status) || !coll) {
    log::warn("strings", "no collator for " + locale + "; keeping the list order");
    return order;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    UErrorCode st = U_ZERO_ERROR;
    return coll->compareUTF8(names[a], names[b], st) == UCOL_LESS;
  });
  return order;
}

std::optional<DateArg> parseIsoDate(const std::string& text) {
  std::time_t t = 0;
  if (!parseUtcTime(text, t)) return std::nullopt;
  return DateArg{static_cast<double>(t) * 1000.0};
}

std::string localeDisplayName(const std::string& locale, const std::string& displayLocale) {
  UDisplayContext contexts[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU, UDISPCTX_STANDARD_NAMES};
  std::unique_ptr<icu::LocaleDisplayNames> names(
      icu::LocaleDisplayNames::createInstance(icu::Locale(displayLocale.c_str()), contexts, 2));
  if (!names) return locale;
  icu::UnicodeString out;
  names->localeDisplayName(icu::Locale(locale.c_str()), out);
  // ICU has list capitalisation data for only some languages ("български"); a
  // language list item always starts with a capital.
  if (!out.isEmpty() && u_islower(out.char32At(0))) {
    icu::UnicodeString first(out.char32At(0));
    first.toUpper(icu::Locale(displayLocale.c_str()));
    out.replace(0, U16_LENGTH(out.char32At(0)), first);
  }
  return toUtf8(out);
}

}  // namespace mk
