// Lỗi kiểm tra: every issue of the check with its file, sheet and cell. A problem repeated
// in one sheet is one line with its count and cells; errors first; a list longer than a
// sheet holds continues on "Lỗi kiểm tra (2)".
//
// The issues come file by file (YearReport::each_issues); a group never spans two files,
// so each file's issues are grouped on their own. Error lines are written at once; warning
// and note lines wait in a temporary store (memory, then a file past a few hundred KiB)
// until every error is written, so the year's issues are never held whole.
#include <array>
#include <memory>
#include <utility>

#include "consolidate/issue_groups.hpp"
#include "core/platform.hpp"
#include "write/consolidated_sheets.hpp"
#include "write/pipeline.hpp"
#include "write/record_store.hpp"

namespace tonghop {
namespace {

// One line of the sheet, as its cells' texts.
struct IssueLine {
  std::string file, sheet, cell, severity, code, message;
  std::uint64_t count = 0;
};

int rank(Severity s) { return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2; }

}  // namespace

DetailSheets write_issues(ConsolidatedBook& b) {
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
  std::array<RecordStore, 2> later;  // warnings, notes
  // The issues read back and their lines made in a second thread while this one writes
  // them: error lines at once, warning and note lines through the stores once every error
  // line is made.
  pipelined<std::vector<IssueLine>>(
      [&](const auto& push) {
        b.year.each_issues([&](const std::vector<Issue>& issues) {
          std::vector<IssueLine> errors;
          for (const auto& g : group_issues(issues)) {
            const Issue& i = *g.first;
            IssueLine line;
            line.file = platform::file_name(i.where.file);
            line.sheet = i.where.sheet;
            // Up to a few hundred references: more would only make the row unreadable.
            line.cell = g.count > 1 ? cells_text(g, 400) : i.cell();
            line.count = g.count;
            line.severity =
                i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin";
            line.code = std::string(to_string(i.code));
            line.message = i.message(Lang::Vi);
            if (g.count > 1)
              line.message += has_count ? " (và " + thousands_vi(g.count - 1) + " chỗ khác cùng loại)"
                                        : " (" + thousands_vi(g.count) + " lần)";
            if (int r = rank(i.severity))
              later[std::size_t(r - 1)].add({line.file, line.sheet, line.cell, line.severity, line.code, line.message,
                                             std::to_string(line.count)});
            else
              errors.push_back(std::move(line));
          }
          if (!errors.empty()) push(std::move(errors));
        });
        // Every error written (or waiting in the queue): the warnings, then the notes.
        std::vector<IssueLine> lines;
        for (auto& store : later) {
          store.each([&](const std::vector<std::string>& f) {
            lines.push_back({f.at(0), f.at(1), f.at(2), f.at(3), f.at(4), f.at(5), std::stoull(f.at(6))});
            if (lines.size() == 256) push(std::exchange(lines, {}));
          });
        }
        if (!lines.empty()) push(std::move(lines));
      },
      [&](std::vector<IssueLine>& lines) {
        for (const auto& line : lines) write(line);
      });
  DetailSheets out;
  out.sheets = table.finish();
  out.items = b.year.issue_count();
  out.rows = table.rows();
  return out;
}

}  // namespace tonghop
