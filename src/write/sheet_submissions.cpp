// One sheet per submission with its rows as read, so every figure can be traced. Sheet
// names are the file names made acceptable to Excel and unique.
#include <filesystem>

#include "write/consolidated_sheets.hpp"

namespace tonghop {

void write_submissions(ConsolidatedBook& b) {
  for (const auto& sub : b.year.submissions) {
    auto& ws = b.book.add_sheet_like(std::filesystem::path(sub.file).stem().string());
    ws.text(0, 0, sub.file + (sub.unit.empty() ? "" : " - " + sub.unit), b.bold);
    const char* heads[] = {"Trang tính", "Hàng", "Tên như đơn vị ghi", "Mã kế hoạch", "Giá trị (đã chuyển đổi)", "Kết quả"};
    const double widths[] = {16, 7, 50, 10, 18, 18};
    for (lxw_col_t c = 0; c < 6; ++c) {
      ws.column(c, c, widths[c]);
      ws.text(2, c, heads[c], b.header);
    }
    lxw_row_t row = 3;
    for (const auto& r : sub.rows) {
      ws.text(row, 0, r.sheet, b.body);
      ws.number(row, 1, double(r.row), b.body);
      ws.text(row, 2, r.written, b.body);
      ws.text(row, 3, r.code, b.body);
      ws.text(row, 4, r.value, b.body);
      ws.text(row, 5, r.verdict, b.body);
      ++row;
    }
    ws.freeze(3, 0);
  }
}

}  // namespace tonghop
