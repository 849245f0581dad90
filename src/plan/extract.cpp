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
// The horizon named first in the sentence. With deadlines_only, recurrences ("hằng năm",
// "/năm", "mỗi năm") are left out: under a programme's "Đến năm 2030" they say how often,
// not by when, and `periodic` tells that one was seen.
Found horizon_of(const std::string& low, bool deadlines_only = false, bool* periodic = nullptr) {
  static const std::vector<std::pair<std::regex, int>> forms = {
      {std::regex(R"((hằng|hàng) năm)"), 0},
      {std::regex(R"(đến (?:hết )?năm (\d{4}))"), 1},
      {std::regex(R"(giai đoạn (\d{4})\s*[-–]\s*(\d{4}))"), 2},
      {std::regex(R"(bình quân \d+ năm)"), 3},
      {std::regex(R"(/năm|mỗi năm|thường niên)"), 4},
      {std::regex(R"((vào|trong|từ|cuối) năm (\d{4}))"), 5},
      {std::regex(R"(năm (\d{4}))"), 6},
      {std::regex(R"((?:trong |cả )?nhiệm kỳ(?: \d{4}\s*[-–]\s*\d{4})?)"), 7},
  };
  Found best;
  if (periodic) *periodic = false;
  for (const auto& [re, kind] : forms) {
    bool recurrence = kind == 0 || kind == 3 || kind == 4;
    std::smatch m;
    auto from = low.cbegin();
    bool found = false;
    while (std::regex_search(from, low.cend(), m, re)) {
      auto pos = std::size_t(m.position(0) + (from - low.cbegin()));
      // A bare "năm 2025" is a horizon unless it is a base ("so với năm 2025") or part of a date.
      bool base = kind == 6 && ((pos >= 4 && low.compare(pos - 4, 4, "với ") == 0) ||
                                (pos >= 1 && low[pos - 1] != ' ' && low[pos - 1] != '(' && low[pos - 1] != ','));
      if (!base) {
        found = true;
        break;
      }
      from = m[0].second;
    }
    if (!found) continue;
    if (recurrence && periodic) *periodic = true;
    if (recurrence && deadlines_only) continue;
    auto pos = std::size_t(m.position(0) + (from - low.cbegin()));
    if (pos >= best.pos) continue;
    best.pos = pos;
    best.len = std::size_t(m.length(0));
    switch (kind) {
      case 0: best.value = m.str(0); break;
      case 1: best.value = "đến năm " + m[1].str(); break;
      case 2: best.value = "giai đoạn " + m[1].str() + "-" + m[2].str(); break;
      case 3: best.value = m.str(0); break;
      case 4: best.value = "hằng năm"; break;
      case 5: best.value = m[1].str() + " năm " + m[2].str(); break;
      case 6: best.value = "năm " + m[1].str(); break;
      case 7: best.value = m.str(0); break;
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

namespace {

// A figure of a reference rather than a target: a document number ("số 57-NQ/TW",
// "02/2025/TT-BGDĐT"), a date ("ngày 22/12/2024"), a year of a period ("2021 - 2030").
bool reference_figure(const std::string& low, std::size_t pos, std::size_t len, bool percent) {
  auto end = pos + len;
  auto before = low.substr(pos >= 6 ? pos - 6 : 0, pos >= 6 ? 6 : pos);
  if (before.find("số ") != std::string::npos || before.find("ngày ") != std::string::npos) return true;
  if (end < low.size() && ((low[end] == '/' && !percent) || (low[end] == '-' && end + 1 < low.size() && !std::isdigit(static_cast<unsigned char>(low[end + 1])) && low[end + 1] != ' ')))
    return true;
  if (pos > 0 && low[pos - 1] == '/') return true;
  if (is_year_context(low, pos)) return true;
  auto digits = low.substr(pos, std::min<std::size_t>(4, len));
  bool year = !percent && len >= 4 && std::all_of(digits.begin(), digits.end(), ::isdigit) &&
              (digits.rfind("19", 0) == 0 || digits.rfind("20", 0) == 0) &&
              (len == 4 || !std::isdigit(static_cast<unsigned char>(low[pos + 4])));
  if (year && (low.compare(pos + 4, 2, " -") == 0 || low.compare(pos + 4, 2, " –") == 0 || low.compare(pos + 4, 1, "-") == 0 ||
               (pos >= 2 && (low.compare(pos - 2, 2, "- ") == 0)) || (pos >= 1 && low[pos - 1] == '-')))
    return true;
  return false;
}

// programme: a clause cut out of a programme's objectives, whose "trong đó" sub-targets are
// clauses of their own and whose horizon is a deadline (a recurrence sets `yearly`).
DraftIndicator read_sentence(const std::string& sentence, bool programme) {
  DraftIndicator d;
  d.source = sentence;
  std::string text = trim(sentence);
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  auto low_all = lowered(text);
  if (programme) {
    for (std::string lead : {"trong đó có ", "trong đó: ", "trong đó "})
      if (low_all.rfind(lead, 0) == 0) {
        text = trim(text.substr(lead.size()));
        break;
      }
  } else if (auto t = low_all.find("trong đó"); t != std::string::npos) {
    d.sub_targets = trim(text.substr(t + std::string("trong đó").size()), " :;,.");
    text = trim(text.substr(0, t), " :;,");
  }
  auto low = lowered(text);
  auto h = horizon_of(low, programme, &d.yearly);
  d.horizon = h.value;
  if (!programme) d.yearly = false;
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
      if (programme && reference_figure(low, pos, std::size_t(it->length(0)), (*it)[3].matched)) continue;
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
  // "Trong năm 2026, hoàn thành việc ban hành ... chính quyền 02 cấp", "Đạt chuẩn phổ cập giáo
  // dục mầm non cho trẻ em từ 3 đến 5 tuổi": a status verb before the figure governs the
  // clause when the figure is far after it and is no rate.
  static const std::regex status_verb(R"((?:^|\s)(hoàn thành|hoàn thiện|đủ điều kiện|đạt chuẩn)\s)");
  std::smatch sv;
  bool status_first = false;
  if (programme && std::regex_search(low, sv, status_verb)) {
    auto verb = std::size_t(sv.position(1));
    std::size_t fig = start;
    if (fig == std::string::npos && first_figure_after(0)) fig = fig_pos;
    if (fig == std::string::npos) {
      status_first = true;
    } else if (verb < fig) {
      auto gap = low.substr(verb, fig - verb);
      status_first = std::count(gap.begin(), gap.end(), ' ') > 5 && low.find('%', fig) == std::string::npos;
    }
    if (status_first) start = fig_pos = std::string::npos;
  }
  if (start == std::string::npos && !status_first && first_figure_after(0)) {
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
    // "mức độ 3": the level is the target, not a bare 3.
    for (std::string level : {"mức độ ", "mức "})
      if (start == fig_pos && fig_pos >= level.size() && low.compare(fig_pos - level.size(), level.size(), level) == 0) {
        start = fig_pos - level.size();
        break;
      }
    auto end = clause_end(low, fig_end);
    d.target = trim(text.substr(start, end - start));
    d.unit = unit_after(text, low, fig_end, percent);
    d.confidence = d.horizon.empty() ? 0.75 : 0.9;
    if (d.unit.empty()) d.confidence -= 0.15;
  } else {
    // A status: "đạt chuẩn nông thôn mới kiểu mẫu", "không ma túy".
    static const std::regex status(R"((?:^|\s)(đạt chuẩn|đạt danh hiệu|không\s)\s*)");
    static const std::regex programme_status(
        R"((?:^|\s)(đạt chuẩn|đạt danh hiệu|đạt các tiêu chí|đạt|không còn|không để|hoàn thành|hoàn thiện|đủ điều kiện|duy trì)\s*)");
    std::smatch m;
    if (std::regex_search(low, m, programme ? programme_status : status)) {
      start = std::size_t(m.position(1));
      // A programme's clause is already cut at its own end; its commas are a list.
      auto end = programme ? low.size() : clause_end(low, start);
      d.target = trim(text.substr(start, end - start));
      d.unit = "danh hiệu";
      d.confidence = 0.6;
    }
  }
  if (!d.target.empty()) {
    d.name = trim(text.substr(0, start), " ,:;");
    if (code_point_count(d.name) < 8) d.name = text;
    if (programme) {
      // "Trong năm 2026, hoàn thành ...", "Phấn đấu có trên 120 doanh nghiệp": a name that is
      // only a deadline or a verb of intent says nothing; the clause names itself.
      auto rest = lowered(d.name);
      if (h.pos != std::string::npos && h.pos < rest.size()) rest.erase(h.pos, std::min(h.len, rest.size() - h.pos));
      for (std::string filler : {"phấn đấu", "phân đầu", "phần đầu", "đảm bảo", "bảo đảm"})
        if (auto f = rest.find(filler); f != std::string::npos) rest.erase(f, filler.size());
      std::size_t words = 0;
      bool in = false;
      for (char c : rest) {
        bool w = std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
        words += w && !in;
        in = w;
      }
      if (words < 3) d.name = text;
    }
    // A second target in the sentence after ";" ("...đạt 99%; thôn văn hóa đạt 80%").
    if (clause_end(low, start) < low.size() && low.find_first_of("0123456789", clause_end(low, start)) != std::string::npos)
      d.confidence -= 0.2;
  }
  return d;
}

}  // namespace

DraftIndicator read_indicator_sentence(const std::string& sentence) { return read_sentence(sentence, false); }

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
    doc.text_lines.push_back(line);
    if (line.empty()) continue;
    if (raw.find('\t') != std::string::npos) {
      // A table row as text extraction leaves it (cells between tabs): a paragraph alone, its
      // leading tabs kept (an empty first cell continues the row above).
      DocxParagraph p;
      p.text = trim(raw, " \n");
      p.line = line_no;
      doc.paragraphs.push_back(std::move(p));
      open = false;
      continue;
    }
    auto m = marker_of(line);
    // "Cơ quan chủ trì: ...", "Thời gian thực hiện: ...": a field line opens a paragraph.
    static const std::regex field_line(R"(^(?:[A-Z]|Đ)[^:,.;]{2,40}:\s)");
    bool starts_item = m.kind != Marker::None || std::regex_search(line, field_line);
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
    // A line set in emphasis as a whole ("** Tầm nhìn đến năm 2045*") is a heading.
    bool emphasised = line.size() > 2 && line.front() == '*' && line.back() == '*' && line.find_first_not_of("* ") != std::string::npos;
    bool heading = code_point_count(last) < 100 && mostly_upper(last);
    open = !(end == '.' || end == ':' || end == ';' || end == '!' || end == '?' || end == ')' || heading || emphasised);
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

// ---- Programme blocks ------------------------------------------------------------------
// "1. Chương trình phát triển kinh tế tư nhân" followed by "Mục tiêu tổng quát", "Mục tiêu
// cụ thể" (often under "Đến năm 2030:"), "Hoạt động chính", then "Cơ quan chủ trì tham mưu:",
// "Cơ quan phối hợp:", "Thời gian thực hiện:". Every quantified clause becomes an indicator
// of the programme with its lead; the activities become its tasks.

// Markdown emphasis and list marks that text extraction leaves ("- + ", "** Mục tiêu:*").
std::string bare_text(const std::string& s) {
  std::string t;
  for (char c : s)
    if (c != '*') t += c;
  t = trim(t);
  while (!t.empty()) {
    auto m = marker_of(t);
    if (m.kind != Marker::Bullet) break;
    t = trim(m.rest);
  }
  return t;
}

bool starts_with_key(const std::string& key, std::initializer_list<const char*> heads) {
  for (const char* h : heads)
    if (key.rfind(h, 0) == 0) return true;
  return false;
}

bool programme_heading(const DocxParagraph& p, std::string& code, std::string& name) {
  auto m = marker_of(bare_text(p.text));
  if (m.kind != Marker::Dot && !(m.kind == Marker::None && p.heading > 0)) return false;
  auto key = fold_key(m.rest);
  if (!starts_with_key(key, {"chuong trinh", "de an", "mo hinh"})) return false;
  code = m.code;
  name = trim(m.rest, " .:");
  return true;
}

// A figure that is a target's rather than a reference's: not in a document number
// ("số 57-NQ/TW", "02/2025/TT-BGDĐT"), a date ("ngày 22/12/2024") or a year.
bool has_target_figure(const std::string& low) {
  for (auto it = std::sregex_iterator(low.begin(), low.end(), figure_re()); it != std::sregex_iterator(); ++it)
    if (!reference_figure(low, std::size_t(it->position(0)), std::size_t(it->length(0)), (*it)[3].matched)) return true;
  return false;
}

bool has_status(const std::string& low) {
  static const std::regex re(R"((?:^|\s)(đạt chuẩn|đạt danh hiệu|đạt các tiêu chí|hoàn thành|đủ điều kiện|không còn|không để|toàn dân)(\s|$))");
  return std::regex_search(low, re);
}

// Cuts text at a separator outside parentheses and quotes and not between digits.
std::vector<std::string> cut(const std::string& text, const std::string& seps, bool at_comma_space = false) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t from = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    // “4 xin”, “4 luôn”: what is quoted is a name, not a clause.
    if (text.compare(i, 3, "“") == 0) quoted = true;
    if (text.compare(i, 3, "”") == 0) quoted = false;
    if (depth > 0 || quoted || seps.find(c) == std::string::npos) continue;
    bool between_digits = i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                          std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (between_digits) continue;
    if (c == '.' && i + 1 < text.size() && text[i + 1] != ' ') continue;  // "v.v", "1.5"
    if (c == '.' && i >= 2 && text.compare(i - 2, 2, "..") == 0) continue;
    if (at_comma_space && c == ',' && (i + 1 >= text.size() || text[i + 1] != ' ')) continue;
    out.push_back(trim(text.substr(from, i - from)));
    from = i + 1;
  }
  out.push_back(trim(text.substr(from)));
  std::erase_if(out, [](const std::string& s) { return s.empty(); });
  return out;
}

std::size_t word_count(const std::string& s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool w = c != ' ';
    n += w && !in;
    in = w;
  }
  return n;
}

// A sentence as its target clauses: it is cut at ";" and at ", " where the next piece has a
// target of its own ("tỷ lệ kiên cố hoá trường học đạt 100%, tỷ lệ ... đạt 100% trở lên");
// a piece without one stays with its clause, and a short piece (a list of names: "TH,
// THCS") carries the next piece into the same clause. " và năm 2027 ..." opens a clause too.
std::vector<std::string> target_clauses(const std::string& sentence) {
  std::vector<std::string> clauses;
  for (const auto& part : cut(sentence, ";")) {
    std::vector<std::string> pieces;
    for (auto& piece : cut(part, ",", true)) {
      // " và năm 2027 đủ điều kiện ...", " và đến năm 2030 ...": a second deadline.
      static const std::regex and_year(R"( và ((?:đến |vào |trong )?năm \d{4}) )");
      auto low = lowered(piece);
      std::smatch m;
      if (std::regex_search(low, m, and_year) &&
          (has_target_figure(low.substr(std::size_t(m.position(0)))) || has_status(low.substr(std::size_t(m.position(0)))))) {
        auto at = std::size_t(m.position(0));
        pieces.push_back(trim(piece.substr(0, at)));
        pieces.push_back(trim(piece.substr(at + 4)));
      } else {
        pieces.push_back(piece);
      }
    }
    std::string current;
    bool current_has = false, glue = false;
    for (const auto& piece : pieces) {
      auto low = lowered(piece);
      bool has = has_target_figure(low) || has_status(low);
      // "Đến năm 2030, ...": a piece that is only a horizon opens the clause after it.
      auto h = horizon_of(low, true);
      bool only_horizon = h.pos != std::string::npos && code_point_count(piece) <= code_point_count(h.value) + 3;
      if (has && current_has && !glue) {
        clauses.push_back(current);
        current = piece;
      } else {
        current += (current.empty() ? "" : ", ") + piece;
      }
      current_has |= has;
      glue = !has && word_count(piece) <= 2 && !only_horizon;
      if (only_horizon) glue = true;
    }
    if (!current.empty()) clauses.push_back(current);
  }
  return clauses;
}

struct ProgrammeFields {
  std::string lead, coordinating, timeframe, leader;
};

// "1.3. Cơ quan chủ trì tham mưu: Phòng Kinh tế", "Lãnh đạo chỉ đạo: Đồng chí ..." -> the
// field's value; false when the line is no field.
bool programme_field(const std::string& body, ProgrammeFields& f) {
  auto key = fold_key(body);
  auto colon = body.find(':');
  auto value = colon == std::string::npos ? std::string() : trim(body.substr(colon + 1), " .;");
  if (starts_with_key(key, {"co quan chu tri", "don vi chu tri", "chu tri"})) {
    if (!value.empty()) f.lead = value;
    return true;
  }
  if (starts_with_key(key, {"co quan phoi hop", "don vi phoi hop", "phoi hop"})) {
    if (!value.empty()) f.coordinating = value;
    return true;
  }
  if (starts_with_key(key, {"lanh dao chi dao", "phan cong chi dao", "chi dao thuc hien"}) && colon != std::string::npos) {
    if (!value.empty()) f.leader = value;
    return true;
  }
  if (starts_with_key(key, {"thoi gian thuc hien", "thoi gian"})) {
    if (!value.empty()) f.timeframe = value;
    return true;
  }
  return starts_with_key(key, {"nguon luc", "kinh phi", "nguon kinh phi", "san pham"});
}

enum class ClauseMode { Objectives, General, Specific, Activities };

// Where the quantified clauses of a text go: rows "code.1", "code.2" ... of a group, with the
// lead of the programme or task they belong to.
struct ClauseContext {
  ClauseMode mode = ClauseMode::Specific;
  std::string code, group, responsible, heading_horizon, default_horizon, where;
  double max_confidence = 0.85;
};

// Every quantified clause of text becomes an indicator; in the specific objectives a
// sentence with none goes to review.
void add_target_clauses(const std::string& rest, const ClauseContext& c, std::size_t& n, DraftAnnex& out) {
  for (const auto& sentence : cut(rest, ".")) {
    // "Vận động trẻ trong độ tuổi ra lớp: Mẫu giáo đạt 100%; nhà trẻ ...": the lead-in names
    // the clauses after it.
    std::string lead_in, text = sentence;
    if (auto colon = sentence.find(": "); colon != std::string::npos && colon < 200 &&
                                          !has_target_figure(lowered(sentence.substr(0, colon)))) {
      lead_in = trim(sentence.substr(0, colon));
      text = trim(sentence.substr(colon + 1));
    }
    // "Đến năm 2030, A; b; c": a deadline opening the sentence holds for its clauses.
    auto opening = horizon_of(lowered(text), true);
    std::string sentence_horizon = opening.pos == 0 ? opening.value : std::string();
    for (const auto& clause : target_clauses(text)) {
      auto low = lowered(clause);
      // "2." left of a list label: nothing to draft.
      static const std::regex bare_label(R"(^\d{1,2}[.)]?$)");
      if (std::regex_match(clause, bare_label)) continue;
      bool figure = has_target_figure(low), status = has_status(low);
      auto h = horizon_of(low, true);
      // Outside the specific objectives a status counts only with its deadline.
      if (!figure && c.mode != ClauseMode::Specific && status && h.pos == std::string::npos) {
        out.review.push_back({c.where, clause, "mục tiêu không có con số và không có thời hạn",
                              "an objective with neither a figure nor a deadline"});
        continue;
      }
      if (!figure && !status && (c.mode != ClauseMode::Specific || h.pos == std::string::npos)) {
        if (c.mode == ClauseMode::Specific)
          out.review.push_back({c.where, clause, "câu trong mục tiêu cụ thể không có con số hay mức đạt được để theo dõi",
                                "a sentence among the specific objectives with no figure or standard to follow"});
        continue;
      }
      auto d = read_sentence(clause, true);
      if (d.target.empty()) {
        out.review.push_back({c.where, clause, "câu có mục tiêu nhưng không đọc được con số hay mức cần đạt",
                              "a sentence with an objective whose figure or standard could not be read"});
        continue;
      }
      if (d.horizon.empty()) d.horizon = sentence_horizon;
      if (d.horizon.empty())
        d.horizon = !c.heading_horizon.empty() ? c.heading_horizon : c.mode == ClauseMode::General ? "" : c.default_horizon;
      if (d.horizon.empty() && c.mode == ClauseMode::General) d.confidence -= 0.2;
      if (!lead_in.empty() && code_point_count(lead_in) < 120) d.name = lead_in + ": " + d.name;
      d.code = c.code + "." + std::to_string(++n);
      d.group = c.group;
      d.where = c.where;
      d.responsible = c.responsible;
      d.source = lead_in.empty() ? clause : lead_in + ": " + clause;
      d.confidence = std::min(d.confidence, c.mode == ClauseMode::Specific ? c.max_confidence : 0.6);
      out.indicators.push_back(std::move(d));
    }
  }
}

void draft_programmes(const DocxDocument& doc, std::vector<bool>& consumed, DraftAnnex& out) {
  const auto& ps = doc.paragraphs;
  for (std::size_t s = 0; s < ps.size(); ++s) {
    std::string code, name;
    if (!programme_heading(ps[s], code, name)) continue;
    std::size_t e = s + 1;
    std::string c2, n2;
    while (e < ps.size() && !programme_heading(ps[e], c2, n2) &&
           !(section_heading(ps[e]) && marker_of(bare_text(ps[e].text)).kind == Marker::Roman))
      ++e;
    // The fields first: they close the block but hold for all of it.
    ProgrammeFields f;
    for (std::size_t k = s + 1; k < e; ++k) {
      auto m = marker_of(bare_text(ps[k].text));
      programme_field(m.kind == Marker::Multi || m.kind == Marker::Dot ? m.rest : bare_text(ps[k].text), f);
    }
    bool objectives_seen = false;
    for (std::size_t k = s + 1; k < e && !objectives_seen; ++k)
      objectives_seen = fold_key(ps[k].text).find("muc tieu") != std::string::npos;
    if (f.lead.empty() && !objectives_seen) continue;
    for (std::size_t k = s; k < e; ++k) consumed[k] = true;
    ClauseContext c;
    c.mode = ClauseMode::Objectives;
    c.code = code;
    c.group = code + ". " + name;
    c.responsible = f.lead;
    c.default_horizon = horizon_of(lowered(f.timeframe), true).value;
    std::string sub;
    std::size_t n_ind = 0, n_task = 0;
    std::size_t first_task = out.tasks.size();
    for (std::size_t k = s + 1; k < e; ++k) {
      auto body = bare_text(ps[k].text);
      auto m = marker_of(body);
      static const std::regex letter_dot(R"(^([a-zđ])\.\s+(.*)$)");
      std::smatch lm;
      bool lettered = m.kind == Marker::Letter || std::regex_match(body, lm, letter_dot);
      if (m.kind == Marker::Multi || m.kind == Marker::Letter) body = trim(m.rest);
      else if (lettered) body = trim(lm[2].str());
      ProgrammeFields ignored;
      if (programme_field(body, ignored)) continue;
      auto key = fold_key(body);
      // Labels: "Mục tiêu cụ thể: Đến năm 2030:", "Hoạt động chính", "Tầm nhìn đến năm 2045".
      auto colon = body.find(':');
      std::string label_key = colon == std::string::npos ? key : fold_key(body.substr(0, colon));
      bool label = true;
      if (label_key.find("muc tieu tong quat") != std::string::npos && label_key.find("cu the") != std::string::npos)
        c.mode = ClauseMode::Objectives;
      else if (starts_with_key(label_key, {"muc tieu tong quat", "muc tieu chung"}))
        c.mode = ClauseMode::General;
      else if (starts_with_key(label_key, {"muc tieu cu the", "muc tieu den nam", "chi tieu cu the", "tam nhin"}))
        c.mode = ClauseMode::Specific;
      else if (starts_with_key(label_key, {"hoat dong chinh", "nhiem vu", "giai phap", "cac nhiem vu", "cac hoat dong"}) &&
               !(lettered && colon == std::string::npos && code_point_count(body) > 30))
        c.mode = ClauseMode::Activities;
      else if (lettered && colon == std::string::npos && !has_target_figure(lowered(body))) {
        sub = body;  // "a. Nhiệm vụ về phát triển thương mại - dịch vụ"
        c.mode = ClauseMode::Activities;
      } else
        label = false;
      std::string rest = body;
      if (label) {
        c.heading_horizon.clear();
        if (starts_with_key(label_key, {"muc tieu den nam", "tam nhin"}))
          c.heading_horizon = horizon_of(lowered(colon == std::string::npos ? body : body.substr(0, colon)), true).value;
        rest = colon == std::string::npos ? std::string() : trim(body.substr(colon + 1));
        if (rest.empty()) continue;
      }
      // "Đến năm 2030:" alone: the horizon of the lines under it.
      {
        auto low = lowered(rest);
        auto h = horizon_of(low, true);
        if (h.pos != std::string::npos && code_point_count(trim(rest, " :.")) <= code_point_count(h.value) + 12 &&
            !has_target_figure(low) && rest.find_first_of(".;") == std::string::npos) {
          c.heading_horizon = h.value;
          if (!label && c.mode == ClauseMode::Objectives) c.mode = ClauseMode::Specific;
          continue;
        }
      }
      c.where = where_of(ps[k], k);
      add_target_clauses(rest, c, n_ind, out);
      if (c.mode == ClauseMode::Activities && !label) {
        DraftTask t;
        t.code = code + "." + std::to_string(++n_task);
        t.section = c.group;
        t.name = sub.empty() ? rest : sub + ": " + rest;
        t.lead = f.lead;
        t.coordinating = f.coordinating;
        t.timeframe = f.timeframe;
        t.leader = f.leader;
        t.source = rest;
        t.where = c.where;
        t.confidence = f.lead.empty() ? 0.4 : 0.75;
        out.tasks.push_back(std::move(t));
      }
    }
    if (out.tasks.size() == first_task) {
      // No activity listed: the programme itself is the task.
      DraftTask t;
      t.code = code;
      t.section = "Chương trình, đề án";
      t.name = name;
      t.lead = f.lead;
      t.coordinating = f.coordinating;
      t.timeframe = f.timeframe;
      t.leader = f.leader;
      t.source = ps[s].text;
      t.where = where_of(ps[s], s);
      t.confidence = f.lead.empty() ? 0.4 : 0.8;
      out.tasks.push_back(std::move(t));
    }
    if (f.lead.empty())
      out.review.push_back({where_of(ps[s], s), ps[s].text, "chương trình chưa tìm thấy cơ quan chủ trì",
                            "a programme whose lead agency was not found"});
    s = e - 1;
  }
}

// ---- Task paragraphs with their fields ------------------------------------------------
// "1.1. Đẩy mạnh cải cách hành chính ..." followed by "Cơ quan chủ trì: ...", "Cơ quan phối
// hợp: ...", "Lãnh đạo chỉ đạo: ...", "Thời gian thực hiện: ...". The numbered items of the
// section that holds such fields are its tasks: an item with children is their section, an
// item without fields a task with no lead, listed for review.

bool numbered(const Marker& m) { return m.kind == Marker::Dot || m.kind == Marker::Multi; }

void draft_task_blocks(const DocxDocument& doc, const std::vector<bool>& consumed, DraftAnnex& out) {
  const auto& ps = doc.paragraphs;
  auto roman = [&](std::size_t k) {
    return section_heading(ps[k]) && marker_of(bare_text(ps[k].text)).kind == Marker::Roman;
  };
  auto lead_field = [&](std::size_t k) {
    if (consumed[k]) return false;
    auto body = bare_text(ps[k].text);
    if (numbered(marker_of(body)) || body.find(':') == std::string::npos) return false;
    return starts_with_key(fold_key(body), {"co quan chu tri", "don vi chu tri"});
  };
  std::size_t k = 0;
  while (k < ps.size()) {
    if (!lead_field(k)) {
      ++k;
      continue;
    }
    // The section around this field: from the roman heading before it to the next.
    std::size_t begin = k;
    while (begin > 0 && !roman(begin - 1)) --begin;
    std::size_t end = k;
    while (end < ps.size() && !roman(end)) ++end;
    std::string heading = begin > 0 ? ps[begin - 1].text : std::string();
    struct Item {
      std::size_t at;
      std::string code, text;
      ProgrammeFields f;
      bool fields = false;
    };
    std::vector<Item> items;
    for (std::size_t j = begin; j < end; ++j) {
      if (consumed[j]) continue;
      auto body = bare_text(ps[j].text);
      auto m = marker_of(body);
      if (!numbered(m) && body.find(':') != std::string::npos && !items.empty()) {
        ProgrammeFields f = items.back().f;
        if (programme_field(body, f)) {
          items.back().f = f;
          items.back().fields = true;
          continue;
        }
      }
      if (numbered(m)) {
        items.push_back({j, trim(m.code, " ."), trim(m.rest), {}, false});
      } else if (!items.empty() && !items.back().fields) {
        items.back().text += (items.back().text.empty() ? "" : " ") + body;  // the item's text continued
      }
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& it = items[i];
      bool parent = i + 1 < items.size() && items[i + 1].code.rfind(it.code + ".", 0) == 0;
      if (parent && !it.fields) continue;
      DraftTask t;
      t.code = it.code;
      t.section = heading;
      for (std::size_t j = i; j-- > 0;)
        if (it.code.rfind(items[j].code + ".", 0) == 0) {
          t.section = items[j].code + ". " + items[j].text;
          break;
        }
      t.name = it.text;
      t.lead = it.f.lead;
      t.coordinating = it.f.coordinating;
      t.leader = it.f.leader;
      t.timeframe = it.f.timeframe;
      t.source = ps[it.at].text;
      t.where = where_of(ps[it.at], it.at);
      t.confidence = t.lead.empty() ? 0.4 : 0.9;
      if (t.lead.empty())
        out.review.push_back({t.where, ps[it.at].text, "nhiệm vụ chưa có cơ quan chủ trì", "a task without a lead agency"});
      // Its quantified sentences ("Phấn đấu đến năm 2030, có từ 85% trở lên hồ sơ ...") are
      // indicators led by its lead.
      ClauseContext c;
      c.mode = ClauseMode::Activities;
      c.code = it.code;
      c.group = t.section;
      c.responsible = t.lead;
      c.default_horizon = horizon_of(lowered(t.timeframe), true).value;
      c.where = t.where;
      std::size_t n = 0;
      add_target_clauses(it.text, c, n, out);
      out.tasks.push_back(std::move(t));
    }
    k = end;
  }
}

// "Mô hình ..." / "Chương trình ..." rows of an appendix table: the model as a task (lead,
// coordinating, roadmap) and its objectives as indicators of its group. A model's text goes
// on over the rows after it whose first cell is empty ("--" rows are rules of the table).
std::vector<std::string> tab_cells(const std::string& text) {
  std::vector<std::string> cells;
  std::size_t i = 0;
  while (i <= text.size()) {
    auto j = text.find('\t', i);
    if (j == std::string::npos) j = text.size();
    cells.push_back(trim(untag(text.substr(i, j - i))));
    i = j + 1;
  }
  return cells;
}

// Where a label is in text from `from`, as written or with its first letter capital ("Mục
// tiêu cụ thể"): the first label of the list that is there (labels in order of preference).
std::size_t find_label(const std::string& text, std::initializer_list<std::string> labels, std::size_t from = 0) {
  for (const auto& l : labels) {
    std::size_t first_len = 1;
    while (first_len < l.size() && (static_cast<unsigned char>(l[first_len]) & 0xC0) == 0x80) ++first_len;
    std::size_t best = std::string::npos;
    for (const auto& form : {l, upper(l.substr(0, first_len)) + l.substr(first_len)}) best = std::min(best, text.find(form, from));
    if (best != std::string::npos) return best;
  }
  return std::string::npos;
}

bool model_row(const std::vector<std::string>& cells) {
  if (cells.size() < 3 || cells[0].empty() || !std::all_of(cells[0].begin(), cells[0].end(), ::isdigit)) return false;
  auto key = fold_key(cells[1]);
  return key.rfind("mo hinh", 0) == 0 || key.rfind("chuong trinh", 0) == 0;
}

// A lead cell that says more than a unit: "Ủy ban MTTQ Việt Nam xã ... là lực lượng nòng cốt
// ..." is cut before " là " or ";"; "Phòng Văn hoá - Xã hội, Trạm Y tế xã" names two units:
// the first leads, the others join the coordinating ones.
void first_unit_leads(std::string& lead, std::string& coordinating) {
  for (std::string stop : {" là ", ";", ". "})
    if (auto at = lowered(lead).find(stop); at != std::string::npos && at > 0) lead = trim(lead.substr(0, at), " ,.");
  lead = trim(lead, " ,.;");
  static const std::regex second(R"((?:,| và) (phòng|ban|trạm|trung tâm|công an|văn phòng|các) )");
  std::smatch m;
  auto low = lowered(lead);
  if (std::regex_search(low, m, second)) {
    auto at = std::size_t(m.position(0));
    auto others = trim(lead.substr(at + (lead[at] == ',' ? 1 : 4)));
    lead = trim(lead.substr(0, at));
    coordinating = others + (coordinating.empty() ? "" : ", " + coordinating);
  }
}

struct ModelRow {
  std::string code, name;
  std::string main;  // the objectives and tasks column
  std::string rest;  // every cell after the name: lead, coordinating units, roadmap
  std::string where;
};

void draft_model(const ModelRow& m, DraftAnnex& out);

void draft_models(const DocxDocument& doc, DraftAnnex& out) {
  for (std::size_t k = 0; k < doc.paragraphs.size(); ++k) {
    const auto& p = doc.paragraphs[k];
    if (p.text.find('\t') == std::string::npos) continue;
    auto cells = tab_cells(p.text);
    if (!model_row(cells)) continue;
    // main: continued by the first filled cell of each row after.
    ModelRow m{cells[0], cells[1], cells[2] + "\n", {}, where_of(p, k)};
    for (std::size_t c = 2; c < cells.size(); ++c) m.rest += cells[c] + "\n";
    for (std::size_t q = k + 1; q < doc.paragraphs.size(); ++q) {
      const auto& next = doc.paragraphs[q].text;
      if (next.find('\t') == std::string::npos) break;
      auto more = tab_cells(next);
      if (model_row(more) || (!more[0].empty() && more[0].find_first_not_of('-') != std::string::npos)) break;
      bool first = true;
      for (std::size_t c = 1; c < more.size(); ++c) {
        if (more[c].find_first_not_of("- ") == std::string::npos) continue;
        if (first) m.main += more[c] + "\n";
        first = false;
        m.rest += more[c] + "\n";
      }
    }
    draft_model(m, out);
  }
  // The same appendix as a Word table: a row per model.
  for (const auto& t : doc.tables)
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      std::vector<std::string> cells;
      for (const auto& c : t.rows[r]) cells.push_back(trim(c.text));
      if (!model_row(cells)) continue;
      ModelRow m{cells[0], cells[1], cells[2] + "\n", {}, "bảng \"" + t.name + "\" hàng " + std::to_string(r + 1)};
      for (std::size_t c = 2; c < cells.size(); ++c) m.rest += cells[c] + "\n";
      draft_model(m, out);
    }
}

void draft_model(const ModelRow& m, DraftAnnex& out) {
  const auto& main = m.main;
  const auto& rest = m.rest;
  DraftTask t;
  t.code = m.code;
  t.section = "Mô hình / chương trình";
  t.name = m.name;
  t.where = m.where;
  t.source = m.name;
  t.lead = field_after(rest, "đơn vị chủ trì", {"\n", " - đơn vị phối hợp", "1.2", " 2. "});
  t.coordinating = field_after(rest, "đơn vị phối hợp", {"\n", " 2. lộ trình", "2. lộ trình"});
  first_unit_leads(t.lead, t.coordinating);
  t.timeframe = field_after(rest, "lộ trình thực hiện", {"\n- ", " - "});
  t.confidence = t.lead.empty() ? 0.4 : 0.7;
  if (t.lead.empty())
    out.review.push_back({t.where, t.name, "mô hình/chương trình chưa tìm thấy đơn vị chủ trì",
                          "a model or programme whose lead unit was not found"});
  // Objectives: the lines under "Mục tiêu cụ thể" (or "mục tiêu lượng hóa"; else those of
  // "Mục tiêu (sản phẩm)") up to the tasks and solutions.
  auto goals = find_label(main, {"mục tiêu cụ thể", "mục tiêu lượng hóa", "mục tiêu (sản phẩm)"});
  if (goals != std::string::npos) {
    auto stop = std::min({find_label(main, {"nhiệm vụ, giải pháp"}, goals), find_label(main, {"nhiệm vụ và giải pháp"}, goals),
                          main.size()});
    std::string block = main.substr(goals, stop - goals);
    ClauseContext c;
    c.mode = ClauseMode::Specific;
    c.code = t.code;
    c.group = t.code + ". " + t.name;
    c.responsible = t.lead;
    c.where = t.where;
    c.max_confidence = 0.7;
    std::size_t n = 0, a = 0;
    while (a < block.size()) {
      auto b = block.find_first_of("\n", a);
      if (b == std::string::npos) b = block.size();
      // Items are lines, or " - " bullets inside a line.
      auto line = block.substr(a, b - a);
      a = b + 1;
      std::size_t from = 0;
      while (from <= line.size()) {
        auto d = line.find(" - ", from);
        if (d == std::string::npos) d = line.size();
        auto item = trim(line.substr(from, d - from), " -;+");
        from = d + 3;
        if (auto lm = marker_of(item); lm.kind == Marker::Dot || lm.kind == Marker::Multi) item = trim(lm.rest);
        auto key = fold_key(item);
        if (item.empty() || key.rfind("muc tieu", 0) == 0) continue;
        // "Về cơ sở vật chất", "1.2 Mục tiêu cụ thể": a label over the items under it.
        if (code_point_count(item) < 40 && !has_target_figure(lowered(item))) continue;
        add_target_clauses(item, c, n, out);
      }
    }
  }
  out.tasks.push_back(std::move(t));
}

// ---- A table flattened by text extraction ---------------------------------------------
// "TT / Nội dung / Phân công chỉ đạo thực hiện / Cơ quan tham mưu / Thời gian thực hiện" out of
// a PDF: each cell's wrapped lines one under the other, the cells of a row one after the
// other, the header again after each page break. A row starts at its number; its lines are
// read in column order: the task, the directing leader ("Đ/c ..."), the agency sentence
// ("Phòng Kinh tế chủ trì tham mưu, ..."), the timeframe ("Quý I/2026", "Hằng năm").

bool header_fragment(const std::string& line) {
  static const std::vector<std::string> vocab = {"tt", "stt", "noi", "dung", "phan", "cong", "chi", "dao", "thuc", "hien",
                                                 "co", "quan", "tham", "muu", "thoi", "gian", "chu", "tri", "phoi", "hop",
                                                 "lanh", "ghi", "nhiem", "vu", "don", "vi", "ket", "qua", "san", "pham", "va",
                                                 "ten", "trien", "khai", "hoan", "thanh", "nguon", "luc"};
  auto words = split_words(fold_key(line));
  if (words.empty() || words.size() > 6) return false;
  for (const auto& w : words)
    if (std::find(vocab.begin(), vocab.end(), w) == vocab.end()) return false;
  return true;
}

// "2.1" after "2", "3" after "2.2", "10" after "9"; a page number ("17" after "14") is no row.
bool next_code(const std::string& last, const std::string& code) {
  auto parts = [](const std::string& c) {
    std::vector<int> v;
    std::size_t i = 0;
    while (i < c.size()) {
      auto j = c.find('.', i);
      if (j == std::string::npos) j = c.size();
      v.push_back(std::atoi(c.substr(i, j - i).c_str()));
      i = j + 1;
    }
    return v;
  };
  auto want = parts(code);
  if (last.empty()) return want.size() == 1 && want[0] <= 1;
  auto have = parts(last);
  if (want.size() == have.size() + 1 && want.back() == 1 && std::equal(have.begin(), have.end(), want.begin())) return true;
  for (std::size_t depth = have.size(); depth >= 1; --depth) {
    if (want.size() != depth) continue;
    bool same_prefix = std::equal(have.begin(), have.begin() + long(depth) - 1, want.begin());
    if (same_prefix && want.back() == have[depth - 1] + 1) return true;
  }
  return false;
}

void draft_text_tables(const DocxDocument& doc, DraftAnnex& out) {
  const auto& lines = doc.text_lines;
  static const std::regex code_re(R"(^(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s+(.*))?$)");
  static const std::regex year_re(R"(^(19|20)\d\d\b.*)");
  static const std::regex lone_number(R"(^\d+$)");
  auto next_line = [&](std::size_t k) {
    for (++k; k < lines.size(); ++k)
      if (!lines[k].empty()) return lines[k];
    return std::string();
  };
  auto agency_head = [](const std::string& key) {
    return starts_with_key(key, {"phong ", "ban ", "trung tam", "van phong", "cong an", "tram ", "uy ban", "ubnd", "hoi ",
                                 "doan ", "giao "});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto k0 = fold_key(lines[i]);
    // "TT" alone, or "Stt Tên nhiệm vụ": the header's first line.
    if (k0 != "tt" && k0 != "stt" && !(starts_with_key(k0, {"stt ", "tt "}) && header_fragment(lines[i]))) continue;
    std::size_t j = i + 1;
    std::string header = k0;
    while (j < lines.size() && (lines[j].empty() || header_fragment(lines[j]))) {
      header += ' ';
      header += fold_key(lines[j++]);
    }
    bool agency_col = header.find("tham muu") != std::string::npos || header.find("chu tri") != std::string::npos;
    if ((header.find("noi dung") == std::string::npos && header.find("nhiem vu") == std::string::npos) || !agency_col)
      continue;
    bool leader_col = header.find("chi dao") != std::string::npos;
    // A column of its own for the coordinating agencies: the lead's cell is a name, not a sentence.
    bool coord_col = header.find("phoi hop") != std::string::npos;
    enum State { Content, Leader, Agency, Coord, Time, Resources };
    struct Row {
      std::string code, content, leader, agency, coord, timeframe;
      std::size_t line = 0;
      State state = Content;
      bool page_break = false;
    };
    std::optional<Row> row;
    std::string section, last;
    auto add = [](std::string& field, const std::string& line) {
      if (field.empty()) field = line;
      else {
        if (!(field.back() == '-' && std::isdigit(static_cast<unsigned char>(line[0])))) field += ' ';
        field += line;
      }
    };
    auto flush = [&] {
      if (!row || row->content.empty()) return;
      DraftTask t;
      t.code = row->code;
      t.section = section;
      t.name = row->content;
      t.leader = row->leader;
      t.timeframe = row->timeframe;
      t.where = "dòng " + std::to_string(row->line);
      t.source = row->content + (row->agency.empty() ? "" : " | " + row->agency);
      // "Năm 2025 Năm 2030": start and finish columns flattened onto one line.
      static const std::regex start_finish(R"(^((?:Năm|năm) \d{4})\s+((?:Năm|năm) \d{4})$)");
      t.timeframe = std::regex_replace(t.timeframe, start_finish, "$1 - $2");
      if (coord_col) {
        t.lead = row->agency;
        t.coordinating = row->coord;
        t.confidence = row->agency.empty() ? 0.4 : 0.8;
      } else if (split_agencies(row->agency, t.lead, t.coordinating)) {
        t.confidence = 0.8;
      } else {
        t.lead = row->agency;
        t.confidence = row->agency.empty() ? 0.4 : 0.5;
      }
      if (t.lead.empty())
        out.review.push_back({t.where, t.name, "nhiệm vụ chưa có cơ quan chủ trì", "a task without a lead agency"});
      // Its quantified sentences are indicators led by its lead, due when it is to be finished.
      ClauseContext c;
      c.mode = ClauseMode::Activities;
      c.code = t.code;
      c.group = t.section;
      c.responsible = t.lead;
      c.where = t.where;
      static const std::regex year(R"(\d{4})");
      std::string finish;
      for (auto it = std::sregex_iterator(t.timeframe.begin(), t.timeframe.end(), year); it != std::sregex_iterator(); ++it)
        finish = "năm " + it->str();
      c.default_horizon = !finish.empty() ? finish : horizon_of(lowered(t.timeframe)).value;
      std::size_t n = 0;
      add_target_clauses(t.name, c, n, out);
      out.tasks.push_back(std::move(t));
    };
    std::size_t k = j;
    for (; k < lines.size(); ++k) {
      const auto& line = lines[k];
      if (line.empty()) continue;
      auto key = fold_key(line);
      if (key == "tt" || key == "stt") {  // the header again after a page break
        while (k + 1 < lines.size() && (lines[k + 1].empty() || header_fragment(lines[k + 1]))) ++k;
        if (row) row->page_break = true;
        continue;
      }
      auto m = marker_of(line);
      if (m.kind == Marker::Roman && mostly_upper(m.rest)) {
        flush();
        row.reset();
        section = line;
        last.clear();
        continue;
      }
      std::smatch cm;
      if (std::regex_match(line, cm, code_re) && next_code(last, cm[1].str()) &&
          (!cm[2].matched || !std::isdigit(static_cast<unsigned char>(cm[2].str()[0])))) {
        flush();
        row = Row{};
        row->code = cm[1].str();
        row->content = trim(cm[2].str());
        row->line = k + 1;
        last = row->code;
        continue;
      }
      if (!row) continue;
      if (std::regex_match(line, lone_number) && !std::regex_match(line, year_re)) continue;  // a page number
      bool leader_start = starts_with_key(key, {"d/c", "dong chi"});
      // A cell's first words may wrap: "Phòng Văn hóa - Xã hội chủ" / "trì tham mưu", "Thường" / "xuyên".
      auto next_key = fold_key(next_line(k));
      auto both = key + " " + next_key;
      bool agency_start = agency_head(key) && (key.find("chu tri") != std::string::npos ||
                                              (both.find("chu tri") != std::string::npos && !agency_head(next_key)));
      // With a column of its own, the lead is a name ("Ban Xây" / "dựng Đảng"), and the
      // coordinating cell starts after it ("Các chi bộ, ...").
      bool prose_start = starts_with_key(key, {"ban hanh", "hoi nghi", "hoi thao", "hoi thi", "doan ket"});
      if (coord_col && !prose_start) agency_start = agency_head(key) || starts_with_key(key, {"uy ban", "dang uy"});
      bool coord_start = coord_col && (starts_with_key(key, {"cac "}) || agency_head(key));
      bool resources_start = starts_with_key(key, {"ngan sach", "nguon ", "kinh phi", "von "});
      auto bare = trim(both, " -+");
      bool time_start = starts_with_key(bare, {"quy ", "hang nam", "thuong xuyen", "thang ", "giai doan", "tu nam", "den nam",
                                               "nam 20", "truoc ", "theo chi dao"}) ||
                        std::regex_match(line, year_re);
      auto& r = *row;
      if (leader_start && r.state == Content && leader_col) r.state = Leader;
      else if (agency_start && r.state < Agency && (r.state == Leader || !leader_col)) r.state = Agency;
      else if (coord_start && r.state == Agency && !r.agency.empty()) r.state = Coord;
      else if (time_start && r.state < Time && r.state != Content) r.state = Time;
      else if (resources_start && r.state == Time) r.state = Resources;
      else if (r.page_break && !leader_start && !agency_start && !time_start) {
        add(r.content, line);  // the task's text going on after the page break
        continue;
      }
      r.page_break = false;
      if (r.state == Resources) continue;  // the resources column is not drafted
      add(r.state == Content  ? r.content
          : r.state == Leader ? r.leader
          : r.state == Agency ? r.agency
          : r.state == Coord  ? r.coord
                              : r.timeframe,
          line);
    }
    flush();
    i = k;
  }
}

// Words of folded text, sorted, for telling whether a sentence already went into the draft.
std::vector<std::string> folded_words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : fold_key(s) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '%') {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The share of a's words found in b (both sorted; a word counts as often as both hold it).
double share_in(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty()) return 0;
  std::size_t hit = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++hit, ++i, ++j;
  }
  return double(hit) / double(a.size());
}

// A sentence that commits to something measurable or datable: a target figure or status
// ("đạt 100%", "không còn hộ nghèo") with a commitment cue, or a sentence that opens with
// its own horizon ("Từ năm 2027, triển khai thường niên ...").
bool committing_sentence(const std::string& low) {
  static const std::regex cue(
      R"((phấn đấu|hướng tới|mục tiêu|trở lên|ít nhất|tối thiểu|không còn|không để|đạt chuẩn|toàn dân|hằng năm|hàng năm|thường niên|đến năm \d{4}|từ năm \d{4}|vào năm \d{4}|\d\s*%))");
  static const std::regex opens_with_horizon(R"(^(phấn đấu\s+)?(đến|từ|trong|vào)\s+năm\s+\d{4}\b)");
  if (std::regex_search(low, opens_with_horizon)) return true;
  return (has_target_figure(low) || has_status(low)) && std::regex_search(low, cue);
}

// The last safety net of the draft: a committing sentence of the body that no pass turned
// into a row (or listed) goes to the review list, so that a target written in the middle
// of a section's prose is never dropped. Headings are left out: they name, not commit.
void review_loose_targets(const DocxDocument& doc, DraftAnnex& out) {
  std::vector<std::vector<std::string>> drafted;
  for (const auto& i : out.indicators) drafted.push_back(folded_words(i.source));
  for (const auto& t : out.tasks) drafted.push_back(folded_words(t.source + " " + t.name));
  for (const auto& v : out.review) drafted.push_back(folded_words(v.text));
  for (std::size_t k = 0; k < doc.paragraphs.size(); ++k) {
    const auto& p = doc.paragraphs[k];
    if (p.heading || section_heading(p)) continue;
    // A table flattened with its markup ("<p>- 100% ...</p>") holds one item per line.
    std::vector<std::string> sentences;
    for (const auto& line : cut(untag(p.text), "\n"))
      for (auto& sentence : cut(line, ".")) sentences.push_back(trim(sentence, " \t-+*•"));
    for (const auto& sentence : sentences) {
      if (word_count(sentence) < 4) continue;
      if (!committing_sentence(lowered(sentence))) continue;
      auto words = folded_words(sentence);
      bool done = false;
      for (const auto& d : drafted) done = done || share_in(words, d) >= 0.7;
      if (done) continue;
      out.review.push_back({where_of(p, k), sentence,
                            "câu có mục tiêu (con số, mốc thời gian) trong phần nội dung, chưa thành dòng của phụ lục: "
                            "xem có cần đưa vào bảng chỉ tiêu không",
                            "a sentence of the body with a target (a figure, a date) that is no row of the draft: "
                            "see whether it belongs in the indicator table"});
      drafted.push_back(std::move(words));
    }
  }
}

}  // namespace

DraftAnnex draft_annex(const DocxDocument& doc) {
  DraftAnnex out;
  out.masthead = doc.masthead;
  draft_indicators(doc, out);
  draft_tasks(doc, out);
  draft_models(doc, out);
  std::vector<bool> consumed(doc.paragraphs.size(), false);
  draft_programmes(doc, consumed, out);
  draft_task_blocks(doc, consumed, out);
  draft_text_tables(doc, out);
  review_loose_targets(doc, out);
  return out;
}

}  // namespace tonghop
