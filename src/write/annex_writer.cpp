#include "write/annex_writer.hpp"

#include "core/text.hpp"
#include "write/atomic.hpp"
#include "write/xlsx.hpp"

namespace tonghop {
namespace {

bool yearly(const std::string& horizon) {
  auto k = fold_key(horizon);
  return k == "hang nam" || k.find("/nam") != std::string::npos;
}

// "1. Các chỉ tiêu kinh tế" -> "I. Các chỉ tiêu kinh tế": an annex numbers its groups in
// roman numerals, and an arabic number there would read back as an indicator's STT.
std::string group_label(const std::string& g) {
  std::size_t i = 0;
  while (i < g.size() && std::isdigit(static_cast<unsigned char>(g[i]))) ++i;
  if (i == 0 || i > 2 || i + 1 >= g.size() || g[i] != '.' || g[i + 1] != ' ') return g;
  static const char* roman[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
  int n = std::stoi(g.substr(0, i));
  return n >= 1 && n <= 20 ? std::string(roman[n]) + g.substr(i) : g;
}

// A group or section row as the annex reads back: numbered in roman numerals, "1. X" as
// "I. X", an unnumbered one given the next numeral (a merged row of plain text would read as
// an item).
std::string section_label(const std::string& g, int& next) {
  auto label = group_label(g);
  std::size_t i = 0;
  while (i < label.size() && std::string_view("IVXL").find(label[i]) != std::string_view::npos) ++i;
  if (i > 0 && i + 1 < label.size() && label[i] == '.' && label[i + 1] == ' ') {
    ++next;
    return label;
  }
  if (i > 0 && i + 1 < label.size() && label[i] == ' ') {  // "I CÁC NHIỆM VỤ ...": the dot left out
    ++next;
    return label.substr(0, i) + "." + label.substr(i);
  }
  static const char* roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
  return next < 20 ? std::string(roman[next++]) + ". " + g : g;
}

// "Phòng Kinh tế, các cơ quan, đơn vị liên quan" -> "Phòng Kinh tế; các cơ quan, đơn vị liên
// quan": a list of units is cut where a comma opens a unit's name, and written with the ";"
// the plan reads between units ("các cơ quan, đơn vị" stays one mention).
std::string unit_list(const std::string& cell) {
  static const char* heads[] = {"phong ", "ban ", "trung tam", "tram ", "cong an", "van phong", "uy ban", "ubnd",
                                "hoi ", "doan ", "cac ", "bao hiem", "truong ", "hop tac xa", "btv", "chi cuc",
                                "mat tran", "dang uy", "hdnd", "quy "};
  std::string out;
  std::size_t from = 0;
  for (std::size_t i = 0; i + 2 < cell.size(); ++i) {
    if (cell[i] != ',' || cell[i + 1] != ' ') continue;
    auto next = fold_key(cell.substr(i + 2, 12));
    bool head = false;
    for (const char* h : heads) head |= next.rfind(h, 0) == 0;
    if (!head) continue;
    // "các phòng, ban liên quan", "các ban, ngành, đoàn thể": one generic mention.
    auto part = fold_key(cell.substr(from, i - from));
    auto end = cell.find(',', i + 2);
    auto following = cell.substr(i + 2, end == std::string::npos ? std::string::npos : end - i - 2);
    if (part.rfind("cac ", 0) == 0 && next.rfind("cac ", 0) != 0 && split_words(following).size() <= 3) continue;
    out += cell.substr(from, i - from) + "; ";
    from = i + 2;
  }
  return out + cell.substr(from);
}

struct Styles {
  lxw_format *title, *head, *text, *group, *percent;
};

lxw_row_t title_block(xlsx::Sheet& ws, const DraftAnnex& d, const std::string& title, lxw_col_t width, Styles& s) {
  lxw_row_t r = 0;
  for (const auto& line : d.masthead) ws.text(r++, 0, line, s.group);
  ++r;
  ws.merge(r, 0, r, width - 1, title, s.title);
  ++r;
  ws.merge(r, 0, r, width - 1, "(Dự thảo do tonghop soạn từ văn bản kế hoạch: cần rà soát từng dòng theo cột Căn cứ)",
           s.text);
  return r + 2;
}

void header(xlsx::Sheet& ws, lxw_row_t r, const std::vector<std::pair<const char*, double>>& cols, Styles& s) {
  for (lxw_col_t c = 0; c < cols.size(); ++c) {
    ws.text(r, c, cols[c].first, s.head);
    ws.column(c, c, cols[c].second);
  }
}

}  // namespace

void write_draft_annex(const std::string& out, const DraftAnnex& d) {
  write_atomically(out, [&](const std::string& tmp) {
    xlsx::Book book(tmp, {});
    Styles s{book.style({.bold = true, .wrap = true, .align = xlsx::Align::Center}),
             book.style({.bold = true, .wrap = true, .border = true, .align = xlsx::Align::Center}),
             book.style({.wrap = true, .border = true, .valign = xlsx::VAlign::Top}),
             book.style({.bold = true, .border = true}),
             book.style({.border = true, .valign = xlsx::VAlign::Top, .number_format = "0%"})};

    auto& ind = book.add_sheet("Chỉ tiêu");
    const std::vector<std::pair<const char*, double>> ind_cols = {
        {"STT", 6},          {"Tên chỉ tiêu", 40},     {"Đơn vị tính", 14},   {"Mục tiêu hằng năm", 22},
        {"Mục tiêu đến năm", 22}, {"Thời hạn", 16}, {"Đơn vị tham mưu", 22}, {"Ghi chú", 30},
        {"Căn cứ trong văn bản", 60}, {"Vị trí", 12},  {"Độ tin cậy", 10}};
    lxw_row_t r = title_block(ind, d, "DỰ THẢO PHỤ LỤC CÁC CHỈ TIÊU CHỦ YẾU", lxw_col_t(ind_cols.size()), s);
    header(ind, r++, ind_cols, s);
    std::string group;
    int groups = 0;
    for (const auto& i : d.indicators) {
      if (!i.group.empty() && i.group != group) {
        group = i.group;
        ind.merge(r, 0, r, lxw_col_t(ind_cols.size() - 1), section_label(group, groups), s.group);  // a group row spans the table
        ++r;
      }
      ind.text(r, 0, i.code, s.text);
      ind.text(r, 1, i.name, s.text);
      ind.text(r, 2, i.unit, s.text);
      bool per_year = yearly(i.horizon) || i.yearly;
      ind.text(r, per_year ? 3 : 4, i.target, s.text);
      ind.text(r, per_year ? 4 : 3, "", s.text);
      ind.text(r, 5, i.horizon, s.text);
      ind.text(r, 6, i.responsible, s.text);
      ind.text(r, 7, i.sub_targets.empty() ? "" : "Trong đó: " + i.sub_targets, s.text);
      ind.text(r, 8, i.source, s.text);
      ind.text(r, 9, i.where, s.text);
      ind.number(r, 10, i.confidence, s.percent);
      ++r;
    }

    auto& tasks = book.add_sheet("Nhiệm vụ");
    const std::vector<std::pair<const char*, double>> task_cols = {
        {"STT", 6},  {"Nội dung nhiệm vụ", 50}, {"Cơ quan chủ trì", 24}, {"Cơ quan phối hợp", 30},
        {"Thời gian thực hiện", 18}, {"Lãnh đạo chỉ đạo", 24}, {"Căn cứ trong văn bản", 50}, {"Vị trí", 16},
        {"Độ tin cậy", 10}};
    r = title_block(tasks, d, "DỰ THẢO PHÂN CÔNG THỰC HIỆN NHIỆM VỤ", lxw_col_t(task_cols.size()), s);
    header(tasks, r++, task_cols, s);
    std::string section;
    int sections = 0;
    for (const auto& t : d.tasks) {
      if (!t.section.empty() && t.section != section) {
        section = t.section;
        tasks.merge(r, 0, r, lxw_col_t(task_cols.size() - 1), section_label(section, sections), s.group);
        ++r;
      }
      const std::string cells[] = {t.code, t.name, t.lead, unit_list(t.coordinating), t.timeframe, t.leader, t.source, t.where};
      for (lxw_col_t c = 0; c < 8; ++c) tasks.text(r, c, cells[c], s.text);
      tasks.number(r, 8, t.confidence, s.percent);
      ++r;
    }

    auto& review = book.add_sheet("Cần xem lại");
    header(review, 0, {{"Vị trí", 16}, {"Nội dung", 80}, {"Lý do", 50}}, s);
    r = 1;
    for (const auto& v : d.review) {
      review.text(r, 0, v.where, s.text);
      review.text(r, 1, v.text, s.text);
      review.text(r, 2, v.reason_vi, s.text);
      ++r;
    }
    book.close();
  });
}

}  // namespace tonghop
