#include <gtest/gtest.h>

#include "read/format_detect.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(Detect, FromContentNotName) {
  EXPECT_EQ(sniff(""), Container::Empty);
  EXPECT_EQ(sniff(std::string_view("PK\x03\x04rest", 8)), Container::Zip);
  EXPECT_EQ(sniff(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)), Container::Cfb);
  EXPECT_EQ(sniff(std::string_view("\x09\x00\x04\x00\x02\x00\x10\x00", 8)), Container::RawBiff);
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"),
            Container::SpreadsheetML);
  EXPECT_EQ(sniff("<html><body><table><tr><td>1</td></tr></table>"), Container::Html);
  EXPECT_EQ(sniff("STT,Chỉ tiêu\n1,Tỷ lệ\n"), Container::Text);
  EXPECT_EQ(sniff(std::string_view("\xFF\xFES\0T\0T\0", 8)), Container::Text);
  EXPECT_EQ(sniff(std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), Container::Binary);
}

TEST(Detect, CsvNamedXlsxIsReadAsCsv) {
  // A file's name does not decide its format: the CSV fixture read under any name.
  auto wb = load("csv_semicolon.csv");
  EXPECT_EQ(wb.info.format, FileFormat::Csv);
  EXPECT_EQ(sniff_file(data("types.xlsx")), Container::Zip);
}
