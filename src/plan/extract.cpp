#include "plan/extract.hpp"

#include <algorithm>
#include <optional>
#include <regex>

#include "core/text.hpp"

namespace tonghop {
namespace {

std::string trim(std::string_view s, std::string_view chars = " \t\n") {
  auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}

// Lower case with the byte offsets of the text kept (Vietnamese letters and their capitals
// have equal UTF-8 lengths; when a text has one that does not, it is searched as written).
std::string lowered(const std::string& s) {
  auto l = lower(s);
  return l.size() == s.size() ? l : s;
}

struct Marker {
  enum Kind { None, Paren, Dot, Multi, Letter, Roman, Bullet } kind = None;
  std::string code, rest;
};

Marker marker_of(const std::string& text) {
  static const std::regex paren(R"(^\(\s*(\d{1,3})\s*\)\s*(.*)$)");
  static const std::regex multi(R"(^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(.*)$)");
  static const std::regex dot(R"(^(\d{1,3})\s*[.)]\s+(.*)$)");
  static const std::regex letter(R"(^([a-z]|đ)\s*\)\s*(.*)$)");
  static const std::regex roman(R"(^([IVXL]{1,5})\s*[.\-–]?\s+(.*)$)");
  static const std::regex bullet(R"(^(?:[-+•*]|–)\s*(.*)$)");
  std::smatch m;
  Marker out;
  auto take = [&](Marker::Kind k, bool with_code) {
    out.kind = k;
    if (with_code) out.code = m[1].str(), out.rest = m[2].str();
    else out.rest = m[1].str();
    return out;
  };
  if (std::regex_match(text, m, paren)) return take(Marker::Paren, true);
  if (std::regex_match(text, m, multi)) return take(Marker::Multi, true);
  if (std::regex_match(text, m, dot)) return take(Marker::Dot, true);
  if (std::regex_match(text, m, letter)) return take(Marker::Letter, true);
  if (std::regex_match(text, m, roman)) return take(Marker::Roman, true);
  if (std::regex_match(text, m, bullet)) return take(Marker::Bullet, false);
  out.rest = text;
  return out;
}

bool mostly_upper(const std::string& s) {
  auto u = upper(s);
  std::size_t letters = 0, same = 0;
  for (std::size_t i = 0; i < s.size() && i < u.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++letters;
      same += s[i] == u[i];
    }
  }
  return letters >= 4 && same * 10 >= letters * 9;
}

bool section_heading(const DocxParagraph& p) {
  if (code_point_count(p.text) > 120) return false;
  auto m = marker_of(p.text);
  return m.kind == Marker::Roman || p.heading > 0 || (mostly_upper(p.text) && m.kind != Marker::Paren);
}

std::string where_of(const DocxParagraph& p, std::size_t index, bool vi = true) {
  if (p.line) return (vi ? "dòng " : "line ") + std::to_string(p.line);
  return (vi ? "đoạn " : "paragraph ") + std::to_string(index + 1);
}

struct Found {
  std::size_t pos = std::string::npos, len = 0;
  std::string value;
};

// The horizon named first in the sentence.
Found horizon_of(const std::string& low) {
  static const std::vector<std::pair<std::regex, int>> forms = {
      {std::regex(R"((hằng|hàng) năm)"), 0},
      {std::regex(R"(đến (?:hết )?năm (\d{4}))"), 1},
      {std::regex(R"(giai đoạn (\d{4})\s*[-–]\s*(\d{4}))"), 2},
      {std::regex(R"(bình quân \d+ năm)"), 3},
      {std::regex(R"(/năm|mỗi năm)"), 4},
      {std::regex(R"((?:vào|trong) năm (\d{4}))"), 5},
  };
  Found best;
  for (const auto& [re, kind] : forms) {
    std::smatch m;
    if (!std::regex_search(low, m, re)) continue;
    auto pos = std::size_t(m.position(0));
    if (pos >= best.pos) continue;
    best.pos = pos;
    best.len = std::size_t(m.length(0));
    switch (kind) {
      case 0: best.value = m.str(0); break;
      case 1: best.value = "đến năm " + m[1].str(); break;
      case 2: best.value = "giai đoạn " + m[1].str() + "-" + m[2].str(); break;
      case 3: best.value = m.str(0); break;
      case 4: best.value = "hằng năm"; break;
      case 5: best.value = "năm " + m[1].str(); break;
    }
  }
  return best;
}

// A figure: "5", "15-16", "1.000", "0,5", "85- 95", with "%" when it follows.
const std::regex& figure_re() {
  static const std::regex re(R"((\d[\d.,]*)(\s*(?:-|–|đến)\s*\d[\d.,]*)?(\s*%)?)");
  return re;
}

// Where a clause ends after pos: ";", "." or "," not between digits, " trong đó", the end.
std::size_t clause_end(const std::string& low, std::size_t pos) {
  for (std::size_t i = pos; i < low.size(); ++i) {
    char c = low[i];
    bool between_digits = i > 0 && i + 1 < low.size() && std::isdigit(static_cast<unsigned char>(low[i - 1])) &&
                          std::isdigit(static_cast<unsigned char>(low[i + 1]));
    if (c == ';' || ((c == '.' || c == ',') && !between_digits)) return i;
    if (low.compare(i, 10, " trong đó") == 0) return i;
  }
  return low.size();
}

std::string unit_after(const std::string& text, const std::string& low, std::size_t pos, bool percent) {
  if (percent) return low.compare(pos, 6, "/năm") == 0 ? "%/năm" : "%";
  static const std::vector<std::string> stop = {"trở", "so", "vào", "đến", "trong", "trên", "cho", "ở", "và", "hoặc",
                                                "mỗi", "hằng", "hàng", "tại", "trở lên", "là", "đạt", "với"};
  std::string unit;
  std::size_t i = pos;
  int words = 0;
  while (i < low.size() && words < 4) {
    while (i < low.size() && low[i] == ' ') ++i;
    std::size_t j = i;
    while (j < low.size() && low[j] != ' ' && low[j] != ',' && low[j] != ';' && low[j] != '.' && low[j] != ':' &&
           low[j] != '(' && low[j] != ')')
      ++j;
    if (j == i) break;
    auto word = low.substr(i, j - i);
    if (std::find(stop.begin(), stop.end(), word) != stop.end()) break;
    unit += (unit.empty() ? "" : " ") + text.substr(i, j - i);
    ++words;
    i = j;
    if (i < low.size() && low[i] != ' ') break;
  }
  return unit;
}

// A year, not a target: "năm 2026", "giai đoạn 2026", "Quý II/2026".
bool is_year_context(const std::string& low, std::size_t pos) {
  // Only a four-digit 19xx/20xx figure can be a year ("hằng năm 1.200 người" is a target).
  auto digits = low.find_first_not_of("0123456789", pos);
  if (digits == std::string::npos) digits = low.size();
  if (digits - pos != 4 || !(low.compare(pos, 2, "19") == 0 || low.compare(pos, 2, "20") == 0)) return false;
  if (digits < low.size() && (low[digits] == '.' || low[digits] == ',') && digits + 1 < low.size() &&
      std::isdigit(static_cast<unsigned char>(low[digits + 1])))
    return false;
  for (std::string before : {"năm ", "đoạn ", "/"})
    if (pos >= before.size() && low.compare(pos - before.size(), before.size(), before) == 0) return true;
  return false;
}

}  // namespace

DraftIndicator read_indicator_sentence(const std::string& sentence) {
  DraftIndicator d;
  d.source = sentence;
  std::string text = trim(sentence);
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  auto low_all = lowered(text);
  if (auto t = low_all.find("trong đó"); t != std::string::npos) {
    d.sub_targets = trim(text.substr(t + std::string("trong đó").size()), " :;,.");
    text = trim(text.substr(0, t), " :;,");
  }
  auto low = lowered(text);
  auto h = horizon_of(low);
  d.horizon = h.value;
  // The figure a target verb governs; else the first figure that is no year.
  static const std::regex strong(R"((?:^|\s)(đạt|tăng|giảm|là|có|chiếm)\s)");
  static const std::regex weak(R"((?:^|\s)(trên|dưới|tối thiểu|ít nhất|khoảng|từ|>|<|≥|≤)\s*)");
  std::size_t start = std::string::npos, fig_pos = std::string::npos, fig_end = 0;
  bool percent = false;
  auto first_figure_after = [&](std::size_t from) -> bool {
    for (auto it = std::sregex_iterator(low.begin() + long(from), low.end(), figure_re());
         it != std::sregex_iterator(); ++it) {
      auto pos = from + std::size_t(it->position(0));
      if (h.pos != std::string::npos && pos >= h.pos && pos < h.pos + h.len) continue;
      if (is_year_context(low, pos)) continue;
      fig_pos = pos;
      fig_end = pos + std::size_t(it->length(0));
      percent = (*it)[3].matched;
      return true;
    }
    return false;
  };
  for (const auto* re : {&strong, &weak}) {
    for (auto it = std::sregex_iterator(low.begin(), low.end(), *re); it != std::sregex_iterator(); ++it) {
      auto after = std::size_t(it->position(0) + it->length(0));
      if (!first_figure_after(after)) continue;
      // The figure must follow its verb within a few words, in the same clause.
      auto gap = low.substr(after, fig_pos - after);
      if (std::count(gap.begin(), gap.end(), ' ') > 3 || gap.find_first_of(",;") != std::string::npos) {
        fig_pos = std::string::npos;
        continue;
      }
      start = std::size_t(it->position(1));
      break;
    }
    if (start != std::string::npos) break;
  }
  if (start == std::string::npos && first_figure_after(0)) {
    start = fig_pos;
    // "đạt chuẩn quốc gia mức độ 2": the verb further back in the same clause opens it.
    for (auto it = std::sregex_iterator(low.begin(), low.begin() + long(fig_pos), strong); it != std::sregex_iterator(); ++it) {
      auto verb = std::size_t(it->position(1));
      if (low.substr(verb, fig_pos - verb).find_first_of(",;") == std::string::npos) {
        start = verb;
        break;
      }
    }
  }
  if (fig_pos != std::string::npos) {
    auto end = clause_end(low, fig_end);
    d.target = trim(text.substr(start, end - start));
    d.unit = unit_after(text, low, fig_end, percent);
    d.confidence = d.horizon.empty() ? 0.75 : 0.9;
    if (d.unit.empty()) d.confidence -= 0.15;
  } else {
    // A status: "đạt chuẩn nông thôn mới kiểu mẫu", "không ma túy".
    static const std::regex status(R"((?:^|\s)(đạt chuẩn|đạt danh hiệu|không\s)\s*)");
    std::smatch m;
    if (std::regex_search(low, m, status)) {
      start = std::size_t(m.position(1));
      auto end = clause_end(low, start);
      d.target = trim(text.substr(start, end - start));
      d.unit = "danh hiệu";
      d.confidence = 0.6;
    }
  }
  if (!d.target.empty()) {
    d.name = trim(text.substr(0, start), " ,:;");
    if (code_point_count(d.name) < 8) d.name = text;
    // A second target in the sentence after ";" ("...đạt 99%; thôn văn hóa đạt 80%").
    if (clause_end(low, start) < low.size() && low.find_first_of("0123456789", clause_end(low, start)) != std::string::npos)
      d.confidence -= 0.2;
  }
  return d;
}

bool split_agencies(const std::string& cell, std::string& lead, std::string& coordinating) {
  auto text = trim(cell);
  auto low = lowered(text);
  auto c = low.find("chủ trì");
  if (c == std::string::npos) return false;
  lead = trim(text.substr(0, c), " ,;:");
  if (lead.empty()) return false;
  for (std::string_view prefix : {"giao ", "Giao "})
    if (lead.rfind(prefix, 0) == 0) lead = trim(lead.substr(prefix.size()));
  coordinating.clear();
  auto p = low.find("phối hợp", c);
  if (p != std::string::npos) {
    auto rest = p + std::string("phối hợp").size();
    const std::string with = " với";
    if (low.compare(rest, with.size(), with) == 0) rest += with.size();
    coordinating = trim(text.substr(rest), " ,;:.");
  }
  return true;
}

DocxDocument document_from_text(std::string_view text) {
  DocxDocument doc;
  std::uint32_t line_no = 0;
  bool open = false;  // the last paragraph may continue on the next line
  std::size_t i = 0;
  while (i <= text.size()) {
    auto j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    ++line_no;
    std::string raw(text.substr(i, j - i));
    i = j + 1;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    clean_text_in_place(raw);
    auto line = trim(raw);
    if (line.empty()) continue;
    if (raw.find('\t') != std::string::npos) {
      // A table row as text extraction leaves it (cells between tabs): a paragraph alone.
      DocxParagraph p;
      p.text = line;
      p.line = line_no;
      doc.paragraphs.push_back(std::move(p));
      open = false;
      continue;
    }
    auto m = marker_of(line);
    bool starts_item = m.kind != Marker::None;
    if (open && !starts_item && !doc.paragraphs.empty()) {
      auto& last = doc.paragraphs.back().text;
      // A word broken at a hyphen ("15-" + "16%") joins without a space.
      last += (last.back() == '-' && std::isdigit(static_cast<unsigned char>(line[0]))) ? line : " " + line;
    } else {
      DocxParagraph p;
      p.text = line;
      p.line = line_no;
      if (m.kind != Marker::None && m.kind != Marker::Bullet && m.kind != Marker::Paren)
        p.label = m.code + (m.kind == Marker::Letter ? ")" : ".");
      doc.paragraphs.push_back(std::move(p));
    }
    const auto& last = doc.paragraphs.back().text;
    char end = last.back();
    bool heading = code_point_count(last) < 100 && mostly_upper(last);
    open = !(end == '.' || end == ':' || end == ';' || end == '!' || end == '?' || end == ')' || heading);
  }
  // The issuing body: the capitalised lines the text opens with, before any numbered heading.
  for (std::size_t k = 0; k < doc.paragraphs.size() && doc.masthead.size() < 2; ++k) {
    const auto& t = doc.paragraphs[k].text;
    if (!mostly_upper(t) || marker_of(t).kind != Marker::None) break;
    doc.masthead.push_back(t);
  }
  return doc;
}

namespace {

void draft_indicators(const DocxDocument& doc, DraftAnnex& out) {
  const auto& ps = doc.paragraphs;
  for (std::size_t s = 0; s < ps.size(); ++s) {
    if (!section_heading(ps[s])) continue;
    auto key = fold_key(ps[s].text);
    if (key.find("chi tieu") == std::string::npos) continue;
    std::size_t e = s + 1;
    while (e < ps.size() && !(section_heading(ps[e]) && marker_of(ps[e].text).kind == Marker::Roman)) ++e;
    bool paren = false, dot = false;
    for (std::size_t k = s + 1; k < e; ++k) {
      auto m = marker_of(ps[k].text);
      paren |= m.kind == Marker::Paren;
      dot |= m.kind == Marker::Dot;
    }
    auto item_kind = paren ? Marker::Paren : dot ? Marker::Dot : Marker::Bullet;
    std::string group;
    bool group_empty = false;
    DraftReview group_review;
    DraftIndicator* last = nullptr;
    for (std::size_t k = s + 1; k < e; ++k) {
      const auto& p = ps[k];
      if (p.text.empty()) continue;
      auto m = marker_of(p.text);
      bool has_figure = m.rest.find_first_of("0123456789") != std::string::npos;
      if (m.kind == item_kind) {
        auto d = read_indicator_sentence(m.rest);
        d.code = m.code;
        d.group = group;
        d.where = where_of(p, k);
        if (d.target.empty()) {
          out.review.push_back({d.where, p.text, "câu chỉ tiêu không có mục tiêu đo được (con số, mức đạt chuẩn)",
                                "an indicator sentence without a measurable target (a figure, a standard)"});
          last = nullptr;
          continue;
        }
        out.indicators.push_back(std::move(d));
        last = &out.indicators.back();
        group_empty = false;
      } else if (!has_figure && code_point_count(p.text) < 100 && m.kind != Marker::Paren && p.text[0] != '(') {
        if (group_empty) out.review.push_back(group_review);
        group = p.text;
        group_empty = true;
        group_review = {where_of(p, k), p.text, "dòng như tên nhóm chỉ tiêu nhưng không có chỉ tiêu nào theo sau",
                        "a line like an indicator group's name with no indicator after it"};
        last = nullptr;
      } else if (m.kind == Marker::Letter && last) {
        // "a) ..." under an indicator: one of its sub-targets.
        last->sub_targets += (last->sub_targets.empty() ? "" : "; ") + p.text;
      } else {
        out.review.push_back({where_of(p, k), p.text,
                              "đoạn văn trong mục chỉ tiêu nhưng không phải chỉ tiêu đánh số",
                              "a paragraph in the indicator section that is no numbered indicator"});
      }
    }
    if (group_empty) out.review.push_back(group_review);
    s = e - 1;
  }
}

struct TaskColumns {
  std::optional<std::uint32_t> code, name, agency, coordinating, timeframe, leader;
};

std::string cell_text(const std::vector<DocxCell>& row, std::optional<std::uint32_t> col) {
  if (!col) return {};
  for (const auto& c : row)
    if (c.col <= *col && *col < c.col + c.span) return c.text;
  return {};
}

void draft_tasks(const DocxDocument& doc, DraftAnnex& out) {
  for (const auto& t : doc.tables) {
    TaskColumns cols;
    std::size_t header = t.rows.size();
    for (std::size_t r = 0; r < std::min<std::size_t>(3, t.rows.size()) && header == t.rows.size(); ++r) {
      TaskColumns c;
      for (const auto& cell : t.rows[r]) {
        auto k = fold_key(cell.text);
        if (k == "tt" || k == "stt") c.code = cell.col;
        else if (k.find("noi dung") != std::string::npos || k.find("nhiem vu") != std::string::npos) c.name = cell.col;
        else if (k.find("phoi hop") != std::string::npos) c.coordinating = cell.col;
        else if (k.find("chi dao") != std::string::npos || k.find("lanh dao") != std::string::npos) c.leader = cell.col;
        else if (k.find("co quan") != std::string::npos || k.find("tham muu") != std::string::npos ||
                 k.find("chu tri") != std::string::npos || k.find("don vi") != std::string::npos)
          c.agency = cell.col;
        else if (k.find("thoi gian") != std::string::npos || k.find("lo trinh") != std::string::npos)
          c.timeframe = cell.col;
      }
      if (c.name && c.agency) {
        cols = c;
        header = r;
      }
    }
    if (header == t.rows.size()) continue;
    std::string section;
    for (std::size_t r = header + 1; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      auto name = cell_text(row, cols.name);
      auto code = trim(cell_text(row, cols.code), " .");
      auto agency = cell_text(row, cols.agency);
      auto where = "bảng \"" + t.name + "\" hàng " + std::to_string(r + 1);
      // A row spanning the table, or a roman numeral with no agency: a section heading.
      bool wide = row.size() == 1 || (!row.empty() && row.front().span * 2 >= t.columns);
      if (row.size() == 1 || ((wide || marker_of(code + " x").kind == Marker::Roman) && agency.empty())) {
        section = trim(row.front().text + (row.size() > 1 && row.front().text == code ? " " + name : ""));
        continue;
      }
      if (name.empty()) continue;
      DraftTask d;
      d.code = code;
      d.section = section;
      d.name = name;
      d.timeframe = cell_text(row, cols.timeframe);
      d.leader = cell_text(row, cols.leader);
      d.where = where;
      d.source = name + (agency.empty() ? "" : " | " + agency);
      if (cols.coordinating) {
        d.lead = agency;
        d.coordinating = cell_text(row, cols.coordinating);
        d.confidence = 0.95;
      } else if (split_agencies(agency, d.lead, d.coordinating)) {
        d.confidence = 0.9;
      } else {
        d.lead = agency;
        d.confidence = agency.empty() ? 0.4 : 0.6;
        if (agency.find(' ') != std::string::npos && code_point_count(agency) > 60)
          out.review.push_back({where, agency, "ô cơ quan là câu văn không tách được cơ quan chủ trì và phối hợp",
                                "the agency cell is a sentence whose lead and coordinating agencies could not be split"});
      }
      if (agency.empty())
        out.review.push_back({where, name, "nhiệm vụ chưa có cơ quan chủ trì", "a task without a lead agency"});
      out.tasks.push_back(std::move(d));
    }
  }
}

// Cell text with the HTML-like tags of some extractions ("<p>", "<ul ...>", "<i>") as line breaks.
std::string untag(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      auto e = s.find('>', i);
      if (e != std::string::npos && e - i < 200) {
        auto tag = s.substr(i, e - i + 1);
        if (tag.rfind("<p", 0) == 0 || tag.rfind("</p", 0) == 0 || tag.rfind("<ul", 0) == 0 || tag.rfind("<li", 0) == 0)
          out += '\n';
        i = e;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The text after "label:" up to the first of the stops (case-insensitive), trimmed.
std::string field_after(const std::string& text, const std::string& label, std::initializer_list<std::string> stops) {
  auto low = lowered(text);
  auto at = low.find(label);
  if (at == std::string::npos) return {};
  auto from = at + label.size();
  while (from < text.size() && (text[from] == ':' || text[from] == ' ')) ++from;
  auto end = text.size();
  for (const auto& stop : stops) {
    auto e = low.find(stop, from);
    if (e != std::string::npos && e < end) end = e;
  }
  return trim(text.substr(from, end - from), " ;,-\n");
}

// "Mô hình ..." / "Chương trình ..." rows of an appendix table: the model as a task (lead,
// coordinating, roadmap) and its quantified objectives as indicators of its group.
void draft_models(const DocxDocument& doc, DraftAnnex& out) {
  for (std::size_t k = 0; k < doc.paragraphs.size(); ++k) {
    const auto& p = doc.paragraphs[k];
    if (p.text.find('\t') == std::string::npos) continue;
    std::vector<std::string> cells;
    std::size_t i = 0;
    while (i <= p.text.size()) {
      auto j = p.text.find('\t', i);
      if (j == std::string::npos) j = p.text.size();
      cells.push_back(trim(untag(p.text.substr(i, j - i))));
      i = j + 1;
    }
    if (cells.size() < 3 || cells[0].empty() || !std::all_of(cells[0].begin(), cells[0].end(), ::isdigit)) continue;
    auto key = fold_key(cells[1]);
    if (key.rfind("mo hinh", 0) != 0 && key.rfind("chuong trinh", 0) != 0) continue;
    std::string rest;
    for (std::size_t c = 2; c < cells.size(); ++c) rest += cells[c] + "\n";
    DraftTask t;
    t.code = cells[0];
    t.section = "Mô hình / chương trình";
    t.name = cells[1];
    t.where = where_of(p, k);
    t.source = cells[1];
    t.lead = field_after(rest, "đơn vị chủ trì", {"\n", " - đơn vị phối hợp", "1.2", " 2. "});
    t.coordinating = field_after(rest, "đơn vị phối hợp", {"\n", " 2. lộ trình", "2. lộ trình"});
    t.timeframe = field_after(rest, "lộ trình thực hiện", {"\n- ", " - "});
    t.confidence = t.lead.empty() ? 0.4 : 0.7;
    if (t.lead.empty())
      out.review.push_back({t.where, t.name, "mô hình/chương trình chưa tìm thấy đơn vị chủ trì",
                            "a model or programme whose lead unit was not found"});
    // Quantified objectives: the lines under "Mục tiêu cụ thể" with a figure or a standard.
    auto low = lowered(rest);
    auto goals = low.find("mục tiêu cụ thể");
    auto stop = low.find("nhiệm vụ, giải pháp", goals == std::string::npos ? 0 : goals);
    if (goals != std::string::npos) {
      std::string block = rest.substr(goals, (stop == std::string::npos ? rest.size() : stop) - goals);
      std::size_t n = 0, a = 0;
      while (a < block.size()) {
        auto b = block.find_first_of("\n", a);
        if (b == std::string::npos) b = block.size();
        // Items are lines, or " - " bullets inside a line.
        auto line = block.substr(a, b - a);
        a = b + 1;
        std::size_t c = 0;
        while (c <= line.size()) {
          auto d = line.find(" - ", c);
          if (d == std::string::npos) d = line.size();
          auto item = trim(line.substr(c, d - c), " -;+");
          c = d + 3;
          if (item.empty() || fold_key(item).rfind("muc tieu cu the", 0) == 0) continue;
          auto ind = read_indicator_sentence(item);
          if (ind.target.empty()) continue;
          ind.code = t.code + "." + std::to_string(++n);
          ind.group = t.code + ". " + t.name;
          ind.where = t.where;
          ind.confidence = std::min(ind.confidence, 0.7);
          out.indicators.push_back(std::move(ind));
        }
      }
    }
    out.tasks.push_back(std::move(t));
  }
}

}  // namespace

DraftAnnex draft_annex(const DocxDocument& doc) {
  DraftAnnex out;
  out.masthead = doc.masthead;
  draft_indicators(doc, out);
  draft_tasks(doc, out);
  draft_models(doc, out);
  return out;
}

}  // namespace tonghop
