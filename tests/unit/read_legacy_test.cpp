#include <gtest/gtest.h>

#include "read/legacy.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(Legacy, Tcvn3BytesBecomeUnicode) {
  // As a reader delivers them: each TCVN3 byte as the Latin-1 character of that value.
  EXPECT_EQ(tcvn3_to_unicode("B\u00B8o c\u00B8o k\u00D5t qu\u00B6 th\u00F9c hi\u00D6n n\u00A8m 2026", false),
            "Báo cáo kết quả thực hiện năm 2026");
  EXPECT_EQ(tcvn3_to_unicode("Ph\u00DFng V\u00A8n ho\u00B8 - X\u00B7 h\u00E9i", false), "Phòng Văn hoá - Xã hội");
  // The capitals fonts (.VnTimeH) show the same bytes as capital letters.
  EXPECT_EQ(tcvn3_to_unicode("b\u00B8o c\u00B8o", true), "BÁO CÁO");
  EXPECT_FALSE(tcvn3_to_unicode("Báo cáo ệ", false));  // already Unicode (ệ is beyond U+00FF)
}

TEST(Legacy, PatternWithoutFonts) {
  EXPECT_TRUE(looks_like_tcvn3("B\u00B8o c\u00B8o k\u00D5t qu\u00B6"));
  EXPECT_FALSE(looks_like_tcvn3("Báo cáo kết quả"));
  EXPECT_FALSE(looks_like_tcvn3("Café 2026"));
}

TEST(Legacy, WorkbookCellsInVnTimeAreConvertedAndReported) {
  auto wb = load("types.xlsx");
  auto found = convert_legacy_text(wb);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sheet, "Biểu 01");
  EXPECT_EQ(found[0].cells, 1u);
  EXPECT_EQ(at(wb.sheets[0], "C10").text, "Báo cáo");
  EXPECT_EQ(at(wb.sheets[0], "B6").text, "Tỷ lệ người dân tham gia bảo hiểm y tế");  // Unicode untouched
}

TEST(Legacy, UnicodeTypedIntoAVnTimeCellIsLeftAlone) {
  auto wb = load("traps.xlsx");  // J2: "dòng\rhai" in a .VnTime font
  EXPECT_TRUE(convert_legacy_text(wb).empty());
  EXPECT_EQ(at(wb.sheets[0], "J2").text, "dòng\rhai");
}

// VNI Windows: a letter followed by modifier bytes, written here as the Latin-1 characters
// a reader delivers.
TEST(Legacy, VniModifiersComposeToUnicode) {
  struct {
    const char* vni;
    const char* unicode;
  } cases[] = {
      {"Ba\u00F9o ca\u00F9o", "Báo cáo"},
      {"Ty\u00FB le\u00E4 ho\u00E4 nghe\u00F8o", "Tỷ lệ hộ nghèo"},  // the tone follows its vowel
      {"\u00D1a\u00EFt", "Đạt"},
      {"Ph\u00F6\u00F4\u00F8ng", "Phường"},
      {"na\u00EAm 2026", "năm 2026"},                                 // the breve on a
      {"Khoâng \u00F1a\u00EFt", "Không đạt"},
      {"ch\u00E6 tie\u00E2u", "chỉ tiêu"},                             // ỉ is one byte (æ)
      {"ch\u00EC", "chì"},
  };
  for (const auto& c : cases) {
    auto got = vni_to_unicode(c.vni);
    ASSERT_TRUE(got) << c.vni;
    EXPECT_EQ(*got, c.unicode) << c.vni;
  }
}

TEST(Legacy, VniTimesCellsInAWorkbookAreConverted) {
  Workbook wb;
  wb.info.format = FileFormat::Xlsx;
  Sheet s;
  s.info.name = "BC";
  auto cell = [](std::uint32_t col, const char* text, const char* font) {
    StoredCell c;
    c.col = col;
    c.type = CellType::Text;
    c.text = text;
    c.font = font;
    return c;
  };
  s.cells.push_back(cell(0, "Ba\u00F9o ca\u00F9o na\u00EAm", "VNI-Times"));
  s.cells.push_back(cell(1, "Ghi chu\u00F9", "VNI-Times"));
  s.cells.push_back(cell(2, "Tổng", "Times New Roman"));
  wb.sheets.push_back(s);
  auto found = convert_legacy_text(wb);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].encoding, "VNI");
  EXPECT_EQ(found[0].cells, 2u);
  EXPECT_EQ(wb.sheets[0].cells[0].text, "Báo cáo năm");
  EXPECT_EQ(wb.sheets[0].cells[1].text, "Ghi chú");
  EXPECT_EQ(wb.sheets[0].cells[2].text, "Tổng");
}

// The loader converts for every reader: the same TCVN3 cell read from .xlsx through
// load_workbook arrives as Unicode with its legacy-encoding issue naming file and sheet,
// while read_workbook into a plain collector still sees the bytes the file holds.
TEST(LegacySink, LoadWorkbookConvertsAndReportsRawReadDoesNot) {
  auto converted = load_workbook(data("types.xlsx"));
  EXPECT_EQ(at(converted.sheets[0], "C10").text, "Báo cáo");
  ASSERT_EQ(converted.issues.size(), 1u);
  EXPECT_EQ(converted.issues[0].code, IssueCode::LegacyEncoding);
  EXPECT_EQ(converted.issues[0].where.file, data("types.xlsx"));
  EXPECT_EQ(converted.issues[0].where.sheet, "Biểu 01");
  auto raw = load("types.xlsx");
  EXPECT_NE(at(raw.sheets[0], "C10").text, "Báo cáo");
  EXPECT_TRUE(raw.issues.empty());
  // Converting the raw workbook in place gives the same cells, in the same order.
  convert_legacy_text(raw);
  ASSERT_EQ(raw.sheets.size(), converted.sheets.size());
  for (std::size_t s = 0; s < raw.sheets.size(); ++s) {
    ASSERT_EQ(raw.sheets[s].cells.size(), converted.sheets[s].cells.size());
    for (std::size_t i = 0; i < raw.sheets[s].cells.size(); ++i) {
      EXPECT_EQ(raw.sheets[s].cells[i].text, converted.sheets[s].cells[i].text);
      EXPECT_EQ(raw.sheets[s].cells[i].row, converted.sheets[s].cells[i].row);
    }
  }
}

// A sheet held from its first legacy cell: cells before it pass straight through, the
// order is kept, and a VNI sheet and a clean sheet are told apart.
TEST(LegacySink, HoldsASheetFromItsFirstLegacyCellAndKeepsOrder) {
  WorkbookCollector out;
  LegacyTextSink sink(out);
  WorkbookInfo info;
  info.format = FileFormat::Xlsx;
  sink.begin_workbook(info);
  auto text = [&](std::uint32_t row, const char* t, const char* font) {
    Cell c;
    c.row = row;
    c.type = CellType::Text;
    c.text = t;
    c.font = font;
    sink.cell(c);
  };
  sink.begin_sheet({"BC", 0});
  text(0, "Tổng hợp", "Times New Roman");
  text(1, "Ba\u00F9o ca\u00F9o na\u00EAm", "VNI-Times");
  Cell n;
  n.row = 2, n.type = CellType::Number, n.number = 91;
  sink.cell(n);
  text(3, "Ghi chu\u00F9", "VNI-Times");
  sink.end_sheet();
  sink.begin_sheet({"Sạch", 1});
  text(0, "Phường An Dương", "Arial");
  sink.end_sheet();
  sink.end_workbook();
  auto book = out.take();
  ASSERT_EQ(book.sheets[0].cells.size(), 4u);
  EXPECT_EQ(book.sheets[0].cells[0].text, "Tổng hợp");
  EXPECT_EQ(book.sheets[0].cells[1].text, "Báo cáo năm");
  EXPECT_EQ(book.sheets[0].cells[2].number, 91);
  EXPECT_EQ(book.sheets[0].cells[3].text, "Ghi chú");
  EXPECT_EQ(book.sheets[1].cells[0].text, "Phường An Dương");
  ASSERT_EQ(book.issues.size(), 1u);
  EXPECT_EQ(book.issues[0].where.sheet, "BC");
  EXPECT_NE(book.issues[0].message(Lang::En).find("VNI"), std::string::npos);
}
