// Shared cell model: what every reader produces and every stage consumes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tonghop {

// Excel's grid; ODS and CSV are clipped to the same bounds.
inline constexpr std::uint32_t kMaxRows = 1048576;
inline constexpr std::uint32_t kMaxCols = 16384;

enum class CellType : std::uint8_t { Empty, Number, Text, Boolean, Date, Error };

// How a number is meant to be shown; lets later stages tell 0.978 shown as 97.8% from 0.978.
enum class FormatClass : std::uint8_t { General, Percent, Date, Text, Other };

std::string_view to_string(CellType t);
std::string_view to_string(FormatClass f);

// One cell as pushed by a reader. The views point into the reader's buffers and are valid
// only during the sink call; a sink that keeps a cell copies it (see StoredCell).
struct Cell {
  std::uint32_t row = 0;  // 0-based
  std::uint32_t col = 0;  // 0-based
  CellType type = CellType::Empty;
  // Number and Date: the value (dates as serial days in the 1900 system, whatever the
  // workbook's date system); Boolean: 0 or 1.
  double number = 0;
  // Text: the string (NFC); Error: the error literal (#DIV/0!); Date: ISO 8601 text.
  std::string_view text;
  // The cell holds a formula; its text (without '=') may be empty for a shared-formula
  // dependent, whose text lives in the first cell of the shared range.
  bool is_formula = false;
  std::string_view formula;
  // A formula whose file carries no cached result: type is Empty.
  bool formula_without_value = false;
  // A formula whose stored result is a placeholder: the file asks for every result to be
  // recalculated on opening (xlsx calcPr fullCalcOnLoad, .xls UNCALCED).
  bool result_untrusted = false;
  // xlsx shared formula: its group (si); the group's first cell holds the text.
  std::int32_t shared_formula = -1;
  FormatClass format_class = FormatClass::General;
  std::string_view number_format;  // the format code, "" for General
  std::string_view font;           // font name, "" when unknown
};

struct CellRange {
  std::uint32_t first_row = 0, first_col = 0, last_row = 0, last_col = 0;  // 0-based, inclusive
  bool operator==(const CellRange&) const = default;
};

// "A", "Z", "AA" ... for a 0-based column.
std::string column_name(std::uint32_t col);
// "B7" for 0-based (6, 1).
std::string cell_ref(std::uint32_t row, std::uint32_t col);
// "A1:C2"; a single cell range is written as one reference.
std::string range_ref(const CellRange& r);

// "Biểu 01" -> "'Biểu 01'!": a sheet name as Excel writes it before a cell reference,
// quoted when it has anything but letters, digits and underscores.
std::string sheet_prefix(const std::string& sheet);

struct ParsedRef {
  std::uint32_t row = 0, col = 0;  // 0-based
  bool has_row = false, has_col = false;
};
// Parses "B7", "b7", "$B$7", "B" or "7". Returns nullopt on anything else or on an
// out-of-grid reference.
std::optional<ParsedRef> parse_cell_ref(std::string_view ref);
std::optional<CellRange> parse_range_ref(std::string_view ref);

}  // namespace tonghop
