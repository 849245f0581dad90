// Checking report files on disk: each file loaded (legacy text converted), its receipt
// time taken from the office's record or the file's modification time, then checked by
// validate/check. The CLI's check and consolidate go through here; a caller holding
// workbooks already read calls check_workbook and complete_report itself.
//
//   CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(),
//                    NameMatcher::load_default()};
//   auto report = check_submissions(plan, {"bao-cao/phong-vhxh.xlsx"}, {2026}, ctx);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "read/limits.hpp"
#include "validate/check.hpp"

namespace tonghop {

// "2026-12-03", "2026-12-03T09:30", "03/12/2026" to a serial day (1900 system).
std::optional<double> parse_receipt_date(std::string_view text);

struct CheckOptions {
  Period period;                                // what is being consolidated
  std::map<std::string, std::string> unit_of;   // --unit FILE=NAME
  std::map<std::string, double> received;       // path or file name -> day (--received, --receipts)
  std::optional<double> deadline;               // default: 3 December of the year
  ReadLimits limits;
  bool keep_workbooks = false;                  // FileResult::workbook (check --report)
};

// A file read for checking: the workbook, legacy text already converted, and what reading
// it found (legacy-encoding); or, when it cannot be read, why.
struct LoadedSubmission {
  std::shared_ptr<Workbook> workbook;  // null when unreadable
  std::vector<Issue> issues;
};
LoadedSubmission load_submission(const std::string& path, const ReadLimits& limits);

// When the file came in: as the office recorded it (by path, then by file name), else the
// file's modification time (with a receipt-from-file-time note in `notes`).
SubmissionMeta submission_meta(const std::string& path, const CheckOptions& opt, bool readable,
                               std::vector<Issue>& notes);

CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx);

}  // namespace tonghop
