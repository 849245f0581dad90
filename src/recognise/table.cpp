#include "recognise/table.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/number_text.hpp"
#include "core/text.hpp"
#include "core/toml_file.hpp"

namespace tonghop {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::None: return "none";
    case Role::Code: return "code";
    case Role::Name: return "name";
    case Role::UnitOfMeasure: return "unit_of_measure";
    case Role::TargetPeriod: return "target_period";
    case Role::YearlyTarget: return "target_annual";
    case Role::Responsible: return "responsible";
    case Role::DirectingLeader: return "leader";
    case Role::LeadAgency: return "lead";
    case Role::Coordinating: return "coordinating";
    case Role::Timeframe: return "timeframe";
    case Role::Start: return "start";
    case Role::Finish: return "finish";
    case Role::Output: return "output";
    case Role::Resources: return "resources";
    case Role::Note: return "note";
    case Role::PlanValue: return "plan_value";
    case Role::Actual: return "actual";
    case Role::Ratio: return "ratio";
    case Role::Status: return "status";
    case Role::Comparison: return "comparison";
  }
  return "none";
}

namespace {

Role role_from_name(std::string_view n) {
  for (int r = int(Role::Code); r <= int(Role::Comparison); ++r)
    if (to_string(Role(r)) == n) return Role(r);
  return Role::None;
}

bool contains_words(const std::string& hay, const std::string& needle) {
  std::size_t pos = 0;
  auto is_word = [](char c) { return std::isalnum((unsigned char)c) || (unsigned char)c >= 0x80; };
  while ((pos = hay.find(needle, pos)) != std::string::npos) {
    bool left = pos == 0 || !is_word(hay[pos - 1]);
    bool right = pos + needle.size() >= hay.size() || !is_word(hay[pos + needle.size()]);
    if (left && right) return true;
    ++pos;
  }
  return false;
}

std::string_view trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  if (b == 0 && e + 1 == s.size()) return s;  // most texts: no copy
  return s.substr(b, e - b + 1);
}

}  // namespace

LabelRoles LabelRoles::load(const std::string& path) {
  toml::table doc = load_toml(path);
  LabelRoles out;
  auto* roles = doc["roles"].as_table();
  if (!roles) throw ConfigError(path + ":1: a [roles] table is needed");
  for (const auto& [k, v] : *roles) {
    Role r = role_from_name(k.str());
    if (r == Role::None)
      throw ConfigError(path + ":" + std::to_string(v.source().begin.line) + ": unknown role '" +
                        std::string(k.str()) + "'");
    if (auto* arr = v.as_array())
      for (const auto& p : *arr)
        if (auto s = p.value<std::string>()) out.phrases_.emplace_back(r, fold_key(*s));
  }
  // Longest first (in file order among equals): the first phrase a label holds is the one
  // that wins, and match stops there.
  std::stable_sort(out.phrases_.begin(), out.phrases_.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  return out;
}

LabelRoles LabelRoles::load_default() { return load(templates_dir() + "/labels.toml"); }

Role LabelRoles::match(const std::string& label, std::size_t* matched_length) const {
  for (const auto& [role, phrase] : phrases_)
    if (!phrase.empty() && contains_words(label, phrase)) {
      if (matched_length) *matched_length = phrase.size();
      return role;
    }
  if (matched_length) *matched_length = 0;
  return Role::None;
}

std::optional<std::uint32_t> Table::column(Role r) const {
  for (const auto& c : columns)
    if (c.role == r) return c.col;
  return std::nullopt;
}

std::string display_text(const StoredCell& c) {
  switch (c.type) {
    case CellType::Text: return c.text;
    case CellType::Number:
      // 15 significant digits, as a spreadsheet shows them: 0.969 as a percent is "96.9%",
      // not the double's 96.89999999999999.
      return number_text(c.number, NumberStyle{-1, c.format_class == FormatClass::Percent, false}, Lang::En);
    case CellType::Date: return c.text.size() >= 10 && c.text.str()[4] == '-' ? c.text.str().substr(0, 10) : c.text.str();
    case CellType::Boolean: return c.number != 0 ? "TRUE" : "FALSE";
    case CellType::Error: return c.text;
    case CellType::Empty: break;
  }
  return {};
}

const CellRange* SheetView::merge_at(std::uint32_t row, std::uint32_t col) const {
  for (const auto& m : sheet_.merges)
    if (row >= m.first_row && row <= m.last_row && col >= m.first_col && col <= m.last_col) return &m;
  return nullptr;
}

SheetView::SheetView(const Sheet& sheet, bool include_hidden)
    : sheet_(sheet), hide_(!include_hidden && (!sheet.hidden_rows.empty() || !sheet.hidden_columns.empty())) {
  const auto& cells = sheet_.cells;
  if (cells.empty() || cells.size() >= UINT32_MAX) return;  // (the sheet's own search then)
  first_row_ = cells.front().row;
  row_start_.assign(std::size_t(cells.back().row - first_row_) + 2, std::uint32_t(cells.size()));
  // Backwards, so each row's entry ends as its first cell; a row without cells gets the
  // start of the next row that has one (an empty range).
  for (std::size_t i = cells.size(); i-- > 0;) row_start_[cells[i].row - first_row_] = std::uint32_t(i);
  for (std::size_t r = row_start_.size() - 1; r-- > 0;) row_start_[r] = std::min(row_start_[r], row_start_[r + 1]);
}

const StoredCell* SheetView::find(std::uint32_t row, std::uint32_t col) const {
  if (row_start_.empty()) return sheet_.find(row, col);
  if (row < first_row_ || std::size_t(row - first_row_) + 1 >= row_start_.size()) return nullptr;
  const auto& cells = sheet_.cells;
  auto begin = cells.begin() + std::ptrdiff_t(row_start_[row - first_row_]);
  auto end = cells.begin() + std::ptrdiff_t(row_start_[row - first_row_ + 1]);
  auto it = std::lower_bound(begin, end, col, [](const StoredCell& c, std::uint32_t k) { return c.col < k; });
  return it != end && it->col == col ? &*it : nullptr;
}

const StoredCell* SheetView::cell(std::uint32_t row, std::uint32_t col) const {
  if (hide_ && (sheet_.row_hidden(row) || sheet_.column_hidden(col))) return nullptr;
  if (const auto* m = merge_at(row, col)) return find(m->first_row, m->first_col);
  return find(row, col);
}

std::string SheetView::text(std::uint32_t row, std::uint32_t col) const {
  const auto* c = cell(row, col);
  return c ? trim(display_text(*c)) : std::string();
}

namespace {
bool starts_lower(const std::string& t);
}  // namespace

std::string item_text(const SheetView& v, const Table& t, const TableRow& r, std::optional<std::uint32_t> col) {
  if (!col) return {};
  auto name_col = t.column(Role::Name);
  std::string out = (name_col && *col == *name_col && !r.glued_name.empty()) ? r.glued_name.str() : v.text(r.row, *col);
  if (r.more_rows.empty()) return out;
  Role role = Role::None;
  for (const auto& c : t.columns)
    if (c.col == *col) role = c.role;
  for (auto row : r.more_rows) {
    const auto* m = v.merge_at(row, *col);
    if (m && m->first_row < row) continue;  // the same merged cell as above
    auto more = v.text(row, *col);
    if (more.empty()) continue;
    if (out.empty()) {
      out = more;
      continue;
    }
    // Agencies: one per line, unless the line above stops inside a name ("... Hạ tầng và"
    // / "Đô thị") or the line goes on in lower case ("... Hạ tầng" / "và Đô thị").
    bool agency = role == Role::LeadAgency || role == Role::Coordinating || role == Role::Responsible;
    bool inside = false;
    if (agency) {
      auto k = fold_key(out);
      auto last_space = k.rfind(' ');
      std::string last_word = last_space == std::string::npos ? k : k.substr(last_space + 1);
      inside = last_word == "va" || k.back() == '-' || (starts_lower(more) && out.back() != ';');
    }
    out += (agency && !inside) ? "\n" : " ";
    out += more;
  }
  return out;
}

namespace {

struct Band {
  std::uint32_t first, last;
  std::vector<Column> columns;
  std::size_t roles = 0;
  std::vector<std::string> folded;  // each column's label, folded once (repeated headers)
};

// Distinct non-empty cells of a row, counting a merged range once.
std::size_t distinct_cells(const SheetView& v, std::uint32_t row, std::uint32_t c0, std::uint32_t c1) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::uint32_t c = c0; c <= c1; ++c) {
    if (v.text(row, c).empty()) continue;
    const auto* m = v.merge_at(row, c);
    seen.insert(m ? std::pair{m->first_row, m->first_col} : std::pair{row, c});
  }
  return seen.size();
}

bool has_number(const SheetView& v, std::uint32_t row, std::uint32_t c0, std::uint32_t c1) {
  for (std::uint32_t c = c0; c <= c1; ++c) {
    const auto* cell = v.find(row, c);
    if (cell && cell->type == CellType::Number) return true;
  }
  return false;
}

// A data row whose number is text ("3", "2.1."): its long names may hold words of
// column labels ("kế hoạch", "thực hiện") but it is no header.
bool is_item_code(std::string_view k);
bool starts_with_item_code(const SheetView& v, std::uint32_t row, std::uint32_t c0, std::uint32_t c1) {
  for (std::uint32_t c = c0; c <= c1; ++c) {
    auto t = v.text(row, c);
    if (!t.empty()) return is_item_code(t);
  }
  return false;
}

bool year_against_year(const std::string& k) {
  auto slash = k.find('/');
  if (slash == std::string::npos) return false;
  auto year_in = [](std::string_view part) {
    for (std::size_t i = 0; i + 4 <= part.size(); ++i)
      if ((part.substr(i, 2) == "19" || part.substr(i, 2) == "20") && std::isdigit((unsigned char)part[i + 2]) &&
          std::isdigit((unsigned char)part[i + 3]) && (i + 4 == part.size() || !std::isdigit((unsigned char)part[i + 4])) &&
          (i == 0 || !std::isdigit((unsigned char)part[i - 1])))
        return true;
    return false;
  };
  return year_in(std::string_view(k).substr(0, slash)) && year_in(std::string_view(k).substr(slash + 1));
}

// A row a header band can hold: labels in two cells or more, no figure, no item code.
bool label_row(const SheetView& v, std::uint32_t row, std::uint32_t c0, std::uint32_t c1) {
  // (The figure first: it needs no display text, and data rows, most of a sheet, have one.)
  return !(has_number(v, row, c0, c1) || distinct_cells(v, row, c0, c1) < 2 || starts_with_item_code(v, row, c0, c1));
}

// Header texts folded and given their role once per sheet: the search for a header band
// tries each row in up to three bands. (Emptied when large: a long sheet of text rows.)
class LabelCache {
 public:
  explicit LabelCache(const LabelRoles& roles) : roles_(roles) {}
  struct Label {
    std::string folded;
    Role role;
  };
  const Label& operator()(const std::string& text) {
    auto it = seen_.find(text);
    if (it != seen_.end()) return it->second;
    if (seen_.size() >= 4096) seen_.clear();
    auto folded = fold_key(text);
    Role role = roles_.match(folded);
    return seen_.emplace(text, Label{std::move(folded), role}).first->second;
  }

 private:
  const LabelRoles& roles_;
  std::unordered_map<std::string, Label> seen_;
};

std::optional<Band> band_at(const SheetView& v, LabelCache& labels, std::uint32_t first, std::uint32_t height,
                            std::uint32_t c0, std::uint32_t c1) {
  Band b{first, first + height - 1, {}, 0, {}};
  for (std::uint32_t r = b.first; r <= b.last; ++r)
    if (!label_row(v, r, c0, c1)) return std::nullopt;
  std::set<Role> found;
  std::uint32_t width = c1 - c0 + 1;
  for (std::uint32_t c = c0; c <= c1; ++c) {
    std::vector<std::string> parts;
    for (std::uint32_t r = b.first; r <= b.last; ++r) {
      const auto* m = v.merge_at(r, c);
      // A banner merged over most of the width is a title, not a column's label.
      if (m && m->last_col - m->first_col + 1 > std::max<std::uint32_t>(2, width * 6 / 10)) continue;
      auto t = v.text(r, c);
      if (!t.empty() && (parts.empty() || parts.back() != t)) parts.push_back(t);
    }
    if (parts.empty()) continue;
    Column col{c, Role::None, {}};
    for (std::size_t i = 0; i < parts.size(); ++i) col.label += (i ? " / " : "") + parts[i];
    // The lowest row names the column most precisely; then the lowest with the label it
    // stands under ("Thời gian" over "Triển khai | Hoàn thành": the start and the finish);
    // then the row above when it says nothing.
    col.role = labels(parts.back()).role;
    if (col.role == Role::None && parts.size() >= 2) col.role = labels(parts[parts.size() - 2] + " " + parts.back()).role;
    for (auto it = parts.rbegin() + 1; it != parts.rend() && col.role == Role::None; ++it) col.role = labels(*it).role;
    if (col.role == Role::None) col.role = labels(col.label).role;
    // "TH 2026/TH 2025", "2026/2025": one year against another is a comparison.
    // (The column's own lowest label: "Kế hoạch 2026 - 2030 / Đến năm 2030" is no comparison.)
    if (year_against_year(labels(parts.back()).folded)) col.role = Role::Comparison;
    // A role may come twice ("Kế hoạch" under two years): both columns keep it, and the
    // stage that knows the year picks one.
    if (col.role != Role::None) found.insert(col.role);
    b.columns.push_back(std::move(col));
  }
  b.roles = found.size();
  if (!found.count(Role::Name) || b.roles < 3) return std::nullopt;
  for (const auto& c : b.columns) b.folded.push_back(labels(c.label).folded);
  return b;
}

// Hand-written recognisers of the few shapes a row's first cells take (per row, so no
// std::regex).
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1", "2.1", "2.1.3", "4." (folded).
bool is_item_code(std::string_view k) {
  while (!k.empty() && k.back() == '.') k.remove_suffix(1);
  if (k.empty()) return false;
  std::size_t start = 0;
  while (start <= k.size()) {
    auto dot = k.find('.', start);
    auto part = k.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!all_digits(part) || part.size() > 3) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
  return false;
}

// The length of a roman numeral (i .. xxxix) at the start of a folded text, 0 if none.
std::size_t roman_prefix(std::string_view k) {
  static const char* const kNumerals[] = {"xxxviii", "xxxvii", "xxviii", "xxxiii", "xxxix", "xxxiv", "xxxvi",
                                          "xxvii", "xxiii", "xviii", "xxxii", "xxxv", "xxix", "xxiv", "xxvi",
                                          "xvii", "xiii", "viii", "xxxi", "xxii", "xxx", "xxv", "xix", "xiv",
                                          "xvi", "vii", "iii", "xii", "xxi", "xx", "xv", "xi", "ix", "iv",
                                          "vi", "ii", "x", "v", "i"};
  if (k.empty() || (k[0] != 'i' && k[0] != 'v' && k[0] != 'x')) return 0;
  for (const char* n : kNumerals) {
    std::string_view nv(n);
    if (k.substr(0, nv.size()) == nv) return nv.size();
  }
  return 0;
}

// "I", "II." (the whole code cell).
bool is_roman(std::string_view k) {
  auto n = roman_prefix(k);
  if (!n) return false;
  return n == k.size() || (n + 1 == k.size() && k[n] == '.');
}
// "I. NHÓM ...", "II NHÓM ..." in the code cell.
bool roman_lead(std::string_view k) {
  auto n = roman_prefix(k);
  if (!n || n >= k.size()) return false;
  std::size_t p = n;
  if (k[p] != '.' && k[p] != ' ') return false;
  ++p;
  while (p < k.size() && k[p] == ' ') ++p;
  return p < k.size();
}
// "I. NHÓM ..." written in the name column: the dot is required there.
bool roman_dot(std::string_view k) {
  std::size_t n = 0;
  while (n < k.size() && (k[n] == 'i' || k[n] == 'v' || k[n] == 'x')) ++n;
  if (!n || n >= k.size() || k[n] != '.') return false;
  std::size_t p = n + 1;
  while (p < k.size() && k[p] == ' ') ++p;
  return p < k.size();
}
// "a)", "b.", "đ)" (folded: "d)").
bool is_letter_code(std::string_view k) {
  return k.size() == 2 && k[0] >= 'a' && k[0] <= 'z' && (k[1] == ')' || k[1] == '.');
}
// "(1)", "2", "(a)": a column-numbering cell.
bool is_column_number(std::string_view k) {
  if (k.size() >= 2 && k.front() == '(' && k.back() == ')') k = k.substr(1, k.size() - 2);
  if (all_digits(k)) return k.size() <= 2;
  return k.size() == 1 && k[0] >= 'a' && k[0] <= 'z';
}

// One row's display texts and folded texts, per column of the table, each computed once
// however many of the row's tests look at it (read_rows). The strings keep their capacity
// from row to row.
class RowCells {
 public:
  RowCells(const SheetView& v, const std::vector<Column>& columns) : v_(v) {
    for (const auto& c : columns) entries_.push_back({c.col, nullptr, {}, {}, false, false});
  }
  void start(std::uint32_t row) {
    row_ = row;
    for (auto& e : entries_) e.has_text = e.has_folded = false;
  }
  std::uint32_t row() const { return row_; }
  const SheetView& view() const { return v_; }
  // The cell the row shows in the column (SheetView::cell), its display text trimmed.
  const StoredCell* cell(std::uint32_t col) { return entry(col).cell; }
  const std::string& text(std::uint32_t col) { return entry(col).text; }
  const std::string& folded(std::uint32_t col) {
    auto& e = entry(col);
    if (!e.has_folded) fold_key(e.text, e.folded), e.has_folded = true;
    return e.folded;
  }

 private:
  struct Entry {
    std::uint32_t col;
    const StoredCell* cell;
    std::string text, folded;
    bool has_text, has_folded;
  };
  Entry& entry(std::uint32_t col) {
    auto& e = at(col);
    if (!e.has_text) {
      e.cell = v_.cell(row_, col);
      // (SheetView::text, into the string the column kept from the rows above.)
      if (!e.cell) e.text.clear();
      else if (e.cell->type == CellType::Text) e.text.assign(trimmed(e.cell->text.str()));
      else e.text = trim(display_text(*e.cell));
      e.has_text = true;
    }
    return e;
  }
  Entry& at(std::uint32_t col) {
    for (auto& e : entries_)
      if (e.col == col) return e;
    entries_.push_back({col, nullptr, {}, {}, false, false});  // not a column of the table: kept too
    return entries_.back();
  }
  const SheetView& v_;
  std::uint32_t row_ = 0;
  std::deque<Entry> entries_;  // references stay valid as entries are added
};

bool column_number_row(RowCells& rc, const std::vector<Column>& cols) {
  std::size_t n = 0;
  for (const auto& c : cols) {
    if (rc.text(c.col).empty()) continue;
    if (!is_column_number(rc.folded(c.col))) return false;
    ++n;
  }
  return n >= 3;
}

// `folded(i)`: the folded text of the row's cell in the band's column i.
template <class Folded>
bool repeated_header(const SheetView& v, std::uint32_t row, const Band& b, Folded folded) {
  std::size_t same = 0, total = 0;
  for (std::size_t i = 0; i < b.columns.size(); ++i) {
    const auto* cell = v.cell(row, b.columns[i].col);
    // Header labels are text: a number or an empty cell cannot repeat one.
    if (!cell || cell->type != CellType::Text) continue;
    const std::string& t = folded(i);
    if (t.empty()) continue;
    ++total;
    const auto& label = b.folded[i];
    if (b.columns[i].label.find(" / ") == std::string::npos ? label == t : label.find(t) != std::string::npos) ++same;
  }
  return total >= 2 && same * 2 > total;
}

bool repeated_header(const SheetView& v, std::uint32_t row, const Band& b) {
  std::string t;
  return repeated_header(v, row, b, [&](std::size_t i) -> const std::string& {
    return t = fold_key(v.cell(row, b.columns[i].col)->text);
  });
}
// (The folded trimmed display text of a text cell is its folded text: folding drops the
// white space around it.)
bool repeated_header(RowCells& rc, const Band& b) {
  return repeated_header(rc.view(), rc.row(), b, [&](std::size_t i) -> const std::string& { return rc.folded(b.columns[i].col); });
}


// Signature blocks and distribution lists under a table: "Nơi nhận:", "TM. ỦY BAN NHÂN
// DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "(Đã ký)", "Người lập biểu", the place and date line.
bool signature_line(const std::string& k) {
  auto starts = [&](std::string_view p) { return k.starts_with(p); };
  // (Every phrase below starts with one of these: most texts are passed over at once.)
  if (!k.empty() && std::string_view("ntkq(cpgb").find(k[0]) != std::string_view::npos &&
      (starts("noi nhan") || starts("tm.") || starts("tm ") || starts("kt.") || starts("kt ") || starts("tl.") ||
      starts("q. ") || starts("(da ky") || starts("(ky") || starts("nguoi lap bieu") || starts("nguoi lap") ||
      starts("thu truong don vi") || starts("xac nhan cua")))
    return true;
  for (std::string_view title : {"chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong phong",
                                 "pho truong phong", "truong ban", "chanh van phong", "bi thu", "truong cong an",
                                 "chi huy truong", "thu truong"})
    if (k == title) return true;
  // "An Dương, ngày 25 tháng 3 năm 2026": a comma, then the first "ngày " of the text (one
  // before the comma would end before it: the comma is looked for first, at once).
  auto comma = k.find(',');
  if (comma == std::string::npos || std::string_view(k).substr(0, comma).find("ngay ") != std::string_view::npos)
    return false;
  auto day = k.find("ngay ", comma + 1);
  return day != std::string::npos && k.find(" thang ", day) != std::string::npos && k.find(" nam ", day) != std::string::npos;
}

// Page furniture a PDF or a printed page leaves inside a table: a lone page number, a
// running title ("PHỤ LỤC II (tiếp theo)", "Biểu 01 (tiếp)").
bool running_title(const std::string& k) {
  return k.find("tiep theo") != std::string::npos || k.find("(tiep)") != std::string::npos ||
         ((k.starts_with("phu luc") || k.starts_with("bieu")) && k.find("tiep") != std::string::npos) ||
         (k.starts_with("trang ") && all_digits(std::string_view(k).substr(6)));
}

bool starts_lower(const std::string& t) {
  if (t.empty()) return false;
  auto c = (unsigned char)t[0];
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  auto first = t.substr(0, n);
  return lower(first) == first && upper(first) != first;
}

// "+ ...", "- ...", "• ...", "a) ...", "* ...": a sub-row of its own, never a wrapped line.
bool bulleted(const std::string& t) {
  if (t.empty()) return false;
  if (t[0] == '+' || t[0] == '-' || t[0] == '*' || t.rfind("\xE2\x80\xA2", 0) == 0 || t.rfind("\xE2\x80\x93", 0) == 0)
    return true;
  auto k = fold_key(t.substr(0, 4));
  return k.size() >= 2 && k[0] >= 'a' && k[0] <= 'z' && (k[1] == ')' || (k[1] == '.' && k.size() == 2));
}

bool agency_role(Role r) { return r == Role::LeadAgency || r == Role::Coordinating || r == Role::Responsible; }

// Roles whose cells a continuation line may hold: names and who does what, never a figure.
bool wrapping_role(Role r) {
  return r == Role::Name || agency_role(r) || r == Role::DirectingLeader || r == Role::Output || r == Role::Resources ||
         r == Role::Note || r == Role::None;
}

// "12. Tỷ lệ ...": an STT and the name in one cell; the code and the name, or nothing.
std::optional<std::pair<std::string, std::string>> glued_code(const std::string& text, bool need_dot) {
  std::size_t p = 0;
  while (p < text.size() && ((text[p] >= '0' && text[p] <= '9') || text[p] == '.')) ++p;
  if (p == 0 || p >= text.size() || text[p] != ' ') return std::nullopt;
  std::string code = text.substr(0, p);
  bool dotted = code.back() == '.';
  while (!code.empty() && code.back() == '.') code.pop_back();
  if (!is_item_code(code) || (need_dot && !dotted)) return std::nullopt;
  std::size_t q = p;
  while (q < text.size() && text[q] == ' ') ++q;
  std::string name = text.substr(q);
  // The name starts with a letter (not "100% dân số", not "2026 - 2030").
  if (name.empty() || (name[0] >= '0' && name[0] <= '9') || name[0] == '%') return std::nullopt;
  if (!dotted && starts_lower(name)) return std::nullopt;
  return std::pair{code, name};
}

// An STT that Excel turned into a date ("14.1" typed, 14 January stored): the code read
// back day.month as Vietnamese Excel reads it, or month.day when only that continues the
// numbering above.
std::string code_from_date(const StoredCell& c, const std::string& previous) {
  auto iso = display_text(c);
  if (iso.size() < 10 || iso[4] != '-') return {};
  int month = std::atoi(iso.substr(5, 2).c_str()), day = std::atoi(iso.substr(8, 2).c_str());
  std::string dm = std::to_string(day) + "." + std::to_string(month);
  std::string md = std::to_string(month) + "." + std::to_string(day);
  auto major = [](const std::string& code) { return std::atoi(code.substr(0, code.find('.')).c_str()); };
  if (!previous.empty()) {
    int p = major(previous);
    bool dm_fits = major(dm) == p || major(dm) == p + 1, md_fits = major(md) == p || major(md) == p + 1;
    if (md_fits && !dm_fits) return md;
  }
  return dm;
}

void read_rows(const SheetView& v, const Sheet& sheet, const Band& b, std::uint32_t end, Table& t) {
  auto code_col = t.column(Role::Code);
  auto name_col = t.column(Role::Name);
  auto role_of = [&](std::uint32_t col) {
    for (const auto& c : t.columns)
      if (c.col == col) return c.role;
    return Role::None;
  };
  auto report = [&](IssueCode code, std::uint32_t row, std::optional<std::uint32_t> col, const std::string& item,
                    IssueParams params) {
    t.issues.push_back(make_issue_at(code, "", sheet.info.name, row, col, item, std::move(params)));
  };
  SharedText group;  // the rows under it share it
  int last_item = -1;   // the item sub-rows belong to
  int last_row = -1;    // the row (item or sub-row) continuation lines belong to
  std::string previous_code;
  RowCells rc(v, t.columns);
  std::vector<std::pair<std::uint32_t, std::string_view>> cells;  // into rc
  for (std::uint32_t r = b.last + 1; r <= end; ++r) {
    rc.start(r);
    // What the row holds, per column: text, whether it continues a merge from above.
    cells.clear();
    bool number = false;
    for (const auto& c : t.columns) {
      const auto* m = v.merge_at(r, c.col);
      // Merged down from the row above: not this row's; merged from the left: counted once.
      if (m && (m->first_row < r || m->first_col < c.col)) continue;
      const std::string& txt = rc.text(c.col);
      if (txt.empty()) continue;
      cells.emplace_back(c.col, txt);
      const auto* cell = rc.cell(c.col);
      number |= cell && (cell->type == CellType::Number || cell->type == CellType::Date) && c.col != code_col;
    }
    // An STT merged down over this row: the item above goes on (Word paragraphs).
    const CellRange* code_merge = code_col ? v.merge_at(r, *code_col) : nullptr;
    if (code_merge && code_merge->first_row < r && code_merge->last_col == code_merge->first_col && last_row >= 0 &&
        t.rows[std::size_t(last_row)].row >= code_merge->first_row) {
      if (!cells.empty()) t.rows[std::size_t(last_row)].more_rows.push_back(r);
      continue;
    }
    if (cells.empty() || column_number_row(rc, t.columns) || repeated_header(rc, b)) continue;
    std::string code = code_col ? rc.text(*code_col) : std::string();
    std::string name = name_col ? rc.text(*name_col) : std::string();
    // Merged group rows put the same text in the code and name cells.
    bool name_is_code = false;
    if (code_col && name_col) {
      const auto* m = v.merge_at(r, *code_col);
      if (m && m->last_col >= *name_col) name = code, name_is_code = true;
    }
    std::string kc = code_col ? rc.folded(*code_col) : std::string();
    std::string kn = name_is_code ? kc : name_col ? rc.folded(*name_col) : std::string();
    // A total row ends the table: what follows is a footer (counts, signatures).
    if (kc.empty() && (kn == "tong so" || kn == "tong cong" || kn == "cong" || kn == "tong so nhiem vu" ||
                       kn == "tong so chi tieu" || kn == "tong so:" || kn == "tong cong:"))
      break;
    // So does a signature block or "Nơi nhận" (whatever column it stands in): words, so a
    // text cell (a figure, a date or a truth value shows no such line).
    if (!is_item_code(kc) && std::any_of(cells.begin(), cells.end(), [&](const auto& c) {
          const auto* cell = rc.cell(c.first);
          return cell && cell->type == CellType::Text && signature_line(rc.folded(c.first));
        }))
      break;
    // Page furniture: a running title, a lone page number.
    if (cells.size() == 1) {
      const std::string& k = rc.folded(cells[0].first);
      if (running_title(k)) continue;
      bool lone_number = all_digits(k) && k.size() <= 3;
      bool continues = lone_number && !previous_code.empty() && previous_code.find('.') == std::string::npos &&
                       std::atol(k.c_str()) == std::atol(previous_code.c_str()) + 1 && cells[0].first == code_col;
      if (lone_number && !continues) continue;
    }
    // A row with no STT that only goes on with the name or the agencies above: a Word
    // paragraph or a wrapped PDF line of the row above.
    if (kc.empty() && last_row >= 0) {
      bool only_words = !number && std::all_of(cells.begin(), cells.end(), [&](const auto& c) {
        return wrapping_role(role_of(c.first));
      });
      bool name_goes_on = false, name_empty = true;
      for (const auto& [col, txt] : cells)
        if (role_of(col) == Role::Name) {
          name_empty = false;
          const auto& above = t.rows[std::size_t(last_row)];
          std::string above_name = item_text(v, t, above, name_col);
          char last = above_name.empty() ? '.' : above_name.back();
          bool sentence_over = last == '.' || last == ':' || last == ';' || last == '!' || last == '?';
          name_goes_on = !bulleted(std::string(txt)) && (starts_lower(std::string(txt)) || (cells.size() == 1 && !sentence_over &&
                                                                   above.row + 1 + above.more_rows.size() == r));
        }
      if (only_words && (name_goes_on || name_empty)) {
        t.rows[std::size_t(last_row)].more_rows.push_back(r);
        continue;
      }
    }
    TableRow tr;
    tr.row = r;
    // Group rows: "I", "II.", "A" in the code column, or "I. NHÓM ..." written in
    // the code or the name column (often merged across the row).
    bool group_row = is_roman(kc) || roman_lead(kc) || (code.size() == 1 && code[0] >= 'A' && code[0] <= 'Z') ||
                     (code.empty() && roman_dot(kn));
    if (group_row) {
      if (code.empty() || name == code) group = name.empty() ? code : name;
      else group = name.empty() ? code : code + ". " + name;
      tr.kind = RowKind::Group;
      tr.code = code;
      tr.group = group;
      last_item = -1;
      last_row = -1;
      t.rows.push_back(tr);
      continue;
    }
    tr.group = group;
    // The STT as Excel left it: a date, or glued to the name.
    const StoredCell* code_cell = code_col ? v.cell(r, *code_col) : nullptr;
    if (code_cell && code_cell->type == CellType::Date) {
      std::string read = code_from_date(*code_cell, previous_code);
      report(IssueCode::CodeAsDate, r, code_col, read, {{"written", code}, {"code", read}});
      code = read;
      kc = read;
    } else if (code_col && name_col) {
      bool same_cell = name == code;
      if (!code.empty() && !is_item_code(kc) && (kn.empty() || same_cell)) {
        if (auto g = glued_code(code, false)) code = kc = g->first, tr.glued_name = g->second;
      } else if (code.empty()) {
        if (auto g = glued_code(name, true)) code = kc = g->first, tr.glued_name = g->second;
      }
    }
    if (is_item_code(kc)) {
      tr.kind = RowKind::Item;
      tr.code = code;
      while (!tr.code.empty() && tr.code.back() == '.') tr.code.pop_back();
      previous_code = tr.code;
      t.rows.push_back(tr);
      last_item = last_row = int(t.rows.size()) - 1;
      continue;
    }
    if (is_letter_code(kc) || last_item >= 0) {
      tr.kind = last_item >= 0 ? RowKind::SubItem : RowKind::Item;
      tr.code = code;
      tr.parent = last_item;
      t.rows.push_back(tr);
      last_row = int(t.rows.size()) - 1;
      continue;
    }
    tr.kind = RowKind::Item;  // a table without codes
    tr.code = code;
    t.rows.push_back(tr);
    last_row = int(t.rows.size()) - 1;
  }
}

}  // namespace

namespace {

// "hàng 7, 9; cột E": the hidden rows and columns of a table that hold something.
void note_hidden(const Sheet& sheet, std::uint32_t first_row, std::uint32_t last_row, std::uint32_t first_col,
                 std::uint32_t last_col, Table& t) {
  if (sheet.hidden_rows.empty() && sheet.hidden_columns.empty()) return;
  std::set<std::uint32_t> rows, cols;
  for (const auto& c : sheet.cells) {
    if (c.row < first_row || c.row > last_row || c.col < first_col || c.col > last_col) continue;
    if (c.type == CellType::Empty) continue;
    if (sheet.row_hidden(c.row)) rows.insert(c.row);
    else if (sheet.column_hidden(c.col)) cols.insert(c.col);
  }
  if (rows.empty() && cols.empty()) return;
  std::string vi, en;
  auto list = [](const std::set<std::uint32_t>& s, bool columns) {
    std::string out;
    std::size_t n = 0;
    for (auto i : s) {
      if (++n > 12) {
        out += ", ...";
        break;
      }
      out += (out.empty() ? "" : ", ") + (columns ? column_name(i) : std::to_string(i + 1));
    }
    return out;
  };
  if (!rows.empty()) vi += "hàng " + list(rows, false), en += "rows " + list(rows, false);
  if (!cols.empty()) {
    vi += (vi.empty() ? "" : "; ") + std::string("cột ") + list(cols, true);
    en += (en.empty() ? "" : "; ") + std::string("columns ") + list(cols, true);
  }
  t.issues.push_back(make_issue_at(IssueCode::HiddenContent, "", sheet.info.name, std::nullopt, std::nullopt, "",
                                   {{"where", Text("'" + sheet.info.name + "' " + vi, "'" + sheet.info.name + "' " + en)}}));
}

std::vector<Table> tables_of(const Workbook& book, const LabelRoles& roles, bool hidden_sheets);

}  // namespace

std::vector<Table> recognise_tables(const Workbook& book, const LabelRoles& roles, std::vector<Issue>* notes) {
  auto out = tables_of(book, roles, false);
  std::vector<std::string> hidden;
  for (const auto& s : book.sheets)
    if (s.info.visibility != Visibility::Visible && s.dimension()) hidden.push_back("'" + s.info.name + "'");
  if (hidden.empty()) return out;
  if (out.empty()) return tables_of(book, roles, true);  // nothing visible: the hidden sheets are all there is
  if (notes) {
    std::string list;
    for (const auto& h : hidden) list += (list.empty() ? "" : ", ") + h;
    Location where;
    notes->push_back(make_issue(IssueCode::HiddenContent, where,
                                {{"where", Text("trang tính ẩn " + list, "hidden sheets " + list)}}));
  }
  return out;
}

namespace {

std::vector<Table> tables_of(const Workbook& book, const LabelRoles& roles, bool hidden_sheets) {
  std::vector<Table> out;
  for (std::size_t s = 0; s < book.sheets.size(); ++s) {
    const auto& sheet = book.sheets[s];
    if ((sheet.info.visibility != Visibility::Visible) != hidden_sheets) continue;
    auto dim = sheet.dimension();
    if (!dim) continue;
    SheetView v(sheet);
    LabelCache labels(roles);
    std::uint32_t c0 = dim->first_col, c1 = std::min(dim->last_col, dim->first_col + 60);
    // Candidate header bands: the best one starting in the first 40 rows, then any other
    // band with a different set of roles further down (a second annex on the same sheet).
    std::vector<Band> bands;
    std::uint32_t row = dim->first_row;
    std::uint32_t limit = std::min(dim->last_row, dim->first_row + 40);
    // Whether each row can be in a band, seen once (each row is in up to three candidate
    // bands, and the search for a second band goes through every row of a long report).
    std::vector<std::int8_t> label(std::size_t(dim->last_row - dim->first_row) + 1, -1);
    auto can_label = [&](std::uint32_t r) {
      auto& known = label[r - dim->first_row];
      if (known < 0) known = label_row(v, r, c0, c1);
      return known == 1;
    };
    while (row <= dim->last_row) {
      std::optional<Band> best;
      std::uint32_t scan_end = bands.empty() ? limit : dim->last_row;
      for (std::uint32_t r = row; r <= scan_end; ++r) {
        for (std::uint32_t h = 1; h <= 3 && r + h - 1 <= dim->last_row; ++h) {
          if (!can_label(r + h - 1)) break;  // nor any taller band from r
          auto b = band_at(v, labels, r, h, c0, c1);
          if (!b) continue;
          if (!bands.empty() && repeated_header(v, r, bands.back())) continue;
          if (!best || b->roles > best->roles) best = std::move(b);
        }
        if (best && r > best->last) break;  // the band found is followed by data
      }
      if (!best) break;
      bands.push_back(*best);
      row = best->last + 1;
    }
    for (std::size_t bi = 0; bi < bands.size(); ++bi) {
      const auto& b = bands[bi];
      Table t;
      t.sheet = s;
      t.header_first = b.first;
      t.header_last = b.last;
      t.columns = b.columns;
      // The title block stands above the sheet's first table.
      if (bi == 0)
        for (std::uint32_t r = dim->first_row; r < b.first; ++r)
          for (std::uint32_t c = c0; c <= c1; ++c) {
            auto txt = v.text(r, c);
            const auto* m = v.merge_at(r, c);
            if (!txt.empty() && (!m || m->first_col == c)) t.title.push_back(txt);
          }
      std::uint32_t end = bi + 1 < bands.size() ? bands[bi + 1].first - 1 : dim->last_row;
      read_rows(v, sheet, b, end, t);
      note_hidden(sheet, b.first, end, c0, c1, t);
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

}  // namespace tonghop
