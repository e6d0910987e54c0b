#include <catch2/catch.hpp>
#include <string>

#include "core/update/bundle.h"

using namespace mk;

namespace {

Manifest sample() {
  Manifest m;
  m.contentVersion = 12;
  m.database = "content-12.db";
  m.size = 4096;
  m.sha256 = std::string(64, 'a');
  m.contentHash = std::string(64, 'b');
  REQUIRE(parseUtcTime("2030-06-30T00:00:00Z", m.expires));
  m.minAppVersion = "0.1.0";
  return m;
}

Manifest parsed(const std::string& text) {
  auto r = parseManifest(text);
  if (auto* e = std::get_if<ManifestError>(&r)) FAIL(e->message);
  return std::get<Manifest>(r);
}

std::string errorOf(const std::string& text) {
  auto r = parseManifest(text);
  REQUIRE(std::holds_alternative<ManifestError>(r));
  return std::get<ManifestError>(r).message;
}

std::string replaceLine(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a signed manifest parses back to the same fields and verifies") {
  KeyPair kp = generateKeyPair();
  std::string text = signManifest(sample(), kp.secretKey);
  Manifest m = parsed(text);
  CHECK(m.contentVersion == 12);
  CHECK(m.database == "content-12.db");
  CHECK(m.size == 4096);
  CHECK(m.sha256 == std::string(64, 'a'));
  CHECK(m.contentHash == std::string(64, 'b'));
  CHECK(m.expiresText == "2030-06-30T00:00:00Z");
  CHECK(m.minAppVersion == "0.1.0");
  CHECK(verifyManifestSignature(m, {kp.publicKey}));
}

TEST_CASE("a manifest signed by another key, or changed after signing, does not verify") {
  KeyPair signer = generateKeyPair(), other = generateKeyPair();
  std::string text = signManifest(sample(), signer.secretKey);
  CHECK_FALSE(verifyManifestSignature(parsed(text), {other.publicKey}));
  // The second configured key is how keys are rotated: either may have signed.
  CHECK(verifyManifestSignature(parsed(text), {other.publicKey, signer.publicKey}));
  std::string tampered = replaceLine(text, "content_version=12", "content_version=13");
  CHECK_FALSE(verifyManifestSignature(parsed(tampered), {signer.publicKey}));
  std::string bigger = replaceLine(text, "size=4096", "size=4097");
  CHECK_FALSE(verifyManifestSignature(parsed(bigger), {signer.publicKey}));
}

TEST_CASE("a malformed public key is reported and skipped, not trusted") {
  KeyPair kp = generateKeyPair();
  Manifest m = parsed(signManifest(sample(), kp.secretKey));
  std::vector<std::string> problems;
  CHECK_FALSE(verifyManifestSignature(m, {"not-a-key"}, &problems));
  CHECK(problems.size() == 1);
  CHECK(verifyManifestSignature(m, {"not-a-key", kp.publicKey}, &problems));
  CHECK(isValidPublicKey(kp.publicKey));
  CHECK_FALSE(isValidPublicKey(kp.secretKey));
  CHECK_FALSE(isValidPublicKey(""));
}

TEST_CASE("manifest syntax errors name the line and the problem") {
  KeyPair kp = generateKeyPair();
  std::string good = signManifest(sample(), kp.secretKey);
  CHECK(errorOf("") == "manifest is empty");
  CHECK(errorOf("hello\n").find("line 1") != std::string::npos);
  CHECK(errorOf(manifestBody(sample())) == "manifest is not signed (no signature line)");
  CHECK(errorOf(good.substr(0, good.size() - 1)).find("no line ending") != std::string::npos);
  CHECK(errorOf(good + "extra=1\n").find("nothing may follow the signature") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096", "size=-1")).find("line 4: size") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096", "size=99999999999999")).find("size") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "database=content-12.db", "database=../etc/passwd")).find("plain file name") !=
        std::string::npos);
  CHECK(errorOf(replaceLine(good, "content_version=12", "content_version=012")).find("content_version") !=
        std::string::npos);
  CHECK(errorOf(replaceLine(good, "content_version=12", "content_version=0")).find("content_version") !=
        std::string::npos);
  CHECK(errorOf(replaceLine(good, "expires=2030-06-30T00:00:00Z", "expires=2030-02-31")).find("expires") !=
        std::string::npos);
  CHECK(errorOf(replaceLine(good, "min_app_version=0.1.0", "min_app_version=1..0")).find("min_app_version") !=
        std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096\n", "size=4096\nsize=4096\n")).find("appears twice") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096\n", "")).find("no size") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096\n", "colour=blue\n")).find("unknown key 'colour'") != std::string::npos);
  CHECK(errorOf(replaceLine(good, "size=4096\n", "size=4096\r\n")).find("carriage-return") != std::string::npos);
  CHECK(errorOf(std::string(kMaxManifestBytes + 1, 'x')).find("larger than") != std::string::npos);
  std::string sigLine = good.substr(good.find("signature="));
  CHECK(errorOf(replaceLine(good, sigLine, "signature=AAAA\n")).find("64 bytes") != std::string::npos);
}

TEST_CASE("app versions compare numerically, part by part") {
  CHECK(compareVersions("0.1.0", "0.1.0") == 0);
  CHECK(compareVersions("0.1", "0.1.0") == 0);
  CHECK(compareVersions("0.10.0", "0.9.9") > 0);
  CHECK(compareVersions("1.0", "0.99") > 0);
  CHECK(compareVersions("0.1.0", "0.1.1") < 0);
  CHECK(isValidVersion("2.13.4"));
  CHECK_FALSE(isValidVersion("2.x"));
  CHECK_FALSE(isValidVersion(".1"));
  CHECK_FALSE(isValidVersion(""));
}

TEST_CASE("expiry times are UTC and impossible dates are refused") {
  std::time_t t = 0;
  REQUIRE(parseUtcTime("2027-06-30", t));
  CHECK(formatUtcTime(t) == "2027-06-30T00:00:00Z");
  REQUIRE(parseUtcTime("2027-06-30T12:34:56Z", t));
  CHECK(formatUtcTime(t) == "2027-06-30T12:34:56Z");
  CHECK_FALSE(parseUtcTime("2027-02-29", t));
  CHECK_FALSE(parseUtcTime("2027-06-30T12:34:56", t));
  CHECK_FALSE(parseUtcTime("2027-6-30", t));
  CHECK_FALSE(parseUtcTime("+027-06-30", t));
}

TEST_CASE("the channel is signed, defaults to main and must be a plain name") {
  KeyPair kp = generateKeyPair();
  Manifest pilot = sample();
  pilot.channel = "pilot";
  std::string text = signManifest(pilot, kp.secretKey);
  CHECK(text.find("\nchannel=pilot\n") != std::string::npos);
  CHECK(parsed(text).channel == "pilot");
  CHECK_FALSE(verifyManifestSignature(parsed(replaceLine(text, "channel=pilot", "channel=main")), {kp.publicKey}));
  // A manifest signed before channels existed has no channel line: it is for main.
  std::string old = replaceLine(text, "channel=pilot\n", "");
  CHECK(parsed(old).channel == "main");
  CHECK_THAT(errorOf(replaceLine(text, "channel=pilot", "channel=Pilot ring")), Catch::Contains("channel must be"));
  CHECK_THAT(errorOf(replaceLine(text, "channel=pilot", "channel=pilot\nchannel=main")),
             Catch::Contains("appears twice"));
  CHECK(isValidChannel("main"));
  CHECK(isValidChannel("ring-2"));
  CHECK_FALSE(isValidChannel(""));
  CHECK_FALSE(isValidChannel("-x"));
  CHECK_FALSE(isValidChannel(std::string(33, 'a')));
}
