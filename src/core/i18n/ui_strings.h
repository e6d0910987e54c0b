#pragma once
// UI strings from ICU resource bundles (locales/*.txt compiled by genrb), opened by
// path. The fallback chain is explicit - de_AT -> de -> root (English) - and never
// the process default locale. Patterns go through ICU MessageFormat with named
// arguments. Thread-safety: one instance per thread.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace mk {

// A point in time for {x, date, ...} arguments, in milliseconds since 1970 (UTC).
struct DateArg {
  double epochMs = 0;
};
using MessageArg = std::variant<std::int64_t, double, std::string, DateArg>;

// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC); nullopt when malformed.
std::optional<DateArg> parseIsoDate(const std::string& text);
using MessageArgs = std::vector<std::pair<std::string, MessageArg>>;

class UiStrings {
 public:
  // Throws std::runtime_error when the directory has no usable root bundle.
  explicit UiStrings(const std::filesystem::path& bundleDir);
  ~UiStrings();
  UiStrings(const UiStrings&) = delete;
  UiStrings& operator=(const UiStrings&) = delete;

  // Switches the chain; bundles missing for a link are skipped with a log line.
  void setLocale(const std::string& locale);
  const std::string& locale() const { return locale_; }
  // The chain actually loaded, most specific first, ending with "root".
  const std::vector<std::string>& loadedChain() const;

  // The string for a dotted key ("brochure.section.pregnancy"); a missing key is
  // logged and shown as the key, so it is visible rather than blank.
  const std::string& get(std::string_view key);
  bool has(std::string_view key);
  std::string format(std::string_view key, const MessageArgs& args);
  // Formats any MessageFormat pattern for a locale (numbers, dates, plurals by ICU).
  static bool formatPattern(const std::string& pattern, const std::string& locale, const MessageArgs& args,
                            std::string& result);

  static std::vector<std::string> fallbackChain(const std::string& locale);
  // Every key in the root bundle, dotted.
  std::vector<std::string> rootKeys();
  // Every key in one bundle file (no fallback), dotted.
  static std::vector<std::string> bundleKeys(const std::filesystem::path& dir, const std::string& locale);
  // Whether the current chain's pattern for `key` is valid MessageFormat.
  bool patternCompiles(std::string_view key, std::string& error);

 private:
  struct Bundle;
  // One locale's opened bundles and looked-up strings. Chains are kept once opened,
  // so switching language (or the attract screen's rotation) reopens nothing.
  struct Chain;
  std::optional<std::string> lookup(std::string_view key);

  std::filesystem::path dir_;
  std::string locale_;
  std::map<std::string, std::unique_ptr<Chain>> chains_;
  Chain* active_ = nullptr;
  std::set<std::string> warned_;
  // Formatted messages by locale, key and arguments. Screens format the same few
  // ("Part 2 of 8", a calendar's day numbers) on every frame, and ICU compiles the
  // pattern anew each time; bounded, emptied when full.
  std::unordered_map<std::string, std::string> formatted_;
  static constexpr std::size_t kMaxFormatted = 1024;
};

// The name of `locale` written in `displayLocale`, capitalised for a UI list
// ("Deutsch (Österreich)", "Ελληνικά").
std::string localeDisplayName(const std::string& locale, const std::string& displayLocale);

// Indexes of `names` in the order an ICU collator for `locale` sorts them
// (Swedish puts "Ö" after "Z"; German sorts it with "O").
std::vector<std::size_t> collationOrder(const std::vector<std::string>& names, const std::string& locale);

}  // namespace mk
