// One libFuzzer binary per target; TONGHOP_FUZZ_TARGET names it (fuzz/CMakeLists.txt).
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tonghop::fuzz::run_target(TONGHOP_FUZZ_TARGET, data, size);
  return 0;
}
