// Tổng hợp: the key figures as formulas over the other sheets, the indicators per group,
// and the layout's charts.
#include <map>

#include "consolidate/issue_groups.hpp"
#include "core/cell.hpp"
#include "write/consolidated_sheets.hpp"
#include "write/formulas.hpp"

namespace tonghop {
namespace {

struct Series {
  std::string name, categories, values;
};

std::string column_range(const std::string& sheet, TableRows rows, int col) {
  return quote_sheet(sheet) + "!" + range_ref({rows.first, std::uint32_t(col), rows.last, std::uint32_t(col)});
}

// COUNTIF over a column of another sheet, with its computed value.
void count(ConsolidatedBook& b, xlsx::Sheet& ws, lxw_row_t row, const std::string& label, const LayoutTable& t,
           Field field, TableRows rows, std::vector<const char*> values, std::size_t cached) {
  ws.text(row, 0, label, b.body);
  int col = t.column_of(field);
  if (col < 0 || rows.last < rows.first) return ws.number(row, 1, double(cached), b.body);
  ws.formula(row, 1, countifs(column_range(t.sheet, rows, col), values), b.body, double(cached));
}

// Per indicator group: how many the plan has and what became of them, by formula over
// Biểu 01 (counts, never sums of rates). Returns the first data row.
lxw_row_t group_table(ConsolidatedBook& b, xlsx::Sheet& ws, lxw_row_t row, const IndicatorRows& rows) {
  const char* heads[] = {"Nhóm chỉ tiêu", "Số chỉ tiêu", "Đạt hoặc vượt", "Không đạt", "Chưa có số liệu, chưa đánh giá"};
  for (lxw_col_t c = 0; c < 5; ++c) ws.text(row, c, heads[c], b.header);
  ws.row(row, 32);  // two lines for the longer labels
  ++row;
  lxw_row_t first = row;
  const auto& t = b.layout.indicators;
  int assess_c = t.column_of(Field::Assessment), name_c = t.column_of(Field::Name);
  for (std::size_t k = 0; k < b.year.groups.size(); ++k) {
    const auto& g = b.year.groups[k];
    ws.text(row, 0, g.name.empty() ? "Chỉ tiêu khác" : g.name, b.body);
    auto counted = [&](lxw_col_t c, std::vector<const char*> values, std::size_t cached) {
      if (assess_c < 0) return ws.number(row, c, double(cached), b.body);
      ws.formula(row, c, countifs(column_range(t.sheet, rows.groups[k], assess_c), values), b.body, double(cached));
    };
    if (name_c >= 0) ws.formula(row, 1, "=COUNTA(" + column_range(t.sheet, rows.groups[k], name_c) + ")", b.body, double(g.count));
    else ws.number(row, 1, double(g.count), b.body);
    counted(2, {kMet, kExceeded}, g.met);
    counted(3, {kNotMet}, g.not_met);
    counted(4, {kNoData, kNotAssessable}, g.no_data);
    ++row;
  }
  return first;
}

std::string sheet_list(const std::vector<std::string>& sheets) {
  std::string s;
  for (const auto& name : sheets) s += (s.empty() ? "" : ", ") + name;
  return s;
}

// Where the long lists are: how many issues and rows, on which sheets (a list longer than a
// sheet holds continues on the next one, and this says so).
void details(ConsolidatedBook& b, xlsx::Sheet& ws, lxw_row_t row, const WrittenTables& tables) {
  ws.merge(row, 0, row, 1, "Chi tiết", b.bold);
  ++row;
  const auto& i = tables.issues;
  ws.text(row, 0, "Vấn đề phát hiện khi kiểm tra", b.body);
  ws.number(row, 1, double(i.items), b.body);
  std::string where = (i.rows < i.items ? "gộp thành " + thousands_vi(i.rows) + " dòng, " : std::string()) +
                      (i.sheets.size() > 1 ? "trên " + std::to_string(i.sheets.size()) + " trang: " : "ở trang ") +
                      sheet_list(i.sheets);
  ws.text(row, 2, where, b.plain);
  ++row;
  const auto& s = tables.submissions;
  ws.text(row, 0, "Tệp báo cáo đã đọc (số liệu gốc)", b.body);
  ws.number(row, 1, double(s.items), b.body);
  std::string rows = thousands_vi(s.rows) + " dòng, ";
  if (s.sheets.size() == s.items && s.items > 0) where = rows + "mỗi tệp một trang";
  else where = rows + (s.sheets.size() > 1 ? "trên " + std::to_string(s.sheets.size()) + " trang: " : "ở trang ") +
               sheet_list(s.sheets);
  ws.text(row, 2, where, b.plain);
}

void chart(ConsolidatedBook& b, xlsx::Sheet& ws, const LayoutChart& spec, const std::vector<Series>& series,
           lxw_row_t at_row, lxw_col_t at_col) {
  static const std::map<std::string, lxw_chart_type> types = {
      {"bar", LXW_CHART_BAR}, {"column", LXW_CHART_COLUMN}, {"pie", LXW_CHART_PIE}, {"doughnut", LXW_CHART_DOUGHNUT}};
  auto type = types.at(spec.type);
  auto* c = b.book.chart(std::uint8_t(type));
  for (const auto& s : series) {
    auto* added = chart_add_series(c, xlsx::workbook_text("=" + s.categories).c_str(), xlsx::workbook_text("=" + s.values).c_str());
    if (!added) throw WriteError("libxlsxwriter could not add the chart series '" + s.name + "'");
    chart_series_set_name(added, xlsx::workbook_text(s.name).c_str());
  }
  std::string title = xlsx::workbook_text(b.fill(spec.title));
  if (!title.empty()) chart_title_set_name(c, title.c_str());
  bool round = type == LXW_CHART_PIE || type == LXW_CHART_DOUGHNUT;
  chart_legend_set_position(c, series.size() > 1 || round ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
  ws.chart(at_row, at_col, c);
}

}  // namespace

void write_summary(ConsolidatedBook& b, xlsx::Sheet& ws, const WrittenTables& tables) {
  const auto& k = b.year.kpi;
  const auto& l = b.layout;
  // The quốc hiệu block needs room on the right: eight columns for the header area.
  lxw_row_t row = b.header_block(ws, l.summary, 8);
  ws.column(0, 0, 48);
  ws.column(1, 1, 12);
  ws.column(2, 5, 13);
  ws.text(row, 0, "Nội dung", b.header);
  ws.text(row, 1, "Số lượng", b.header);
  b.page_setup(ws, row);
  ++row;
  ws.merge(row, 0, row, 1, "Chỉ tiêu", b.bold);
  ++row;
  lxw_row_t results_first = row;
  const auto& ind = tables.indicators;
  count(b, ws, row++, "Đạt hoặc vượt", l.indicators, Field::Assessment, ind, {kMet, kExceeded}, k.indicators_met);
  count(b, ws, row++, "Không đạt", l.indicators, Field::Assessment, ind, {kNotMet}, k.indicators_not_met);
  count(b, ws, row++, "Chưa có số liệu hoặc chưa đánh giá được", l.indicators, Field::Assessment, ind,
        {kNoData, kNotAssessable}, k.indicators_no_data);
  ws.merge(row, 0, row, 1, "Nhiệm vụ", b.bold);
  ++row;
  lxw_row_t status_first = row;
  for (const auto& [status, word] : task_statuses())
    count(b, ws, row++, word, l.tasks, Field::Status, tables.tasks, {word}, tasks_at(k, status));
  ws.merge(row, 0, row, 1, "Đơn vị báo cáo", b.bold);
  ++row;
  ws.text(row, 0, "Phải báo cáo", b.body);
  ws.number(row++, 1, double(k.units_expected), b.body);
  count(b, ws, row++, "Đã gửi", l.units, Field::OnTime, tables.units, {"Đúng hạn", "Muộn"}, k.units_sent);
  count(b, ws, row++, "Gửi đúng hạn", l.units, Field::OnTime, tables.units, {"Đúng hạn"}, k.units_on_time);
  lxw_row_t groups_first = group_table(b, ws, row + 1, ind);
  details(b, ws, groups_first + lxw_row_t(b.year.groups.size()) + 1, tables);
  // Charts beside the tables, in the layout's order; they follow the formulas when a
  // spreadsheet recalculates.
  lxw_row_t at = 6;
  std::string summary = quote_sheet(l.summary.sheet);
  auto here = [&](lxw_row_t r0, lxw_col_t c, lxw_row_t r1) { return summary + "!" + range_ref({r0, c, r1, c}); };
  for (const auto& c : l.summary.charts) {
    std::vector<Series> series;
    if (c.data == "indicator_results") {
      series.push_back({"Số chỉ tiêu", here(results_first, 0, results_first + 2), here(results_first, 1, results_first + 2)});
    } else if (c.data == "task_status") {
      series.push_back({"Số nhiệm vụ", here(status_first, 0, status_first + 3), here(status_first, 1, status_first + 3)});
    } else if (c.data == "indicator_groups") {
      if (b.year.groups.empty()) continue;
      lxw_row_t last = groups_first + lxw_row_t(b.year.groups.size()) - 1;
      std::string cats = here(groups_first, 0, last);
      series.push_back({"Số chỉ tiêu theo kế hoạch", cats, here(groups_first, 1, last)});
      series.push_back({"Đạt hoặc vượt", cats, here(groups_first, 2, last)});
    } else if (c.data == "units") {
      int name_c = l.units.column_of(Field::Name), files_c = l.units.column_of(Field::FileCount);
      if (name_c < 0 || files_c < 0 || tables.units.last < tables.units.first) continue;
      series.push_back({"Số tệp", column_range(l.units.sheet, tables.units, name_c),
                        column_range(l.units.sheet, tables.units, files_c)});
    }
    chart(b, ws, c, series, at, 6);
    at += 16;
  }
}

}  // namespace tonghop
