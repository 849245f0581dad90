#include <gtest/gtest.h>

#include "evaluate/evaluate.hpp"
#include "evaluate/formula_engine.hpp"
#include "read/reader.hpp"

using namespace tonghop;

namespace {

// A progress sheet as units build it: planned and actual figures, then formulas.
struct ReportSheet {
  FormulaEngine e;
  std::uint32_t s = e.add_sheet("Biểu 01");
  std::uint32_t data = e.add_sheet("Số liệu");
  ReportSheet() {
    e.set_number({s, 7, 7}, 48900);  // H8
    e.set_number({s, 7, 8}, 50000);  // I8
    e.set_number({s, 8, 7}, 612);    // H9
    e.set_number({s, 8, 8}, 0);      // I9
    e.set_text({s, 7, 5}, "Đạt");    // F8
    for (std::uint32_t r = 0; r < 4; ++r) e.set_number({data, r, 0}, 10.5 * (r + 1));  // A1:A4
    e.set_text({data, 4, 0}, "Ghi chú");  // A5
  }
  FormulaResult eval(const std::string& f) {
    CellAddress at{s, 30, 2};
    e.set_formula(at, f);
    e.calculate();
    return e.result(at);
  }
  double number(const std::string& f) {
    auto r = eval(f);
    EXPECT_EQ(r.kind, FormulaResult::Kind::Number) << f << ": " << r.reason.en;
    return r.number;
  }
};

}  // namespace

TEST(FormulaEngine, ComputesWhatUnitsWrite) {
  ReportSheet t;
  EXPECT_DOUBLE_EQ(t.number("H8/I8"), 0.978);
  EXPECT_DOUBLE_EQ(t.number("=H8/I8*100"), 97.8);
  EXPECT_DOUBLE_EQ(t.number("SUM('Số liệu'!A1:A4)"), 105);
  EXPECT_DOUBLE_EQ(t.number("AVERAGE('Số liệu'!A1:A4)"), 26.25);
  EXPECT_DOUBLE_EQ(t.number("ROUND(H8/I8*100,1)"), 97.8);
  EXPECT_DOUBLE_EQ(t.number("ROUND(2.675,2)"), 2.68);  // Excel rounds the decimal it shows
  EXPECT_DOUBLE_EQ(t.number("ROUND(-2.5,0)"), -3);
  EXPECT_DOUBLE_EQ(t.number("ROUND(1234.5,-2)"), 1200);
  EXPECT_DOUBLE_EQ(t.number("ROUNDUP(H8/I8*100,0)"), 98);
  EXPECT_DOUBLE_EQ(t.number("ROUNDDOWN(H8/I8*100,0)"), 97);
  EXPECT_DOUBLE_EQ(t.number("IF(H8>=I8,1,0)"), 0);
  EXPECT_DOUBLE_EQ(t.number("MAX(H8,I8)-MIN(H8,I8)"), 1100);
  EXPECT_DOUBLE_EQ(t.number("$H$8+H$9"), 49512);
  // Grouped from the left as Excel does (libixion 0.17 alone groups * / ^ from the right).
  EXPECT_DOUBLE_EQ(t.number("2/4*100"), 50);
  EXPECT_DOUBLE_EQ(t.number("8/4/2"), 1);
  EXPECT_DOUBLE_EQ(t.number("2^3^2"), 64);
  EXPECT_DOUBLE_EQ(t.number("1+2*3-4/2*3"), 1);
  EXPECT_DOUBLE_EQ(t.number("SUM(1,2*3/2,4)*2/4"), 4);
  EXPECT_DOUBLE_EQ(t.number("2*-3"), -6);
  auto text = t.eval("IF(H8/I8>=0.975,\"Đạt\",\"Không đạt\")");
  ASSERT_EQ(text.kind, FormulaResult::Kind::Text);
  EXPECT_EQ(text.text, "Đạt");
}

TEST(FormulaEngine, WhatItCannotComputeIsNeverAValue) {
  ReportSheet t;
  for (const char* f : {"COUNTIF('Số liệu'!A1:A4,\">20\")", "H9/I9", "AVERAGE('Số liệu'!A1:A5)", "VLOOKUP(1,H8:I9,2,0)",
                        "ROUND(H8,1)+1", "SUM(ROUND(H8,1),1)", "[1]Sheet1!A1*2", "Tong_cong*2", "IF(H8>0,1)",
                        "F8*2", "H8/F8", "-F8", "'Số liệu'!A5+1"}) {
    auto r = t.eval(f);
    EXPECT_EQ(r.kind, FormulaResult::Kind::NotEvaluated) << f << " gave " << r.number << r.text;
    EXPECT_FALSE(r.reason.vi.empty()) << f;
  }
  EXPECT_NE(t.eval("COUNTIF('Số liệu'!A1:A4,\">20\")").reason.en.find("COUNTIF"), std::string::npos);
  EXPECT_NE(t.eval("H9/I9").reason.en.find("#DIV/0!"), std::string::npos);
}

TEST(FormulaEngine, DependentsOfAnUnknownCellAreUnknown) {
  FormulaEngine e;
  auto s = e.add_sheet("S");
  e.set_number({s, 0, 0}, 4);
  e.set_formula({s, 0, 1}, "COUNTIF(A1:A3,4)");  // B1: not computable
  e.set_formula({s, 0, 2}, "B1*2");              // C1 reads it
  e.set_formula({s, 0, 3}, "SUM(A1:C1)");        // D1 reads it through a range
  e.set_formula({s, 0, 4}, "A1*2");              // E1 is independent
  e.set_formula({s, 1, 0}, "ROUND(A1/3,2)");     // A2: rounded after the engine ran
  e.set_formula({s, 1, 1}, "A2*3");              // B2 would see the unrounded figure
  e.set_formula({s, 2, 0}, "A3+1");              // A3: reads itself
  e.set_formula({s, 3, 0}, "IF(A1>3,\"cao\",\"thấp\")");  // A4 gives text
  e.set_formula({s, 3, 1}, "A4*2");              // B4 computes with it: #VALUE! in Excel
  e.set_formula({s, 3, 2}, "B4+1");              // C4 reads B4
  e.calculate();
  EXPECT_EQ(e.result({s, 3, 0}).text, "cao");
  EXPECT_EQ(e.result({s, 3, 1}).kind, FormulaResult::Kind::NotEvaluated);
  EXPECT_EQ(e.result({s, 3, 2}).kind, FormulaResult::Kind::NotEvaluated);
  EXPECT_EQ(e.result({s, 0, 2}).kind, FormulaResult::Kind::NotEvaluated);
  EXPECT_NE(e.result({s, 0, 2}).reason.en.find("B1"), std::string::npos);
  EXPECT_EQ(e.result({s, 0, 3}).kind, FormulaResult::Kind::NotEvaluated);
  EXPECT_EQ(e.result({s, 0, 4}).number, 8);
  EXPECT_DOUBLE_EQ(e.result({s, 1, 0}).number, 1.33);
  EXPECT_EQ(e.result({s, 1, 1}).kind, FormulaResult::Kind::NotEvaluated);
  EXPECT_EQ(e.result({s, 2, 0}).kind, FormulaResult::Kind::NotEvaluated);
}

TEST(FormulaEngine, SharedFormulaMovesItsReferences) {
  FormulaEngine e;
  auto s = e.add_sheet("S");
  for (std::uint32_t r = 0; r < 3; ++r) {
    e.set_number({s, r, 0}, 10.0 * (r + 1));
    e.set_number({s, r, 1}, 40);
  }
  e.set_formula({s, 0, 2}, "A1/B1");
  e.set_shared_formula({s, 1, 2}, {s, 0, 2});
  e.set_shared_formula({s, 2, 2}, {s, 0, 2});
  e.calculate();
  EXPECT_DOUBLE_EQ(e.result({s, 0, 2}).number, 0.25);
  EXPECT_DOUBLE_EQ(e.result({s, 1, 2}).number, 0.5);
  EXPECT_DOUBLE_EQ(e.result({s, 2, 2}).number, 0.75);
}

TEST(FormulaEngine, OpenFormulaSyntax) {
  FormulaEngine e(FormulaSyntax::OpenFormula);
  auto s = e.add_sheet("Biểu 01");
  e.set_number({s, 7, 7}, 48900);
  e.set_number({s, 7, 8}, 50000);
  e.set_formula({s, 7, 4}, "ROUND([.H8]/[.I8]*100;1)");
  e.set_formula({s, 8, 4}, "IF(['Biểu 01'.H8]>0;[.E8];0)");
  e.calculate();
  EXPECT_DOUBLE_EQ(e.result({s, 7, 4}).number, 97.8);
  EXPECT_EQ(e.result({s, 8, 4}).kind, FormulaResult::Kind::NotEvaluated);  // reads the rounded E8
}

TEST(EvaluateFormulas, FillsUntrustedResultsOnly) {
  Workbook b;
  b.info.format = FileFormat::Xlsx;
  Sheet s;
  s.info.name = "Biểu 01";
  auto num = [&](std::uint32_t r, std::uint32_t c, double v) {
    StoredCell x;
    x.row = r, x.col = c, x.type = CellType::Number, x.number = v;
    return x;
  };
  s.cells.push_back(num(7, 7, 48900));
  s.cells.push_back(num(7, 8, 50000));
  StoredCell stale = num(7, 4, 0);  // E8 =H8/I8 with the placeholder 0
  stale.is_formula = true, stale.formula = "H8/I8", stale.result_untrusted = true;
  stale.format_class = FormatClass::Percent;
  StoredCell trusted = num(7, 5, 123);  // F8: a trusted result stays as read
  trusted.is_formula = true, trusted.formula = "H8+1";
  StoredCell none;  // G8 =COUNTIF(...) with no stored result
  none.row = 7, none.col = 6, none.is_formula = true, none.formula = "COUNTIF(H8:I8,\">0\")", none.formula_without_value = true;
  s.cells = {stale, trusted, none, s.cells[0], s.cells[1]};
  b.sheets.push_back(s);
  auto ev = evaluate_formulas(b);
  const auto& c = b.sheets[0].cells;
  EXPECT_EQ(c[0].type, CellType::Number);
  EXPECT_DOUBLE_EQ(c[0].number, 0.978);
  EXPECT_TRUE(c[0].result_computed);
  EXPECT_FALSE(c[0].result_untrusted);
  EXPECT_EQ(c[1].number, 123);
  EXPECT_FALSE(c[1].result_computed);
  EXPECT_EQ(c[2].type, CellType::Empty);
  EXPECT_TRUE(c[2].formula_without_value);
  ASSERT_EQ(ev.unevaluated.size(), 1u);
  EXPECT_EQ(ev.unevaluated[0].sheet, "Biểu 01");
  EXPECT_EQ(ev.unevaluated[0].cells, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{7, 6}}));
  ASSERT_EQ(ev.computed.size(), 1u);
  EXPECT_EQ(ev.computed[0].cells.size(), 1u);
}

// libxlsxwriter marks every workbook fullCalcOnLoad, tonghop's own consolidated workbook
// included: results its writer computed stand, a genuine 0 of a COUNTIF among them.
TEST(EvaluateFormulas, ResultsTheWriterComputedStand) {
  Workbook b;
  b.info.format = FileFormat::Xlsx;
  Sheet s;
  s.info.name = "Tổng hợp";
  StoredCell ratio;
  ratio.row = 4, ratio.col = 3, ratio.type = CellType::Number, ratio.number = 0.978;
  ratio.is_formula = true, ratio.formula = "B5/C5", ratio.result_untrusted = true;
  StoredCell count = ratio;
  count.col = 4, count.number = 0, count.formula = "COUNTIF(F8:F20,\"Không đạt\")";
  s.cells = {ratio, count};
  b.sheets.push_back(s);
  auto ev = evaluate_formulas(b);
  EXPECT_TRUE(ev.computed.empty());
  EXPECT_TRUE(ev.unevaluated.empty());
  EXPECT_DOUBLE_EQ(b.sheets[0].cells[0].number, 0.978);
  EXPECT_EQ(b.sheets[0].cells[1].type, CellType::Number);
  EXPECT_FALSE(b.sheets[0].cells[1].formula_without_value);
}

// An .ods formula with no stored value, in OpenFormula syntax, over a text cell: the engine
// gives no figure (Excel shows #VALUE!), so it is not assessable; the stored SUM stays.
TEST(EvaluateFormulas, OdsFormulaWithoutValue) {
  auto b = load_workbook(std::string(TONGHOP_TEST_DATA) + "/traps.ods");
  auto ev = evaluate_formulas(b);
  ASSERT_EQ(ev.unevaluated.size(), 1u);
  EXPECT_EQ(ev.unevaluated[0].sheet, "Biểu 01");
  EXPECT_EQ(ev.unevaluated[0].cells, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{2, 5}}));  // F3 =[.A1]*2
  const auto* sum = b.sheets[0].find(2, 7);  // H3 =SUM([.A2:.C2]) with its stored 3
  ASSERT_TRUE(sum);
  EXPECT_EQ(sum->number, 3);
  EXPECT_FALSE(sum->result_computed);
}
