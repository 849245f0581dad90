// Writing the consolidated yearly workbook in a layout (templates/*.toml).
//
//   write_consolidated("tong-hop-2026.xlsx", plan, consolidate(plan, check), Layout::find("commune-yearly"),
//                      WriteOptions::for_year(2026));
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "consolidate/year_report.hpp"
#include "write/layout.hpp"
#include "write/write_error.hpp"

namespace tonghop {

struct WriteOptions {
  std::time_t document_time = 0;  // fixed, so the same inputs give the same bytes
  std::string place, day, month, date_year;  // the place-date line
  // 31 December of the year at noon UTC, or SOURCE_DATE_EPOCH when set.
  static WriteOptions for_year(int year);
};

// Writes to a temporary file beside out and renames it; throws WriteError and leaves any
// existing out untouched on failure. Returns what had to be changed for Excel (cells cut to
// its limit), for the user to see.
std::vector<WriteNote> write_consolidated(const std::string& out, const Plan& plan, const YearReport& year, const Layout& layout,
                        const WriteOptions& opt);

}  // namespace tonghop
