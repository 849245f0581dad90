#include "core/toml_file.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/platform.hpp"

namespace tonghop {

std::string templates_dir() {
  if (const char* env = std::getenv("TONGHOP_TEMPLATES")) return env;
  // An unpacked release (tonghop-windows.zip): templates/ beside the executable.
  static const std::string beside = [] {
    auto dir = platform::executable_dir();
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_regular_file(platform::path_from_utf8(dir + "/templates/labels.toml"), ec))
      return std::string();
    return dir + "/templates";
  }();
  return beside.empty() ? TONGHOP_SOURCE_TEMPLATES : beside;
}

toml::table load_toml(const std::string& path) {
  try {
    // Read here rather than by toml::parse_file, which opens the narrow path in the ANSI
    // code page on Windows (templates/ unpacked under a Vietnamese folder name).
    std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
    if (!in) throw ConfigError(path + ": the file cannot be opened");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
}

}  // namespace tonghop
