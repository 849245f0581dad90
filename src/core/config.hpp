// Configuration data files under templates/ (TOML): where they are, and the error of one that
// cannot be used. Loading one is core/toml_file.hpp, which only their parsers include: toml++
// costs over a second of compile time in every file that includes it.
#pragma once

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

}  // namespace tonghop
