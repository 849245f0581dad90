// The consolidated workbook: the sheets in the layout's order (one file each, sheet_*.cpp)
// through the checked libxlsxwriter layer. Every derived figure is a live formula written
// with its computed value, so viewers that do not recalculate still show the right numbers.
#include "write/consolidated_writer.hpp"

#include <cstdlib>

#include "core/platform.hpp"
#include "write/atomic.hpp"
#include "write/consolidated_sheets.hpp"

namespace tonghop {
namespace {

std::vector<WriteNote> write_book(const std::string& path, const Plan& plan, const YearReport& year,
                                  const Layout& layout, const WriteOptions& opt) {
  // In constant-memory mode libxlsxwriter callocs a 128 KiB column array per sheet. A
  // fixed mmap threshold keeps those in fresh zero pages that only become resident when
  // touched; glibc's sliding threshold would otherwise zero them on the heap.
  platform::map_large_allocations(128 * 1024);
  // Rows go out as they are written: memory stays bounded by the report, not the file.
  // (Small submission sheets are kept in memory instead: sheet_submissions.cpp.)
  xlsx::Book book(path, {.constant_memory = true, .created = opt.document_time, .title = "Báo cáo tổng hợp"});
  ConsolidatedBook b(book, plan, year, layout, opt);
  // Sheets in the layout's order; the summary's formulas refer to the others.
  auto& summary = book.add_sheet(layout.summary.sheet);
  WrittenTables tables;
  tables.indicators = write_indicators(b);
  tables.tasks = write_tasks(b);
  tables.units = write_units(b);
  tables.issues = write_issues(b);
  tables.submissions = write_submissions(b);
  write_summary(b, summary, tables);
  book.close();
  return book.notes();
}

}  // namespace

WriteOptions WriteOptions::for_year(int year) {
  WriteOptions o;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = 11;
  tm.tm_mday = 31;
  tm.tm_hour = 12;
  o.document_time = platform::utc_seconds(tm);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) o.document_time = std::time_t(std::strtoll(epoch, nullptr, 10));
  std::tm when = platform::utc_tm(o.document_time);
  o.day = std::to_string(when.tm_mday);
  o.month = std::to_string(when.tm_mon + 1);
  o.date_year = std::to_string(when.tm_year + 1900);
  return o;
}

std::vector<WriteNote> write_consolidated(const std::string& out, const Plan& plan, const YearReport& year,
                                          const Layout& layout, const WriteOptions& opt) {
  std::vector<WriteNote> notes;
  write_atomically(out, [&](const std::string& tmp) { notes = write_book(tmp, plan, year, layout, opt); });
  return notes;
}

}  // namespace tonghop
