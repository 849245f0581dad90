// Every submission's rows as read, so every figure can be traced: one sheet per submission
// (named after its file) up to the layout's separate_sheets_up_to, past that one sheet
// "Số liệu gốc" with the file and unit as columns and a filter. A sheet that fills up
// continues on the next one. Small separate sheets are kept in memory (libxlsxwriter's
// constant-memory mode would hold a temporary file open for each); long ones, and the one
// sheet of all rows, are written row by row.
#include <filesystem>

#include "write/consolidated_sheets.hpp"
#include "core/platform.hpp"
#include "core/pipeline.hpp"

namespace tonghop {
namespace {

constexpr const char* kHeads[] = {"Trang tính", "Hàng", "Tên như đơn vị ghi", "Mã kế hoạch", "Giá trị (đã chuyển đổi)",
                                  "Kết quả"};
constexpr double kWidths[] = {16, 7, 50, 10, 18, 18};

// The row's cells from column c0 on.
void row_cells(ConsolidatedBook& b, xlsx::Sheet& ws, lxw_row_t row, lxw_col_t c0, const RawRow& r) {
  ws.text(row, c0, r.sheet, b.body);
  ws.number(row, c0 + 1, double(r.row), b.body);
  ws.text(row, c0 + 2, r.written, b.body);
  ws.text(row, c0 + 3, r.code, b.body);
  ws.text(row, c0 + 4, r.value, b.body);
  ws.text(row, c0 + 5, r.verdict, b.body);
}

// Headers in row 2 from column c0 on, after the first columns' own; returns the first data row.
lxw_row_t heads(ConsolidatedBook& b, xlsx::Sheet& ws, const std::string& title, std::vector<std::pair<const char*, double>> first) {
  ws.text(0, 0, title, b.bold);
  for (std::size_t k = 0; k < std::size(kHeads); ++k) first.emplace_back(kHeads[k], kWidths[k]);
  for (lxw_col_t c = 0; c < first.size(); ++c) {
    ws.column(c, c, first[c].second);
    ws.text(2, c, first[c].first, b.header);
  }
  ws.freeze(3, 0);
  return 3;
}

// Rows above which a separate sheet is streamed rather than kept in memory.
constexpr std::size_t kInMemoryRows = 5000;

DetailSheets separate(ConsolidatedBook& b, const std::function<void()>& opened) {
  if (opened) opened();  // a sheet per submission: not filled at the same time as another
  DetailSheets out;
  b.year.each_submission([&](const RawSubmission& sub) {
    b.book.constant_memory(sub.rows.size() > kInMemoryRows);
    std::string title = sub.file + (sub.unit.empty() ? "" : " - " + sub.unit);
    std::string stem = platform::file_stem(sub.file);
    xlsx::Sheet* ws = nullptr;
    lxw_row_t row = 0;
    for (std::size_t k = 0; k < sub.rows.size() || !ws; ++k) {
      if (!ws || row >= b.layout.rows_per_sheet) {
        ws = &b.book.add_sheet_like(stem);
        out.sheets.push_back(ws->name());
        row = heads(b, *ws, title, {});
      }
      if (k >= sub.rows.size()) break;
      row_cells(b, *ws, row++, 0, sub.rows[k]);
      ++out.rows;
    }
  });
  b.book.constant_memory(true);
  return out;
}

DetailSheets combined(ConsolidatedBook& b, const std::function<void()>& opened) {
  std::string title = "Số liệu gốc của " + std::to_string(b.year.submission_count()) + " tệp báo cáo";
  ContinuedTable table(b, b.layout.submissions.sheet, lxw_col_t(2 + std::size(kHeads)), [&](xlsx::Sheet& ws) {
    return heads(b, ws, title, {{"Tệp", 30}, {"Đơn vị", 26}});
  });
  table.start();
  if (opened) opened();
  // The rows read back in a second thread while this one writes them.
  pipelined<RawSubmission>(
      [&](const auto& push) { b.year.each_submission([&](const RawSubmission& sub) { push(RawSubmission(sub)); }); },
      [&](RawSubmission& sub) {
        for (const auto& r : sub.rows) {
          auto [ws, row] = table.next();
          ws->text(row, 0, sub.file, b.body);
          ws->text(row, 1, sub.unit, b.body);
          row_cells(b, *ws, row, 2, r);
        }
      });
  DetailSheets out;
  out.rows = table.rows();
  out.sheets = table.finish();
  return out;
}

}  // namespace

DetailSheets write_submissions(ConsolidatedBook& b, const std::function<void()>& opened) {
  bool one_sheet = b.year.submission_count() > b.layout.submissions.separate_sheets_up_to;
  auto out = one_sheet ? combined(b, opened) : separate(b, opened);
  out.items = b.year.submission_count();
  return out;
}

}  // namespace tonghop
