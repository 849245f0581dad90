// The consolidated year: for every plan indicator and task, the value that counts and
// where it came from; for every unit, what it sent and when; the key figures. Pure
// computation from the plan and the check (no I/O), written by src/write.
//
//   auto year = consolidate(plan, check_report);
//   year.kpi.indicators_met;
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "consolidate/issue_groups.hpp"
#include "core/record_store.hpp"
#include "plan/plan.hpp"
#include "validate/check.hpp"
#include "validate/driver.hpp"

namespace tonghop {

struct SourceRef {
  std::string file, sheet, cell;  // "" when nothing was reported
  std::uint32_t row = 0, col = 0; // 0-based, the cell
  std::string text() const;       // "phong-vhxh-2026.xlsx!'Biểu 01'!F11"
};

struct IndicatorLine {
  std::size_t index;              // into Plan::indicators
  std::optional<double> actual;   // numeric value, in percent for rates
  std::string actual_text;        // a status ("Đạt", "Duy trì") or the number as written
  Text actual_shown;              // the same for messages, per language (Value::shown)
  std::optional<double> plan_value;  // the yearly figure a range or bound gives, when numeric
  Assessment assessment = Assessment::Unknown;
  SourceRef source;
  std::optional<double> previous;  // last year's value (--previous)
  bool trend = false;              // the target is judged against last year's value
  std::string note;                // the unit's note, then tonghop's remarks
};

struct TaskLine {
  std::size_t index;              // into Plan::tasks
  Status status = Status::None;
  std::string status_text;
  std::string result;  // what the unit wrote as its result or product
  std::string note;
  SourceRef source;
};

struct UnitLine {
  std::string name;
  std::vector<std::string> files;
  std::string received;           // ISO date of the file that counts, "" if none
  bool sent = false, late = false;
  std::size_t errors = 0, warnings = 0, missing_items = 0;
};

// One submission as read, for tracing every figure back to its file.
struct RawRow {
  std::string sheet;
  std::uint32_t row = 0;   // 1-based, as the user sees it
  std::string written;     // the name as the unit wrote it
  std::string code;        // the plan item's code it matched ("" when none)
  std::string value;       // the value after conversion (percent for rates, statuses)
  std::string verdict;     // "met", "not-met", "done", ... or why it did not count
};

struct RawSubmission {
  std::string file;  // file name
  std::string unit;
  std::vector<RawRow> rows;
};

struct Kpi {
  std::size_t indicators = 0, indicators_met = 0, indicators_not_met = 0, indicators_no_data = 0;
  std::size_t tasks = 0, tasks_done = 0, tasks_in_progress = 0, tasks_not_started = 0, tasks_behind = 0,
              tasks_no_data = 0;
  std::size_t units_expected = 0, units_sent = 0, units_on_time = 0;
};

// Last year's values of the plan's indicators, read back from last year's consolidated
// workbook (consolidate --previous), for trend targets.
struct PreviousYear {
  std::string file;
  std::map<std::size_t, double> values;  // indicator index -> value
};

// What became of an indicator: counted once per indicator, in the key figures and per group.
enum class Outcome { Met, NotMet, NoData };  // Met includes exceeded; NoData includes not assessable
Outcome outcome(const IndicatorLine& line);

// A run of consecutive indicators of one group (plan order) and what became of them.
struct IndicatorGroupLine {
  std::string name;                   // the plan's group, "" for indicators outside any
  std::size_t first = 0, count = 0;  // into YearReport::indicators
  std::size_t met = 0, not_met = 0, no_data = 0;
};

struct YearReport {
  Period period;
  std::vector<IndicatorLine> indicators;  // in plan order
  std::vector<IndicatorGroupLine> groups; // the indicators by group, in plan order
  std::vector<TaskLine> tasks;            // in plan order
  std::vector<UnitLine> units;
  std::vector<Issue> issues;              // every issue of the check
  std::vector<RawSubmission> submissions; // every readable file, rows as read
  Kpi kpi;

  // The two long lists as the workbook shows them, one line or file at a time: from the
  // vectors above, or (a streamed check) from the temporary stores filled in the one pass
  // over the check's results, so that the year is never held whole. The issues sheet's lines
  // (issue_lines of each run: each file's issues in the order of the files, then the run's
  // own) come errors first, then warnings, then notes. Each may be read by its own thread.
  void each_issue_line(const std::function<void(const IssueLine&)>& use) const;
  void each_submission(const std::function<void(const RawSubmission&)>& use) const;
  std::size_t issue_count() const { return stream ? stream->issues : issues.size(); }
  std::size_t submission_count() const { return stream ? stream->submissions : submissions.size(); }
  // The raw rows of all submissions.
  std::size_t raw_row_count() const;

  // Set by the streamed consolidate: where the long lists are read back from.
  struct Stream {
    std::size_t issues = 0, submissions = 0, raw_rows = 0;
    std::unique_ptr<RecordStore> lines[3];  // issue lines by rank: file, sheet, cell, severity, code, message, count
    std::unique_ptr<RecordStore> raw;       // per readable file: file and unit, then a record of 6 fields per row
  };
  std::shared_ptr<const Stream> stream;
};

// Takes the check by value: pass it with std::move when it is not needed afterwards (its
// issues move into the year report).
YearReport consolidate(const Plan& plan, CheckReport check, const PreviousYear* previous = nullptr);

// The same from a streamed check (tonghop consolidate): one pass over the files' results
// (read back in a second thread), which also puts the issue lines and raw rows in temporary
// stores for the workbook. `totals`: what the check found in all (as StreamedCheck::each).
YearReport consolidate(const Plan& plan, const StreamedCheck& check, const PreviousYear* previous = nullptr,
                       StreamedCheck::Totals* totals = nullptr);

// A readable file's rows as the raw-rows sheet shows them.
RawSubmission raw_submission(const Plan& plan, const FileResult& f);

}  // namespace tonghop
