// The platform functions that standard C++ already makes the same everywhere.
#include "core/platform.hpp"

#include <chrono>
#include <filesystem>

namespace tonghop::platform {

std::optional<std::int64_t> modified_seconds(const std::string& path) {
  std::error_code ec;
  auto when = std::filesystem::last_write_time(std::filesystem::path(path), ec);
  if (ec) return std::nullopt;
  auto sys = std::chrono::file_clock::to_sys(when);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

}  // namespace tonghop::platform
