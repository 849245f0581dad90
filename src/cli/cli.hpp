// Command dispatch. Commands write to injected streams so tests run them in-process:
//
//   std::ostringstream out, err;
//   int code = tonghop::cli::run({"inspect", "samples/a.xlsx"}, out, err);
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tonghop::cli {

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// args excludes the program name. Returns the process exit code (ExitCode).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// One per subcommand file.
int inspect_command(const std::vector<std::string>& args, Streams io);
int plan_command(const std::vector<std::string>& args, Streams io);
int check_command(const std::vector<std::string>& args, Streams io);
int consolidate_command(const std::vector<std::string>& args, Streams io);
int template_command(const std::vector<std::string>& args, Streams io);
int serve_command(const std::vector<std::string>& args, Streams io);

}  // namespace tonghop::cli
