#include "core/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>

namespace tonghop {

std::string templates_dir() {
  if (const char* env = std::getenv("TONGHOP_TEMPLATES")) return env;
  return TONGHOP_SOURCE_TEMPLATES;
}

toml::table load_toml(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
}

}  // namespace tonghop
