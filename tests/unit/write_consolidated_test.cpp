#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "consolidate/year_report.hpp"
#include "test_util.hpp"
#include "write/consolidated_writer.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {
std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

struct Run {
  Plan plan;
  CheckReport check;
  YearReport year;
};
const Run& sample_run() {
  static Run r = [] {
    static CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default()};
    Run x;
    x.plan = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), ctx.roles, ctx.units).plan;
    CheckOptions opt;
    opt.period = {2026, PeriodKind::Year};
    // As in samples/so-nhan-bao-cao.csv: the corrected VHXH report came after the first.
    for (const auto& f : fs::directory_iterator(samples("bao-cao"))) {
      auto name = f.path().filename().string();
      opt.received[f.path().string()] = name == "phong-vhxh-2026-lan-1.xlsx" ? 46346 : name == "phong-vhxh-2026.xlsx" ? 46354 : 46350;
    }
    std::vector<std::string> files;
    for (const auto& f : fs::directory_iterator(samples("bao-cao"))) files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    x.check = check_submissions(x.plan, files, opt, ctx);
    x.year = consolidate(x.plan, x.check);
    return x;
  }();
  return r;
}
std::string dir() {
  std::string d = ::testing::TempDir() + "tonghop_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  fs::create_directories(d);
  return d;
}
std::string write_sample(const std::string& name) {
  const auto& r = sample_run();
  std::string out = dir() + name;
  write_consolidated(out, r.plan, r.year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  return out;
}
std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST(Consolidate, KeyFiguresFromTheSamples) {
  const auto& k = sample_run().year.kpi;
  EXPECT_EQ(k.indicators, 19u);
  EXPECT_EQ(k.indicators_met + k.indicators_not_met + k.indicators_no_data, 19u);
  EXPECT_EQ(k.indicators_not_met, 2u);  // mức độ 2 (75 < 76), tin báo tội phạm (88 < 90)
  EXPECT_EQ(k.tasks, 44u);
  EXPECT_EQ(k.units_expected, 7u);
  EXPECT_EQ(k.units_sent, 6u);          // TT Dịch vụ sự nghiệp công sent nothing
}

// The workbook read back with our own reader: every formula carries a value, and each
// value is what an independent computation from the written cells gives.
TEST(Consolidate, CachedFormulaValuesAreRight) {
  auto wb = load_workbook(write_sample("tong-hop.xlsx"));
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.info.name);
  ASSERT_GE(names.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 5),
            (std::vector<std::string>{"Tổng hợp", "Biểu 01 Chỉ tiêu", "Biểu 02 Nhiệm vụ", "Đơn vị báo cáo", "Lỗi kiểm tra"}));
  // Then one sheet per submission, rows as read.
  EXPECT_EQ(names.size(), 5u + 7u);
  const Sheet* vhxh = nullptr;
  for (const auto& s : wb.sheets)
    if (s.info.name == "phong-vhxh-2026") vhxh = &s;
  ASSERT_TRUE(vhxh);
  bool traced = false;
  for (const auto& c : vhxh->cells)
    if (c.col == 2 && c.text == "Tỷ lệ người dân tham gia bảo hiểm y tế") {
      EXPECT_EQ(at(*vhxh, cell_ref(c.row, 3)).text, "6");      // the plan's code
      EXPECT_EQ(at(*vhxh, cell_ref(c.row, 4)).text, "97.8");   // 0.978 in a percent cell, in percent
      traced = true;
    }
  EXPECT_TRUE(traced);
  const auto& ind = wb.sheets[1];
  std::size_t ratios = 0, assessments = 0;
  std::map<std::string, std::size_t> assessed;
  for (const auto& c : ind.cells) {
    if (!c.is_formula) continue;
    EXPECT_FALSE(c.formula_without_value) << cell_ref(c.row, c.col);
    const auto* actual = ind.find(c.row, 6);
    const auto* plan = ind.find(c.row, 5);
    if (c.col == 7) {  // ratio
      ++ratios;
      if (actual && plan && actual->type == CellType::Number && plan->type == CellType::Number && plan->number != 0)
        EXPECT_DOUBLE_EQ(c.number, std::round(actual->number / plan->number * 1000) / 10) << cell_ref(c.row, c.col);
      else
        EXPECT_EQ(c.text, "");
    }
    if (c.col == 8) {
      ++assessments;
      ++assessed[c.text];
    }
  }
  EXPECT_GE(ratios, 15u);
  EXPECT_GE(assessments, 15u);
  // The summary's COUNTIFs hold what counting the written assessments gives.
  const auto& sum = wb.sheets[0];
  auto b = [&](const char* ref) { return at(sum, ref).number; };
  std::size_t written_no_data = 0;
  for (const auto& c : ind.cells)
    if (c.col == 8 && (c.text == "Chưa có số liệu" || c.text == "Chưa đánh giá được")) ++written_no_data;
  EXPECT_EQ(b("B9"), double(assessed["Đạt"] + assessed["Vượt"]));
  EXPECT_EQ(b("B10"), double(assessed["Không đạt"]));
  EXPECT_EQ(b("B11"), double(written_no_data));
  EXPECT_EQ(at(sum, "A1").text, "UBND PHƯỜNG AN DƯƠNG");
  EXPECT_EQ(at(sum, "A5").text, "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2026");
  EXPECT_EQ(at(sum, "A1").font, "Times New Roman");
}

TEST(Consolidate, TheSummaryHasItsThreeCharts) {
  auto out = write_sample("charts.xlsx");
  // The package holds three chart parts, drawn from the summary's cells.
  auto listing = [&] {
    std::string cmd = "unzip -l '" + out + "' | grep -c 'xl/charts/chart[0-9]*.xml'";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[32] = {0};
    if (p) {
      if (!fgets(buf, sizeof buf, p)) buf[0] = 0;
      pclose(p);
    }
    return std::atoi(buf);
  }();
  EXPECT_EQ(listing, 3);
}

TEST(Consolidate, SameInputsSameBytes) {
  auto a = write_sample("a.xlsx");
  auto b = write_sample("b.xlsx");
  EXPECT_EQ(bytes(a), bytes(b));
}

TEST(Consolidate, AFailedWriteLeavesTheOldFileAndNoTemporaryFile) {
  const auto& r = sample_run();
  // The target is a folder: the rename fails after the workbook was written aside.
  std::string target = dir() + "busy.xlsx";
  fs::create_directories(target + "/keep");
  EXPECT_THROW(write_consolidated(target, r.plan, r.year, Layout::find("commune-yearly"), WriteOptions::for_year(2026)),
               std::exception);
  EXPECT_TRUE(fs::is_directory(target + "/keep"));
  for (const auto& e : fs::directory_iterator(dir())) EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos);
  // A missing folder is said plainly.
  EXPECT_THROW(write_consolidated(dir() + "no/such/folder/x.xlsx", r.plan, r.year, Layout::find("commune-yearly"),
                                  WriteOptions::for_year(2026)),
               WriteError);
  // An existing workbook is replaced only by a complete one.
  std::string out = dir() + "old.xlsx";
  std::ofstream(out) << "old";
  write_consolidated(out, r.plan, r.year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  EXPECT_EQ(bytes(out).substr(0, 2), "PK");
}

TEST(Consolidate, BadTemplatesNameFileAndLine) {
  std::string path = dir() + "bad.toml";
  std::ifstream in(std::string(TONGHOP_TEST_DATA) + "/../../templates/commune-yearly.toml");
  std::stringstream good;
  good << in.rdbuf();
  std::string text = good.str();
  auto pos = text.find("field = \"ratio\"");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 15, "field = \"ratioo\"");
  std::ofstream(path) << text;
  auto line = std::count(text.begin(), text.begin() + long(pos), '\n') + 1;
  try {
    Layout::load(path);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml:" + std::to_string(line) + ": unknown field 'ratioo'"), std::string::npos)
        << e.what();
  }
  std::ofstream(path) << "name = \"x\"\n[summary\n";
  EXPECT_THROW(Layout::load(path), ConfigError);
}

// A second layout is a data file: other sheets and columns, the same code.
TEST(Consolidate, TheCityRollUpLayoutIsJustAnotherFile) {
  const auto& r = sample_run();
  std::string out = dir() + "city.xlsx";
  write_consolidated(out, r.plan, r.year, Layout::find("city-rollup"), WriteOptions::for_year(2026));
  auto wb = load_workbook(out);
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.info.name);
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 5), (std::vector<std::string>{"TH", "CT", "NV", "DV", "Loi"}));
  // No plan-value column here, so no ratio; the assessment formulas still carry values.
  std::size_t assessed = 0;
  for (const auto& c : wb.sheets[1].cells)
    if (c.is_formula) {
      EXPECT_FALSE(c.formula_without_value);
      ++assessed;
    }
  EXPECT_GE(assessed, 15u);
  EXPECT_EQ(at(wb.sheets[0], "A5").text, "TỔNG HỢP KẾT QUẢ NĂM 2026 - PHƯỜNG AN DƯƠNG");
}
