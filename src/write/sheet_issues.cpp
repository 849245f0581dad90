// Lỗi kiểm tra: every issue of the check with its file, sheet and cell. A problem repeated
// in one sheet is one line with its count and cells; errors first; a list longer than a
// sheet holds continues on "Lỗi kiểm tra (2)".
//
// The lines come in their order from the year report (YearReport::each_issue_line: a
// streamed year made them, file by file, in its one pass over the check's results and keeps
// them in temporary stores), so the year's issues are never held whole.
#include <memory>
#include <utility>

#include "consolidate/issue_groups.hpp"
#include "core/pipeline.hpp"
#include "write/consolidated_sheets.hpp"

namespace tonghop {

DetailSheets write_issues(ConsolidatedBook& b, const std::function<void()>& opened) {
  const auto& t = b.layout.issues;
  bool has_count = t.column_of(Field::Count) >= 0;
  std::unique_ptr<TableWriter> w;
  ContinuedTable table(b, t.sheet, lxw_col_t(t.columns.size()), [&](xlsx::Sheet& ws) {
    if (w) w->set_sheet(ws);
    else w = std::make_unique<TableWriter>(b, ws, t);
    return w->header(b.header_block(ws, t, lxw_col_t(t.columns.size())));
  });
  auto write = [&](const IssueLine& l) {
    auto [ws, row] = table.next();
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::File: w->text(row, c, l.file); break;
        case Field::Sheet: w->text(row, c, l.sheet); break;
        case Field::Cell: w->text(row, c, l.cell); break;
        case Field::Count: ws->number(row, c, double(l.count), b.body); break;
        case Field::Severity: w->text(row, c, l.severity); break;
        case Field::IssueCode: w->text(row, c, l.code); break;
        case Field::Message: w->text(row, c, l.message); break;
        default: break;
      }
    }
    w->fit_row(row);
  };
  table.start();
  if (opened) opened();
  // The lines read back in a second thread while this one writes them.
  pipelined<std::vector<IssueLine>>(
      [&](const auto& push) {
        std::vector<IssueLine> lines;
        b.year.each_issue_line([&](const IssueLine& l) {
          lines.push_back(l);
          if (lines.size() == 256) push(std::exchange(lines, {}));
        });
        if (!lines.empty()) push(std::move(lines));
      },
      [&](std::vector<IssueLine>& lines) {
        for (auto& l : lines) {
          if (l.count > 1)
            l.message += has_count ? " (và " + thousands_vi(l.count - 1) + " chỗ khác cùng loại)"
                                   : " (" + thousands_vi(l.count) + " lần)";
          write(l);
        }
      });
  DetailSheets out;
  out.sheets = table.finish();
  out.items = b.year.issue_count();
  out.rows = table.rows();
  return out;
}

}  // namespace tonghop
