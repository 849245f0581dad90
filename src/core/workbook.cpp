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

StoredCell::StoredCell(const Cell& c) : StoredCell(c, c.number_format, c.font) {}

StoredCell::StoredCell(const Cell& c, SharedText format, SharedText font_name)
    : row(c.row), col(c.col), number(c.number), text(c.text), formula(c.formula), number_format(std::move(format)),
      font(std::move(font_name)), shared_formula(c.shared_formula), type(c.type), format_class(c.format_class),
      is_formula(c.is_formula), formula_without_value(c.formula_without_value), result_untrusted(c.result_untrusted) {}

SharedText SharedTexts::operator()(std::string_view s) {
  if (s.empty()) return {};
  for (std::size_t i = 0; i < texts_.size(); ++i)
    if (texts_[i] == s) {
      if (i) std::swap(texts_[i], texts_[i - 1]);  // the frequent ones first
      return texts_[i ? i - 1 : 0];
    }
  if (texts_.size() >= 64) return SharedText(s);
  texts_.emplace_back(s);
  return texts_.back();
}

const StoredCell* Sheet::find(std::uint32_t row, std::uint32_t col) const {
  auto it = std::lower_bound(cells.begin(), cells.end(), std::pair{row, col},
                             [](const StoredCell& c, const std::pair<std::uint32_t, std::uint32_t>& k) {
                               return std::pair{c.row, c.col} < k;
                             });
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
