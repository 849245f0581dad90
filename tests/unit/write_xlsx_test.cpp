// The checked libxlsxwriter layer and the gaps of issue 16 that were in the writers: names
// Excel takes for one, text from outside the cells, text over Excel's cell limit, long
// text's row heights, merged numbers in the check's copy.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "consolidate/year_report.hpp"
#include "core/text.hpp"
#include "read/zip_archive.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"
#include "write/check_report_writer.hpp"
#include "write/consolidated_writer.hpp"
#include "write/sheet_name.hpp"
#include "write/xlsx.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {

std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

std::string dir() {
  std::string d = ::testing::TempDir() + "tonghop_xlsx_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<std::string> sheet_names(const Workbook& wb) {
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.info.name);
  return names;
}

// Every XML part of the package is valid UTF-8 (a workbook that is not opens nowhere).
void expect_valid_parts(const std::string& path) {
  ReadLimits limits;
  ZipArchive zip(path, limits);
  for (std::string part : {"xl/workbook.xml", "docProps/app.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                           "xl/worksheets/sheet5.xml", "xl/worksheets/sheet6.xml", "xl/worksheets/sheet7.xml",
                           "xl/worksheets/sheet8.xml", "xl/worksheets/sheet9.xml", "xl/worksheets/sheet10.xml",
                           "xl/worksheets/sheet11.xml"})
    if (auto xml = zip.read_if_present(part)) { EXPECT_TRUE(is_valid_utf8(*xml)) << part; }
}

struct Checked {
  Plan plan;
  CheckReport check;
};

CheckContext& context() {
  static CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return ctx;
}

Checked check_folder(const std::string& folder) {
  Checked c;
  c.plan = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), context().roles, context().units).plan;
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.keep_workbooks = true;
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(folder)) files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  c.check = check_submissions(c.plan, files, opt, context());
  return c;
}

// cut is the start of full up to a word's end, then the marker.
void expect_cut_at_a_word(const std::string& cut, const std::string& full) {
  std::string marker = xlsx::kCutMarker;
  ASSERT_GT(cut.size(), marker.size());
  ASSERT_EQ(cut.substr(cut.size() - marker.size()), marker);
  std::string kept = cut.substr(0, cut.size() - marker.size());
  EXPECT_EQ(full.compare(0, kept.size(), kept), 0);
  EXPECT_NE(kept.back(), ' ');
  EXPECT_EQ(full[kept.size()], ' ');
}

}  // namespace

TEST(Xlsx, TextFromOutsideTheCellsIsValidUtf8) {
  EXPECT_EQ(xlsx::workbook_text("b\xE1o-c\xE1o"), "báo-cáo");           // Windows-1258 bytes decoded
  EXPECT_EQ(xlsx::workbook_text("Pho\xCCng V\xE3n ho\xEC" "a"), "Phòng Văn hóa");  // combining marks composed
  EXPECT_TRUE(is_valid_utf8(xlsx::workbook_text("\x81\x8D\xFF")));      // not Windows-1258 either: repaired
  EXPECT_EQ(xlsx::workbook_text("Tổng hợp"), "Tổng hợp");
}

TEST(Xlsx, SheetNamesAsExcelComparesThem) {
  EXPECT_EQ(sheet_name_key("TỔNG HỢP"), sheet_name_key("tổng hợp"));
  EXPECT_EQ(sheet_name_key("Đơn vị báo cáo"), sheet_name_key("đơn vị báo cáo"));
  EXPECT_EQ(sheet_name_problem("Biểu 02 Nhiệm vụ và giải pháp"), "");  // 29 characters, 52 bytes
  EXPECT_NE(sheet_name_problem("'Biểu 02"), "");
  EXPECT_NE(sheet_name_problem("a*b"), "");
  EXPECT_NE(sheet_name_problem(""), "");
  std::string path = dir() + "names.xlsx";
  xlsx::Book book(path, {});
  book.add_sheet("Đơn vị báo cáo");
  EXPECT_THROW(book.add_sheet("ĐƠN VỊ BÁO CÁO"), WriteError);
  EXPECT_THROW(book.add_sheet("Biểu 02 Nhiệm vụ và giải pháp năm"), WriteError);
  EXPECT_EQ(book.add_sheet_like("đơn vị báo cáo").name(), "đơn vị báo cáo (2)");
  EXPECT_EQ(book.add_sheet_like("Cong-An").name(), "Cong-An");
  EXPECT_EQ(book.add_sheet_like("cong-an").name(), "cong-an (2)");
  book.close();
  EXPECT_EQ(sheet_names(load_workbook(path)),
            (std::vector<std::string>{"Đơn vị báo cáo", "đơn vị báo cáo (2)", "Cong-An", "cong-an (2)"}));
}

TEST(Xlsx, RowHeightsFromWrappedLinesAndLineBreaks) {
  EXPECT_EQ(xlsx::wrapped_lines("", 30), 0u);
  EXPECT_EQ(xlsx::wrapped_lines("ngắn", 30), 1u);
  EXPECT_EQ(xlsx::wrapped_lines("1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h", 30), 8u);
  EXPECT_EQ(xlsx::wrapped_lines(std::string(64, 'x'), 30), 2u);  // 32 characters a line
  EXPECT_EQ(xlsx::wrapped_lines("a\n\nb", 30), 3u);               // an empty line is a line
  EXPECT_DOUBLE_EQ(xlsx::row_height(8), 122);
  EXPECT_DOUBLE_EQ(xlsx::row_height(2000), 409);  // Excel's maximum, not 160
}

// Text over Excel's 32,767 characters per cell is cut at a word with a visible marker, and
// a note names the cell; never dropped, never cut silently.
TEST(Xlsx, TextOverTheCellLimitIsCutVisibly) {
  std::string path = dir() + "long.xlsx";
  std::string word = "tiến độ ";  // 8 characters
  std::string note;
  while (code_point_count(note) < 40000) note += word;
  xlsx::Book book(path, {});
  auto& ws = book.add_sheet("Ghi chú");
  ws.text(0, 0, "ngắn", nullptr);
  ws.text(1, 2, note, nullptr);
  book.close();
  ASSERT_EQ(book.notes().size(), 1u);
  EXPECT_EQ(book.notes()[0].sheet, "Ghi chú");
  EXPECT_EQ(book.notes()[0].cell, "C2");
  EXPECT_NE(book.notes()[0].vi.find("40.000"), std::string::npos) << book.notes()[0].vi;
  auto wb = load_workbook(path);
  const auto& cut = at(wb.sheets[0], "C2").text;
  EXPECT_LE(code_point_count(cut), xlsx::kMaxCellChars);
  EXPECT_GT(code_point_count(cut), 32000u);
  EXPECT_EQ(cut.substr(cut.size() - std::string(xlsx::kCutMarker).size()), xlsx::kCutMarker);
  expect_cut_at_a_word(cut, note);
}

// Files whose names Excel takes for one sheet name, one that collides with tonghop's own
// "Đơn vị báo cáo", and one named in Windows-1258 bytes (an archive unzipped without the
// UTF-8 flag): consolidate and check --report write workbooks that open, with every sheet
// name distinct as Excel compares them. (Before: a crash, duplicate names, invalid UTF-8.)
TEST(Xlsx, FileNamesThatCollideOrAreNotUtf8) {
  std::string in = dir();
  for (std::string name : {"Cong-An.xlsx", "cong-an.xlsx", "tổng hợp.xlsx", "TỔNG HỢP.xlsx", "đơn vị báo cáo.xlsx",
                           "b\xE1o-c\xE1o.xlsx"})
    fs::copy_file(samples("bao-cao/cong-an-2026.xlsx"), in + name);
  auto c = check_folder(in);
  ASSERT_EQ(c.check.files.size(), 6u);
  std::string out = in + "out/";
  fs::create_directories(out);
  // The consolidated workbook.
  auto year = consolidate(c.plan, c.check);
  write_consolidated(out + "tong-hop.xlsx", c.plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  expect_valid_parts(out + "tong-hop.xlsx");
  auto names = sheet_names(load_workbook(out + "tong-hop.xlsx"));
  std::vector<std::string> expected = {"Tổng hợp", "Biểu 01 Chỉ tiêu", "Biểu 02 Nhiệm vụ", "Đơn vị báo cáo", "Lỗi kiểm tra",
                                       "Cong-An", "TỔNG HỢP (2)", "báo-cáo", "cong-an (2)", "tổng hợp (3)",
                                       "đơn vị báo cáo (2)"};
  EXPECT_EQ(names, expected);
  // The check's report for the units.
  std::vector<ReportedFile> files;
  for (const auto& f : c.check.files) files.push_back({f.path, f.unit, f.workbook.get(), f.issues});
  write_check_report(out + "sua-loi.xlsx", files, c.check.issues, Lang::Vi);
  expect_valid_parts(out + "sua-loi.xlsx");
  names = sheet_names(load_workbook(out + "sua-loi.xlsx"));
  EXPECT_EQ(names, (std::vector<std::string>{"Tóm tắt", "Cong-An", "TỔNG HỢP", "báo-cáo", "cong-an (2)", "tổng hợp (2)",
                                             "đơn vị báo cáo"}));
  std::set<std::string> keys;
  for (const auto& n : names) EXPECT_TRUE(keys.insert(sheet_name_key(n)).second) << n;
}

// check --report: a merged cell holding a number (0.86 shown as 86%) stays a number with its
// format and font; a date stays a date; text over the limit is cut visibly.
TEST(Xlsx, CheckReportCopiesKeepTypeFormatAndFont) {
  Workbook book;
  book.path = "bao-cao.xlsx";
  Sheet s;
  s.info.name = "Biểu 01";
  auto cell = [&](std::uint32_t r, std::uint32_t c, CellType type, double n, std::string text, std::string format,
                  std::string font) {
    StoredCell x;
    x.row = r, x.col = c, x.type = type, x.number = n, x.text = std::move(text), x.number_format = std::move(format);
    x.font = std::move(font);
    s.cells.push_back(x);
  };
  std::string long_note;
  while (code_point_count(long_note) < 40000) long_note += "ghi chú dài ";
  cell(0, 0, CellType::Number, 0.86, "", "0%", "Arial");      // merged A1:B2
  cell(0, 2, CellType::Text, 0, "Tỷ lệ", "", ".VnTime");      // legacy font: converted text shows in Unicode
  cell(2, 0, CellType::Date, 46357, "2026-12-01", "dd/mm/yyyy", "Times New Roman");
  cell(2, 1, CellType::Text, 0, long_note, "", "Times New Roman");
  s.merges.push_back({0, 0, 1, 1});
  book.sheets.push_back(s);
  std::string out = dir() + "report.xlsx";
  auto notes = write_check_report(out, {{"bao-cao.xlsx", "Công an phường", &book, {}}}, {}, Lang::Vi);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].cell, "B3");
  auto wb = load_workbook(out);
  ASSERT_EQ(wb.sheets.size(), 2u);
  const auto& copy = wb.sheets[1];
  const auto& merged = at(copy, "A1");
  EXPECT_EQ(merged.type, CellType::Number);
  EXPECT_DOUBLE_EQ(merged.number, 0.86);
  EXPECT_EQ(merged.number_format, "0%");
  EXPECT_EQ(merged.format_class, FormatClass::Percent);
  EXPECT_EQ(merged.font, "Arial");
  EXPECT_EQ(copy.merges, (std::vector<CellRange>{{0, 0, 1, 1}}));
  EXPECT_EQ(at(copy, "C1").font, "Times New Roman");
  EXPECT_EQ(at(copy, "A3").type, CellType::Date);
  EXPECT_DOUBLE_EQ(at(copy, "A3").number, 46357);
  const auto& cut = at(copy, "B3").text;
  EXPECT_LE(code_point_count(cut), xlsx::kMaxCellChars);
  EXPECT_EQ(cut.substr(cut.size() - std::string(xlsx::kCutMarker).size()), xlsx::kCutMarker);
}

// Long text in the consolidated workbook: a result of twelve lines gets a row tall enough
// for them (over the old 160 pt cap), a 36,000-character note is cut at a word with the
// marker and a note naming its cell, and its row is as tall as Excel allows.
TEST(Xlsx, LongTextInTheConsolidatedWorkbook) {
  auto c = check_folder(samples("bao-cao"));
  auto year = consolidate(c.plan, c.check);
  ASSERT_FALSE(year.tasks.empty());
  ASSERT_FALSE(year.indicators.empty());
  std::string result;
  for (int i = 1; i <= 12; ++i) result += (i > 1 ? "\n" : "") + std::to_string(i) + ". Đã triển khai";
  year.tasks[0].result = result;
  std::string note;
  while (code_point_count(note) < 36000) note += "số liệu ";
  year.indicators[0].note = note;
  std::string out = dir() + "tong-hop.xlsx";
  auto notes = write_consolidated(out, c.plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].sheet, "Biểu 01 Chỉ tiêu");
  auto wb = load_workbook(out);
  const auto& cut = at(wb.sheets[1], notes[0].cell).text;
  EXPECT_LE(code_point_count(cut), xlsx::kMaxCellChars);
  expect_cut_at_a_word(cut, note);
  ReadLimits limits;
  ZipArchive zip(out, limits);
  EXPECT_NE(zip.read_all("xl/worksheets/sheet2.xml").find("ht=\"409\""), std::string::npos);
  EXPECT_NE(zip.read_all("xl/worksheets/sheet3.xml").find("ht=\"182\""), std::string::npos);  // 12 lines of 15 pt + 2
}

// check --report: a summary longer than a sheet holds continues on "Tóm tắt (2)" (the row
// limit lowered so the test is quick); every problem is listed.
TEST(Xlsx, CheckReportSummaryContinues) {
  std::vector<Issue> general;
  for (std::uint32_t k = 0; k < 100; ++k)
    general.push_back(make_issue_at(IssueCode::UnknownItem, "x.xlsx", "Biểu 01", 7 + k, 1, "", {{"name", "Dòng"}}));
  std::string out = dir() + "long-summary.xlsx";
  write_check_report(out, std::vector<ReportedFile>{}, general, Lang::Vi, 30);
  auto wb = load_workbook(out);
  EXPECT_EQ(sheet_names(wb), (std::vector<std::string>{"Tóm tắt", "Tóm tắt (2)", "Tóm tắt (3)", "Tóm tắt (4)"}));
  std::size_t listed = 0;
  for (const auto& s : wb.sheets)
    for (const auto& c : s.cells) {
      listed += c.col == 5 && c.row > 3;
      EXPECT_LT(c.row, 30u);
    }
  EXPECT_EQ(listed, general.size());
}

// check --report on a big folder: a sheet holds at most 65,530 links (every summary line
// links to its cell in the copy), so past that many lines the summary continues on
// "Tóm tắt (2)" instead of failing; every problem is listed. The file comes one at a time.
TEST(Xlsx, CheckReportSummaryContinuesPastTheLinksASheetHolds) {
  Workbook book;
  Sheet s;
  s.info.name = "Biểu 01";
  StoredCell x;
  x.row = 0, x.col = 0, x.type = CellType::Text, x.text = "BÁO CÁO";
  s.cells.push_back(x);
  book.sheets.push_back(s);
  std::vector<Issue> general;
  const std::uint32_t lines = LXW_MAX_NUMBER_URLS + 20;
  for (std::uint32_t k = 0; k < lines; ++k)
    general.push_back(make_issue_at(IssueCode::UnknownItem, "bao-cao.xlsx", "Biểu 01", 7 + k, 1, "", {{"name", "Dòng"}}));
  std::string out = dir() + "many-links.xlsx";
  std::size_t files = 0;
  write_check_report(
      out,
      [&](const std::function<void(const ReportedFile&)>& use) {
        use({"bao-cao.xlsx", "Công an", &book, {}});
        ++files;
      },
      general, Lang::Vi);
  EXPECT_EQ(files, 1u);
  ReadLimits limits;
  ZipArchive zip(out, limits);
  auto links = [&](const std::string& part) {
    auto xml = zip.read_all(part);
    std::size_t n = 0;
    for (auto at = xml.find("<hyperlink "); at != std::string::npos; at = xml.find("<hyperlink ", at + 1)) ++n;
    return n;
  };
  auto wb = load_workbook(out);
  EXPECT_EQ(sheet_names(wb), (std::vector<std::string>{"Tóm tắt", "bao-cao", "Tóm tắt (2)"}));
  EXPECT_EQ(links("xl/worksheets/sheet1.xml"), std::size_t(LXW_MAX_NUMBER_URLS));
  EXPECT_EQ(links("xl/worksheets/sheet3.xml"), 20u);
}
