// The check's report workbook through libxlsxwriter: copies of the units' sheets with the
// problem cells marked, so a unit sees its own layout with the problems on it.
#include "write/check_report_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/cell.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "write/atomic.hpp"
#include "write/consolidated_writer.hpp"
#include "write/sheet_name.hpp"

namespace tonghop {
namespace {

// Red for errors, yellow for warnings, blue for notes (by rank), as office staff expect.
constexpr std::uint32_t kMarkColors[] = {0xFFC7CE, 0xFFEB9C, 0xDDEBF7};

class ReportWriter {
 public:
  ReportWriter(const std::vector<ReportedFile>& files, const std::vector<Issue>& general, Lang lang)
      : files_(files), general_(general), lang_(lang) {}

  void write(const std::string& path) {
    wb_ = workbook_new(path.c_str());
    if (!wb_) throw WriteError("cannot create " + path);
    static char title[] = "tonghop check";
    static char author[] = "tonghop";
    lxw_doc_properties props{};
    props.title = title;
    props.author = author;
    workbook_set_properties(wb_, &props);
    formats();
    auto* summary = workbook_add_worksheet(wb_, vi() ? "Tóm tắt" : "Summary");
    used_.insert(vi() ? "Tóm tắt" : "Summary");
    for (const auto& f : files_) copies(f);
    summary_sheet(summary);
    if (workbook_close(wb_) != LXW_NO_ERROR) throw WriteError("libxlsxwriter could not write " + path);
  }

 private:
  bool vi() const { return lang_ == Lang::Vi; }

  lxw_format* make(bool bold = false, std::uint32_t fill = 0, bool wrap = true) {
    auto* f = workbook_add_format(wb_);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (bold) format_set_bold(f);
    if (fill) format_set_bg_color(f, fill);
    if (wrap) format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  }

  void formats() {
    body_ = make();
    plain_ = make(false, 0, false);
    bold_ = make(true);
    header_ = make(true, 0xD9E1F2);
    for (auto s : {Severity::Error, Severity::Warning, Severity::Info}) {
      mark_[s] = make(false, kMarkColors[rank(s)]);
    }
    link_ = make();
    format_set_font_color(link_, LXW_COLOR_BLUE);
    format_set_underline(link_, LXW_UNDERLINE_SINGLE);
  }

  static int rank(Severity s) { return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2; }

  lxw_format* number_format(const std::string& code, int severity) {
    auto& f = number_formats_[{code, severity}];
    if (!f) {
      f = make(false, severity < 0 ? 0 : kMarkColors[severity]);
      format_set_num_format(f, code.c_str());
    }
    return f;
  }

  // One copy per sheet of the file that holds cells or problems.
  void copies(const ReportedFile& f) {
    if (!f.book) return;
    std::string stem = std::filesystem::path(f.path).stem().string();
    for (const auto& sheet : f.book->sheets) {
      std::vector<const Issue*> here;
      for (const auto& i : f.issues)
        if (i.where.sheet == sheet.info.name) here.push_back(&i);
      if (sheet.cells.empty() && here.empty()) continue;
      if (sheet.info.visibility != Visibility::Visible && here.empty()) continue;
      std::string name = unique_sheet_name(f.book->sheets.size() > 1 ? stem + " - " + sheet.info.name : stem, used_);
      copied_[{f.path, sheet.info.name}] = name;
      copy_sheet(sheet, name, here);
    }
  }

  void copy_sheet(const Sheet& sheet, const std::string& name, const std::vector<const Issue*>& issues) {
    auto* ws = workbook_add_worksheet(wb_, name.c_str());
    // Problems by cell; a row's problem without a column goes to the row's first cell.
    struct Mark {
      Severity severity = Severity::Info;
      std::string text;
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, Mark> marks;
    std::uint32_t first_col = 0;
    if (auto dim = sheet.dimension()) first_col = dim->first_col;
    for (const auto* i : issues) {
      if (!i->where.row) continue;
      auto key = std::pair{*i->where.row, i->where.col.value_or(first_col)};
      auto& m = marks[key];
      if (m.text.empty() || rank(i->severity) < rank(m.severity)) m.severity = i->severity;
      m.text += (m.text.empty() ? "" : "\n") + severity_word(i->severity) + " [" +
                std::string(to_string(i->code)) + "] " + i->message(lang_) + "\n→ " + i->hint(lang_);
    }
    std::map<std::uint32_t, std::size_t> widths, cells_in_row;
    for (const auto& cell : sheet.cells) ++cells_in_row[cell.row];
    auto put = [&](std::uint32_t r, std::uint32_t c, const StoredCell* cell) {
      auto it = marks.find({r, c});
      int severity = it == marks.end() ? -1 : rank(it->second.severity);
      // The unit's number format kept (0.88 shown as 88%), with the mark's colour.
      lxw_format* f = cell && cell->type == CellType::Number && !cell->number_format.empty() &&
                              cell->number_format != "General"
                          ? number_format(cell->number_format, severity)
                      : severity >= 0          ? mark_[it->second.severity]
                      : cells_in_row[r] < 2    ? plain_  // a title: one line over the empty cells
                                               : body_;
      if (!cell) {
        worksheet_write_blank(ws, r, lxw_col_t(c), f);
        return;
      }
      std::string shown = display_value(*cell);
      switch (cell->type) {
        case CellType::Number:
          worksheet_write_number(ws, r, lxw_col_t(c), cell->number, f);
          break;
        case CellType::Boolean:
          worksheet_write_boolean(ws, r, lxw_col_t(c), cell->number != 0, f);
          break;
        case CellType::Empty:
          worksheet_write_blank(ws, r, lxw_col_t(c), f);
          break;
        default:  // text, dates as shown, errors as their code
          worksheet_write_string(ws, r, lxw_col_t(c), shown.c_str(), f);
      }
      // Titles stand alone on their row and flow over empty cells: they set no width.
      if (cells_in_row[r] < 2) return;
      widths[c] = std::max(widths[c], code_point_count(shown));
    };
    for (const auto& cell : sheet.cells) put(cell.row, cell.col, &cell);
    // Marked cells the unit left empty ("missing value") are shown too.
    for (const auto& [at, m] : marks)
      if (!sheet.find(at.first, at.second)) put(at.first, at.second, nullptr);
    for (const auto& [at, m] : marks) {
      lxw_comment_options o{};
      static char author[] = "tonghop";
      o.author = author;
      o.width = 360;
      o.height = 160;
      worksheet_write_comment_opt(ws, at.first, lxw_col_t(at.second), m.text.c_str(), &o);
    }
    for (const auto& m : sheet.merges)
      if (m.last_row > m.first_row || m.last_col > m.first_col) {
        // The range's top-left value stays where it is; merging keeps the unit's layout.
        const auto* top = sheet.find(m.first_row, m.first_col);
        std::string t = top ? display_value(*top) : "";
        bool marked = false;
        for (std::uint32_t r = m.first_row; r <= m.last_row && !marked; ++r)
          for (std::uint32_t c = m.first_col; c <= m.last_col; ++c) marked |= marks.count({r, c}) > 0;
        if (!marked) worksheet_merge_range(ws, m.first_row, lxw_col_t(m.first_col), m.last_row, lxw_col_t(m.last_col), t.c_str(), nullptr);
      }
    for (const auto& [c, w] : widths)
      worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), std::clamp(double(w) * 1.1 + 2, 6.0, 50.0), nullptr);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
  }

  static std::string display_value(const StoredCell& c) {
    if (c.type == CellType::Number) return format_number(c.number);
    if (c.type == CellType::Boolean) return c.number != 0 ? "TRUE" : "FALSE";
    return c.text;
  }

  std::string severity_word(Severity s) const { return std::string(severity_label(s, lang_)); }

  void summary_sheet(lxw_worksheet* ws) {
    const char* heads_vi[] = {"Tệp", "Đơn vị", "Trang tính", "Ô", "Mức độ", "Mã", "Nội dung", "Cách sửa"};
    const char* heads_en[] = {"File", "Unit", "Sheet", "Cell", "Severity", "Code", "Message", "How to fix"};
    const double widths[] = {28, 26, 16, 8, 10, 20, 70, 50};
    worksheet_write_string(ws, 0, 0, vi() ? "KẾT QUẢ KIỂM TRA BÁO CÁO" : "REPORT CHECK RESULTS", bold_);
    worksheet_write_string(ws, 1, 0,
                           vi() ? "Các ô có vấn đề được tô màu trong bản sao báo cáo của từng đơn vị (đỏ: lỗi, vàng: "
                                  "cảnh báo, xanh: thông tin); di chuột vào ô để đọc nội dung."
                                : "Problem cells are coloured in each unit's copied report (red: error, yellow: "
                                  "warning, blue: note); hover over a cell to read the message.",
                           plain_);
    lxw_row_t header = 3;
    for (lxw_col_t c = 0; c < 8; ++c) {
      worksheet_set_column(ws, c, c, widths[c], nullptr);
      worksheet_write_string(ws, header, c, vi() ? heads_vi[c] : heads_en[c], header_);
    }
    lxw_row_t row = header + 1;
    auto line = [&](const std::string& file, const std::string& unit, const Issue& i) {
      worksheet_write_string(ws, row, 0, std::filesystem::path(file).filename().string().c_str(), body_);
      worksheet_write_string(ws, row, 1, unit.c_str(), body_);
      worksheet_write_string(ws, row, 2, i.where.sheet.c_str(), body_);
      auto it = copied_.find({file, i.where.sheet});
      std::string cell = i.cell().empty() && i.where.row ? cell_ref(*i.where.row, 0) : i.cell();
      if (it != copied_.end() && !cell.empty()) {
        std::string target = "internal:'" + it->second + "'!" + cell;
        worksheet_write_url_opt(ws, row, 3, target.c_str(), link_, cell.c_str(), nullptr);
      } else {
        worksheet_write_string(ws, row, 3, cell.c_str(), body_);
      }
      worksheet_write_string(ws, row, 4, severity_word(i.severity).c_str(), mark_[i.severity]);
      worksheet_write_string(ws, row, 5, std::string(to_string(i.code)).c_str(), body_);
      worksheet_write_string(ws, row, 6, i.message(lang_).c_str(), body_);
      worksheet_write_string(ws, row, 7, i.hint(lang_).c_str(), body_);
      // Viewers that do not fit wrapped rows get a height from the longest text.
      std::size_t lines = 1;
      for (auto [text, width] : {std::pair{unit, widths[1]}, std::pair{i.message(lang_), widths[6]},
                                 std::pair{i.hint(lang_), widths[7]}}) {
        lines = std::max(lines, std::size_t(double(code_point_count(text)) / (width * 1.1 - 1)) + 1);
      }
      if (lines > 1) worksheet_set_row(ws, row, std::min(15.0 * double(lines) + 2, 160.0), nullptr);
      ++row;
    };
    for (const auto& f : files_)
      for (const auto& i : f.issues) line(f.path, f.unit, i);
    for (const auto& i : general_) line(i.where.file, "", i);
    worksheet_autofilter(ws, header, 0, std::max<lxw_row_t>(row - 1, header), 7);
    worksheet_freeze_panes(ws, header + 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
  }

  const std::vector<ReportedFile>& files_;
  const std::vector<Issue>& general_;
  Lang lang_;
  lxw_workbook* wb_ = nullptr;
  lxw_format *body_ = nullptr, *plain_ = nullptr, *bold_ = nullptr, *header_ = nullptr, *link_ = nullptr;
  std::map<Severity, lxw_format*> mark_;
  std::map<std::pair<std::string, int>, lxw_format*> number_formats_;
  std::set<std::string> used_;
  std::map<std::pair<std::string, std::string>, std::string> copied_;  // (file, sheet) -> copy
};

}  // namespace

void write_check_report(const std::string& out, const std::vector<ReportedFile>& files,
                        const std::vector<Issue>& general, Lang lang) {
  write_atomically(out, [&](const std::string& tmp) { ReportWriter(files, general, lang).write(tmp); });
}

}  // namespace tonghop
