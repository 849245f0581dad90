// The check's report workbook: copies of the units' sheets with the problem cells marked,
// so a unit sees its own layout with the problems on it. Through the checked layer.
#include "write/check_report_writer.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include "core/cell.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "write/atomic.hpp"
#include "core/record_store.hpp"
#include "write/xlsx.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

// Red for errors, yellow for warnings, blue for notes (by rank), as office staff expect.
constexpr std::uint32_t kMarkColors[] = {0xFFC7CE, 0xFFEB9C, 0xDDEBF7};
constexpr const char* kFont = "Times New Roman";

int rank(Severity s) { return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2; }

// The unit's font kept, except the legacy Vietnamese fonts: their text was converted to
// Unicode, which they cannot show.
std::string copy_font(const std::string& font) {
  if (font.empty() || font.rfind(".Vn", 0) == 0 || font.rfind(".VN", 0) == 0 || font.rfind("VNI", 0) == 0) return kFont;
  return font;
}

std::string display_value(const StoredCell& c) {
  if (c.type == CellType::Number) return format_number(c.number);
  if (c.type == CellType::Boolean) return c.number != 0 ? "TRUE" : "FALSE";
  return c.text;
}

class ReportWriter {
 public:
  ReportWriter(xlsx::Book& book, Lang lang, std::uint32_t rows_per_sheet)
      : book_(book), lang_(lang), rows_per_sheet_(rows_per_sheet) {}

  // Each file's copies as it comes; its summary lines wait until every copy is written.
  void write(const EachReportedFile& each_file, const std::vector<Issue>& general) {
    auto& summary = book_.add_sheet(vi() ? "Tóm tắt" : "Summary");
    each_file([&](const ReportedFile& f) {
      copies(f);
      for (const auto& i : f.issues) line(f.path, f.unit, i);
    });
    for (const auto& i : general) line(i.where.file, "", i);
    summary_sheet(summary);
  }

 private:
  bool vi() const { return lang_ == Lang::Vi; }

  lxw_format* style(int severity = -1, bool bold = false, bool wrap = true) {
    return book_.style({.font = kFont, .bold = bold, .wrap = wrap, .valign = xlsx::VAlign::Top,
                        .fill = severity < 0 ? 0 : kMarkColors[severity]});
  }

  // One copy per sheet of the file that holds cells or problems.
  void copies(const ReportedFile& f) {
    if (!f.book) return;
    std::string stem = platform::file_stem(f.path);
    for (const auto& sheet : f.book->sheets) {
      std::vector<const Issue*> here;
      for (const auto& i : f.issues)
        if (i.where.sheet == sheet.info.name) here.push_back(&i);
      if (sheet.cells.empty() && here.empty()) continue;
      if (sheet.info.visibility != Visibility::Visible && here.empty()) continue;
      auto& ws = book_.add_sheet_like(f.book->sheets.size() > 1 ? stem + " - " + sheet.info.name : stem);
      copied_[{f.path, sheet.info.name}] = ws.name();
      copy_sheet(ws, sheet, here);
    }
  }

  void copy_sheet(xlsx::Sheet& ws, const Sheet& sheet, const std::vector<const Issue*>& issues) {
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
    // The cell's own look: its value type's number format and its font, with the mark's colour.
    auto format_of = [&](std::uint32_t r, std::uint32_t c, const StoredCell* cell) {
      auto it = marks.find({r, c});
      xlsx::Style s{.font = kFont, .wrap = cells_in_row[r] >= 2, .valign = xlsx::VAlign::Top};
      if (it != marks.end()) s.fill = kMarkColors[rank(it->second.severity)], s.wrap = true;
      if (cell) {
        s.font = copy_font(cell->font);
        bool numeric = cell->type == CellType::Number || cell->type == CellType::Date;
        if (numeric && cell->number_format != "General") s.number_format = cell->number_format;
        if (cell->type == CellType::Date && s.number_format.empty()) s.number_format = "dd/mm/yyyy";
      }
      return book_.style(s);
    };
    auto put = [&](std::uint32_t r, std::uint32_t c, const StoredCell* cell) {
      lxw_format* f = format_of(r, c, cell);
      if (!cell) return ws.blank(r, lxw_col_t(c), f);
      switch (cell->type) {
        case CellType::Number:
        case CellType::Date:  // the serial with its format: a date stays a date
          ws.number(r, lxw_col_t(c), cell->number, f);
          break;
        case CellType::Boolean: ws.boolean(r, lxw_col_t(c), cell->number != 0, f); break;
        case CellType::Empty: ws.blank(r, lxw_col_t(c), f); break;
        default: ws.text(r, lxw_col_t(c), cell->text, f);  // text; errors as their code
      }
      // Titles stand alone on their row and flow over empty cells: they set no width.
      if (cells_in_row[r] < 2) return;
      widths[c] = std::max(widths[c], code_point_count(display_value(*cell)));
    };
    // Merged ranges first, in the top-left cell's look; the cells written next put the
    // top-left value back with its own type (a merged 0.86 shown as 86% stays a number).
    // A range holding a marked cell stays unmerged, so the mark and its comment show.
    for (const auto& m : sheet.merges)
      if (m.last_row > m.first_row || m.last_col > m.first_col) {
        bool marked = false;
        for (std::uint32_t r = m.first_row; r <= m.last_row && !marked; ++r)
          for (std::uint32_t c = m.first_col; c <= m.last_col; ++c) marked |= marks.count({r, c}) > 0;
        if (marked) continue;
        const auto* top = sheet.find(m.first_row, m.first_col);
        ws.merge(m.first_row, lxw_col_t(m.first_col), m.last_row, lxw_col_t(m.last_col), "",
                 format_of(m.first_row, m.first_col, top));
      }
    for (const auto& cell : sheet.cells) put(cell.row, cell.col, &cell);
    // Marked cells the unit left empty ("missing value") are shown too.
    for (const auto& [at, m] : marks)
      if (!sheet.find(at.first, at.second)) put(at.first, at.second, nullptr);
    for (const auto& [at, m] : marks) ws.comment(at.first, lxw_col_t(at.second), m.text, 360, 160);
    for (const auto& [c, w] : widths) ws.column(lxw_col_t(c), lxw_col_t(c), std::clamp(double(w) * 1.1 + 2, 6.0, 50.0));
    ws.page(true, 9, true, "");
  }

  std::string severity_word(Severity s) const { return std::string(severity_label(s, lang_)); }

  // Every problem with a link to its cell; a list longer than Excel's rows continues on
  // "Tóm tắt (2)" at the end of the workbook.
  void summary_sheet(xlsx::Sheet& first) {
    const char* heads_vi[] = {"Tệp", "Đơn vị", "Trang tính", "Ô", "Mức độ", "Mã", "Nội dung", "Cách sửa"};
    const char* heads_en[] = {"File", "Unit", "Sheet", "Cell", "Severity", "Code", "Message", "How to fix"};
    const double widths[] = {28, 26, 16, 8, 10, 20, 70, 50};
    auto* body = style();
    auto* link = book_.style({.font = kFont, .underline = true, .wrap = true, .valign = xlsx::VAlign::Top,
                              .color = LXW_COLOR_BLUE});
    const lxw_row_t header = 3;
    xlsx::Sheet* ws = &first;
    auto start = [&](xlsx::Sheet& s) {
      s.text(0, 0, vi() ? "KẾT QUẢ KIỂM TRA BÁO CÁO" : "REPORT CHECK RESULTS", style(-1, true));
      s.text(1, 0,
             vi() ? "Các ô có vấn đề được tô màu trong bản sao báo cáo của từng đơn vị (đỏ: lỗi, vàng: "
                    "cảnh báo, xanh: thông tin); di chuột vào ô để đọc nội dung."
                  : "Problem cells are coloured in each unit's copied report (red: error, yellow: "
                    "warning, blue: note); hover over a cell to read the message.",
             style(-1, false, false));
      for (lxw_col_t c = 0; c < 8; ++c) {
        s.column(c, c, widths[c]);
        s.text(header, c, vi() ? heads_vi[c] : heads_en[c],
               book_.style({.font = kFont, .bold = true, .wrap = true, .valign = xlsx::VAlign::Top, .fill = 0xD9E1F2}));
      }
    };
    auto finish = [&](xlsx::Sheet& s, lxw_row_t end) {
      s.autofilter(header, 0, std::max<lxw_row_t>(end - 1, header), 7);
      s.freeze(header + 1, 0);
      s.page(true, 9, true, "");
    };
    start(*ws);
    lxw_row_t row = header + 1;
    // Each line holds at most one link: a sheet's lines stop at the links it may hold.
    const lxw_row_t last = std::min<lxw_row_t>(rows_per_sheet_, header + 1 + LXW_MAX_NUMBER_URLS);
    lines_.each([&](const std::vector<std::string>& l) {
      const auto& [file, unit, sheet, target, cell, severity, code, message, hint] =
          std::tie(l.at(0), l.at(1), l.at(2), l.at(3), l.at(4), l.at(5), l.at(6), l.at(7), l.at(8));
      if (row >= last) {
        finish(*ws, row);
        ws = &book_.add_sheet_like(first.name());
        start(*ws);
        row = header + 1;
      }
      int r = severity.at(0) - '0';
      ws->text(row, 0, file, body);
      ws->text(row, 1, unit, body);
      ws->text(row, 2, sheet, body);
      if (!target.empty()) ws->internal_link(row, 3, target, cell, link);
      else ws->text(row, 3, cell, body);
      ws->text(row, 4, severity_word(r == 0 ? Severity::Error : r == 1 ? Severity::Warning : Severity::Info),
               style(r));
      ws->text(row, 5, code, body);
      ws->text(row, 6, message, body);
      ws->text(row, 7, hint, body);
      // Viewers that do not fit wrapped rows get a height from the longest text.
      std::size_t lines = 1;
      for (auto [text, width] : {std::pair{&unit, widths[1]}, std::pair{&message, widths[6]}, std::pair{&hint, widths[7]}})
        lines = std::max(lines, xlsx::wrapped_lines(*text, width));
      if (lines > 1) ws->row(row, xlsx::row_height(lines));
      ++row;
    });
    finish(*ws, row);
  }

  // One line of the summary, kept until the copies are all written: the copy's cell to link.
  void line(const std::string& file, const std::string& unit, const Issue& i) {
    auto it = copied_.find({file, i.where.sheet});
    std::string cell = i.cell().empty() && i.where.row ? cell_ref(*i.where.row, 0) : i.cell();
    std::string target = it != copied_.end() && !cell.empty() ? "'" + it->second + "'!" + cell : "";
    lines_.add({platform::file_name(file), unit, i.where.sheet, target, cell, std::to_string(rank(i.severity)),
                std::string(to_string(i.code)), i.message(lang_), i.hint(lang_)});
  }

  xlsx::Book& book_;
  Lang lang_;
  std::uint32_t rows_per_sheet_;
  std::map<std::pair<std::string, std::string>, std::string> copied_;  // (file, sheet) -> copy
  RecordStore lines_;  // the summary's lines
};

}  // namespace

std::vector<WriteNote> write_check_report(const std::string& out, const EachReportedFile& each_file,
                                          const std::vector<Issue>& general, Lang lang, std::uint32_t rows_per_sheet) {
  std::vector<WriteNote> notes;
  write_atomically(out, [&](const std::string& tmp) {
    // The time of writing, or SOURCE_DATE_EPOCH for reproducible bytes (as the consolidated workbook).
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    xlsx::Book book(tmp, {.created = epoch ? std::time_t(std::strtoll(epoch, nullptr, 10)) : 0, .title = "tonghop check"});
    ReportWriter(book, lang, std::clamp<std::uint32_t>(rows_per_sheet, 10, xlsx::kMaxRows)).write(each_file, general);
    book.close();
    notes = book.notes();
  });
  return notes;
}

std::vector<WriteNote> write_check_report(const std::string& out, const std::vector<ReportedFile>& files,
                                          const std::vector<Issue>& general, Lang lang, std::uint32_t rows_per_sheet) {
  return write_check_report(
      out, [&](const std::function<void(const ReportedFile&)>& use) { for (const auto& f : files) use(f); }, general, lang,
      rows_per_sheet);
}

}  // namespace tonghop
