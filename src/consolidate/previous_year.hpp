// Last year's consolidated workbook read back for trend targets ("Giảm hàng năm"): the
// workbook is checked as a submission for last year and its counted indicator values kept.
//
//   auto prev = read_previous_year(plan, "tong-hop-2025.xlsx", 2025, ctx, limits);
//   if (prev.values.empty()) ... prev.issues says why
#pragma once

#include <string>
#include <vector>

#include "consolidate/year_report.hpp"
#include "read/limits.hpp"

namespace tonghop {

struct PreviousYearResult {
  PreviousYear previous;
  bool readable = true;
  std::vector<Issue> issues;  // what made values missing: unreadable, wrong year, no table
};

PreviousYearResult read_previous_year(const Plan& plan, const std::string& path, int year, const CheckContext& ctx,
                                      const ReadLimits& limits);

}  // namespace tonghop
