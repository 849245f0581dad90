// Spreadsheet formulas evaluated by a real formula engine (Debian's libixion), over cells
// the caller gives. Used for formulas whose file holds no trusted result (evaluate.hpp),
// and by writers that must store the cached value of each formula they write.
//
//   FormulaEngine e;
//   auto s = e.add_sheet("Biểu 01");
//   e.set_number({s, 7, 7}, 48900);          // H8
//   e.set_number({s, 7, 8}, 50000);          // I8
//   e.set_formula({s, 7, 4}, "ROUND(H8/I8*100,1)");  // E8, text without '='
//   e.calculate();
//   e.result({s, 7, 4}).number;              // 97.8
//
// Only what the engine is known to compute as Excel does is evaluated: arithmetic and
// comparisons, SUM, AVERAGE (over ranges of numbers), IF with three arguments, MAX and MIN
// of single values, INT, CONCATENATE, and ROUND/ROUNDUP/ROUNDDOWN around a whole formula.
// Anything else (another function, a defined name, a reference to another file, a
// dependency on such a cell) is NotEvaluated with the reason, never a guessed value.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace tonghop {

enum class FormulaSyntax {
  ExcelA1,      // xlsx: SUM(A1:B2), 'Biểu 01'!E8, "," between arguments
  OpenFormula,  // ods: SUM([.A1:.B2]), ['Biểu 01'.E8], ";" between arguments
};

struct CellAddress {
  std::uint32_t sheet = 0, row = 0, col = 0;  // 0-based
  auto operator<=>(const CellAddress&) const = default;
};

struct FormulaResult {
  enum class Kind { Number, Text, NotEvaluated } kind = Kind::NotEvaluated;
  double number = 0;
  std::string text;
  Text reason;  // NotEvaluated: why, as a phrase ("hàm COUNTIF chưa được hỗ trợ")
};

class FormulaEngine {
 public:
  explicit FormulaEngine(FormulaSyntax syntax = FormulaSyntax::ExcelA1);
  ~FormulaEngine();
  FormulaEngine(const FormulaEngine&) = delete;
  FormulaEngine& operator=(const FormulaEngine&) = delete;

  // Sheets in workbook order; the index is CellAddress::sheet.
  std::uint32_t add_sheet(const std::string& name);

  void set_number(CellAddress at, double value);
  void set_text(CellAddress at, std::string_view text);
  void set_boolean(CellAddress at, bool value);
  // The formula's text without '=' as the file stores it.
  void set_formula(CellAddress at, std::string_view formula);
  // A cell of an xlsx shared formula: the formula of `origin` with its relative references
  // moved as far as `at` lies from it. set_formula(origin, ...) must come first.
  void set_shared_formula(CellAddress at, CellAddress origin);
  // A formula whose result is unknown and cannot be computed (e.g. no formula text in the
  // file); formulas that depend on it are not evaluated either.
  void set_unknown(CellAddress at, Text reason);

  // Computes every formula; results are available afterwards.
  void calculate();
  // The result of a formula cell (NotEvaluated for a cell that holds none).
  FormulaResult result(CellAddress at) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tonghop
