// The workbook a unit gets back to fix its file (`tonghop check --report OUT.xlsx`): a
// summary sheet listing every problem with a link to its cell, then for each submission a
// copy of its sheets with each problem cell highlighted and a comment holding the message.
//
//   std::vector<ReportedFile> files = {{"bao-cao/phong-vhxh.xlsx", "Phòng Văn hóa - Xã hội", &book, issues}};
//   write_check_report("sua-loi.xlsx", files, completeness_issues, Lang::Vi);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "write/write_error.hpp"

namespace tonghop {

struct ReportedFile {
  std::string path;
  std::string unit;              // "" when unknown
  const Workbook* book = nullptr;  // null when the file could not be read
  std::vector<Issue> issues;
};

// Written to a temporary file beside out and renamed (throws WriteError). Returns what had
// to be changed for Excel (cells cut to its limit), for the user to see. A summary longer
// than rows_per_sheet (Excel's 1,048,576) continues on "Tóm tắt (2)".
std::vector<WriteNote> write_check_report(const std::string& out, const std::vector<ReportedFile>& files,
                                          const std::vector<Issue>& general, Lang lang,
                                          std::uint32_t rows_per_sheet = 1048576);

}  // namespace tonghop
