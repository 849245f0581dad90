#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "recognise/table.hpp"

using namespace tonghop;

namespace {
const LabelRoles& roles() {
  static LabelRoles r = LabelRoles::load_default();
  return r;
}

// A sheet laid out as a unit's progress report: rows of cells ("" = empty), numbers given
// as numbers, merges as ranges.
struct SheetBuilder {
  Sheet sheet;
  explicit SheetBuilder(std::string name) { sheet.info.name = std::move(name); }
  SheetBuilder& row(std::uint32_t r, const std::vector<std::string>& texts) {
    for (std::uint32_t c = 0; c < texts.size(); ++c)
      if (!texts[c].empty()) text(r, c, texts[c]);
    return *this;
  }
  SheetBuilder& text(std::uint32_t r, std::uint32_t c, const std::string& t) {
    StoredCell cell;
    cell.row = r, cell.col = c, cell.type = CellType::Text, cell.text = t;
    sheet.cells.push_back(cell);
    return *this;
  }
  SheetBuilder& number(std::uint32_t r, std::uint32_t c, double n, FormatClass f = FormatClass::General) {
    StoredCell cell;
    cell.row = r, cell.col = c, cell.type = CellType::Number, cell.number = n, cell.format_class = f;
    sheet.cells.push_back(cell);
    return *this;
  }
  SheetBuilder& merge(std::uint32_t r0, std::uint32_t c0, std::uint32_t r1, std::uint32_t c1) {
    sheet.merges.push_back({r0, c0, r1, c1});
    return *this;
  }
  Workbook book() {
    std::stable_sort(sheet.cells.begin(), sheet.cells.end(),
                     [](const StoredCell& a, const StoredCell& b) { return std::pair{a.row, a.col} < std::pair{b.row, b.col}; });
    Workbook w;
    w.sheets.push_back(sheet);
    return w;
  }
};

// Biểu 01 as units send it: the official title block, a two-row header with merged
// "Năm 2026" over plan/actual, a column-number row, group rows, numbered items, a
// sub-indicator under "Trong đó", a page-break repeat of the header, and a total row
// followed by signatures.
Workbook bieu01() {
  SheetBuilder s("Biểu 01");
  s.row(0, {"UBND PHƯỜNG AN DƯƠNG"}).merge(0, 0, 0, 2);
  s.row(1, {"PHÒNG VĂN HÓA - XÃ HỘI"}).merge(1, 0, 1, 2);
  s.row(2, {"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026"}).merge(2, 0, 2, 6);
  s.row(4, {"STT", "Chỉ tiêu", "ĐVT", "Năm 2026", "", "Tỷ lệ %", "Ghi chú"});
  s.merge(4, 0, 5, 0).merge(4, 1, 5, 1).merge(4, 2, 5, 2).merge(4, 3, 4, 4).merge(4, 5, 5, 5).merge(4, 6, 5, 6);
  s.row(5, {"", "", "", "Kế hoạch", "Thực hiện"});
  s.row(6, {"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"});
  s.row(7, {"I. NHÓM CHỈ TIÊU VỀ XÃ HỘI"}).merge(7, 0, 7, 6);
  s.row(8, {"1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "Trên 97,5", "97,8"});
  s.row(9, {"2.", "Tỷ lệ hộ nghèo", "%", "Giảm hàng năm"}).number(9, 4, 0.012, FormatClass::Percent);
  s.row(10, {"", "Trong đó: hộ cận nghèo", "%", "", "1,5"});
  s.row(12, {"STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ %", "Ghi chú"});  // repeated after a page break
  s.row(13, {"II", "NHÓM CHỈ TIÊU VỀ MÔI TRƯỜNG"});
  s.row(14, {"3", "Tỷ lệ thu gom chất thải rắn sinh hoạt", "%", "100"}).number(14, 4, 100);
  s.row(15, {"", "Tổng cộng"});
  s.row(17, {"", "NGƯỜI LẬP BIỂU", "", "", "TRƯỞNG PHÒNG"});
  return s.book();
}
}  // namespace

TEST(RecogniseTable, TwoRowHeaderUnderATitleBlock) {
  auto book = bieu01();
  auto tables = recognise_tables(book, roles());
  ASSERT_EQ(tables.size(), 1u);  // the header repeated after a page break starts no second table
  const auto& t = tables[0];
  EXPECT_EQ(t.header_first, 4u);
  EXPECT_EQ(t.header_last, 5u);
  EXPECT_EQ(t.column(Role::Code), 0u);
  EXPECT_EQ(t.column(Role::Name), 1u);
  EXPECT_EQ(t.column(Role::UnitOfMeasure), 2u);
  EXPECT_EQ(t.column(Role::PlanValue), 3u);  // "Năm 2026 / Kế hoạch": the lower row names it
  EXPECT_EQ(t.column(Role::Actual), 4u);
  EXPECT_EQ(t.column(Role::Ratio), 5u);
  EXPECT_EQ(t.column(Role::Note), 6u);
  for (const auto& c : t.columns)
    if (c.col == 4) { EXPECT_EQ(c.label, "Năm 2026 / Thực hiện"); }
  // The title block, banner by banner.
  ASSERT_EQ(t.title.size(), 3u);
  EXPECT_EQ(t.title[1], "PHÒNG VĂN HÓA - XÃ HỘI");
}

TEST(RecogniseTable, GroupsItemsSubRowsAndWhatIsSkipped) {
  auto book = bieu01();
  auto tables = recognise_tables(book, roles());
  ASSERT_EQ(tables.size(), 1u);
  const auto& t = tables[0];
  std::vector<std::uint32_t> rows;
  for (const auto& r : t.rows) rows.push_back(r.row);
  // The column numbers (6), blank rows (11, 16), the repeated header (12) are no rows;
  // "Tổng cộng" (15) ends the table and the signatures below it are left out.
  ASSERT_EQ(rows, (std::vector<std::uint32_t>{7, 8, 9, 10, 13, 14}));
  EXPECT_EQ(t.rows[0].kind, RowKind::Group);
  EXPECT_EQ(t.rows[0].group, "I. NHÓM CHỈ TIÊU VỀ XÃ HỘI");  // merged across the row
  EXPECT_EQ(t.rows[1].kind, RowKind::Item);
  EXPECT_EQ(t.rows[1].code, "1");
  EXPECT_EQ(t.rows[1].group, "I. NHÓM CHỈ TIÊU VỀ XÃ HỘI");
  EXPECT_EQ(t.rows[2].code, "2");  // "2." loses its dot
  EXPECT_EQ(t.rows[3].kind, RowKind::SubItem);
  EXPECT_EQ(t.rows[3].parent, 2);  // under item 2
  EXPECT_EQ(t.rows[4].kind, RowKind::Group);
  EXPECT_EQ(t.rows[4].group, "II. NHÓM CHỈ TIÊU VỀ MÔI TRƯỜNG");  // code and name in two cells
  EXPECT_EQ(t.rows[5].code, "3");
  EXPECT_EQ(t.rows[5].group, "II. NHÓM CHỈ TIÊU VỀ MÔI TRƯỜNG");
}

TEST(RecogniseTable, SheetViewShowsMergedAndFormattedCells) {
  auto book = bieu01();
  SheetView v(book.sheets[0]);
  EXPECT_EQ(v.text(5, 1), "Chỉ tiêu");       // covered by the merge B5:B6: its top-left value
  EXPECT_EQ(v.text(7, 5), "I. NHÓM CHỈ TIÊU VỀ XÃ HỘI");
  EXPECT_EQ(v.text(9, 4), "1.2%");           // a percent-formatted fraction shows as a percent
  EXPECT_EQ(v.text(14, 4), "100");
  EXPECT_EQ(v.text(3, 3), "");
  ASSERT_NE(v.merge_at(4, 4), nullptr);
  EXPECT_EQ(v.merge_at(4, 4)->first_col, 3u);
}

// The view's index of rows: rows without cells, rows outside the sheet, columns not stored.
TEST(RecogniseTable, SheetViewFindsCellsByRowAndColumn) {
  SheetBuilder s("Biểu");
  s.row(2, {"a", "", "c"}).row(5, {"", "e"}).number(5, 3, 7).row(1000, {"z"});
  auto book = s.book();
  SheetView v(book.sheets[0]);
  for (std::uint32_t r : {0u, 1u, 2u, 3u, 5u, 999u, 1000u, 1001u, 5000u})
    for (std::uint32_t c = 0; c < 5; ++c) EXPECT_EQ(v.find(r, c), book.sheets[0].find(r, c)) << r << "," << c;
  ASSERT_NE(v.find(5, 3), nullptr);
  EXPECT_EQ(v.find(5, 3)->number, 7);
  EXPECT_EQ(v.find(1, 0), nullptr);
  Sheet empty;
  EXPECT_EQ(SheetView(empty).find(0, 0), nullptr);
}

// A place-and-date line ends a table; "ngày" inside an item's words, before the comma, does not.
TEST(RecogniseTable, ADateLineEndsTheTableDayWordsInsideItemsDoNot) {
  SheetBuilder s("Biểu 02");
  s.row(0, {"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Tiến độ"});
  s.row(1, {"1", "Tổ chức các hoạt động văn hóa", "Phòng Văn hóa - Xã hội", "Hoàn thành"});
  s.row(2, {"", "- Ngày hội đại đoàn kết, tháng 11 năm 2026", "", "Đang thực hiện"});
  s.row(3, {"2", "Chuyển đổi số", "Văn phòng", "Đang thực hiện"});
  s.row(5, {"", "", "An Dương, ngày 25 tháng 3 năm 2026"});
  s.row(6, {"3", "Không thuộc bảng", "Văn phòng", "Hoàn thành"});
  auto book = s.book();
  auto tables = recognise_tables(book, roles());
  ASSERT_EQ(tables.size(), 1u);
  std::vector<std::uint32_t> rows;
  for (const auto& r : tables[0].rows) rows.push_back(r.row);
  EXPECT_EQ(rows, (std::vector<std::uint32_t>{1, 2, 3}));
}

// Not every sheet is a report: a sheet of notes, or a header with the name column alone,
// yields no table.
TEST(RecogniseTable, NoTableWithoutANameColumnAndTwoOtherRoles) {
  SheetBuilder notes("Ghi chú");
  notes.row(0, {"Ghi chú: số liệu ước thực hiện đến 30/11"}).row(1, {"Người lập", "Nguyễn Văn A"});
  auto a = notes.book();
  EXPECT_TRUE(recognise_tables(a, roles()).empty());
  SheetBuilder thin("BC");
  thin.row(0, {"Chỉ tiêu", "Số liệu"}).row(1, {"Tỷ lệ hộ nghèo", "1,2"});
  auto b = thin.book();
  EXPECT_TRUE(recognise_tables(b, roles()).empty());
}

// Labels are matched by whole words, the longest phrase winning.
TEST(RecogniseTable, LabelRolesLongestWholeWordPhrase) {
  EXPECT_EQ(roles().match("ty le th/kh"), Role::Ratio);
  EXPECT_EQ(roles().match("don vi tinh"), Role::UnitOfMeasure);
  EXPECT_EQ(roles().match("uoc thuc hien nam 2026"), Role::Actual);
  EXPECT_EQ(roles().match("khac"), Role::None);  // "kh" inside a word is not "kế hoạch"
}
