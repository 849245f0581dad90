// The consolidated workbook through libxlsxwriter (the only place that includes it).
// Every derived figure is a live formula written with its computed value, so viewers that
// do not recalculate still show the right numbers.
#include "write/consolidated_writer.hpp"

#include <malloc.h>
#include <xlsxwriter.h>

#include <cmath>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "write/atomic.hpp"
#include "write/sheet_name.hpp"

namespace tonghop {
namespace {

std::string status_text(Status s) {
  switch (s) {
    case Status::Done: return "Hoàn thành";
    case Status::InProgress: return "Đang thực hiện";
    case Status::NotStarted: return "Chưa thực hiện";
    case Status::Behind: return "Chậm tiến độ";
    default: return "";
  }
}

// The formula's own words, so the cached value and the formula agree.
constexpr const char* kMet = "Đạt";
constexpr const char* kExceeded = "Vượt";
constexpr const char* kNotMet = "Không đạt";
constexpr const char* kNoData = "Chưa có số liệu";
constexpr const char* kNotAssessable = "Chưa đánh giá được";

std::string assessment_text(const IndicatorLine& l) {
  if (l.source.file.empty()) return kNoData;
  switch (l.assessment) {
    case Assessment::Met: return kMet;
    case Assessment::Exceeded: return kExceeded;
    case Assessment::NotMet: return kNotMet;
    default: return kNotAssessable;
  }
}

std::string quote_sheet(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string num(double v) { return format_number(v); }

// "=COUNTIF(range,"a")+COUNTIF(range,"b")": cells of a range holding any of the words.
std::string countifs(const std::string& range, const std::vector<const char*>& values) {
  std::string f = "=";
  for (std::size_t i = 0; i < values.size(); ++i)
    f += (i ? "+" : "") + std::string("COUNTIF(") + range + ",\"" + values[i] + "\")";
  return f;
}

std::string join(const std::vector<std::string>& parts) {
  std::string all;
  for (const auto& p : parts) all += (all.empty() ? "" : "; ") + p;
  return all;
}

class Writer {
 public:
  Writer(const Plan& plan, const YearReport& year, const Layout& layout, const WriteOptions& opt)
      : plan_(plan), y_(year), l_(layout), opt_(opt) {}

  void write(const std::string& path) {
    // In constant-memory mode libxlsxwriter callocs a 128 KiB column array per sheet. A
    // fixed mmap threshold keeps those in fresh zero pages that only become resident when
    // touched; glibc's sliding threshold would otherwise zero them on the heap (2000
    // submission sheets: 250 MB resident for nothing).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    lxw_workbook_options options{};
    // Rows go out as they are written: memory stays bounded by the report, not the file.
    options.constant_memory = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (!wb_) throw WriteError("cannot create " + path);
    // libxlsxwriter takes char*, not const char*.
    static char title[] = "Báo cáo tổng hợp";
    static char author[] = "tonghop";
    lxw_doc_properties props{};
    props.title = title;
    props.author = author;
    props.created = opt_.document_time;
    workbook_set_properties(wb_, &props);
    formats();
    values_ = {{"commune", plan_.commune}, {"COMMUNE", upper_commune()}, {"year", std::to_string(y_.period.year)},
               {"previous_year", std::to_string(y_.period.year - 1)},
               {"period", plan_.period}, {"place", opt_.place.empty() ? place_from_commune() : opt_.place},
               {"day", opt_.day}, {"month", opt_.month}, {"date_year", opt_.date_year}};
    // Sheets in the layout's order; the summary's formulas refer to the others.
    auto* summary = workbook_add_worksheet(wb_, l_.summary.sheet.c_str());
    indicators();
    tasks();
    units();
    issues();
    raw_sheets();
    summary_sheet(summary);
    if (workbook_close(wb_) != LXW_NO_ERROR) throw WriteError("libxlsxwriter could not write " + path);
  }

 private:
  lxw_format* font(bool bold = false, bool wrap = true, bool border = true, bool center = false, double size = 0,
                   bool italic = false) {
    auto* f = workbook_add_format(wb_);
    format_set_font_name(f, l_.font.c_str());
    format_set_font_size(f, size > 0 ? size : l_.font_size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    if (wrap) format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }

  void formats() {
    body_ = font();
    number_ = font();
    format_set_num_format(number_, "#,##0.0##");
    bold_ = font(true);
    header_ = font(true, true, true, true);
    format_set_bg_color(header_, 0xD9E1F2);
    title_ = font(true, true, false, true, l_.font_size + 2);
    block_ = font(true, true, false, true);
    block_plain_ = font(false, true, false, true, 0, true);
  }

  std::string upper_commune() const { return upper(plan_.commune); }
  std::string place_from_commune() const {
    auto space = plan_.commune.find(' ');
    return space == std::string::npos ? plan_.commune : plan_.commune.substr(space + 1);
  }
  std::string fill(const std::string& t) const { return fill_placeholders(t, values_); }

  // The administrative header block and the title; returns the first free row.
  lxw_row_t header_block(lxw_worksheet* ws, const LayoutTable& t, lxw_col_t width) {
    lxw_col_t last = std::max<lxw_col_t>(width, 4) - 1;
    lxw_col_t left_end = std::min<lxw_col_t>(1, last);
    // The quốc hiệu needs about 40 characters of width: four columns when the sheet has them.
    lxw_col_t right_start = std::max<lxw_col_t>(left_end + 1, last > 5 ? last - 3 : last > 3 ? last - 2 : last);
    auto merge = [&](lxw_row_t r, lxw_col_t c0, lxw_col_t c1, const std::string& text, lxw_format* f) {
      if (text.empty()) return;
      if (c1 > c0) worksheet_merge_range(ws, r, c0, r, c1, text.c_str(), f);
      else worksheet_write_string(ws, r, c0, text.c_str(), f);
    };
    // Row by row: in constant-memory mode a row once left cannot be written again.
    merge(0, 0, left_end, fill(l_.issuing_body), block_);
    merge(0, right_start, last, fill(l_.motto), block_);
    merge(1, 0, left_end, fill(l_.office), block_);
    merge(1, right_start, last, fill(l_.motto_line2), block_);
    merge(2, right_start, last, fill(l_.place_date), block_plain_);
    merge(4, 0, last, fill(t.title), title_);
    return 6;
  }

  void page_setup(lxw_worksheet* ws, lxw_row_t header_row) {
    if (l_.page.landscape) worksheet_set_landscape(ws);
    else worksheet_set_portrait(ws);
    worksheet_set_paper(ws, std::uint8_t(l_.page.paper));
    if (l_.page.fit_width) worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, header_row, header_row);
    if (!l_.page.footer.empty()) worksheet_set_footer(ws, l_.page.footer.c_str());
    worksheet_freeze_panes(ws, header_row + 1, 0);
  }

  // The number format a column asks for (one lxw_format per code).
  lxw_format* number_format(const LayoutColumn& col) {
    if (col.number_format.empty()) return number_;
    auto& f = number_formats_[col.number_format];
    if (!f) {
      f = font();
      format_set_num_format(f, col.number_format.c_str());
    }
    return f;
  }

  lxw_row_t table_header(lxw_worksheet* ws, const LayoutTable& t, lxw_row_t row) {
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      worksheet_set_column(ws, c, c, t.columns[c].width, nullptr);
      text(ws, row, c, fill(t.columns[c].label), header_);
    }
    fit_row(ws, row);
    page_setup(ws, row);
    return row + 1;
  }

  static int column_of(const LayoutTable& t, const char* field) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      if (t.columns[i].field == field) return int(i);
    return -1;
  }

  void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
    if (s.empty()) worksheet_write_blank(ws, r, c, f ? f : body_);
    else worksheet_write_string(ws, r, c, s.c_str(), f ? f : body_);
    // Viewers that do not fit wrapped rows themselves get a height from the longest text.
    if (current_ && c < current_->columns.size()) {
      std::size_t chars = code_point_count(s);
      double per_line = std::max(4.0, current_->columns[c].width * 1.1 - 1);
      lines_ = std::max<std::size_t>(lines_, std::size_t(std::ceil(double(chars) / per_line)));
    }
  }

  // Sets the height of a data row from the lines its longest text needs.
  void fit_row(lxw_worksheet* ws, lxw_row_t r) {
    if (lines_ > 1) worksheet_set_row(ws, r, std::min(15.0 * double(lines_) + 2, 160.0), nullptr);
    lines_ = 0;
  }

  void indicators() {
    const auto& t = l_.indicators;
    current_ = &t;
    auto* ws = workbook_add_worksheet(wb_, t.sheet.c_str());
    lxw_row_t row = table_header(ws, t, header_block(ws, t, lxw_col_t(t.columns.size())));
    int actual_c = column_of(t, "actual"), plan_c = column_of(t, "plan_value"), prev_c = column_of(t, "previous");
    ind_first_ = row;
    std::string group;
    bool first = true;
    for (const auto& line : y_.indicators) {
      const auto& ind = plan_.indicators[line.index];
      if (first || ind.group != group) {
        first = false;
        group = ind.group;
        if (!groups_.empty()) groups_.back().last = row - 1;
        if (!group.empty()) {
          worksheet_merge_range(ws, row, 0, row, lxw_col_t(t.columns.size() - 1), group.c_str(), bold_);
          ++row;
        }
        groups_.push_back({group.empty() ? "Chỉ tiêu khác" : group, row, row, 0, 0, 0, 0});
      }
      auto& g = groups_.back();
      ++g.count;
      auto text_of = assessment_text(line);
      g.met += text_of == kMet || text_of == kExceeded;
      g.not_met += text_of == kNotMet;
      g.no_data += text_of == kNoData || text_of == kNotAssessable;
      std::string a_ref = actual_c >= 0 ? cell_ref(row, std::uint32_t(actual_c)) : "";
      std::string p_ref = plan_c >= 0 ? cell_ref(row, std::uint32_t(plan_c)) : "";
      std::string pv_ref = prev_c >= 0 ? cell_ref(row, std::uint32_t(prev_c)) : "";
      for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
        const auto& f = t.columns[c].field;
        if (f == "code") text(ws, row, c, ind.code);
        else if (f == "name") text(ws, row, c, ind.parent.empty() || ind.name.rfind("+", 0) == 0 ? ind.name : "+ " + ind.name);
        else if (f == "unit_of_measure") text(ws, row, c, ind.unit_of_measure);
        else if (f == "target_final") text(ws, row, c, ind.target_final.raw);
        else if (f == "target_year") text(ws, row, c, ind.yearly_target.raw);
        else if (f == "plan_value") {
          if (line.plan_value) worksheet_write_number(ws, row, c, *line.plan_value, number_format(t.columns[c]));
          else text(ws, row, c, "");
        } else if (f == "previous") {
          if (line.previous) worksheet_write_number(ws, row, c, *line.previous, number_format(t.columns[c]));
          else text(ws, row, c, "");
        } else if (f == "actual") {
          if (line.actual) worksheet_write_number(ws, row, c, *line.actual, number_format(t.columns[c]));
          else text(ws, row, c, actual_status(line, ind));
        } else if (f == "ratio") {
          ratio(ws, row, c, line, a_ref, p_ref, number_format(t.columns[c]));
        } else if (f == "assessment") {
          assessment(ws, row, c, line, ind, a_ref, pv_ref);
        } else if (f == "responsible") text(ws, row, c, ind.responsible);
        else if (f == "leader") text(ws, row, c, ind.directing_leader);
        else if (f == "source") text(ws, row, c, line.source.text());
        else if (f == "note") text(ws, row, c, line.note);
      }
      fit_row(ws, row);
      ++row;
    }
    ind_last_ = row - 1;
    if (!groups_.empty()) groups_.back().last = row - 1;
    assess_col_ = column_of(t, "assessment");
    ind_name_col_ = column_of(t, "name");
  }

  // A yes/no result written the way the assessment formula compares it.
  std::string actual_status(const IndicatorLine& line, const Indicator& ind) {
    if (line.source.file.empty()) return "";
    auto s = parse_status(line.actual_text);
    bool maintain = ind.yearly_target.kind == TargetKind::Maintain || ind.target_final.kind == TargetKind::Maintain;
    if (s == Status::Yes || s == Status::Done) return maintain ? "Duy trì" : "Đạt";
    if (s == Status::No || s == Status::NotStarted || s == Status::Behind) return maintain ? "Không duy trì" : "Không đạt";
    return line.actual_text;
  }

  void ratio(lxw_worksheet* ws, lxw_row_t row, lxw_col_t c, const IndicatorLine& line, const std::string& a,
             const std::string& p, lxw_format* format) {
    if (a.empty() || p.empty()) return text(ws, row, c, "");
    std::string formula = "=IF(AND(ISNUMBER(" + a + "),ISNUMBER(" + p + ")," + p + "<>0),ROUND(" + a + "/" + p +
                          "*100,1),\"\")";
    if (line.actual && line.plan_value && *line.plan_value != 0)
      worksheet_write_formula_num(ws, row, c, formula.c_str(), format,
                                  std::round(*line.actual / *line.plan_value * 1000) / 10);
    else
      worksheet_write_formula_str(ws, row, c, formula.c_str(), body_, "");
  }

  void assessment(lxw_worksheet* ws, lxw_row_t row, lxw_col_t c, const IndicatorLine& line, const Indicator& ind,
                  const std::string& a, const std::string& pv) {
    const Target& t = ind.judged_target();
    std::string value = assessment_text(line);
    if (a.empty()) return text(ws, row, c, value);
    std::string no_data = "\"" + std::string(kNoData) + "\"";
    std::string not_assessable = "\"" + std::string(kNotAssessable) + "\"";
    // A status written where a figure is asked cannot be judged; an empty cell is no data.
    std::string met = std::string("\"") + kMet + "\"", not_met = std::string("\"") + kNotMet + "\"",
                over = std::string("\"") + kExceeded + "\"";
    // The yes/no words actual_status() writes.
    std::string by_status = "IF(OR(" + a + "=\"Đạt\"," + a + "=\"Duy trì\")," + met + ",IF(OR(" + a +
                            "=\"Không đạt\"," + a + "=\"Không duy trì\")," + not_met + "," + not_assessable + "))";
    auto numeric = [&](const std::string& test, bool status_too = false) {
      return "=IF(ISNUMBER(" + a + ")," + test + ",IF(" + a + "=\"\"," + no_data + "," +
             (status_too ? by_status : not_assessable) + "))";
    };
    std::string formula;
    if (line.trend) {
      // Judged against last year's value in its own column.
      if (pv.empty()) return text(ws, row, c, value);
      std::string test;
      if (t.kind == TargetKind::Decrease) test = "IF(" + a + "<" + pv + "," + met + "," + not_met + ")";
      else if (!t.low) test = "IF(" + a + ">" + pv + "," + met + "," + not_met + ")";
      else {
        std::string growth = "(" + a + "/" + pv + "-1)*100";
        test = "IF(" + pv + "<=0," + not_assessable + ",IF(" + growth + "<" + num(*t.low) + "," + not_met + "," +
               (t.high ? "IF(" + growth + ">" + num(*t.high) + "," + over + "," + met + ")" : met) + "))";
      }
      formula = numeric("IF(ISNUMBER(" + pv + ")," + test + "," + not_assessable + ")");
      worksheet_write_formula_str(ws, row, c, formula.c_str(), body_, value.c_str());
      return;
    }
    switch (t.kind) {
      case TargetKind::AtLeast:
        formula = numeric("IF(" + a + ">=" + num(*t.low) + "," + met + "," + not_met + ")");
        break;
      case TargetKind::MoreThan:
        formula = numeric("IF(" + a + ">" + num(*t.low) + "," + met + "," + not_met + ")");
        break;
      case TargetKind::LessThan:
        formula = numeric("IF(" + a + "<" + num(*t.high) + "," + met + "," + not_met + ")");
        break;
      case TargetKind::AtMost:
        formula = numeric("IF(" + a + "<=" + num(*t.high) + "," + met + "," + not_met + ")");
        break;
      case TargetKind::Exact:
      case TargetKind::Level:
      case TargetKind::Range:
      case TargetKind::Increase:
        if (!t.low) break;
        formula = numeric("IF(" + a + "<" + num(*t.low) + "," + not_met + "," +
                          (t.high ? "IF(" + a + ">" + num(*t.high) + "," + over + "," + met + ")" : met) + ")");
        break;
      case TargetKind::About:
        formula = numeric("IF(ABS(" + a + "-" + num(*t.low) + ")<=" + num(0.05 * std::fabs(*t.low)) + "," + met +
                          ",IF(" + a + ">" + num(*t.low) + "," + over + "," + not_met + "))");
        break;
      case TargetKind::NoneLeft:
        formula = numeric("IF(" + a + "=0," + met + "," + not_met + ")", true);
        break;
      case TargetKind::Maintain:
      case TargetKind::Attain:
      case TargetKind::Complete:
        formula = "=IF(ISNUMBER(" + a + ")," + not_assessable + ",IF(" + a + "=\"\"," + no_data + "," + by_status + "))";
        break;
      default: break;
    }
    // Trends and unparsed targets cannot be judged by a formula: the text says so.
    if (formula.empty()) return text(ws, row, c, value == kNoData ? value : kNotAssessable);
    worksheet_write_formula_str(ws, row, c, formula.c_str(), body_, value.c_str());
  }

  void tasks() {
    const auto& t = l_.tasks;
    current_ = &t;
    auto* ws = workbook_add_worksheet(wb_, t.sheet.c_str());
    lxw_row_t row = table_header(ws, t, header_block(ws, t, lxw_col_t(t.columns.size())));
    task_first_ = row;
    std::string section;
    for (const auto& line : y_.tasks) {
      const auto& task = plan_.tasks[line.index];
      if (task.section != section && !(section = task.section).empty()) {
        worksheet_merge_range(ws, row, 0, row, lxw_col_t(t.columns.size() - 1), section.c_str(), bold_);
        ++row;
      }
      for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
        const auto& f = t.columns[c].field;
        if (f == "code") text(ws, row, c, task.code);
        else if (f == "name") text(ws, row, c, task.name);
        else if (f == "lead") text(ws, row, c, task.lead_agency);
        else if (f == "coordinating") text(ws, row, c, join(task.coordinating));
        else if (f == "timeframe") text(ws, row, c, task.timeframe.raw);
        else if (f == "status") text(ws, row, c, status_text(line.status));
        else if (f == "result") text(ws, row, c, line.result);
        else if (f == "source") text(ws, row, c, line.source.text());
        else if (f == "note") text(ws, row, c, line.note);
      }
      fit_row(ws, row);
      ++row;
    }
    task_last_ = row - 1;
    status_col_ = column_of(t, "status");
    task_counts(ws, row + 1);
  }

  // Under the tasks: how many are at each status, by formula. The tasks without a status
  // are the named rows less those counted, so section rows never count.
  void task_counts(lxw_worksheet* ws, lxw_row_t row) {
    int name_c = column_of(l_.tasks, "name");
    if (status_col_ < 0 || name_c < 0 || task_last_ < task_first_) return;
    auto sc = lxw_col_t(status_col_), nc = lxw_col_t(name_c);
    std::string names = range_ref({task_first_, nc, task_last_, nc});
    std::string statuses = range_ref({task_first_, sc, task_last_, sc});
    const auto& k = y_.kpi;
    worksheet_write_string(ws, row, nc, "Tổng số nhiệm vụ", bold_);
    worksheet_write_formula_num(ws, row, sc, ("=COUNTA(" + names + ")").c_str(), bold_, double(k.tasks));
    lxw_row_t first = row + 1;
    std::pair<const char*, std::size_t> counts[] = {{"Hoàn thành", k.tasks_done},
                                                     {"Đang thực hiện", k.tasks_in_progress},
                                                     {"Chưa thực hiện", k.tasks_not_started},
                                                     {"Chậm tiến độ", k.tasks_behind}};
    for (const auto& [label, n] : counts) {
      ++row;
      worksheet_write_string(ws, row, nc, label, body_);
      worksheet_write_formula_num(ws, row, sc, countifs(statuses, {label}).c_str(), body_,
                                  double(n));
    }
    ++row;
    worksheet_write_string(ws, row, nc, "Chưa có báo cáo tiến độ", body_);
    std::string counted = range_ref({first, sc, row - 1, sc});
    worksheet_write_formula_num(ws, row, sc, ("=COUNTA(" + names + ")-SUM(" + counted + ")").c_str(), body_,
                                double(k.tasks_no_data));
  }

  void units() {
    const auto& t = l_.units;
    current_ = &t;
    auto* ws = workbook_add_worksheet(wb_, t.sheet.c_str());
    lxw_row_t row = table_header(ws, t, header_block(ws, t, lxw_col_t(t.columns.size())));
    unit_first_ = row;
    for (const auto& u : y_.units) {
      for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
        const auto& f = t.columns[c].field;
        if (f == "name") text(ws, row, c, u.name);
        else if (f == "files") text(ws, row, c, join(u.files));
        else if (f == "file_count") worksheet_write_number(ws, row, c, double(u.files.size()), body_);
        else if (f == "received") text(ws, row, c, u.received);
        else if (f == "on_time") text(ws, row, c, !u.sent ? "Chưa gửi" : u.late ? "Muộn" : "Đúng hạn");
        else if (f == "errors") worksheet_write_number(ws, row, c, double(u.errors), body_);
        else if (f == "warnings") worksheet_write_number(ws, row, c, double(u.warnings), body_);
        else if (f == "missing_items") worksheet_write_number(ws, row, c, double(u.missing_items), body_);
      }
      fit_row(ws, row);
      ++row;
    }
    unit_last_ = row - 1;
    on_time_col_ = column_of(t, "on_time");
    unit_name_col_ = column_of(t, "name");
    unit_files_col_ = column_of(t, "file_count");
  }

  void issues() {
    const auto& t = l_.issues;
    current_ = &t;
    auto* ws = workbook_add_worksheet(wb_, t.sheet.c_str());
    lxw_row_t header = header_block(ws, t, lxw_col_t(t.columns.size()));
    lxw_row_t row = table_header(ws, t, header);
    for (const auto& i : y_.issues) {
      for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
        const auto& f = t.columns[c].field;
        if (f == "file") text(ws, row, c, std::filesystem::path(i.where.file).filename().string());
        else if (f == "sheet") text(ws, row, c, i.where.sheet);
        else if (f == "cell") text(ws, row, c, i.cell());
        else if (f == "severity")
          text(ws, row, c, i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin");
        else if (f == "code") text(ws, row, c, std::string(to_string(i.code)));
        else if (f == "message") text(ws, row, c, i.message(Lang::Vi));
      }
      fit_row(ws, row);
      ++row;
    }
    worksheet_autofilter(ws, header, 0, std::max<lxw_row_t>(row - 1, header), lxw_col_t(t.columns.size() - 1));
  }

  // One sheet per submission with its rows as read, so every figure can be traced. Sheet
  // names are the file names cut to Excel's 31 characters and made unique.
  void raw_sheets() {
    std::set<std::string> used = {l_.summary.sheet, l_.indicators.sheet, l_.tasks.sheet, l_.units.sheet, l_.issues.sheet};
    current_ = nullptr;
    for (const auto& sub : y_.submissions) {
      std::string name = unique_sheet_name(std::filesystem::path(sub.file).stem().string(), used);
      auto* ws = workbook_add_worksheet(wb_, name.c_str());
      worksheet_write_string(ws, 0, 0, (sub.file + (sub.unit.empty() ? "" : " - " + sub.unit)).c_str(), bold_);
      const char* heads[] = {"Trang tính", "Hàng", "Tên như đơn vị ghi", "Mã kế hoạch", "Giá trị (đã chuyển đổi)", "Kết quả"};
      const double widths[] = {16, 7, 50, 10, 18, 18};
      for (lxw_col_t c = 0; c < 6; ++c) {
        worksheet_set_column(ws, c, c, widths[c], nullptr);
        worksheet_write_string(ws, 2, c, heads[c], header_);
      }
      lxw_row_t row = 3;
      for (const auto& r : sub.rows) {
        text(ws, row, 0, r.sheet);
        worksheet_write_number(ws, row, 1, double(r.row), body_);
        text(ws, row, 2, r.written);
        text(ws, row, 3, r.code);
        text(ws, row, 4, r.value);
        text(ws, row, 5, r.verdict);
        ++row;
      }
      worksheet_freeze_panes(ws, 3, 0);
    }
  }

  // COUNTIF over a column of another sheet, with its computed value.
  void count(lxw_worksheet* ws, lxw_row_t row, const std::string& label, const LayoutTable& t, int col,
             lxw_row_t first, lxw_row_t last, std::vector<const char*> values, std::size_t cached) {
    worksheet_write_string(ws, row, 0, label.c_str(), body_);
    if (col < 0 || last < first) {
      worksheet_write_number(ws, row, 1, double(cached), body_);
      return;
    }
    std::string range = quote_sheet(t.sheet) + "!" + range_ref({first, std::uint32_t(col), last, std::uint32_t(col)});
    worksheet_write_formula_num(ws, row, 1, countifs(range, values).c_str(), body_, double(cached));
  }

  void summary_sheet(lxw_worksheet* ws) {
    const auto& k = y_.kpi;
    current_ = nullptr;
    // The quốc hiệu block needs room on the right: eight columns for the header area.
    lxw_row_t row = header_block(ws, l_.summary, 8);
    worksheet_set_column(ws, 0, 0, 48, nullptr);
    worksheet_set_column(ws, 1, 1, 12, nullptr);
    worksheet_set_column(ws, 2, 5, 13, nullptr);
    worksheet_write_string(ws, row, 0, "Nội dung", header_);
    worksheet_write_string(ws, row, 1, "Số lượng", header_);
    page_setup(ws, row);
    ++row;
    worksheet_merge_range(ws, row, 0, row, 1, "Chỉ tiêu", bold_);
    ++row;
    lxw_row_t results_first = row;
    count(ws, row++, "Đạt hoặc vượt", l_.indicators, assess_col_, ind_first_, ind_last_, {kMet, kExceeded}, k.indicators_met);
    count(ws, row++, "Không đạt", l_.indicators, assess_col_, ind_first_, ind_last_, {kNotMet}, k.indicators_not_met);
    count(ws, row++, "Chưa có số liệu hoặc chưa đánh giá được", l_.indicators, assess_col_, ind_first_, ind_last_,
          {kNoData, kNotAssessable}, k.indicators_no_data);
    worksheet_merge_range(ws, row, 0, row, 1, "Nhiệm vụ", bold_);
    ++row;
    lxw_row_t status_first = row;
    count(ws, row++, "Hoàn thành", l_.tasks, status_col_, task_first_, task_last_, {"Hoàn thành"}, k.tasks_done);
    count(ws, row++, "Đang thực hiện", l_.tasks, status_col_, task_first_, task_last_, {"Đang thực hiện"}, k.tasks_in_progress);
    count(ws, row++, "Chưa thực hiện", l_.tasks, status_col_, task_first_, task_last_, {"Chưa thực hiện"}, k.tasks_not_started);
    count(ws, row++, "Chậm tiến độ", l_.tasks, status_col_, task_first_, task_last_, {"Chậm tiến độ"}, k.tasks_behind);
    worksheet_merge_range(ws, row, 0, row, 1, "Đơn vị báo cáo", bold_);
    ++row;
    worksheet_write_string(ws, row, 0, "Phải báo cáo", body_);
    worksheet_write_number(ws, row++, 1, double(k.units_expected), body_);
    count(ws, row++, "Đã gửi", l_.units, on_time_col_, unit_first_, unit_last_, {"Đúng hạn", "Muộn"}, k.units_sent);
    count(ws, row++, "Gửi đúng hạn", l_.units, on_time_col_, unit_first_, unit_last_, {"Đúng hạn"}, k.units_on_time);
    lxw_row_t groups_first = group_table(ws, row + 1);
    // Charts beside the tables, in the layout's order; they follow the formulas when a
    // spreadsheet recalculates.
    lxw_row_t at = 6;
    std::string summary = quote_sheet(l_.summary.sheet);
    for (const auto& c : l_.summary.charts) {
      std::vector<Series> series;
      if (c.data == "indicator_results") {
        series.push_back({"Số chỉ tiêu", summary + "!" + range_ref({results_first, 0, results_first + 2, 0}),
                          summary + "!" + range_ref({results_first, 1, results_first + 2, 1})});
      } else if (c.data == "task_status") {
        series.push_back({"Số nhiệm vụ", summary + "!" + range_ref({status_first, 0, status_first + 3, 0}),
                          summary + "!" + range_ref({status_first, 1, status_first + 3, 1})});
      } else if (c.data == "indicator_groups") {
        if (groups_.empty()) continue;
        lxw_row_t last = groups_first + lxw_row_t(groups_.size()) - 1;
        std::string cats = summary + "!" + range_ref({groups_first, 0, last, 0});
        series.push_back({"Số chỉ tiêu theo kế hoạch", cats, summary + "!" + range_ref({groups_first, 1, last, 1})});
        series.push_back({"Đạt hoặc vượt", cats, summary + "!" + range_ref({groups_first, 2, last, 2})});
      } else if (c.data == "units") {
        if (unit_name_col_ < 0 || unit_files_col_ < 0 || unit_last_ < unit_first_) continue;
        std::string units = quote_sheet(l_.units.sheet);
        series.push_back({"Số tệp", units + "!" + range_ref({unit_first_, std::uint32_t(unit_name_col_), unit_last_, std::uint32_t(unit_name_col_)}),
                          units + "!" + range_ref({unit_first_, std::uint32_t(unit_files_col_), unit_last_, std::uint32_t(unit_files_col_)})});
      }
      chart(ws, c, series, at, 6);
      at += 16;
    }
  }

  // Per indicator group: how many the plan has and what became of them, by formula over
  // Biểu 01 (counts, never sums of rates). Returns the first data row.
  lxw_row_t group_table(lxw_worksheet* ws, lxw_row_t row) {
    const char* heads[] = {"Nhóm chỉ tiêu", "Số chỉ tiêu", "Đạt hoặc vượt", "Không đạt", "Chưa có số liệu, chưa đánh giá"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, heads[c], header_);
    worksheet_set_row(ws, row, 32, nullptr);  // two lines for the longer labels
    ++row;
    lxw_row_t first = row;
    std::string sheet = quote_sheet(l_.indicators.sheet);
    for (const auto& g : groups_) {
      worksheet_write_string(ws, row, 0, g.name.c_str(), body_);
      auto col_range = [&](int col) {
        return sheet + "!" + range_ref({g.first, std::uint32_t(col), g.last, std::uint32_t(col)});
      };
      auto counted = [&](lxw_col_t c, std::vector<const char*> values, std::size_t cached) {
        if (assess_col_ < 0) return (void)worksheet_write_number(ws, row, c, double(cached), body_);
        worksheet_write_formula_num(ws, row, c, countifs(col_range(assess_col_), values).c_str(), body_,
                                    double(cached));
      };
      if (ind_name_col_ >= 0)
        worksheet_write_formula_num(ws, row, 1, ("=COUNTA(" + col_range(ind_name_col_) + ")").c_str(), body_,
                                    double(g.count));
      else
        worksheet_write_number(ws, row, 1, double(g.count), body_);
      counted(2, {kMet, kExceeded}, g.met);
      counted(3, {kNotMet}, g.not_met);
      counted(4, {kNoData, kNotAssessable}, g.no_data);
      ++row;
    }
    return first;
  }

  struct Series {
    std::string name, categories, values;
  };

  void chart(lxw_worksheet* ws, const LayoutChart& spec, const std::vector<Series>& series, lxw_row_t at_row,
             lxw_col_t at_col) {
    static const std::map<std::string, lxw_chart_type> types = {
        {"bar", LXW_CHART_BAR}, {"column", LXW_CHART_COLUMN}, {"pie", LXW_CHART_PIE}, {"doughnut", LXW_CHART_DOUGHNUT}};
    auto type = types.at(spec.type);
    auto* c = workbook_add_chart(wb_, std::uint8_t(type));
    for (const auto& s : series) {
      auto* added = chart_add_series(c, ("=" + s.categories).c_str(), ("=" + s.values).c_str());
      chart_series_set_name(added, s.name.c_str());
    }
    std::string title = fill(spec.title);
    if (!title.empty()) chart_title_set_name(c, title.c_str());
    bool round = type == LXW_CHART_PIE || type == LXW_CHART_DOUGHNUT;
    if (series.size() > 1 || round) chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    else chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws, at_row, at_col, c);
  }

  const Plan& plan_;
  const YearReport& y_;
  const Layout& l_;
  const WriteOptions& opt_;
  std::vector<std::pair<std::string, std::string>> values_;
  lxw_workbook* wb_ = nullptr;
  lxw_format *body_ = nullptr, *number_ = nullptr, *bold_ = nullptr, *header_ = nullptr, *title_ = nullptr,
             *block_ = nullptr, *block_plain_ = nullptr;
  const LayoutTable* current_ = nullptr;  // the table being written, for row heights
  std::size_t lines_ = 0;
  lxw_row_t ind_first_ = 0, ind_last_ = 0, task_first_ = 0, task_last_ = 0, unit_first_ = 0, unit_last_ = 0;
  int assess_col_ = -1, status_col_ = -1, on_time_col_ = -1, ind_name_col_ = -1, unit_name_col_ = -1,
      unit_files_col_ = -1;
  // Biểu 01's indicator groups: rows and what the assessments say, for the summary.
  struct Group {
    std::string name;
    lxw_row_t first, last;
    std::size_t count, met, not_met, no_data;
  };
  std::vector<Group> groups_;
  std::map<std::string, lxw_format*> number_formats_;
};

}  // namespace

WriteOptions WriteOptions::for_year(int year) {
  WriteOptions o;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = 11;
  tm.tm_mday = 31;
  tm.tm_hour = 12;
  o.document_time = timegm(&tm);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) o.document_time = std::time_t(std::strtoll(epoch, nullptr, 10));
  std::tm when{};
  gmtime_r(&o.document_time, &when);
  o.day = std::to_string(when.tm_mday);
  o.month = std::to_string(when.tm_mon + 1);
  o.date_year = std::to_string(when.tm_year + 1900);
  return o;
}

void write_consolidated(const std::string& out, const Plan& plan, const YearReport& year, const Layout& layout,
                        const WriteOptions& opt) {
  write_atomically(out, [&](const std::string& tmp) { Writer(plan, year, layout, opt).write(tmp); });
}

}  // namespace tonghop
