#include "core/workbook.hpp"

#include <algorithm>

namespace tonghop {

std::string_view to_string(FileFormat f) {
  switch (f) {
    case FileFormat::Xlsx: return "xlsx";
    case FileFormat::Ods: return "ods";
    case FileFormat::Csv: return "csv";
    case FileFormat::Xls: return "xls";
    case FileFormat::Docx: return "docx";
    case FileFormat::Unknown: break;
  }
  return "unknown";
}

std::string_view to_string(Visibility v) {
  switch (v) {
    case Visibility::Visible: return "visible";
    case Visibility::Hidden: return "hidden";
    case Visibility::VeryHidden: return "very-hidden";
  }
  return "visible";
}

StoredCell::StoredCell(const Cell& c) : StoredCell(c, c.text, c.number_format, c.font) {}

StoredCell::StoredCell(const Cell& c, SharedText text_, SharedText format, SharedText font_name)
    : row(c.row), col(c.col), number(c.number), text(std::move(text_)), formula(c.formula), number_format(std::move(format)),
      font(std::move(font_name)), shared_formula(c.shared_formula), type(c.type), format_class(c.format_class),
      is_formula(c.is_formula), formula_without_value(c.formula_without_value), result_untrusted(c.result_untrusted) {}

SharedText SharedTexts::operator()(std::string_view s) {
  if (s.empty()) return {};
  if (auto it = texts_.find(s); it != texts_.end()) return it->second;
  SharedText t(s);
  if (texts_.size() < most_) texts_.emplace(std::string_view(t.str()), t);
  return t;
}

const StoredCell* Sheet::find(std::uint32_t row, std::uint32_t col) const {
  if (cells.empty()) return nullptr;
  const std::pair key{row, col};
  auto before = [](const StoredCell& c, const std::pair<std::uint32_t, std::uint32_t>& k) {
    return std::pair{c.row, c.col} < k;
  };
  // Rows hold about as many cells as each other: start where the row would be if they held
  // exactly as many and widen from there (a long report's millions of look-ups then touch a
  // few nearby cells, not twenty-odd far apart), then search the range found.
  const std::size_t n = cells.size();
  const std::uint32_t first = cells.front().row, last = cells.back().row;
  std::size_t guess = 0;
  if (row > last) guess = n - 1;
  else if (row > first) guess = std::min(n - 1, std::size_t(double(row - first) / double(last - first + 1) * double(n)));
  std::size_t lo = 0, hi = n;  // the first cell not before the key lies in [lo, hi]
  if (before(cells[guess], key)) {
    lo = guess + 1;
    for (std::size_t step = 1;; step *= 2) {
      std::size_t probe = guess + step;
      if (probe >= n) break;
      if (!before(cells[probe], key)) {
        hi = probe;
        break;
      }
      lo = probe + 1;
    }
  } else {
    hi = guess;
    for (std::size_t step = 1;; step *= 2) {
      if (step > guess) break;
      std::size_t probe = guess - step;
      if (before(cells[probe], key)) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
  }
  auto it = std::lower_bound(cells.begin() + std::ptrdiff_t(lo), cells.begin() + std::ptrdiff_t(hi), key, before);
  if (it != cells.end() && it->row == row && it->col == col) return &*it;
  return nullptr;
}

std::optional<CellRange> Sheet::dimension() const {
  if (cells.empty()) return std::nullopt;
  CellRange r{cells.front().row, cells.front().col, cells.front().row, cells.front().col};
  for (const auto& c : cells) {
    r.first_row = std::min(r.first_row, c.row);
    r.last_row = std::max(r.last_row, c.row);
    r.first_col = std::min(r.first_col, c.col);
    r.last_col = std::max(r.last_col, c.col);
  }
  return r;
}

namespace {
bool in_spans(const std::vector<Span>& spans, std::uint32_t i) {
  return std::any_of(spans.begin(), spans.end(), [&](const Span& s) { return i >= s.first && i <= s.last; });
}
}  // namespace

bool Sheet::row_hidden(std::uint32_t row) const { return in_spans(hidden_rows, row); }
bool Sheet::column_hidden(std::uint32_t col) const { return in_spans(hidden_columns, col); }

}  // namespace tonghop
