// The .docx reader on generated documents (tests/gen/make_docx_fixtures.py): list numbering,
// tracked changes, fields and links, merged cells both ways, nested and layout tables, and
// packages refused cleanly.
#include <gtest/gtest.h>

#include <algorithm>

#include "read/docx_reader.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {

std::vector<std::string> texts(const DocxDocument& d) {
  std::vector<std::string> out;
  for (const auto& p : d.paragraphs) out.push_back(p.text);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const DocxCell* cell_at(const DocxTable& t, std::size_t row, std::uint32_t col) {
  if (row >= t.rows.size()) return nullptr;
  for (const auto& c : t.rows[row])
    if (c.col == col) return &c;
  return nullptr;
}

}  // namespace

TEST(ReadDocx, ListNumberingRenderedAsWordShowsIt) {
  auto doc = load_docx_document(data("docx_features.docx"));
  auto t = texts(doc);
  for (const char* expected : {"I. KINH TẾ", "1. Thu ngân sách", "a) thu nội địa", "b) thu từ đất", "2. Chi ngân sách",
                               "II. XÃ HỘI", "1. Giáo dục", "1. Mục một", "1.1. Mục một một", "1.2. Mục một hai",
                               "2. Mục hai", "1. Danh sách khác", "- gạch đầu dòng"})
    EXPECT_TRUE(has(t, expected)) << expected;
  auto it = std::find_if(doc.paragraphs.begin(), doc.paragraphs.end(), [](const auto& p) { return p.label == "a)"; });
  ASSERT_NE(it, doc.paragraphs.end());
  EXPECT_EQ(it->text, "a) thu nội địa");
  EXPECT_EQ(doc.paragraphs.front().text, "Các chỉ tiêu");
  EXPECT_EQ(doc.paragraphs.front().heading, 1);
}

TEST(ReadDocx, AcceptedTextOfTrackedChangesFieldsAndLinks) {
  auto t = texts(load_docx_document(data("docx_features.docx")));
  // "1,5%" deleted, "1%" inserted, " (cũ)" moved away; the link's text and the field's
  // result kept, the field's code dropped.
  EXPECT_TRUE(has(t, "Tỷ lệ hộ nghèo giảm 1% mỗi năm"));
  EXPECT_TRUE(has(t, "Xem Cổng thông tin năm 2026"));
  for (const auto& s : t) EXPECT_EQ(s.find("DATE"), std::string::npos) << s;
}

TEST(ReadDocx, TableGridWithMergesDeletedRowAndNestedTable) {
  auto doc = load_docx_document(data("docx_features.docx"));
  ASSERT_EQ(doc.tables.size(), 3u);
  const auto& t = doc.tables[0];
  EXPECT_EQ(t.name, "BẢNG 3. CÁC MÔ HÌNH");
  EXPECT_EQ(t.columns, 4u);
  ASSERT_EQ(t.rows.size(), 4u);  // the deleted row is gone
  const auto* head = cell_at(t, 0, 1);
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->text, "Mô hình");
  EXPECT_EQ(head->span, 2u);
  EXPECT_EQ(cell_at(t, 1, 1)->text, "Mô hình A\nhai đoạn");
  EXPECT_EQ(cell_at(t, 1, 3)->rows, 2u);
  EXPECT_EQ(cell_at(t, 1, 3)->text, "chung hai dòng");
  EXPECT_EQ(cell_at(t, 2, 3), nullptr);  // folded into the cell above
  EXPECT_EQ(cell_at(t, 2, 1)->text, "Mô hình B");
  // gridBefore puts the row's first cell in column B; the nested table's rows are lines.
  EXPECT_EQ(cell_at(t, 3, 0), nullptr);
  ASSERT_NE(cell_at(t, 3, 1), nullptr);
  EXPECT_EQ(cell_at(t, 3, 1)->text, "Quý II/2026 | khảo sát\nQuý III/2026 | triển khai");
  // Two tables under the same heading: unique sheet names.
  EXPECT_EQ(doc.tables[1].name, "Phụ lục 1");
  EXPECT_EQ(doc.tables[2].name, "Phụ lục 1 (2)");
}

TEST(ReadDocx, TablesBecomeSheetsWithMergedRanges) {
  auto book = load("docx_features.docx");
  EXPECT_EQ(book.info.format, FileFormat::Docx);
  ASSERT_EQ(book.sheets.size(), 3u);
  const auto& s = book.sheets[0];
  EXPECT_EQ(s.info.name, "BẢNG 3. CÁC MÔ HÌNH");
  // The paragraphs above the table form its title block; the table follows a blank row.
  std::uint32_t header = 0;
  for (const auto& c : s.cells)
    if (c.text == "STT") header = c.row;
  ASSERT_GT(header, 0u);
  EXPECT_EQ(at(s, "A" + std::to_string(header - 1)).text, "BẢNG 3. CÁC MÔ HÌNH");  // 1-based: two rows up
  auto merged = [&](CellRange r) { return std::find(s.merges.begin(), s.merges.end(), r) != s.merges.end(); };
  EXPECT_TRUE(merged({header, 1, header, 2}));
  EXPECT_TRUE(merged({header + 1, 3, header + 2, 3}));
  EXPECT_EQ(s.merges.size(), 2u);
}

TEST(ReadDocx, AnnexSheetsNamedAfterTheirHeadingWithTheCommuneAbove) {
  auto book = load("plan_an_duong.docx");
  std::vector<std::string> names;
  for (const auto& s : book.sheets) names.push_back(s.info.name);
  // The masthead table, then the two annexes (the second inside a layout table).
  EXPECT_EQ(names, (std::vector<std::string>{"Bảng 1", "PHỤ LỤC 1", "PHỤ LỤC II"}));
  EXPECT_EQ(at(book.sheets[1], "A2").text, "PHƯỜNG AN DƯƠNG");
}

TEST(ReadDocx, DocumentWithoutTableSaysWhereTheIndicatorsAre) {
  try {
    load_workbook(data("docx_no_table.docx"));
    FAIL() << "a document without a table must be refused";
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().code, IssueCode::DocumentWithoutTable);
    auto msg = e.issue().message(Lang::Vi);
    EXPECT_NE(msg.find("không có bảng nào"), std::string::npos) << msg;
    EXPECT_NE(msg.find("CÁC CHỈ TIÊU CHỦ YẾU"), std::string::npos) << msg;
    EXPECT_NE(e.issue().hint(Lang::Vi).find("tonghop plan extract"), std::string::npos);
    EXPECT_EQ(e.issue().where.file, data("docx_no_table.docx"));
  }
  // The prose is still there for drafting an annex from it.
  auto doc = load_docx_document(data("docx_no_table.docx"));
  EXPECT_TRUE(doc.tables.empty());
  EXPECT_TRUE(has(texts(doc), "1. Thu ngân sách nhà nước trên địa bàn tăng bình quân 5%/năm."));
}

TEST(ReadDocx, BombsAndBrokenPackagesRefusedCleanly) {
  EXPECT_EQ(refusal(data("bad_docx_bomb.docx")), "limit-exceeded");
  EXPECT_EQ(refusal(data("bad_docx_broken.docx")), "unreadable-file");
  EXPECT_EQ(refusal(data("bad_docx_doctype.docx")), "unreadable-file");
  // A text budget smaller than the document: refused, not truncated.
  ReadLimits small;
  small.text_bytes = 200;
  EXPECT_EQ(refusal(data("plan_an_duong.docx"), small), "limit-exceeded");
}
