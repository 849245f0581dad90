// The sheets of the consolidated workbook, one file each (sheet_*.cpp), written in the
// layout's order by consolidated_writer.cpp. A sheet returns where its rows went; the
// summary's formulas refer to those rows. Figures come from the year report.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "consolidate/year_report.hpp"
#include "write/consolidated_writer.hpp"
#include "write/layout.hpp"
#include "write/xlsx.hpp"

namespace tonghop {

// What every sheet shares: the workbook, the inputs, the placeholders and the styles.
struct ConsolidatedBook {
  ConsolidatedBook(xlsx::Book& book, const Plan& plan, const YearReport& year, const Layout& layout,
                   const WriteOptions& opt);

  xlsx::Book& book;
  const Plan& plan;
  const YearReport& year;
  const Layout& layout;
  std::vector<std::pair<std::string, std::string>> values;  // placeholders
  lxw_format *body, *number, *bold, *header, *title, *block, *block_plain;
  lxw_format* plain;  // one line flowing over the empty cells to its right

  std::string fill(const std::string& text) const { return fill_placeholders(text, values); }
  // The style a column's number format asks for.
  lxw_format* number_format(const LayoutColumn& col);
  // The administrative header block and the table's title; returns the first free row.
  lxw_row_t header_block(xlsx::Sheet& ws, const LayoutTable& t, lxw_col_t width);
  // Page setup, with the header row repeated on every page and frozen.
  void page_setup(xlsx::Sheet& ws, lxw_row_t header_row);
};

// Writes a table's cells, keeping the row's line count for its height.
class TableWriter {
 public:
  TableWriter(ConsolidatedBook& book, xlsx::Sheet& ws, const LayoutTable& table)
      : book_(book), ws_(&ws), table_(table) {}
  // Adds the table's sheet with the header block and the column labels; first_row() is the
  // first data row.
  static TableWriter open(ConsolidatedBook& book, const LayoutTable& table);
  lxw_row_t first_row() const { return first_row_; }
  void set_sheet(xlsx::Sheet& ws) { ws_ = &ws; }
  void text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr);
  // Sets the row's height from the lines its longest text needs (viewers that do not fit
  // wrapped rows themselves show it whole).
  void fit_row(lxw_row_t r);
  // The column labels with their widths, then the page setup; returns the first data row.
  lxw_row_t header(lxw_row_t row);
  xlsx::Sheet& sheet() { return *ws_; }

 private:
  ConsolidatedBook& book_;
  xlsx::Sheet* ws_;
  const LayoutTable& table_;
  std::size_t lines_ = 0;
  lxw_row_t first_row_ = 0;
};

// A table whose rows continue on another sheet ("Lỗi kiểm tra (2)") when a sheet is full
// (the layout's rows_per_sheet, Excel's 1,048,576 at most); each sheet gets the table's
// headers and a filter over its rows.
class ContinuedTable {
 public:
  // head writes a new sheet's headers and returns its first data row.
  ContinuedTable(ConsolidatedBook& b, std::string name, lxw_col_t columns, std::function<lxw_row_t(xlsx::Sheet&)> head);
  // Opens the first sheet (with its headers) now rather than at the first record.
  void start() {
    if (!ws_) open();
  }
  // The sheet and row of the next record, opening a sheet when needed.
  std::pair<xlsx::Sheet*, lxw_row_t> next();
  // Filters on every sheet; the sheets' names.
  std::vector<std::string> finish();
  std::size_t rows() const { return rows_; }

 private:
  void open();
  void close_sheet();
  ConsolidatedBook& b_;
  std::string name_;
  lxw_col_t columns_;
  std::function<lxw_row_t(xlsx::Sheet&)> head_;
  xlsx::Sheet* ws_ = nullptr;
  lxw_row_t header_ = 0, row_ = 0;
  std::size_t rows_ = 0;
  std::vector<std::string> names_;
};

// Data rows of a written table (last < first when it has none).
struct TableRows {
  lxw_row_t first = 0, last = 0;
};

struct IndicatorRows : TableRows {
  std::vector<TableRows> groups;  // one per YearReport::groups
};

// Where the long lists went, for the summary to say.
struct DetailSheets {
  std::vector<std::string> sheets;
  std::size_t items = 0, rows = 0;  // issues / submissions, and the table rows they took
};

struct WrittenTables {
  IndicatorRows indicators;
  TableRows tasks, units;
  DetailSheets issues, submissions;
};

IndicatorRows write_indicators(ConsolidatedBook& b);
TableRows write_tasks(ConsolidatedBook& b);
TableRows write_units(ConsolidatedBook& b);
// The two long lists; `opened` is called once the (first) sheet and its headers are
// written, before the first line (consolidated_writer.cpp fills both at once).
DetailSheets write_issues(ConsolidatedBook& b, const std::function<void()>& opened = {});
DetailSheets write_submissions(ConsolidatedBook& b, const std::function<void()>& opened = {});
void write_summary(ConsolidatedBook& b, xlsx::Sheet& ws, const WrittenTables& tables);

// The task statuses in the order they are counted, with their words.
std::span<const std::pair<Status, const char*>> task_statuses();
// How many tasks the year report has at a status (Status::None: without one).
std::size_t tasks_at(const Kpi& k, Status s);

std::string join(const std::vector<std::string>& parts);

}  // namespace tonghop
