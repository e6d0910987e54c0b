// The content hashes (content_db.h): the canonical one over every table, which signed
// bundles name, and the two the kiosk checks separately (ContentCheck::OnFirstUse).
#include <sodium.h>
#include <iterator>
#include <string>
#include <string_view>

#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"

namespace mk {
namespace {

// The canonical serialisation: every content table in a fixed order, each row's
// columns joined by U+001F and rows by U+001E. "meta" is included (issue #14, item 5:
// a content version changed there no longer matches) but for "hash", which holds the
// result, and "build_time", so that the same sources at the same version give the
// same hash; the file's SHA-256 in the signed manifest covers the build time.
struct HashQuery {
  const char* sql;
  int columns;
};

// The canonical content hash: every table, in this order. Bundles and signed
// manifests record it, so these queries never change.
constexpr HashQuery kHashQueries[] = {
    {"SELECT id, name, brand, sort FROM medicine ORDER BY id", 4},
    {"SELECT medicine, kind, locale, url FROM medicine_link ORDER BY medicine, kind, locale", 4},
    {"SELECT medicine, id, sort, section, kind, titles, whole_captions, source FROM figure ORDER BY medicine, id", 8},
    {"SELECT medicine, figure, sort, heading, block, block_last, pictures, cycle_days, take_first, take_last, "
     "strength_mg FROM figure_item ORDER BY medicine, figure, sort",
     11},
    {"SELECT id, sort FROM section ORDER BY id", 2},
    {"SELECT medicine, locale, title, subtitle, warning, warning_source, warning_status, "
     "warning_reviewer, warning_reviewed_on, fallback_sections FROM brochure ORDER BY medicine, locale",
     10},
    {"SELECT medicine, section, locale, title, body, source, status, reviewer, reviewed_on "
     "FROM section_text ORDER BY medicine, section, locale",
     9},
    {"SELECT code, name, authority, website FROM member_state ORDER BY code", 4},
    {"SELECT code, locale, sort FROM member_state_locale ORDER BY code, sort", 3},
    {"SELECT code, locale, authority, website FROM member_state_authority ORDER BY code, locale", 4},
    {"SELECT medicine, id, sort, categories, brochure_section, brochure_heading, source, brochure_blocks "
     "FROM counselling_point ORDER BY medicine, id",
     8},
    {"SELECT medicine, point, locale, title, body, status, reviewer, reviewed_on "
     "FROM counselling_text ORDER BY medicine, point, locale",
     8},
    {"SELECT medicine, locale, item, sort, status, reviewer, role, reviewed_on, text_sha256, english_sha256, "
     "reviewed_text_sha256, reviewed_english_sha256 FROM review ORDER BY medicine, locale, item",
     12},
    {"SELECT key, value FROM meta WHERE key NOT IN ('hash', 'build_time') ORDER BY key", 2},
};

// ContentCheck::OnFirstUse. What every screen reads, checked at open: all tables but
// the four below, which hold almost all of the text.
constexpr HashQuery kSharedHashQueries[] = {
    kHashQueries[0],
    kHashQueries[1],
    kHashQueries[2],
    kHashQueries[3],
    kHashQueries[4],
    kHashQueries[5],
    kHashQueries[7],
    kHashQueries[8],
    kHashQueries[9],
    {"SELECT key, value FROM meta WHERE key NOT IN ('hash', 'build_time', 'shared_hash') ORDER BY key", 2},
};

// One medicine's own texts (?1: its id), checked when it is first read.
constexpr HashQuery kMedicineHashQueries[] = {
    {"SELECT section, locale, title, body, source, status, reviewer, reviewed_on "
     "FROM section_text WHERE medicine = ?1 ORDER BY section, locale",
     8},
    {"SELECT id, sort, categories, brochure_section, brochure_heading, source, brochure_blocks "
     "FROM counselling_point WHERE medicine = ?1 ORDER BY id",
     7},
    {"SELECT point, locale, title, body, status, reviewer, reviewed_on "
     "FROM counselling_text WHERE medicine = ?1 ORDER BY point, locale",
     7},
    {"SELECT locale, item, sort, status, reviewer, role, reviewed_on, text_sha256, english_sha256, "
     "reviewed_text_sha256, reviewed_english_sha256 FROM review WHERE medicine = ?1 ORDER BY locale, item",
     11},
};

std::string hexDigest(crypto_hash_sha256_state& state) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// SHA-256, hex, over the rows of `queries`: columns end in 0x1f, rows in 0x1e, each
// query in 0x1d. `medicine` is bound to ?1 when given.
template <std::size_t N>
std::string hashRows(const Database& db, const HashQuery (&queries)[N], const std::string* medicine) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&](std::string_view s) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  for (const HashQuery& q : queries) {
    Statement st(db, q.sql);
    if (medicine) st.bind(1, *medicine);
    while (st.step()) {
      for (int c = 0; c < q.columns; ++c) {
        feed(st.text(c));
        feed("\x1f");
      }
      feed("\x1e");
    }
    feed("\x1d");
  }
  return hexDigest(state);
}

}  // namespace

std::string computeContentHash(const Database& db) { return hashRows(db, kHashQueries, nullptr); }

std::string computeSharedHash(const Database& db) { return hashRows(db, kSharedHashQueries, nullptr); }

std::string computeMedicineHash(const Database& db, const std::string& medicine) {
  return hashRows(db, kMedicineHashQueries, &medicine);
}

std::string emptyMedicineHash() {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::size_t q = 0; q < std::size(kMedicineHashQueries); ++q)
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\x1d"), 1);
  return hexDigest(state);
}

}  // namespace mk
