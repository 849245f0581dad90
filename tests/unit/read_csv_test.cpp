#include <gtest/gtest.h>

#include <fstream>

#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
void expect_rows(const Workbook& wb) {
  ASSERT_EQ(wb.sheets.size(), 1u);
  const auto& s = wb.sheets[0];
  EXPECT_EQ(at(s, "B1").text, "Chỉ tiêu");
  EXPECT_EQ(at(s, "B2").text, "Tỷ lệ người dân tham gia bảo hiểm y tế");
  EXPECT_EQ(at(s, "A2").type, CellType::Number);
  // Decimal commas stay text for the stages that know the column.
  EXPECT_EQ(at(s, "D2").text, "97,5");
  EXPECT_EQ(at(s, "E3").number, 125.5);
  EXPECT_EQ(at(s, "D4").text, "007");
  EXPECT_EQ(at(s, "F3").text, "ước, \"tạm tính\"");
  EXPECT_EQ(at(s, "F4").text, "dòng 1\ndòng 2");
  EXPECT_EQ(at(s, "F2").type, CellType::Empty);
}
}  // namespace

TEST(CsvReader, Utf8WithBomComma) {
  auto wb = load("csv_utf8_bom.csv");
  EXPECT_EQ(wb.info.encoding, "UTF-8");
  EXPECT_EQ(wb.info.delimiter, ',');
  EXPECT_EQ(wb.sheets[0].info.name, "csv_utf8_bom");
  expect_rows(wb);
}

TEST(CsvReader, SemicolonDetected) {
  auto wb = load("csv_semicolon.csv");
  EXPECT_EQ(wb.info.delimiter, ';');
  expect_rows(wb);
}

TEST(CsvReader, ExcelUnicodeTextIsUtf16Tab) {
  auto wb = load("csv_unicode_text.txt");
  EXPECT_EQ(wb.info.encoding, "UTF-16LE");
  EXPECT_EQ(wb.info.delimiter, '\t');
  expect_rows(wb);
}

TEST(CsvReader, VietnameseWindowsCodePage) {
  auto wb = load("csv_cp1258.csv");
  EXPECT_EQ(wb.info.encoding, "CP1258");
  expect_rows(wb);  // combining tone marks composed to NFC
}

TEST(CsvReader, DotWithThreeDigitsStaysText) {
  std::string path = ::testing::TempDir() + "dots.csv";
  std::ofstream(path) << "a,b,c\n1.234,97.8,1234\n";
  auto wb = load_workbook(path);
  EXPECT_EQ(at(wb.sheets[0], "A2").type, CellType::Text);
  EXPECT_EQ(at(wb.sheets[0], "B2").number, 97.8);
  EXPECT_EQ(at(wb.sheets[0], "C2").number, 1234);
}
