#include <gtest/gtest.h>

#include <filesystem>

#include "read/zip_archive.hpp"
#include "read/legacy.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"
#include "core/text.hpp"
#include "write/check_report_writer.hpp"
#include "write/sheet_name.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {

std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

// The samples checked, then written as the report for the units, in-process as the
// command does it.
struct Written {
  CheckReport check;
  std::vector<Workbook> books;
  std::string path;
};

Written write_for_units(Lang lang) {
  static CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  auto plan = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), ctx.roles, ctx.units).plan;
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(samples("bao-cao"))) files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  Written w;
  w.check = check_submissions(plan, files, opt, ctx);
  w.books.resize(w.check.files.size());
  std::vector<ReportedFile> reported;
  for (std::size_t i = 0; i < w.check.files.size(); ++i) {
    const auto& f = w.check.files[i];
    w.books[i] = load_workbook(f.path);
    convert_legacy_text(w.books[i]);
    reported.push_back({f.path, f.unit, &w.books[i], f.issues});
  }
  std::string dir = ::testing::TempDir() + "tonghop_check_report/";
  fs::create_directories(dir);
  w.path = dir + (lang == Lang::Vi ? "sua-loi.xlsx" : "fixes.xlsx");
  write_check_report(w.path, reported, w.check.issues, lang);
  return w;
}

}  // namespace

TEST(CheckReport, EveryProblemListedAndMarkedInTheUnitsOwnTable) {
  auto w = write_for_units(Lang::Vi);
  auto wb = load_workbook(w.path);
  ASSERT_EQ(wb.sheets[0].info.name, "Tóm tắt");
  // One copy per submission (each sample has one sheet), named after the file.
  std::vector<std::string> names;
  for (std::size_t i = 1; i < wb.sheets.size(); ++i) names.push_back(wb.sheets[i].info.name);
  EXPECT_EQ(names, (std::vector<std::string>{"bch-quan-su-2026", "bql-du-an-2026", "cong-an-2026", "phong-kt-ht-dt-2026",
                                             "phong-vhxh-2026-lan-1", "phong-vhxh-2026", "van-phong-2026"}));
  // The summary lists every issue of every file and the completeness ones.
  std::size_t issues = w.check.issues.size();
  for (const auto& f : w.check.files) issues += f.issues.size();
  std::size_t listed = 0;
  for (const auto& c : wb.sheets[0].cells)
    if (c.col == 5 && c.row > 3) ++listed;
  EXPECT_EQ(listed, issues);
  // The Công an report was TCVN3: its copy shows Unicode; the unmet target's cell keeps
  // its value and percent format and carries the message as a comment.
  const Sheet* cong_an = nullptr;
  for (const auto& s : wb.sheets)
    if (s.info.name == "cong-an-2026") cong_an = &s;
  ASSERT_TRUE(cong_an);
  EXPECT_EQ(at(*cong_an, "B5").text, "Chỉ tiêu");
  const Issue* not_met = nullptr;
  for (const auto& f : w.check.files)
    if (f.path.find("cong-an") != std::string::npos)
      for (const auto& i : f.issues)
        if (i.code == IssueCode::TargetNotMet) not_met = &i;
  ASSERT_TRUE(not_met);
  const auto& marked = at(*cong_an, not_met->cell());
  EXPECT_EQ(marked.type, CellType::Number);
  EXPECT_EQ(marked.format_class, FormatClass::Percent);
  // Comments live in their own parts: one per sheet with problems, naming the cell.
  ReadLimits limits;
  ZipArchive zip(w.path, limits);
  bool found = false;
  for (int n = 1; n <= 8 && !found; ++n) {
    auto part = zip.read_if_present("xl/comments" + std::to_string(n) + ".xml");
    if (!part) continue;
    const std::string& xml = *part;
    if (xml.find("ref=\"" + not_met->cell() + "\"") != std::string::npos &&
        xml.find("tin báo tội phạm") != std::string::npos && xml.find("target-not-met") != std::string::npos)
      found = true;
  }
  EXPECT_TRUE(found);
}

TEST(CheckReport, InEnglishOnRequest) {
  auto w = write_for_units(Lang::En);
  auto wb = load_workbook(w.path);
  EXPECT_EQ(wb.sheets[0].info.name, "Summary");
  EXPECT_EQ(at(wb.sheets[0], "G4").text, "Message");
}

TEST(CheckReport, SheetNamesExcelAccepts) {
  std::set<std::string> used = {sheet_name_key("Tóm tắt")};
  EXPECT_EQ(unique_sheet_name("bc/2026: 'VH'?", used), "bc_2026_ _VH__");
  std::string long_name = "bao-cao-ket-qua-thuc-hien-chi-tieu-phuong";
  auto first = unique_sheet_name(long_name, used);
  EXPECT_EQ(first.size(), 31u);
  auto second = unique_sheet_name(long_name, used);
  EXPECT_EQ(second, long_name.substr(0, 27) + " (2)");
  // Vietnamese names: 31 characters (not bytes), cut between characters, never inside one.
  auto vn = unique_sheet_name("Báo cáo Phòng Văn hóa - Xã hội năm 2026", used);
  EXPECT_EQ(vn, "Báo cáo Phòng Văn hóa - Xã hội ");
  EXPECT_EQ(code_point_count(vn), 31u);
  EXPECT_TRUE(is_valid_utf8(vn));
}
