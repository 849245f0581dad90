// The arguments `check` and `consolidate` share: the plan, the period, the units, the
// receipts and the reports.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "plan/plan.hpp"
#include "validate/driver.hpp"

namespace tonghop::cli {

struct CheckRun {
  std::string plan_path;
  std::vector<std::string> files;
  CheckOptions options;
  std::optional<CheckContext> context;
};

void add_check_options(CommandOptions& opts);
// Throws UsageError.
CheckRun read_check_options(const boost::program_options::variables_map& vm, const CommonOptions& opt);
// The context from --units and --aliases (the defaults without them). Throws UsageError.
CheckContext read_context(const boost::program_options::variables_map& vm);
// Reads and understands the plan; a non-zero exit code when it cannot be used (the
// reason written to err).
int load_plan(const CheckRun& run, const CommonOptions& opt, std::ostream& err, PlanResult& out);
int current_year();
// The exit code of a check: unreadable files, then errors.
ExitCode exit_code(const CheckReport& report);

}  // namespace tonghop::cli
