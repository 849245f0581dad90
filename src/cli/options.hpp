// Options every command shares (--format, --lang, --limit, --no-convert, --help), the
// option table each command's --help is generated from, input expansion and the exit code.
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "read/limits.hpp"

namespace tonghop::cli {

enum class OutputFormat { Text, Json };

struct CommonOptions {
  OutputFormat format = OutputFormat::Text;
  Lang lang = Lang::Vi;
  ReadLimits limits;
};

// A command's options, each defined once with its argument and its help in both languages;
// parsing and --help both come from here, so the help cannot leave an option out.
//
//   CommandOptions opts;
//   opts.add("output,o", po::value<std::string>(), Text("TỆP", "FILE"), Text("sổ cần ghi", "the workbook to write"));
class CommandOptions {
 public:
  // name as Boost spells it: "output,o"; arg empty for a switch.
  CommandOptions& add(const char* name, const boost::program_options::value_semantic* value, Text arg, Text help);
  // The positional FILE arguments ("input"), not listed among the options.
  CommandOptions& inputs();
  const boost::program_options::options_description& desc() const { return desc_; }
  // Every option in definition order: "  -o, --output FILE   the workbook to write".
  void write(std::ostream& os, Lang lang) const;

 private:
  struct Doc {
    std::string flags;  // "-o, --output"
    Text arg, help;
  };
  boost::program_options::options_description desc_;
  std::vector<Doc> docs_;
};

// Adds --format (unless the command has a single output), --lang, --limit, --no-convert, --help.
void add_common_options(CommandOptions& opts, bool format = true);

// A command's --help: its examples and description (`usage`), then every option.
void write_help(std::ostream& os, std::string_view usage, const CommandOptions& opts, Lang lang);

// Reads them back; throws UsageError on a bad value.
CommonOptions common_options(const boost::program_options::variables_map& vm);

// A usage mistake: the message is shown with the command's usage, exit code 2.
struct UsageError {
  Text message;
};

// Picks --lang from raw arguments before parsing, so even parse errors speak it.
Lang lang_from_args(const std::vector<std::string>& args);

// Parses args against the options, positional FILE arguments collected under "input".
boost::program_options::variables_map parse(const std::vector<std::string>& args, const CommandOptions& opts);

// A configuration file that cannot be used, as a usage error (exit code 2).
UsageError config_usage_error(const std::exception& e);

// Reads an input workbook; on a refusal writes the issue to io.err and returns false (the
// command then exits with ExitCode::Unreadable).
// role ("kế hoạch"/"plan") names the input in a missing file's message.
bool load_or_report(const std::string& path, const CommonOptions& opt, std::ostream& err, Workbook& out,
                    const Text& role = {});

// The process's exit code, decided here only: a file that could not be read outranks
// errors in the data, which outrank warnings (exit 0).
ExitCode exit_code(bool unreadable, bool errors);

// Files as given, and the spreadsheets inside a folder (sorted by name; hidden files and
// Office lock files "~$..." left out). A missing path is kept: the reader reports it.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

}  // namespace tonghop::cli
