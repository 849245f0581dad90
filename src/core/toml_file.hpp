// Loading a configuration file (TOML) with errors that name the file and the line.
//   toml::table labels = load_toml(templates_dir() + "/labels.toml");
#pragma once

#include <toml++/toml.h>

#include <string>

#include "core/config.hpp"

namespace tonghop {

// Parses a TOML file; throws ConfigError "path:line: what" on a syntax error or a missing
// file.
toml::table load_toml(const std::string& path);

}  // namespace tonghop
