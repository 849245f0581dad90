// Internal to src/validate: the state one workbook's check shares between its steps
// (identify.cpp, rows.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "validate/check.hpp"

namespace tonghop {

struct FileCheck {
  const Plan& plan;
  const PlanItems& items;
  const CheckContext& ctx;
  const Period& period;  // what is being consolidated
  FileResult& out;
  bool whole_commune = false;                  // the plan's own commune reports: every item is its own
  std::map<ItemRef, std::uint32_t> seen;  // item -> first row, across the file's tables
  const FormIdentity* form = nullptr;     // a form made by tonghop template
  // An indicator's unit of measure and target folded, once per file rather than per row.
  struct IndicatorKeys {
    std::string unit, target;
    bool percent = false;  // the unit is "%"
    bool rate = false;     // a percentage whose name says it is a rate ("Tỷ lệ ...")
  };
  std::vector<std::optional<IndicatorKeys>> indicator_keys = {};
  const IndicatorKeys& keys_of(std::size_t indicator);
  ResultSink* sink = nullptr;             // where rows and issues go as they are found (check_workbook)
  std::set<std::string_view> owners = {};  // the owners (in the plan) of the items of the rows so far

  void add_row(RowResult row);
  // With a sink: the rows and issues held handed over, all of them or once a batch is full.
  void flush(bool all);
  void issue(IssueCode code, const std::string& sheet, std::optional<std::uint32_t> row,
             std::optional<std::uint32_t> col, const std::string& item, IssueParams params);
};

// identify.cpp: the unit (option, header, file name, commune) and the period.
void identify(FileCheck& fc, const Workbook& book, const std::vector<Table>& tables, const SubmissionMeta& meta);
// A header naming only the commune, confirmed or withdrawn once the rows are known.
void confirm_whole_commune(FileCheck& fc);

// rows.cpp: every row of one table matched to a plan item and its value checked.
void check_table(FileCheck& fc, const Workbook& book, const Table& t, bool counts);

}  // namespace tonghop
