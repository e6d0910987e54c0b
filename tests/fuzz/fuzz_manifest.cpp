// libFuzzer target: the update bundle manifest parser. Built only when the update
// code (core/bundle.h with parseManifest) is in the tree; a malformed manifest must be
// refused with an exception, never crash.
#include <cstdint>
#include <exception>
#include <string_view>

#include "core/update/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)mk::parseManifest(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception&) {
  }
  return 0;
}
