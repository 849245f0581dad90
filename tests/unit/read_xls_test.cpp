#include <gtest/gtest.h>

#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(XlsReader, SharedStringsSplitByContinueWithTheWidthSwitching) {
  auto wb = load("biff8_traps.xls");
  EXPECT_EQ(wb.info.format, FileFormat::Xls);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(s.info.name, "Biểu 01");
  EXPECT_EQ(at(s, "A1").text, "Tỷ lệ hộ nghèo");
  // 9000 characters: compressed in the SST record, UTF-16 in its CONTINUE.
  EXPECT_EQ(at(s, "B1").text, std::string(9000, 'A'));
  EXPECT_EQ(at(s, "C1").text, "Đạt");  // the string after the split still lines up
  // UTF-16 first, compressed after the next CONTINUE.
  EXPECT_EQ(at(s, "D1").text, "Đ" + std::string(5000, 'B'));
}

TEST(XlsReader, NumbersRkMulrkBoolErr) {
  auto book = load("biff8_traps.xls");
  const auto& s = book.sheets[0];
  EXPECT_DOUBLE_EQ(at(s, "A2").number, 97.5);    // NUMBER
  EXPECT_DOUBLE_EQ(at(s, "B2").number, 97.8);    // RK integer / 100
  EXPECT_NEAR(at(s, "C2").number, 0.978, 1e-5);  // RK truncated double
  EXPECT_EQ(at(s, "C2").format_class, FormatClass::Percent);
  EXPECT_EQ(at(s, "C2").number_format, "0.0%");
  EXPECT_EQ(at(s, "A3").number, 1);              // MULRK
  EXPECT_EQ(at(s, "B3").number, 2);
  EXPECT_EQ(at(s, "C3").number, 0.5);
  EXPECT_EQ(at(s, "A4").type, CellType::Boolean);
  EXPECT_EQ(at(s, "B4").type, CellType::Error);
  EXPECT_EQ(at(s, "B4").text, "#DIV/0!");
}

TEST(XlsReader, FormulaCachedResultsOfEveryKind) {
  auto book = load("biff8_traps.xls");
  const auto& s = book.sheets[0];
  for (const char* ref : {"A5", "B5", "C5", "D5", "E5"}) EXPECT_TRUE(at(s, ref).is_formula) << ref;
  EXPECT_EQ(at(s, "A5").number, 42);
  EXPECT_EQ(at(s, "B5").text, "Hoàn thành");  // from the STRING record
  EXPECT_EQ(at(s, "C5").type, CellType::Boolean);
  EXPECT_EQ(at(s, "D5").text, "#N/A");
  EXPECT_EQ(at(s, "E5").type, CellType::Text);
  EXPECT_EQ(at(s, "E5").text, "");
}

TEST(XlsReader, DatesFontsMergesHiddenSheets) {
  auto wb = load("biff8_traps.xls");
  const auto& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A6").type, CellType::Date);
  EXPECT_EQ(at(s, "A6").text, "2022-12-01T00:00:00");
  // XF font 5 is the fifth FONT record: index 4 does not exist in BIFF.
  EXPECT_EQ(at(s, "B6").font, ".VnTime");
  EXPECT_EQ(at(s, "B6").text, "B\u00B8o c\u00B8o");  // TCVN3 bytes kept for the next stage
  ASSERT_EQ(s.merges.size(), 1u);
  EXPECT_EQ(range_ref(s.merges[0]), "A7:C7");
  ASSERT_EQ(wb.sheets.size(), 2u);
  EXPECT_EQ(wb.sheets[1].info.visibility, Visibility::Hidden);
  EXPECT_EQ(at(wb.sheets[1], "A1").text, "Đạt");
}

TEST(XlsReader, DateMode1904) {
  auto wb = load("biff8_1904.xls");
  EXPECT_TRUE(wb.info.date1904);
  EXPECT_EQ(at(wb.sheets[0], "A6").text, "2026-12-02T00:00:00");
  EXPECT_DOUBLE_EQ(at(wb.sheets[0], "A6").number, 46358);
}

TEST(XlsReader, Biff5CodePage1258) {
  auto wb = load("biff5_cp1258.xls");
  const auto& s = wb.sheets[0];
  EXPECT_EQ(s.info.name, "Biểu 01");
  // Windows-1258 writes tone marks as combining characters; they arrive composed (NFC).
  EXPECT_EQ(at(s, "A2").text, "Tỷ lệ người dân tham gia bảo hiểm y tế");
  EXPECT_EQ(at(s, "A3").text, "Đạt");
  EXPECT_EQ(at(s, "B2").format_class, FormatClass::Percent);
  EXPECT_EQ(at(s, "B2").font, "Times New Roman");
}

TEST(XlsReader, LibreOfficeConversionReadsLikeTheXlsx) {
  auto xls = load("types.xls");
  auto xlsx = load("types.xlsx");
  ASSERT_EQ(xls.sheets.size(), xlsx.sheets.size());
  const auto& a = xls.sheets[0];
  const auto& b = xlsx.sheets[0];
  // E9 (="A"&"B") is left out: LibreOffice 7.4's .xls export stores its result as the
  // number 0 with no STRING record, and the reader reports what the file holds.
  for (const char* ref : {"A1", "B6", "B7", "D6", "D7", "E6", "E7", "F6", "B9", "C9", "D9", "F9", "B10", "C10", "F10"}) {
    EXPECT_EQ(at(a, ref).type, at(b, ref).type) << ref;
    EXPECT_EQ(at(a, ref).text, at(b, ref).text) << ref;
    EXPECT_NEAR(at(a, ref).number, at(b, ref).number, 1e-9) << ref;
    EXPECT_EQ(at(a, ref).format_class, at(b, ref).format_class) << ref;
  }
  EXPECT_TRUE(at(a, "E9").is_formula);
  EXPECT_EQ(at(a, "C10").font, ".VnTime");
  EXPECT_EQ(a.merges.size(), b.merges.size());
  EXPECT_EQ(xls.sheets[1].info.visibility, Visibility::Hidden);
}

TEST(XlsReader, SharedStringsMeetContinueAtEveryBoundary) {
  auto book = load("biff8_boundaries.xls");
  const auto& s = book.sheets[0];
  // The SST record ends right after a string's characters; the next CONTINUE starts with
  // a header, then rich-text runs, then a flags byte, then inside phonetic data: every
  // string after each boundary still lines up, in all 64 cells that use them.
  std::size_t seen = 0;
  for (std::uint32_t row = 0; row < 16; ++row) {
    const char* expected[] = {"Chỉ tiêu", "Đạt", "Tỷ lệ", "Hoàn thành"};
    for (std::uint32_t col = 0; col < 4; ++col) {
      const auto* c = s.find(row, col);
      ASSERT_NE(c, nullptr) << cell_ref(row, col);
      EXPECT_EQ(c->text, expected[col]) << cell_ref(row, col);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 64u);
  EXPECT_EQ(at(s, "A17").text, std::string(at(s, "A17").text.size(), 'A'));
  EXPECT_GT(at(s, "A17").text.size(), 8000u);
  EXPECT_EQ(at(s, "B17").text, std::string(300, 'B'));
}

TEST(XlsReader, FormulaRecordsWithTheBiff4NumberAreRead) {
  auto book = load("biff8_boundaries.xls");
  const auto& s = book.sheets[0];
  EXPECT_TRUE(at(s, "E17").is_formula);
  EXPECT_DOUBLE_EQ(at(s, "E17").number, 96.9);
  EXPECT_TRUE(at(s, "F17").is_formula);
  EXPECT_EQ(at(s, "F17").text, "Đạt");  // its string result in the STRING record after it
}
