// A content database damaged by flipping random bytes: at least 1,000 variants. Each
// is either refused when opened (DbError naming the reason: the kiosk then shows its
// "information unavailable" screen and logs the reason), or, when the flips hit
// unused space, opens with exactly the original content (same hash) and answers
// every query. Never a crash, never damaged content shown.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>

#include "core/base/sqlite_db.h"
#include "core/content/content_db.h"

using namespace mk;
namespace fs = std::filesystem;

namespace {

std::vector<char> readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& p, const std::vector<char>& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every query the kiosk makes, for every medicine and locale.
void readEverything(ContentDb& db) {
  for (const auto& m : db.medicines()) {
    for (const auto& loc : db.brochureLocales(m.id)) {
      auto b = db.brochure(m.id, loc);
      CHECK(b.has_value());
      (void)db.link(m.id, loc);
    }
  }
  for (const auto& st : db.memberStates())
    (void)db.reportingAuthority(st.code, st.locales.empty() ? "en" : st.locales.front());
  CHECK_FALSE(db.allTexts().empty());
}

// Every text of every brochure, in order: what a patient could be shown.
std::vector<std::string> brochureTexts(ContentDb& db) {
  std::vector<std::string> out;
  for (const auto& m : db.medicines()) {
    out.push_back(m.id + " " + m.name + " " + m.brand);
    for (const auto& loc : db.brochureLocales(m.id)) {
      auto b = db.brochure(m.id, loc);
      REQUIRE(b.has_value());
      out.insert(out.end(), {b->title, b->subtitle, b->warning});
      for (const auto& s : b->sections) out.insert(out.end(), {s.id, s.title, s.body});
    }
  }
  return out;
}

std::vector<char> flipped(const std::vector<char>& good, std::mt19937& rng, int v, int& flips) {
  std::vector<char> bytes = good;
  flips = std::uniform_int_distribution<int>(1, 16)(rng);
  // One variant in ten aims at the first page (file header and schema).
  std::size_t range = v % 10 == 0 ? 4096 : bytes.size();
  for (int f = 0; f < flips; ++f) {
    std::size_t at = std::uniform_int_distribution<std::size_t>(0, range - 1)(rng);
    bytes[at] = static_cast<char>(bytes[at] ^ std::uniform_int_distribution<int>(1, 255)(rng));
  }
  return bytes;
}

// The database opened with `check`, or null when it is refused, with a reason the log
// can show.
std::unique_ptr<ContentDb> openOrRefuse(const fs::path& path, ContentCheck check) {
  try {
    return std::make_unique<ContentDb>(path, check);
  } catch (const DbError& e) {
    CHECK(std::string(e.what()).size() > 10);
    return nullptr;
  }
}

}  // namespace

TEST_CASE("1,000 randomly corrupted content databases are refused or read back unchanged") {
  const fs::path original = fs::path(MEDKIOSK_BINARY_DIR) / "content" / "medkiosk.db";
  const std::vector<char> good = readAll(original);
  REQUIRE(good.size() > 4096);
  const std::string goodHash = ContentDb(original).info().hash;
  const fs::path variant = fs::temp_directory_path() / ("medkiosk-corrupt-" + std::to_string(getpid()) + ".db");
  constexpr std::uint32_t kSeed = 20261122;
  std::mt19937 rng(kSeed);
  constexpr int kVariants = 1000;
  int refused = 0, unchanged = 0;
  for (int v = 0; v < kVariants; ++v) {
    int flips = 0;
    writeAll(variant, flipped(good, rng, v, flips));
    INFO("variant " << v << " (seed " << kSeed << ", " << flips << " flipped bytes)");
    std::unique_ptr<ContentDb> db = openOrRefuse(variant, ContentCheck::Whole);
    if (!db) {
      ++refused;
      continue;
    }
    // Opened: the flips hit bytes that hold no content, so nothing changed.
    CHECK(db->info().hash == goodHash);
    readEverything(*db);
    ++unchanged;
  }
  fs::remove(variant);
  std::printf("corrupted content databases: %d variants, %d refused, %d read back unchanged\n", kVariants, refused,
              unchanged);
  CHECK(refused + unchanged == kVariants);
  CHECK(refused > kVariants / 2);  // most flips hit content, the header or a b-tree page
}

// The kiosk's way (issue #16): only what every screen reads is checked at open, each
// medicine's texts when first read. Each variant is refused at open, or refused when a
// medicine's texts are read (DbError: the kiosk shows 'information unavailable'), or
// reads back exactly the original texts.
TEST_CASE("1,000 randomly corrupted content databases checked on first use never show damaged text") {
  const fs::path original = fs::path(MEDKIOSK_BINARY_DIR) / "content" / "medkiosk.db";
  const std::vector<char> good = readAll(original);
  std::vector<std::string> goodTexts;
  {
    ContentDb db(original);
    goodTexts = brochureTexts(db);
  }
  const fs::path variant = fs::temp_directory_path() / ("medkiosk-corrupt-lazy-" + std::to_string(getpid()) + ".db");
  constexpr std::uint32_t kSeed = 20261205;
  std::mt19937 rng(kSeed);
  constexpr int kVariants = 1000;
  int refusedAtOpen = 0, refusedOnRead = 0, unchanged = 0;
  for (int v = 0; v < kVariants; ++v) {
    int flips = 0;
    writeAll(variant, flipped(good, rng, v, flips));
    INFO("variant " << v << " (seed " << kSeed << ", " << flips << " flipped bytes)");
    std::unique_ptr<ContentDb> db = openOrRefuse(variant, ContentCheck::OnFirstUse);
    if (!db) {
      ++refusedAtOpen;
      continue;
    }
    std::vector<std::string> texts;
    try {
      texts = brochureTexts(*db);
    } catch (const DbError& e) {
      CHECK(std::string(e.what()).size() > 10);
      ++refusedOnRead;
      continue;
    }
    CHECK(texts == goodTexts);
    ++unchanged;
  }
  fs::remove(variant);
  std::printf(
      "corrupted content databases checked on first use: %d variants, %d refused at open, %d when read, %d "
      "read back unchanged\n",
      kVariants, refusedAtOpen, refusedOnRead, unchanged);
  CHECK(refusedAtOpen + refusedOnRead + unchanged == kVariants);
  CHECK(refusedOnRead > 0);  // most of the file is the medicine's texts
}
