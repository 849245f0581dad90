// Options every command shares (--format, --lang, -q/-v, --limit) and input expansion.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "read/limits.hpp"

namespace tonghop::cli {

enum class OutputFormat { Text, Json };

struct CommonOptions {
  OutputFormat format = OutputFormat::Text;
  Lang lang = Lang::Vi;
  int verbosity = 0;  // -1 quiet, 0 normal, 1 verbose
  ReadLimits limits;
};

// Adds --format, --lang, -q, -v, --limit to desc.
void add_common_options(boost::program_options::options_description& desc);

// Reads them back; throws UsageError on a bad value.
CommonOptions common_options(const boost::program_options::variables_map& vm);

// A usage mistake: the message is shown with the command's usage, exit code 2.
struct UsageError {
  Text message;
};

// Picks --lang from raw arguments before parsing, so even parse errors speak it.
Lang lang_from_args(const std::vector<std::string>& args);

// Parses args against desc with positional FILE arguments collected under "input".
boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                            const boost::program_options::options_description& desc,
                                            bool positional_inputs);

// A configuration file that cannot be used, as a usage error (exit code 2).
UsageError config_usage_error(const std::exception& e);

// Reads an input workbook; on a refusal writes the issue to io.err and returns false (the
// command then exits with ExitCode::Unreadable).
bool load_or_report(const std::string& path, const CommonOptions& opt, std::ostream& err, Workbook& out);

// Files as given, and the spreadsheets inside a folder (sorted by name; hidden files and
// Office lock files "~$..." left out). A missing path is kept: the reader reports it.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

}  // namespace tonghop::cli
