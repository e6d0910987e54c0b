#pragma once
// The kiosk's INI configuration (/etc/medkiosk/medkiosk.ini). A bad value is logged
// with its key and the default is kept, so a typo never stops the kiosk.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mk {

// Which content texts the kiosk shows ([content] show), by their review status:
// All: every text, each with its review badge (the default).
// Reviewed: a section not reviewed in the patient's language is shown from the next
//   language of the fallback chain where it is reviewed, finally English.
// ReviewedLocales: only languages whose texts are all reviewed are offered.
enum class ContentShow { All, Reviewed, ReviewedLocales };

struct KioskSettings {
  std::string country;                    // [kiosk] country = BE
  std::string locale;                     // [kiosk] locale; empty: the country's first, else en
  std::vector<std::string> locales;       // [kiosk] locales offered; empty: every locale with content
  std::int64_t idleTimeoutMs = 90'000;    // [kiosk] idle_timeout_seconds (0 = off)
  int textSize = 1;                       // [display] text_size = 1..3
  float screenDiagonalInches = 21.5f;     // [display] diagonal_inches
  bool acceleratedRenderer = false;       // [display] renderer = software | accelerated
  float dpi = 0;                          // [display] dpi; 0: from the diagonal and the pixel size
  int windowWidth = 0, windowHeight = 0;  // [display] size = WxH forces the window size; 0: the screen decides
  std::string contentDb;                  // [content] database
  ContentShow contentShow{};              // [content] show = all (the default) | reviewed | reviewed-locales
  std::string contentUrl;                 // [content] url: base URL of signed bundles (medkiosk-update)
  std::vector<std::string> publicKeys;    // [content] public_keys: one or two base64 Ed25519 keys
  std::string contentChannel = "main";    // [content] channel: the release ring whose bundles are accepted
  std::string contentCaFile;              // [content] ca_file: authorities for an https url; empty: the system's
  long expiryGraceDays = 14;              // [content] expiry_grace_days: expired content shown, marked, this long
  std::string checkSize = "1080x1920";    // [content] check_size: screen size for the render check of updates
  std::string dataDirectory;              // [data] directory: writable state (records, audit, content updates)
  int retentionDays = 90;                 // [records] retention_days
  std::string exportDirectory;            // [records] export_directory; empty: <data directory>/exports
  std::string metricsTextfile;  // [metrics] textfile; empty: <data directory>/metrics/medkiosk.prom, "off": none
  bool metricsWalkthroughsByGroup = false;  // [metrics] walkthroughs = by-group (default: total)
  int nurseFreeTries = 5;                   // [nurse] free_tries: wrong PINs in a row before a nurse's pad locks
  int nurseDailyWrongPins = 20;  // [nurse] daily_wrong_pins: wrong PINs a day (all nurses) before nurse mode locks
};

struct ConfigResult {
  KioskSettings settings;
  std::vector<std::string> problems;  // "file:line: key: message"
  bool readable = true;
};

ConfigResult loadConfig(const std::filesystem::path& path);

}  // namespace mk
