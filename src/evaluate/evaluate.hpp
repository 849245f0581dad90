// The stage between read and recognise: formulas whose file holds no trusted result (no
// stored value, or a placeholder with "recalculate on opening") get the value the formula
// engine computes from the workbook's own cells. What it cannot compute is left without a
// value (never 0) and listed per sheet, so that later stages call it "not assessable".
//
//   auto book = load_workbook("bao-cao/phong-vhxh.xlsx");
//   auto ev = evaluate_formulas(book);   // E8 "=H8/I8" now holds 0.978
//   for (const auto& s : ev.unevaluated) ...  // sheet, cells, reason
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"

namespace tonghop {

struct UnevaluatedFormulas {
  std::string sheet;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;  // 0-based (row, col)
  Text reason;  // the first cell's
};

struct ComputedFormulas {
  std::string sheet;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;
};

struct FormulaEvaluation {
  std::vector<ComputedFormulas> computed;
  std::vector<UnevaluatedFormulas> unevaluated;
};

// True for a formula cell whose result must not be taken from the file.
bool needs_evaluation(const StoredCell& c);

// Fills every formula cell that needs it: the computed value with result_computed set, or
// no value (type Empty, formula_without_value) when it cannot be computed. Results stored
// under fullCalcOnLoad are placeholders only when every one is 0 or "" (a writer that
// computes nothing); otherwise the writer computed them and they stand.
FormulaEvaluation evaluate_formulas(Workbook& book);

}  // namespace tonghop
