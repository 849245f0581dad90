// Checking units' progress reports, already read, against the plan: which unit sent each
// workbook and for which period (identify), which plan item every row is and whether its
// value is usable and meets the target (rows), and who has not reported what
// (completeness). No file is opened here: validate/driver loads files for the CLI, a
// server passes workbooks it already holds.
//
//   PlanItems items(plan, ctx.matcher);
//   CheckReport report;
//   report.period = {2026, PeriodKind::Year};
//   report.files.push_back(check_workbook(book, {"phong-vhxh.xlsx"}, plan, items, report.period, ctx));
//   complete_report(report, plan, default_deadline(2026));
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "plan/aliases.hpp"
#include "plan/plan.hpp"
#include "recognise/table.hpp"
#include "validate/form_identity.hpp"
#include "validate/match.hpp"
#include "validate/period.hpp"
#include "validate/value.hpp"

namespace tonghop {

struct CheckContext {
  LabelRoles roles;
  UnitRegistry units;
  NameMatcher matcher;
  AliasStore aliases;  // what the office taught (--aliases): written item names
};

// The plan's items ready for matching, prepared once for all files.
struct PlanItems {
  std::unique_ptr<ItemIndex> indicators, tasks;  // word weights over each list's own names
  KeyIndex keys;  // the rows of tonghop's own forms
  PlanItems(const Plan& plan, const NameMatcher& m);
  // Rows written alike (the plan's names copied into every unit's report, a name repeated
  // down a long table) are scored once: '\x1f' + written name -> ItemIndex::scores over
  // both lists, in candidate order; each row's code lifts them (row_match.cpp). One thread.
  mutable std::unordered_map<std::string, std::vector<ItemIndex::Scored>> ranked;
  mutable std::unordered_map<std::string, SharedText> evidence;  // written + item -> words (--explain), shared by the rows
};

// Where a file's unit came from. JSON: "option" | "header" | "filename" | "commune" | null.
enum class UnitSource { None, Option, Header, FileName, Commune, Form };
std::string_view to_string(UnitSource s);  // "" for None

// Where a file's receipt time came from. JSON: "option" | "file-time" | null.
enum class ReceiptSource { None, Option, FileTime };
std::string_view to_string(ReceiptSource s);  // "" for None

// A file's worst finding, in rank order.
enum class FileStatus { Ok, Warnings, Errors, Unreadable };
std::string_view to_string(FileStatus s);  // "ok" | "warnings" | "errors" | "unreadable"

// What is known about a submission besides its cells.
struct SubmissionMeta {
  std::string path;                // names the file in issues; its stem can name the unit
  std::string unit;                // the unit as the office named it (--unit), "" if not
  std::optional<Period> period;    // the period as the office chose it, when the file does not say
  std::optional<double> received;  // serial day
  ReceiptSource received_source = ReceiptSource::None;
  std::optional<FormIdentity> form;  // a form made by tonghop template: its identity
};

// A long report has a million of these, each held by the file's process and read back by the
// parent: the texts most rows leave empty (and the sheet's name, the same for a table's rows)
// are SharedText, one pointer each.
struct RowResult {
  SharedText sheet;
  std::uint32_t row = 0;  // 0-based
  std::uint32_t col = 0;  // 0-based, the value's column (the name's when there is no value)
  ItemKind kind = ItemKind::Indicator;  // what the row was matched against
  std::optional<std::size_t> item;      // index into the plan's indicators or tasks
  std::string written;    // the name as the unit wrote it
  double score = 0;
  // For --explain: the closest item and the runner-up, and whether the code agreed.
  std::size_t closest = 0, runner_up = 0;
  double runner_up_score = 0;
  bool by_code = false;
  SharedText evidence;    // the words that carried the match ("giai phong mat bang (GPMB), ...")
  SharedText reading;     // a sub-row read relative to the rows above: the full name it stood for
  Value actual;
  SharedText result;      // a task's result or product as written ("Kết quả/sản phẩm")
  SharedText note;        // the unit's own note ("Ghi chú")
  std::optional<double> plan_value;
  Assessment assessment = Assessment::Unknown;
  bool counts = true;     // false for a period-mismatched file, an ambiguous or repeated row
  // The plan item matched; only when `item` is set.
  ItemRef ref() const { return {kind, *item}; }
};

struct FileResult {
  std::string path;
  bool readable = true;
  std::string unit;         // canonical, "" when unknown
  UnitSource unit_source = UnitSource::None;
  std::string commune;      // the commune the title block names ("phường An Dương"), "" if none
  std::optional<Period> period;
  std::optional<double> received;  // serial day
  ReceiptSource received_source = ReceiptSource::None;
  bool late = false;
  // Readable, of a known unit, for the period asked, with a report table: it counts
  // towards its unit's completeness.
  bool usable = false;
  // Another usable file of the same unit came in later (duplicate-submission).
  bool superseded = false;
  std::vector<RowResult> rows;
  std::vector<Issue> issues;
  // The file as the check saw it (legacy text converted), when asked for.
  std::shared_ptr<const Workbook> workbook;
  FileStatus status() const;
};

// Where a file's rows and issues go while it is checked, a batch at a time and in their
// order (check_workbook's `sink`): a checking worker writes them out (validate/driver) so
// that a long report's results are never all held. Each call takes the batch, leaving it empty.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void rows(std::vector<RowResult>& batch) = 0;
  virtual void issues(std::vector<Issue>& batch) = 0;
};

struct CheckReport {
  Period period;
  std::vector<FileResult> files;
  std::vector<std::string> expected, submitted, missing, late;
  std::vector<Issue> issues;  // completeness problems that belong to no file
  std::size_t count(Severity s) const;
};

// One workbook checked on its own: its unit and period, then every row of its tables. With a
// sink, the rows and issues go to it as they are found, all of them by the time it returns
// (the result's own lists are left empty); the result is the same either way.
FileResult check_workbook(const Workbook& book, const SubmissionMeta& meta, const Plan& plan, const PlanItems& items,
                          const Period& period, const CheckContext& ctx, ResultSink* sink = nullptr);

// The submissions' deadline when none is given: 3 December of the year, end of day.
double default_deadline(int year);

// The checks across files, in this order (validate/completeness.cpp): superseded files,
// late units, missing units and items, conflicting figures.
void complete_report(CheckReport& report, const Plan& plan, double deadline);

}  // namespace tonghop
