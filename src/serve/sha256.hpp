// SHA-256 (FIPS 180-4) of the bytes the server stores: the content address of an
// original file.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tonghop::serve {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::array<std::uint8_t, 32> finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t total_ = 0;
};

// Lower-case hex digest.
std::string sha256_hex(std::string_view bytes);

}  // namespace tonghop::serve
