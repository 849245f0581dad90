// A workbook held in memory, as later stages (recognise, plan, check) use it. Readers
// stream into any sink; WorkbookCollector (src/read) fills one of these.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/cell.hpp"
#include "core/issue.hpp"
#include "core/shared_text.hpp"

namespace tonghop {

enum class FileFormat { Unknown, Xlsx, Ods, Csv, Xls, Docx };
std::string_view to_string(FileFormat f);

struct WorkbookInfo {
  FileFormat format = FileFormat::Unknown;
  bool date1904 = false;  // dates are already converted; kept for inspect
  std::string encoding;   // CSV only: "UTF-8", "UTF-16LE", "CP1258" ...
  char delimiter = 0;     // CSV only
  std::string converted_from;  // set when LibreOffice converted the file: its format
  bool recalc_on_load = false;  // formula results are placeholders (xlsx fullCalcOnLoad)
  // xlsx: the custom document properties (docProps/custom.xml), name and text, in the
  // file's order; empty when the part is missing or damaged.
  std::vector<std::pair<std::string, std::string>> custom_properties;
};

enum class Visibility { Visible, Hidden, VeryHidden };
std::string_view to_string(Visibility v);

struct SheetInfo {
  std::string name;
  std::uint32_t index = 0;  // 0-based position in the workbook's tab order
  Visibility visibility = Visibility::Visible;
};

// An owning copy of a Cell, compact (a long report holds millions: 56 bytes, not 168): the
// text, format, font and formula shared with the cells that have the same (SharedText).
struct StoredCell {
  std::uint32_t row = 0, col = 0;
  double number = 0;
  SharedText text;
  SharedText formula;
  SharedText number_format;
  SharedText font;
  std::int32_t shared_formula = -1;
  CellType type = CellType::Empty;
  FormatClass format_class = FormatClass::General;
  // (Bits: the cell takes 56 bytes rather than 64.)
  bool is_formula : 1 = false;
  bool formula_without_value : 1 = false;
  bool result_untrusted : 1 = false;
  // The result was computed by tonghop's formula engine (src/evaluate), not read.
  bool result_computed : 1 = false;

  StoredCell() = default;
  explicit StoredCell(const Cell& c);
  // The same with its text, number format and font given (shared with other cells).
  StoredCell(const Cell& c, SharedText text, SharedText format, SharedText font);
};

// The texts of a workbook's cells (their number formats, fonts, and the texts that repeat:
// statuses, units, names), each allocated once: the first `most` distinct ones; the rest once
// per cell.
class SharedTexts {
 public:
  explicit SharedTexts(std::size_t most = 64) : most_(most) {}
  SharedText operator()(std::string_view s);

 private:
  std::size_t most_;
  std::unordered_map<std::string_view, SharedText> texts_;  // the keys view the values' texts
};

// first..last, 0-based, inclusive.
struct Span {
  std::uint32_t first = 0, last = 0;
  bool operator==(const Span&) const = default;
};

struct Sheet {
  SheetInfo info;
  std::vector<StoredCell> cells;  // in reading order: row-major
  std::vector<CellRange> merges;
  // Rows and columns the sheet hides (units reuse last year's workbook and hide old rows).
  std::vector<Span> hidden_rows, hidden_columns;

  bool row_hidden(std::uint32_t row) const;
  bool column_hidden(std::uint32_t col) const;

  const StoredCell* find(std::uint32_t row, std::uint32_t col) const;
  // The used area, or nullopt for an empty sheet.
  std::optional<CellRange> dimension() const;
};

struct Workbook {
  std::string path;
  WorkbookInfo info;
  std::vector<Sheet> sheets;
  // What reading found that did not stop it (converted-file, legacy-encoding).
  std::vector<Issue> issues;
};

}  // namespace tonghop
