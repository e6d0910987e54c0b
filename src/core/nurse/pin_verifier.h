#pragma once
// Checks one PIN against one nurse's Argon2id hash on a worker thread, so the screen
// keeps drawing (and shows "checking") while crypto_pwhash runs: about 50 ms on a
// desktop, several times that on a slow kiosk. The worker gets its own copy of the
// PIN on the heap, and wipes it (sodium_memzero) when done.
// Thread-safety: started, polled and destroyed by one thread; the worker touches only
// its own copies. Destroying it waits for a check in flight.
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <utility>

namespace mk {

// crypto_pwhash_str_verify; false for an empty hash (no such nurse).
bool pinMatches(const std::string& hash, const std::string& pin);

class PinVerifier {
 public:
  PinVerifier() = default;
  ~PinVerifier();
  PinVerifier(const PinVerifier&) = delete;
  PinVerifier& operator=(const PinVerifier&) = delete;

  // `hook` runs on the worker before each check: tests hold it there to see the
  // "checking" state. Empty (the default): nothing.
  void setBeforeVerify(std::function<void()> hook) { beforeVerify_ = std::move(hook); }
  // Starts a check; the caller wipes its own `pin`. Ignored while one is in flight.
  void start(const std::string& hash, const std::string& pin);
  bool busy() const { return result_.valid(); }
  // Whether the PIN matched, once, when the check is done; nullopt before.
  std::optional<bool> poll();
  // Blocks until the check in flight is done (headless runs, tests).
  void wait();

 private:
  std::function<void()> beforeVerify_;
  std::future<bool> result_;
};

}  // namespace mk
