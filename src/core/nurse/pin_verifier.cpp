#include "core/nurse/pin_verifier.h"

#include <sodium.h>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "core/nurse/nurse_auth.h"

namespace mk {

bool pinMatches(const std::string& hash, const std::string& pin) {
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
}

PinVerifier::~PinVerifier() { wait(); }

void PinVerifier::start(const std::string& hash, const std::string& pin) {
  if (busy()) return;
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  // The copy lives on the heap and only its pointer moves, so no stray copy of the
  // digits stays behind in a moved-from lambda or std::async's state.
  auto secret = std::make_unique<std::string>(pin);
  result_ = std::async(std::launch::async, [hash, secret = std::move(secret), gate = beforeVerify_]() {
    if (gate) gate();
    bool ok = pinMatches(hash, *secret);
    wipePin(*secret);
    return ok;
  });
}

std::optional<bool> PinVerifier::poll() {
  if (!busy() || result_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  return result_.get();
}

void PinVerifier::wait() {
  if (busy()) result_.wait();
}

}  // namespace mk
