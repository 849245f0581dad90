// Lỗi kiểm tra: every issue of the check with its file, sheet and cell. A problem repeated
// in one sheet is one line with its count and cells; errors first; a list longer than a
// sheet holds continues on "Lỗi kiểm tra (2)".
#include <filesystem>
#include <memory>

#include "consolidate/issue_groups.hpp"
#include "write/consolidated_sheets.hpp"
#include "core/platform.hpp"

namespace tonghop {

DetailSheets write_issues(ConsolidatedBook& b) {
  const auto& t = b.layout.issues;
  auto groups = group_issues(b.year.issues);
  bool has_count = t.column_of(Field::Count) >= 0;
  std::unique_ptr<TableWriter> w;
  ContinuedTable table(b, t.sheet, lxw_col_t(t.columns.size()), [&](xlsx::Sheet& ws) {
    if (w) w->set_sheet(ws);
    else w = std::make_unique<TableWriter>(b, ws, t);
    return w->header(b.header_block(ws, t, lxw_col_t(t.columns.size())));
  });
  for (const auto& g : groups) {
    const Issue& i = *g.first;
    auto [ws, row] = table.next();
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::File: w->text(row, c, platform::file_name(i.where.file)); break;
        case Field::Sheet: w->text(row, c, i.where.sheet); break;
        // Up to a few hundred references: more would only make the row unreadable.
        case Field::Cell: w->text(row, c, g.count > 1 ? cells_text(g, 400) : i.cell()); break;
        case Field::Count: ws->number(row, c, double(g.count), b.body); break;
        case Field::Severity:
          w->text(row, c, i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin");
          break;
        case Field::IssueCode: w->text(row, c, std::string(to_string(i.code))); break;
        case Field::Message: {
          std::string message = i.message(Lang::Vi);
          if (g.count > 1)
            message += has_count ? " (và " + thousands_vi(g.count - 1) + " chỗ khác cùng loại)"
                                 : " (" + thousands_vi(g.count) + " lần)";
          w->text(row, c, message);
          break;
        }
        default: break;
      }
    }
    w->fit_row(row);
  }
  DetailSheets out;
  out.sheets = table.finish();
  out.items = b.year.issues.size();
  out.rows = table.rows();
  return out;
}

}  // namespace tonghop
