#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "core/platform.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  tonghop::platform::use_utf8_console();
  std::vector<std::string> args(argv + 1, argv + argc);
  return tonghop::cli::run(args, std::cout, std::cerr);
}
