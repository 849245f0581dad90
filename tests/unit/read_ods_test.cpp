#include <gtest/gtest.h>

#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(OdsReader, ValueTypesSpansAndRepeats) {
  auto wb = load("traps.ods");
  EXPECT_EQ(wb.info.format, FileFormat::Ods);
  ASSERT_EQ(wb.sheets.size(), 2u);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(s.info.name, "Biểu 01");
  EXPECT_EQ(at(s, "A1").text, "BÁO CÁO");
  ASSERT_EQ(s.merges.size(), 1u);
  EXPECT_EQ(range_ref(s.merges[0]), "A1:C2");
  // Covered cells take their columns; a repeated value cell is expanded.
  EXPECT_EQ(at(s, "D2").number, 1);
  EXPECT_EQ(at(s, "F2").number, 1);
  EXPECT_EQ(at(s, "G2").type, CellType::Empty);
  EXPECT_EQ(at(s, "A3").format_class, FormatClass::Percent);
  EXPECT_DOUBLE_EQ(at(s, "A3").number, 0.978);
  EXPECT_EQ(at(s, "B3").type, CellType::Date);
  EXPECT_EQ(at(s, "B3").text, "2026-12-03T00:00:00");
  EXPECT_EQ(at(s, "C3").text, "08:30:00");
  EXPECT_EQ(at(s, "D3").type, CellType::Boolean);
  EXPECT_EQ(at(s, "E3").type, CellType::Error);
  EXPECT_EQ(at(s, "E3").text, "#DIV/0!");
  EXPECT_EQ(at(s, "E3").formula, "1/0");
  EXPECT_TRUE(at(s, "F3").formula_without_value);
  // Annotation text is not cell text; text:s and paragraphs are.
  EXPECT_EQ(at(s, "G3").text, "Hai  khoảng\ndòng hai");
  EXPECT_EQ(at(s, "G3").font, ".VnTime");
  EXPECT_EQ(at(s, "A1").font, "Liberation Sans");
  EXPECT_EQ(at(s, "H3").number, 3);
  // A billion empty columns and a million empty rows add nothing.
  EXPECT_EQ(s.cells.size(), 12u);
  EXPECT_EQ(wb.sheets[1].info.visibility, Visibility::Hidden);
}

TEST(OdsReader, LibreOfficeConversionOfTheXlsxFixtureReadsTheSame) {
  auto ods = load("types.ods");
  auto xlsx = load("types.xlsx");
  ASSERT_EQ(ods.sheets.size(), xlsx.sheets.size());
  const auto& o = ods.sheets[0];
  const auto& x = xlsx.sheets[0];
  for (const char* ref : {"A1", "B6", "B7", "D6", "D7", "E7", "B10", "C10", "F10"}) {
    EXPECT_EQ(at(o, ref).type, at(x, ref).type) << ref;
    EXPECT_EQ(at(o, ref).text, at(x, ref).text) << ref;
    EXPECT_DOUBLE_EQ(at(o, ref).number, at(x, ref).number) << ref;
  }
  EXPECT_EQ(at(o, "E6").format_class, FormatClass::Percent);
  EXPECT_DOUBLE_EQ(at(o, "E6").number, 0.978);
  EXPECT_EQ(at(o, "B9").type, CellType::Date);
  EXPECT_EQ(at(o, "B9").text, "2026-12-03T00:00:00");
  EXPECT_EQ(at(o, "C10").font, ".VnTime");
  EXPECT_EQ(o.merges.size(), x.merges.size());
  EXPECT_EQ(ods.sheets[1].info.visibility, Visibility::Hidden);
}
