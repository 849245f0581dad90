// The workbook a unit gets back to fix its file (`tonghop check --report OUT.xlsx`): a
// summary sheet listing every problem with a link to its cell, then for each submission a
// copy of its sheets with each problem cell highlighted and a comment holding the message.
//
//   std::vector<ReportedFile> files = {{"bao-cao/phong-vhxh.xlsx", "Phòng Văn hóa - Xã hội", &book, issues}};
//   write_check_report("sua-loi.xlsx", files, completeness_issues, Lang::Vi);
#pragma once

#include <cstdint>
#include <functional>
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
// A summary sheet also holds at most 65,530 links (libxlsxwriter's and Excel's limit): past
// that many lines it continues too.
std::vector<WriteNote> write_check_report(const std::string& out, const std::vector<ReportedFile>& files,
                                          const std::vector<Issue>& general, Lang lang,
                                          std::uint32_t rows_per_sheet = 1048576);

// The same with the files given one at a time (`each_file` calls its argument once per file,
// in order; each file's workbook is needed only during that call): tonghop check --report
// on a streamed check. The summary's lines wait in a temporary store until every copy is
// written, so only one file's workbook and problems are held at a time.
using EachReportedFile = std::function<void(const std::function<void(const ReportedFile&)>&)>;
std::vector<WriteNote> write_check_report(const std::string& out, const EachReportedFile& each_file,
                                          const std::vector<Issue>& general, Lang lang,
                                          std::uint32_t rows_per_sheet = 1048576);

}  // namespace tonghop
