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

namespace {
Issue refusal_issue(const std::string& path) {
  try {
    load_workbook(path);
  } catch (const InputError& e) {
    return e.issue();
  }
  ADD_FAILURE() << path << " was read";
  return {};
}
}  // namespace

TEST(Detect, PdfRenamedXlsxIsToldItIsAPdf) {
  auto i = refusal_issue(data("bad_pdf_renamed.xlsx"));
  EXPECT_EQ(i.code, IssueCode::NotASpreadsheet);
  EXPECT_EQ(i.where.file, data("bad_pdf_renamed.xlsx"));
  EXPECT_EQ(i.message(Lang::Vi),
            "Đây là tệp PDF (bản in hay bản ký của báo cáo), không phải bảng tính, nên không có số liệu để đọc.");
  EXPECT_NE(i.hint(Lang::Vi).find("gửi tệp Excel"), std::string::npos);
  EXPECT_NE(i.message(Lang::En).find("a PDF file"), std::string::npos);
}

TEST(Detect, ImagesAndOtherDocumentsAreNamed) {
  auto kind = [](std::string_view head) {
    auto k = foreign_document(head);
    return k ? k->en : std::string("-");
  };
  EXPECT_EQ(kind(std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "a PNG image");
  EXPECT_EQ(kind("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "a JPEG image (a photo)");
  EXPECT_EQ(kind(std::string_view("\0\0\0\x18" "ftypheic\0\0\0\0", 16)), "a HEIC image (a phone photo)");
  EXPECT_EQ(kind("{\\rtf1\\ansi Bao cao}"), "an RTF document");
  EXPECT_EQ(kind("\r\n%PDF-1.7\n"), "a PDF file (a printed or signed copy of the report)");
  EXPECT_EQ(kind("STT,Chỉ tiêu\n1,Tỷ lệ\n"), "-");
  EXPECT_EQ(kind(std::string_view("PK\x03\x04rest", 8)), "-");
  // The PNG fixture named .xlsx is refused as the image it is.
  auto i = refusal_issue(data("bad_not_a_spreadsheet.xlsx"));
  EXPECT_EQ(i.code, IssueCode::NotASpreadsheet);
  EXPECT_NE(i.message(Lang::Vi).find("ảnh PNG"), std::string::npos);
}

TEST(Detect, HtmlPageWithoutATableIsNotConverted) {
  // A login page saved instead of the report: no LibreOffice run, a clear refusal.
  auto i = refusal_issue(data("bad_html_no_table.xls"));
  EXPECT_EQ(i.code, IssueCode::NotASpreadsheet);
  EXPECT_NE(i.message(Lang::Vi).find("trang web HTML không có bảng"), std::string::npos);
}
