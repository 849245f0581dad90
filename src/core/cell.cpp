#include "core/cell.hpp"

namespace tonghop {

std::string_view to_string(CellType t) {
  switch (t) {
    case CellType::Empty: return "empty";
    case CellType::Number: return "number";
    case CellType::Text: return "text";
    case CellType::Boolean: return "boolean";
    case CellType::Date: return "date";
    case CellType::Error: return "error";
  }
  return "empty";
}

std::string_view to_string(FormatClass f) {
  switch (f) {
    case FormatClass::General: return "general";
    case FormatClass::Percent: return "percent";
    case FormatClass::Date: return "date";
    case FormatClass::Text: return "text";
    case FormatClass::Other: return "other";
  }
  return "general";
}

std::string column_name(std::uint32_t col) {
  std::string out;
  std::uint64_t n = std::uint64_t(col) + 1;
  while (n > 0) {
    auto rem = (n - 1) % 26;
    out.insert(out.begin(), char('A' + rem));
    n = (n - 1) / 26;
  }
  return out;
}

std::string cell_ref(std::uint32_t row, std::uint32_t col) {
  return column_name(col) + std::to_string(std::uint64_t(row) + 1);
}

std::string range_ref(const CellRange& r) {
  auto first = cell_ref(r.first_row, r.first_col);
  if (r.first_row == r.last_row && r.first_col == r.last_col) return first;
  return first + ":" + cell_ref(r.last_row, r.last_col);
}

std::string sheet_prefix(const std::string& name) {
  bool plain = !name.empty();
  for (unsigned char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80))
      plain = false;
  if (plain) return name + "!";
  std::string q = "'";
  for (char c : name) q += (c == '\'') ? std::string("''") : std::string(1, c);
  return q + "'!";
}

std::optional<ParsedRef> parse_cell_ref(std::string_view ref) {
  ParsedRef out;
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t col = 0;
  std::size_t letters = 0;
  while (i < ref.size()) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + std::uint64_t(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
    ++i;
  }
  if (letters > 0) {
    if (col > kMaxCols) return std::nullopt;
    out.col = std::uint32_t(col - 1);
    out.has_col = true;
  }
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t row = 0;
  std::size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    row = row * 10 + std::uint64_t(ref[i] - '0');
    if (++digits > 7) return std::nullopt;
    ++i;
  }
  if (i != ref.size()) return std::nullopt;
  if (digits > 0) {
    if (row == 0 || row > kMaxRows) return std::nullopt;
    out.row = std::uint32_t(row - 1);
    out.has_row = true;
  }
  if (!out.has_row && !out.has_col) return std::nullopt;
  return out;
}

std::optional<CellRange> parse_range_ref(std::string_view ref) {
  auto colon = ref.find(':');
  auto a = parse_cell_ref(ref.substr(0, colon));
  if (!a || !a->has_row || !a->has_col) return std::nullopt;
  CellRange r{a->row, a->col, a->row, a->col};
  if (colon != std::string_view::npos) {
    auto b = parse_cell_ref(ref.substr(colon + 1));
    if (!b || !b->has_row || !b->has_col) return std::nullopt;
    r.last_row = b->row;
    r.last_col = b->col;
  }
  if (r.last_row < r.first_row) std::swap(r.first_row, r.last_row);
  if (r.last_col < r.first_col) std::swap(r.first_col, r.last_col);
  return r;
}

}  // namespace tonghop
