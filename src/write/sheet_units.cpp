// Đơn vị báo cáo: who was to report, what each unit sent and when, on time or not.
#include "write/consolidated_sheets.hpp"

namespace tonghop {

TableRows write_units(ConsolidatedBook& b) {
  const auto& t = b.layout.units;
  auto w = TableWriter::open(b, t);
  auto& ws = w.sheet();
  lxw_row_t row = w.first_row();
  TableRows rows;
  rows.first = row;
  for (const auto& u : b.year.units) {
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::Name: w.text(row, c, u.name); break;
        case Field::Files: w.text(row, c, join(u.files)); break;
        case Field::FileCount: ws.number(row, c, double(u.files.size()), b.body); break;
        case Field::Received: w.text(row, c, u.received); break;
        case Field::OnTime: w.text(row, c, !u.sent ? "Chưa gửi" : u.late ? "Muộn" : "Đúng hạn"); break;
        case Field::Errors: ws.number(row, c, double(u.errors), b.body); break;
        case Field::Warnings: ws.number(row, c, double(u.warnings), b.body); break;
        case Field::MissingItems: ws.number(row, c, double(u.missing_items), b.body); break;
        default: break;
      }
    }
    w.fit_row(row);
    ++row;
  }
  rows.last = row - 1;
  return rows;
}

}  // namespace tonghop
