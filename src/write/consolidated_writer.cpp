// The consolidated workbook: the sheets in the layout's order (one file each, sheet_*.cpp)
// through the checked libxlsxwriter layer. Every derived figure is a live formula written
// with its computed value, so viewers that do not recalculate still show the right numbers.
#include "write/consolidated_writer.hpp"

#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>

#include "core/platform.hpp"
#include "write/atomic.hpp"
#include "write/consolidated_sheets.hpp"

namespace tonghop {
namespace {

// Rows the headers of a long sheet take at most, with room to spare.
constexpr std::size_t kHeaderRows = 64;

// Whether the two long sheets can be filled at once without changing a byte of the
// workbook: all submissions on one sheet; neither list continuing on another sheet (that
// sheet would be added while the other is being filled, out of the layout's order); every
// style they use already numbered (xlsx::Book::numbered).
bool fill_at_once(const ConsolidatedBook& b) {
  const auto& y = b.year;
  std::size_t rows = b.layout.rows_per_sheet;
  if (y.submission_count() <= b.layout.submissions.separate_sheets_up_to) return false;
  // Every issue on a line of its own at most.
  if (y.issue_count() + kHeaderRows >= rows || y.raw_row_count() + kHeaderRows >= rows) return false;
  for (const auto* f : {b.body, b.header, b.bold, b.block, b.block_plain, b.title})
    if (!xlsx::Book::numbered(f)) return false;
  return true;
}

// One thread waits for another to reach a point (or to give up before it).
class Gate {
 public:
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    changed_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  bool open_ = false;
};

// The issues and the raw rows, each sheet filled by its own thread when fill_at_once, one
// after the other otherwise. The sheets are opened in the layout's order either way.
void write_long_lists(ConsolidatedBook& b, WrittenTables& tables) {
  if (!fill_at_once(b)) {
    tables.issues = write_issues(b);
    tables.submissions = write_submissions(b);
    return;
  }
  Gate issues_open, rows_open;
  std::exception_ptr failed;
  std::thread rows([&] {
    try {
      issues_open.wait();
      tables.submissions = write_submissions(b, [&] { rows_open.open(); });
    } catch (...) {
      failed = std::current_exception();
    }
    rows_open.open();  // also when it failed before its sheet was opened
  });
  try {
    tables.issues = write_issues(b, [&] {
      issues_open.open();
      rows_open.wait();
    });
  } catch (...) {
    issues_open.open();
    rows.join();
    throw;
  }
  rows.join();
  if (failed) std::rethrow_exception(failed);
}

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
  write_long_lists(b, tables);
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
