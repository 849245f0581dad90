// Configuration data files under templates/ (TOML): where they are, and loading one with
// errors that name the file and the line.
#pragma once

#include <toml++/toml.h>

#include <stdexcept>
#include <string>

namespace tonghop {

// A configuration file that cannot be used: the message names the file and the line.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where templates/ is: $TONGHOP_TEMPLATES, else templates/ beside the executable (an
// unpacked release), else the source tree's templates folder.
std::string templates_dir();

// Parses a TOML file; throws ConfigError "path:line: what" on a syntax error or a missing
// file.
toml::table load_toml(const std::string& path);

}  // namespace tonghop
