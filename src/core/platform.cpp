// The platform functions that standard C++ already makes the same everywhere.
#include "core/platform.hpp"

#include <chrono>
#include <filesystem>

namespace tonghop::platform {

std::filesystem::path path_from_utf8(std::string_view utf8) {
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

std::string utf8_of(const std::filesystem::path& path) {
  auto u8 = path.u8string();
  return std::string(u8.begin(), u8.end());
}

std::string file_name(std::string_view utf8_path) { return utf8_of(path_from_utf8(utf8_path).filename()); }

std::string file_stem(std::string_view utf8_path) { return utf8_of(path_from_utf8(utf8_path).stem()); }

std::optional<std::int64_t> modified_seconds(const std::string& path) {
  std::error_code ec;
  auto when = std::filesystem::last_write_time(path_from_utf8(path), ec);
  if (ec) return std::nullopt;
  auto sys = std::chrono::file_clock::to_sys(when);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

}  // namespace tonghop::platform
