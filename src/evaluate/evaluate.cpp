#include "evaluate/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/date.hpp"
#include "evaluate/formula_engine.hpp"

namespace tonghop {

bool needs_evaluation(const StoredCell& c) {
  return c.is_formula && (c.formula_without_value || c.result_untrusted);
}

FormulaEvaluation evaluate_formulas(Workbook& book) {
  FormulaEvaluation out;
  // fullCalcOnLoad alone proves nothing: libxlsxwriter sets it on every workbook, tonghop's
  // own included, with the results it was given. Scripts that do not compute store the
  // placeholder 0 (or "") for every formula; one real result means the writer computed them.
  auto placeholder = [](const StoredCell& c) {
    return (c.type == CellType::Number && c.number == 0) || (c.type == CellType::Text && c.text.empty()) ||
           c.type == CellType::Empty;
  };
  bool computed_by_writer = false;
  for (const auto& s : book.sheets)
    for (const auto& c : s.cells)
      computed_by_writer = computed_by_writer || (c.result_untrusted && !c.formula_without_value && !placeholder(c));
  if (computed_by_writer)
    for (auto& s : book.sheets)
      for (auto& c : s.cells) c.result_untrusted = false;
  bool any = false;
  for (const auto& s : book.sheets)
    for (const auto& c : s.cells) any = any || needs_evaluation(c);
  if (!any) return out;  // the usual case: no engine built

  FormulaEngine engine(book.info.format == FileFormat::Ods ? FormulaSyntax::OpenFormula : FormulaSyntax::ExcelA1);
  for (const auto& s : book.sheets) engine.add_sheet(s.info.name);
  // Shared formulas: the group's first cell holds the text the others reuse.
  std::map<std::pair<std::uint32_t, std::int32_t>, CellAddress> shared_origin;
  for (std::uint32_t si = 0; si < book.sheets.size(); ++si)
    for (const auto& c : book.sheets[si].cells)
      if (c.shared_formula >= 0 && !c.formula.empty())
        shared_origin.emplace(std::pair{si, c.shared_formula}, CellAddress{si, c.row, c.col});

  for (std::uint32_t si = 0; si < book.sheets.size(); ++si)
    for (const auto& c : book.sheets[si].cells) {
      CellAddress at{si, c.row, c.col};
      if (needs_evaluation(c)) {
        if (!c.formula.empty()) {
          engine.set_formula(at, c.formula);
        } else if (auto it = shared_origin.find({si, c.shared_formula}); it != shared_origin.end()) {
          continue;  // after every origin is set
        } else {
          engine.set_unknown(at, book.info.format == FileFormat::Xls
                                     ? Text("tonghop chưa đọc được công thức trong tệp .xls", "tonghop does not read formula text in .xls files")
                                     : Text("tệp không lưu nội dung công thức", "the file keeps no formula text"));
        }
        continue;
      }
      switch (c.type) {
        case CellType::Number:
        case CellType::Date: engine.set_number(at, c.number); break;
        case CellType::Text: engine.set_text(at, c.text); break;
        case CellType::Boolean: engine.set_boolean(at, c.number != 0); break;
        case CellType::Error:
          engine.set_unknown(at, Text("ô " + cell_ref(c.row, c.col) + " có lỗi " + c.text,
                                      "cell " + cell_ref(c.row, c.col) + " holds the error " + c.text));
          break;
        case CellType::Empty: break;
      }
    }
  for (std::uint32_t si = 0; si < book.sheets.size(); ++si)
    for (const auto& c : book.sheets[si].cells)
      if (needs_evaluation(c) && c.formula.empty())
        if (auto it = shared_origin.find({si, c.shared_formula}); it != shared_origin.end())
          engine.set_shared_formula(CellAddress{si, c.row, c.col}, it->second);

  engine.calculate();

  for (std::uint32_t si = 0; si < book.sheets.size(); ++si) {
    auto& sheet = book.sheets[si];
    ComputedFormulas computed{sheet.info.name, {}};
    UnevaluatedFormulas unevaluated{sheet.info.name, {}, {}};
    for (auto& c : sheet.cells) {
      if (!needs_evaluation(c)) continue;
      auto r = engine.result(CellAddress{si, c.row, c.col});
      c.result_untrusted = false;
      c.text.clear();
      c.number = 0;
      if (r.kind == FormulaResult::Kind::NotEvaluated) {
        c.type = CellType::Empty;
        c.formula_without_value = true;
        if (unevaluated.cells.empty()) unevaluated.reason = r.reason;
        unevaluated.cells.emplace_back(c.row, c.col);
        continue;
      }
      c.formula_without_value = false;
      c.result_computed = true;
      if (r.kind == FormulaResult::Kind::Text) {
        c.type = CellType::Text;
        c.text = r.text;
      } else if (c.format_class == FormatClass::Date) {
        c.type = CellType::Date;
        c.number = r.number;
        c.text = serial_to_iso(r.number);
      } else {
        c.type = CellType::Number;
        c.number = r.number;
      }
      computed.cells.emplace_back(c.row, c.col);
    }
    if (!computed.cells.empty()) out.computed.push_back(std::move(computed));
    if (!unevaluated.cells.empty()) out.unevaluated.push_back(std::move(unevaluated));
  }
  return out;
}

}  // namespace tonghop
