#include "recognise/table.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/number_text.hpp"
#include "core/text.hpp"
#include "core/config.hpp"

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
  }
  return "none";
}

namespace {

Role role_from_name(std::string_view n) {
  for (int r = int(Role::Code); r <= int(Role::Status); ++r)
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

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
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
  return out;
}

LabelRoles LabelRoles::load_default() { return load(templates_dir() + "/labels.toml"); }

Role LabelRoles::match(const std::string& label, std::size_t* matched_length) const {
  Role best = Role::None;
  std::size_t best_len = 0;
  for (const auto& [role, phrase] : phrases_)
    if (phrase.size() > best_len && contains_words(label, phrase)) best = role, best_len = phrase.size();
  if (matched_length) *matched_length = best_len;
  return best;
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
    case CellType::Date: return c.text.size() >= 10 && c.text[4] == '-' ? c.text.substr(0, 10) : c.text;
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

const StoredCell* SheetView::cell(std::uint32_t row, std::uint32_t col) const {
  if (const auto* m = merge_at(row, col)) return sheet_.find(m->first_row, m->first_col);
  return sheet_.find(row, col);
}

std::string SheetView::text(std::uint32_t row, std::uint32_t col) const {
  const auto* c = cell(row, col);
  return c ? trim(display_text(*c)) : std::string();
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
    const auto* cell = v.sheet().find(row, c);
    if (cell && cell->type == CellType::Number) return true;
  }
  return false;
}

// A data row whose number is text ("3", "2.1."): its long names may hold words of
// column labels ("kế hoạch", "thực hiện") but it is no header.
bool starts_with_item_code(const SheetView& v, std::uint32_t row, std::uint32_t c0, std::uint32_t c1) {
  static const std::regex code(R"(^\d{1,3}(\.\d+)*\.?$)");
  for (std::uint32_t c = c0; c <= c1; ++c) {
    auto t = v.text(row, c);
    if (!t.empty()) return std::regex_match(t, code);
  }
  return false;
}

std::optional<Band> band_at(const SheetView& v, const LabelRoles& roles, std::uint32_t first, std::uint32_t height,
                            std::uint32_t c0, std::uint32_t c1) {
  Band b{first, first + height - 1, {}, 0, {}};
  for (std::uint32_t r = b.first; r <= b.last; ++r)
    if (distinct_cells(v, r, c0, c1) < 2 || has_number(v, r, c0, c1) || starts_with_item_code(v, r, c0, c1))
      return std::nullopt;
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
    // The lowest row names the column most precisely; the row above when it says nothing.
    for (auto it = parts.rbegin(); it != parts.rend() && col.role == Role::None; ++it)
      col.role = roles.match(fold_key(*it));
    if (col.role == Role::None) col.role = roles.match(fold_key(col.label));
    // A role may come twice ("Kế hoạch" under two years): both columns keep it, and the
    // stage that knows the year picks one.
    if (col.role != Role::None) found.insert(col.role);
    b.columns.push_back(std::move(col));
  }
  b.roles = found.size();
  if (!found.count(Role::Name) || b.roles < 3) return std::nullopt;
  for (const auto& c : b.columns) b.folded.push_back(fold_key(c.label));
  return b;
}

const std::regex kRoman(R"(^(?=[ivxlc])(x{0,3})(ix|iv|v?i{0,3})\.?$)");
const std::regex kRomanLead(R"(^(?=[ivxlc])(x{0,3})(ix|iv|v?i{0,3})[.\s]\s*\S)");
const std::regex kRomanDot(R"(^(?=[ivx])[ivx]+\.\s*\S)");
const std::regex kItemCode(R"(^\d+(\.\d+)*\.?$)");
const std::regex kLetterCode(R"(^([a-z]|đ)[).]$)");

bool column_number_row(const SheetView& v, std::uint32_t row, const std::vector<Column>& cols) {
  std::size_t n = 0;
  for (const auto& c : cols) {
    auto t = v.text(row, c.col);
    if (t.empty()) continue;
    static const std::regex numbering(R"(^\(?\d{1,2}\)?$|^\(?[a-z]\)?$)");
    if (!std::regex_match(fold_key(t), numbering)) return false;
    ++n;
  }
  return n >= 3;
}

bool repeated_header(const SheetView& v, std::uint32_t row, const Band& b) {
  std::size_t same = 0, total = 0;
  for (std::size_t i = 0; i < b.columns.size(); ++i) {
    const auto* cell = v.cell(row, b.columns[i].col);
    // Header labels are text: a number or an empty cell cannot repeat one.
    if (!cell || cell->type != CellType::Text) continue;
    auto t = fold_key(cell->text);
    if (t.empty()) continue;
    ++total;
    const auto& label = b.folded[i];
    if (b.columns[i].label.find(" / ") == std::string::npos ? label == t : label.find(t) != std::string::npos) ++same;
  }
  return total >= 2 && same * 2 > total;
}

}  // namespace

std::vector<Table> recognise_tables(const Workbook& book, const LabelRoles& roles) {
  std::vector<Table> out;
  for (std::size_t s = 0; s < book.sheets.size(); ++s) {
    const auto& sheet = book.sheets[s];
    auto dim = sheet.dimension();
    if (!dim) continue;
    SheetView v(sheet);
    std::uint32_t c0 = dim->first_col, c1 = std::min(dim->last_col, dim->first_col + 60);
    // Candidate header bands: the best one starting in the first 40 rows, then any other
    // band with a different set of roles further down (a second annex on the same sheet).
    std::vector<Band> bands;
    std::uint32_t row = dim->first_row;
    std::uint32_t limit = std::min(dim->last_row, dim->first_row + 40);
    while (row <= dim->last_row) {
      std::optional<Band> best;
      std::uint32_t scan_end = bands.empty() ? limit : dim->last_row;
      for (std::uint32_t r = row; r <= scan_end; ++r) {
        for (std::uint32_t h = 1; h <= 3 && r + h - 1 <= dim->last_row; ++h) {
          auto b = band_at(v, roles, r, h, c0, c1);
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
      auto code_col = t.column(Role::Code);
      auto name_col = t.column(Role::Name);
      std::string group;
      int last_item = -1;
      for (std::uint32_t r = b.last + 1; r <= end; ++r) {
        bool blank = true;
        for (const auto& c : t.columns)
          if (!v.text(r, c.col).empty()) blank = false;
        if (blank || column_number_row(v, r, t.columns) || repeated_header(v, r, b)) continue;
        std::string code = code_col ? v.text(r, *code_col) : std::string();
        std::string name = name_col ? v.text(r, *name_col) : std::string();
        // Merged group rows put the same text in the code and name cells.
        if (code_col && name_col) {
          const auto* m = v.merge_at(r, *code_col);
          if (m && m->last_col >= *name_col) name = code;
        }
        std::string kc = fold_key(code), kn = fold_key(name);
        // A total row ends the table: what follows is a footer (counts, signatures).
        static const std::regex total(R"(^(tong so|tong cong|cong)( nhiem vu| chi tieu)?:?$)");
        if (kc.empty() && std::regex_match(kn, total)) break;
        TableRow tr;
        tr.row = r;
        // Group rows: "I", "II.", "A" in the code column, or "I. NHÓM ..." written in
        // the code or the name column (often merged across the row).
        bool group_row = std::regex_match(kc, kRoman) || std::regex_search(kc, kRomanLead) ||
                         (code.size() == 1 && code[0] >= 'A' && code[0] <= 'Z') ||
                         (code.empty() && std::regex_search(kn, kRomanDot));
        if (group_row) {
          if (code.empty() || name == code) group = name.empty() ? code : name;
          else group = name.empty() ? code : code + ". " + name;
          tr.kind = RowKind::Group;
          tr.code = code;
          tr.group = group;
          last_item = -1;
          t.rows.push_back(tr);
          continue;
        }
        tr.group = group;
        if (std::regex_match(kc, kItemCode)) {
          tr.kind = RowKind::Item;
          tr.code = code;
          while (!tr.code.empty() && tr.code.back() == '.') tr.code.pop_back();
          t.rows.push_back(tr);
          last_item = int(t.rows.size()) - 1;
          continue;
        }
        if (std::regex_match(kc, kLetterCode) || last_item >= 0) {
          tr.kind = last_item >= 0 ? RowKind::SubItem : RowKind::Item;
          tr.code = code;
          tr.parent = last_item;
          t.rows.push_back(tr);
          continue;
        }
        tr.kind = RowKind::Item;  // a table without codes
        tr.code = code;
        t.rows.push_back(tr);
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace tonghop
