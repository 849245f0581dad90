// Lỗi kiểm tra: every issue of the check with its file, sheet and cell.
#include <filesystem>

#include "write/consolidated_sheets.hpp"

namespace tonghop {

void write_issues(ConsolidatedBook& b) {
  const auto& t = b.layout.issues;
  auto& ws = b.book.add_sheet(t.sheet);
  TableWriter w(b, ws, t);
  lxw_row_t header = b.header_block(ws, t, lxw_col_t(t.columns.size()));
  lxw_row_t row = w.header(header);
  for (const auto& i : b.year.issues) {
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::File: w.text(row, c, std::filesystem::path(i.where.file).filename().string()); break;
        case Field::Sheet: w.text(row, c, i.where.sheet); break;
        case Field::Cell: w.text(row, c, i.cell()); break;
        case Field::Severity:
          w.text(row, c, i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin");
          break;
        case Field::IssueCode: w.text(row, c, std::string(to_string(i.code))); break;
        case Field::Message: w.text(row, c, i.message(Lang::Vi)); break;
        default: break;
      }
    }
    w.fit_row(row);
    ++row;
  }
  ws.autofilter(header, 0, std::max<lxw_row_t>(row - 1, header), lxw_col_t(t.columns.size() - 1));
}

}  // namespace tonghop
