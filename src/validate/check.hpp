// Checking the units' progress reports against the plan: which unit sent each file and
// for which period, which plan item every row is, whether its value is usable and meets
// the target, and who has not reported what.
//
//   CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(),
//                    NameMatcher::load_default()};
//   auto report = check_submissions(plan, {"bao-cao/phong-vhxh.xlsx"}, {2026}, ctx);
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "plan/plan.hpp"
#include "read/limits.hpp"
#include "recognise/table.hpp"
#include "validate/match.hpp"
#include "validate/value.hpp"

namespace tonghop {

enum class PeriodKind { Year, H1, Q1, Q2, Q3, Q4, M9 };
std::string_view to_string(PeriodKind k);
std::optional<PeriodKind> period_kind_from_string(std::string_view s);

struct Period {
  int year = 0;
  PeriodKind kind = PeriodKind::Year;
  bool operator==(const Period&) const = default;
};

// The reporting period a report's title or header labels name ("NĂM 2026",
// "6 tháng đầu năm 2026", "Quý III/2026", "9 tháng năm 2026").
std::optional<Period> detect_period(const std::vector<std::string>& texts);

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

struct CheckContext {
  LabelRoles roles;
  UnitRegistry units;
  NameMatcher matcher;
};

struct RowResult {
  std::string sheet;
  std::uint32_t row = 0;  // 0-based
  std::uint32_t col = 0;  // 0-based, the value's column (the name's when there is no value)
  std::string kind;       // "indicator" | "task"
  std::optional<std::size_t> item;  // index into the plan's indicators or tasks
  std::string written;    // the name as the unit wrote it
  double score = 0;
  // For --explain: the closest item and the runner-up, and whether the code agreed.
  std::size_t closest = 0, runner_up = 0;
  double runner_up_score = 0;
  bool by_code = false;
  Value actual;
  std::string result;     // a task's result or product as written ("Kết quả/sản phẩm")
  std::string note;       // the unit's own note ("Ghi chú")
  std::optional<double> plan_value;
  Assessment assessment = Assessment::Unknown;
  bool counts = true;     // false for a period-mismatched file, an ambiguous or repeated row
};

struct FileResult {
  std::string path;
  bool readable = true;
  std::string unit;         // canonical, "" when unknown
  std::string unit_source;  // "header" | "filename" | "option" | "commune"
  std::string commune;      // the commune the title block names ("phường An Dương"), "" if none
  std::optional<Period> period;
  std::optional<double> received;  // serial day
  std::string received_source;     // "option" | "file-time"
  bool late = false;
  std::vector<RowResult> rows;
  std::vector<Issue> issues;
  // The file as the check saw it (legacy text converted), when asked for.
  std::shared_ptr<const Workbook> workbook;
  std::string status() const;  // "ok" | "warnings" | "errors" | "unreadable"
};

struct CheckReport {
  Period period;
  std::vector<FileResult> files;
  std::vector<std::string> expected, submitted, missing, late;
  std::vector<Issue> issues;  // completeness problems that belong to no file
  std::size_t count(Severity s) const;
};

CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx);

}  // namespace tonghop
