// Biểu 02: every plan task with its agencies, timeframe, status, result, source and note,
// and under them the count of tasks at each status, by formula.
#include "core/cell.hpp"
#include "write/consolidated_sheets.hpp"
#include "write/formulas.hpp"

namespace tonghop {
namespace {

// The status words, as written in the status column and counted by the formulas.
constexpr std::pair<Status, const char*> kStatuses[] = {{Status::Done, "Hoàn thành"},
                                                         {Status::InProgress, "Đang thực hiện"},
                                                         {Status::NotStarted, "Chưa thực hiện"},
                                                         {Status::Behind, "Chậm tiến độ"}};

std::string status_text(Status s) {
  for (const auto& [status, word] : kStatuses)
    if (status == s) return word;
  return "";
}

}  // namespace

std::size_t tasks_at(const Kpi& k, Status s) {
  switch (s) {
    case Status::Done: return k.tasks_done;
    case Status::InProgress: return k.tasks_in_progress;
    case Status::NotStarted: return k.tasks_not_started;
    case Status::Behind: return k.tasks_behind;
    default: return k.tasks_no_data;
  }
}

namespace {

// Under the tasks: how many are at each status, by formula. The tasks without a status
// are the named rows less those counted, so section rows never count.
void task_counts(ConsolidatedBook& b, xlsx::Sheet& ws, TableRows rows, lxw_row_t row) {
  const auto& t = b.layout.tasks;
  int name_c = t.column_of(Field::Name), status_c = t.column_of(Field::Status);
  if (status_c < 0 || name_c < 0 || rows.last < rows.first) return;
  auto sc = lxw_col_t(status_c), nc = lxw_col_t(name_c);
  std::string names = range_ref({rows.first, nc, rows.last, nc});
  std::string statuses = range_ref({rows.first, sc, rows.last, sc});
  const auto& k = b.year.kpi;
  ws.text(row, nc, "Tổng số nhiệm vụ", b.bold);
  ws.formula(row, sc, "=COUNTA(" + names + ")", b.bold, double(k.tasks));
  lxw_row_t first = row + 1;
  for (const auto& [status, word] : kStatuses) {
    ++row;
    ws.text(row, nc, word, b.body);
    ws.formula(row, sc, countifs(statuses, {word}), b.body, double(tasks_at(k, status)));
  }
  ++row;
  ws.text(row, nc, "Chưa có báo cáo tiến độ", b.body);
  std::string counted = range_ref({first, sc, row - 1, sc});
  ws.formula(row, sc, "=COUNTA(" + names + ")-SUM(" + counted + ")", b.body, double(k.tasks_no_data));
}

}  // namespace

std::span<const std::pair<Status, const char*>> task_statuses() { return kStatuses; }

TableRows write_tasks(ConsolidatedBook& b) {
  const auto& t = b.layout.tasks;
  auto w = TableWriter::open(b, t);
  auto& ws = w.sheet();
  lxw_row_t row = w.first_row();
  TableRows rows;
  rows.first = row;
  std::string section;
  for (const auto& line : b.year.tasks) {
    const auto& task = b.plan.tasks[line.index];
    if (task.section != section && !(section = task.section).empty()) {
      ws.merge(row, 0, row, lxw_col_t(t.columns.size() - 1), section, b.bold);
      ++row;
    }
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::Code: w.text(row, c, task.code); break;
        case Field::Name: w.text(row, c, task.name); break;
        case Field::Lead: w.text(row, c, task.lead_agency); break;
        case Field::Coordinating: w.text(row, c, join(task.coordinating)); break;
        case Field::Timeframe: w.text(row, c, task.timeframe.raw); break;
        case Field::Status: w.text(row, c, status_text(line.status)); break;
        case Field::Result: w.text(row, c, line.result); break;
        case Field::Source: w.text(row, c, line.source.text()); break;
        case Field::Note: w.text(row, c, line.note); break;
        default: break;
      }
    }
    w.fit_row(row);
    ++row;
  }
  rows.last = row - 1;
  task_counts(b, ws, rows, row + 1);
  return rows;
}

}  // namespace tonghop
