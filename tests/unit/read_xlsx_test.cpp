#include <gtest/gtest.h>

#include "read/isolated.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(XlsxReader, TypesFormatsAndFonts) {
  auto wb = load("types.xlsx");
  EXPECT_EQ(wb.info.format, FileFormat::Xlsx);
  ASSERT_EQ(wb.sheets.size(), 3u);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(s.info.name, "Biểu 01");
  EXPECT_EQ(at(s, "A1").text, "UBND PHƯỜNG AN DƯƠNG");
  EXPECT_EQ(at(s, "A1").font, "Times New Roman");
  EXPECT_EQ(at(s, "D6").type, CellType::Number);
  EXPECT_DOUBLE_EQ(at(s, "D6").number, 97.5);
  // 0.978 shown as 97.8%: the fraction stays, the format class tells it is a percent.
  EXPECT_DOUBLE_EQ(at(s, "E6").number, 0.978);
  EXPECT_EQ(at(s, "E6").format_class, FormatClass::Percent);
  EXPECT_EQ(at(s, "E6").number_format, "0.0%");
  EXPECT_TRUE(at(s, "F6").is_formula);
  EXPECT_EQ(at(s, "F6").formula, "E6*100/D6");
  EXPECT_NEAR(at(s, "F6").number, 1.00307692, 1e-8);
  EXPECT_EQ(at(s, "E7").format_class, FormatClass::Text);
  EXPECT_EQ(at(s, "E7").text, "0,42");
  EXPECT_EQ(at(s, "A9").format_class, FormatClass::Other);
  EXPECT_EQ(at(s, "B9").type, CellType::Date);
  EXPECT_EQ(at(s, "B9").text, "2026-12-03T00:00:00");
  EXPECT_EQ(at(s, "C9").text, "2026-12-03T16:30:00");
  EXPECT_EQ(at(s, "D9").type, CellType::Boolean);
  EXPECT_EQ(at(s, "D9").number, 1);
  EXPECT_EQ(at(s, "E9").type, CellType::Text);
  EXPECT_EQ(at(s, "E9").text, "AB");
  EXPECT_EQ(at(s, "B10").text, "Trong đó: nữ");  // rich text runs joined
  EXPECT_EQ(at(s, "C10").font, ".VnTime");
  EXPECT_EQ(at(s, "F10").text, "dòng 1\ndòng 2");
}

TEST(XlsxReader, DecomposedTextArrivesComposed) {
  auto wb = load("types.xlsx");
  EXPECT_EQ(at(wb.sheets[0], "B7").text, "Tỷ lệ hộ nghèo");
}

TEST(XlsxReader, MergedHeaderBandHiddenAndEmptySheets) {
  auto wb = load("types.xlsx");
  const auto& m = wb.sheets[0].merges;
  std::vector<std::string> refs;
  for (const auto& r : m) refs.push_back(range_ref(r));
  EXPECT_EQ(refs, (std::vector<std::string>{"A1:F1", "A2:F2", "A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"}));
  EXPECT_EQ(wb.sheets[1].info.name, "Ẩn");
  EXPECT_EQ(wb.sheets[1].info.visibility, Visibility::Hidden);
  EXPECT_EQ(wb.sheets[2].info.name, "Trống");
  EXPECT_TRUE(wb.sheets[2].cells.empty());
}

TEST(XlsxReader, ConstantMemoryInlineStrings) {
  auto wb = load("constant_memory.xlsx");
  ASSERT_EQ(wb.sheets.size(), 1u);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(s.cells.size(), 12u);
  EXPECT_EQ(at(s, "B3").text, "Xây dựng nông thôn mới");
  EXPECT_EQ(at(s, "A4").number, 3);
}

TEST(XlsxReader, SheetOrderFromWorkbookNotSheetIdAndAbsoluteParts) {
  auto wb = load("traps.xlsx");
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.info.name);
  // The chart sheet holds no cells and is not listed.
  EXPECT_EQ(names, (std::vector<std::string>{"Dữ liệu", "Ẩn", "Rất ẩn"}));
  EXPECT_EQ(wb.sheets[1].info.visibility, Visibility::Hidden);
  EXPECT_EQ(wb.sheets[2].info.visibility, Visibility::VeryHidden);
  EXPECT_EQ(at(wb.sheets[1], "A1").text, "trang ẩn");  // target "/xl/worksheets/sheet1.xml"
  EXPECT_EQ(at(wb.sheets[2], "A1").number, 42);       // target with "../"
}

TEST(XlsxReader, Traps) {
  auto wb = load("traps.xlsx");
  const auto& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").text, "Chỉ tiêu");                  // lower-case "a1"
  EXPECT_EQ(at(s, "B1").text, "Tỷ lệ hộ nghèo");            // rich runs, <rPh> skipped
  EXPECT_EQ(at(s, "C1").type, CellType::Text);             // empty <si/>: a value ""
  EXPECT_EQ(at(s, "C1").text, "");
  EXPECT_EQ(at(s, "B2").format_class, FormatClass::Percent);
  EXPECT_EQ(at(s, "C2").text, "Trong đó");                  // inline rich text, rPh skipped
  EXPECT_EQ(at(s, "D2").text, "chuỗi không công thức");     // t="str" without a formula
  EXPECT_EQ(at(s, "E2").type, CellType::Error);
  EXPECT_EQ(at(s, "E2").text, "#DIV/0!");
  EXPECT_EQ(at(s, "F2").type, CellType::Date);              // t="d"
  EXPECT_EQ(at(s, "F2").text, "2026-12-03T08:30:00");
  EXPECT_EQ(at(s, "G2").type, CellType::Boolean);           // boolean formula result
  EXPECT_TRUE(at(s, "H2").formula_without_value);
  EXPECT_EQ(at(s, "H2").type, CellType::Empty);
  EXPECT_EQ(at(s, "I2").format_class, FormatClass::Date);   // [$-42A] locale prefix
  EXPECT_EQ(at(s, "J2").text, "dòng\rhai");                 // _x000D_
  EXPECT_EQ(at(s, "J2").font, ".VnTime");
  EXPECT_EQ(at(s, "A3").number, 2);                         // row and cell without r
  EXPECT_EQ(at(s, "B3").formula, "A3*2");
  EXPECT_TRUE(at(s, "B4").is_formula);                      // shared formula dependent
  EXPECT_EQ(at(s, "B4").number, 6);
  EXPECT_EQ(at(s, "C4").type, CellType::Empty);             // styled blank: not pushed
  EXPECT_EQ(at(s, "A5").number, 5);                         // mc:Fallback read
  EXPECT_EQ(at(s, "A9").type, CellType::Empty);             // mc:Choice skipped
  ASSERT_EQ(s.merges.size(), 1u);
  EXPECT_EQ(range_ref(s.merges[0]), "C1:D1");
}

TEST(XlsxReader, StrictNamespacesAnd1904Dates) {
  auto wb = load("strict_1904.xlsx");
  EXPECT_TRUE(wb.info.date1904);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").text, "Ngày nhận");
  // 44896 in the 1904 system is 46358 in the 1900 system.
  EXPECT_EQ(at(s, "B1").type, CellType::Date);
  EXPECT_DOUBLE_EQ(at(s, "B1").number, 46358);
  EXPECT_EQ(at(s, "B1").text, "2026-12-02T00:00:00");
  EXPECT_EQ(at(s, "C1").number, 12.5);
  EXPECT_EQ(at(s, "C1").font, "Arial");
}

TEST(XlsxReader, FormulaResultsThatAreNotTrusted) {
  auto wb = load("formula_recalc_on_load.xlsx");
  EXPECT_TRUE(wb.info.recalc_on_load);
  const auto& s = wb.sheets[0];
  // The placeholder 0 is read, and marked as not to be trusted.
  EXPECT_TRUE(at(s, "E8").is_formula);
  EXPECT_EQ(at(s, "E8").type, CellType::Number);
  EXPECT_TRUE(at(s, "E8").result_untrusted);
  EXPECT_FALSE(at(s, "A8").result_untrusted);
  EXPECT_EQ(at(s, "E12").shared_formula, 0);
  EXPECT_EQ(at(s, "E12").formula, "ROUND(H12/I12,3)");
  EXPECT_EQ(at(s, "E13").shared_formula, 0);
  EXPECT_EQ(at(s, "E13").formula, "");
  auto none = load("formula_no_results.xlsx");
  EXPECT_FALSE(none.info.recalc_on_load);
  EXPECT_TRUE(at(none.sheets[0], "E8").formula_without_value);
  EXPECT_FALSE(at(none.sheets[0], "E8").result_untrusted);
  // libxlsxwriter sets fullCalcOnLoad too, with the results it was given.
  EXPECT_TRUE(at(load("types.xlsx").sheets[0], "F6").result_untrusted);
}

// A unit's workbook reused from last year: hidden sheet, hidden rows and a hidden column
// are read and marked (tests/gen/make_paste_fixtures.py).
TEST(Xlsx, HiddenRowsAndColumnsAreMarked) {
  auto book = load("report_hidden.xlsx");
  ASSERT_EQ(book.sheets.size(), 2u);
  EXPECT_EQ(book.sheets[0].info.visibility, Visibility::Hidden);
  const auto& s = book.sheets[1];
  EXPECT_TRUE(s.row_hidden(6));
  EXPECT_FALSE(s.row_hidden(7));
  EXPECT_TRUE(s.row_hidden(8));
  EXPECT_TRUE(s.column_hidden(4));
  EXPECT_FALSE(s.column_hidden(5));
  EXPECT_EQ(at(s, "F7").number, 94.7);  // the hidden row's cells are read all the same
}

// The same workbook saved by LibreOffice as .ods and .xls: the same rows and column hidden
// (LibreOffice shows the hidden first sheet, as it opens on it).
TEST(Xlsx, HiddenRowsAndColumnsInOdsAndXls) {
  for (const char* name : {"report_hidden.ods", "report_hidden.xls"}) {
    auto book = load(name);
    ASSERT_EQ(book.sheets.size(), 2u) << name;
    const auto& s = book.sheets[1];
    EXPECT_TRUE(s.row_hidden(6) && s.row_hidden(8) && s.row_hidden(10)) << name;
    EXPECT_FALSE(s.row_hidden(7) || s.row_hidden(9) || s.row_hidden(5)) << name;
    EXPECT_TRUE(s.column_hidden(4)) << name;
    EXPECT_FALSE(s.column_hidden(3) || s.column_hidden(5)) << name;
  }
}

TEST(XlsxReader, InlineStringWithAValueElementShowsTheInlineString) {
  // Written by some exporters: <is> and <v> in one inlineStr cell; Excel shows <is>.
  auto book = load("inline_with_value.xlsx");
  const auto& s = book.sheets[0];
  EXPECT_EQ(at(s, "A1").type, CellType::Text);
  EXPECT_EQ(at(s, "A1").text, "1.");
  EXPECT_EQ(at(s, "B1").text, "Tỷ lệ hộ nghèo");  // <v> first, then rich-text runs
  EXPECT_EQ(at(s, "C1").text, "chỉ v");           // no <is>: the value is what there is
}

// A long report holds millions of cells: each is compact, and the cells of one font or number
// format point to one copy of it, also after crossing from the reading process.
TEST(XlsxReader, CellsShareTheirFormatsAndFonts) {
  static_assert(sizeof(StoredCell) <= 64);
  auto wb = load("types.xlsx");
  const auto& s = wb.sheets[0];
  const auto &a1 = at(s, "A1"), &e6 = at(s, "E6");
  std::size_t same_font = 0, shared_font = 0;
  for (const auto& c : s.cells)
    if (&c != &a1 && c.font == a1.font.str()) ++same_font, shared_font += c.font.shares(a1.font);
  EXPECT_GT(same_font, 3u);
  EXPECT_EQ(shared_font, same_font);
  auto crossed = deserialise_workbook(serialise_workbook(wb));
  const auto& t = crossed.sheets[0];
  EXPECT_EQ(at(t, "E6").number_format, "0.0%");
  EXPECT_EQ(at(t, "F6").formula, "E6*100/D6");
  std::size_t fonts = 0;
  for (const auto& c : t.cells) fonts += c.font == a1.font.str() && c.font.shares(at(t, "A1").font);
  EXPECT_EQ(fonts, same_font + 1);
  // A copy shares, an assignment replaces.
  StoredCell copy = e6;
  EXPECT_TRUE(copy.number_format.shares(e6.number_format));
  copy.number_format = "0%";
  EXPECT_EQ(copy.number_format, "0%");
  EXPECT_EQ(e6.number_format, "0.0%");
  EXPECT_TRUE(StoredCell().number_format.empty());
  // Texts that repeat (statuses, units, names written twice) are one copy too.
  std::size_t repeated = 0;
  for (std::size_t i = 0; i < s.cells.size(); ++i)
    for (std::size_t j = i + 1; j < s.cells.size(); ++j)
      if (s.cells[i].type == CellType::Text && s.cells[j].type == CellType::Text && s.cells[i].text == s.cells[j].text.str()) {
        ++repeated;
        EXPECT_TRUE(s.cells[i].text.shares(s.cells[j].text)) << s.cells[i].text;
      }
  EXPECT_GT(repeated, 0u);
}
