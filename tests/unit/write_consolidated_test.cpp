#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "consolidate/issue_groups.hpp"
#include "consolidate/previous_year.hpp"
#include "consolidate/year_report.hpp"
#include "read/zip_archive.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"
#include "write/atomic.hpp"
#include "write/consolidated_writer.hpp"
#include "core/pipeline.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {
std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

struct Run {
  Plan plan;
  CheckReport check;
  YearReport year;
  CheckOptions opt;
  std::vector<std::string> files;
};
const CheckContext& sample_context() {
  static CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return ctx;
}
const Run& sample_run() {
  static Run r = [] {
    const auto& ctx = sample_context();
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
    x.opt = opt, x.files = files;
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
// The default layout's TOML text.
std::string default_layout_text() {
  std::ifstream in(std::string(TONGHOP_TEST_DATA) + "/../../templates/commune-yearly.toml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(Consolidate, KeyFiguresFromTheSamples) {
  const auto& k = sample_run().year.kpi;
  EXPECT_EQ(k.indicators, 19u);
  EXPECT_EQ(k.indicators_met + k.indicators_not_met + k.indicators_no_data, 19u);
  EXPECT_EQ(k.indicators_not_met, 2u);  // mức độ 2 (75 < 76), tin báo tội phạm (88 < 90)
  EXPECT_EQ(k.tasks, 44u);
  EXPECT_EQ(k.units_expected, 7u);
  EXPECT_EQ(k.units_sent, 6u);          // TT Dịch vụ sự nghiệp công sent nothing
}

// Per group: the runs of the plan's groups in order, counted from the assessments.
TEST(Consolidate, CountsPerIndicatorGroup) {
  const auto& r = sample_run();
  const auto& y = r.year;
  ASSERT_FALSE(y.groups.empty());
  std::size_t next = 0, met = 0, not_met = 0, no_data = 0;
  for (const auto& g : y.groups) {
    EXPECT_EQ(g.first, next);
    ASSERT_GT(g.count, 0u);
    EXPECT_EQ(g.met + g.not_met + g.no_data, g.count);
    std::size_t m = 0, n = 0;
    for (std::size_t i = g.first; i < g.first + g.count; ++i) {
      EXPECT_EQ(r.plan.indicators[y.indicators[i].index].group, g.name);
      m += outcome(y.indicators[i]) == Outcome::Met;
      n += outcome(y.indicators[i]) == Outcome::NotMet;
    }
    EXPECT_EQ(g.met, m) << g.name;
    EXPECT_EQ(g.not_met, n) << g.name;
    if (&g != &y.groups.front()) {
      EXPECT_NE(g.name, (&g - 1)->name);
    }
    next += g.count, met += g.met, not_met += g.not_met, no_data += g.no_data;
  }
  EXPECT_EQ(next, y.indicators.size());
  EXPECT_EQ(met, y.kpi.indicators_met);
  EXPECT_EQ(not_met, y.kpi.indicators_not_met);
  EXPECT_EQ(no_data, y.kpi.indicators_no_data);
  EXPECT_EQ(y.groups.size(), 4u);  // the An Dương annex: economy, society, environment, defence
}

// Columns of a written table by their header label (the row that starts with "STT").
std::map<std::string, std::uint32_t> columns_of(const Sheet& s, std::uint32_t* header_row) {
  std::map<std::string, std::uint32_t> out;
  for (const auto& c : s.cells)
    if (c.col == 0 && c.text == "STT") *header_row = c.row;
  for (const auto& c : s.cells)
    if (c.row == *header_row) out[c.text] = c.col;
  return out;
}

std::string expected_assessment(const StoredCell* actual, const StoredCell* previous, const std::string& target_text,
                                const std::string& unit) {
  if (!actual || (actual->text.empty() && actual->type != CellType::Number)) return "Chưa có số liệu";
  auto t = parse_target(target_text);
  Assessment a = Assessment::Unknown;
  if (needs_previous(t, unit)) {
    if (actual->type == CellType::Number && previous && previous->type == CellType::Number)
      a = assess_trend(t, actual->number, previous->number);
  } else {
    a = assess(t, read_value(actual));
  }
  switch (a) {
    case Assessment::Met: return "Đạt";
    case Assessment::Exceeded: return "Vượt";
    case Assessment::NotMet: return "Không đạt";
    default: return "Chưa đánh giá được";
  }
}

// The workbook read back with our own reader: every formula carries a value, and each
// value is what an independent computation from the written cells gives.
void expect_cached_values_right(const Workbook& wb) {
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.info.name);
  ASSERT_GE(names.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 5),
            (std::vector<std::string>{"Tổng hợp", "Biểu 01 Chỉ tiêu", "Biểu 02 Nhiệm vụ", "Đơn vị báo cáo", "Lỗi kiểm tra"}));
  for (const auto& s : wb.sheets)
    for (const auto& c : s.cells) EXPECT_FALSE(c.formula_without_value) << s.info.name << "!" << cell_ref(c.row, c.col);
  // Biểu 01: the ratio and the assessment of every indicator row.
  const auto& ind = wb.sheets[1];
  std::uint32_t header = 0;
  auto col = columns_of(ind, &header);
  auto actual_c = col.at("Thực hiện năm 2026"), plan_c = col.at("Kế hoạch năm 2026"), prev_c = col.at("Thực hiện năm 2025");
  auto ratio_c = col.at("Tỷ lệ TH/KH (%)"), assess_c = col.at("Đánh giá"), target_c = col.at("Mục tiêu năm"),
       final_c = col.at("Mục tiêu đến cuối kỳ"), unit_c = col.at("ĐVT"), name_c = col.at("Chỉ tiêu");
  std::size_t ratios = 0, assessments = 0;
  std::map<std::string, std::size_t> assessed;
  for (const auto& c : ind.cells) {
    if (c.row <= header) continue;
    const auto* actual = ind.find(c.row, actual_c);
    const auto* plan = ind.find(c.row, plan_c);
    if (c.col == ratio_c) {
      ASSERT_TRUE(c.is_formula) << cell_ref(c.row, c.col);
      ++ratios;
      if (actual && plan && actual->type == CellType::Number && plan->type == CellType::Number && plan->number != 0)
        EXPECT_DOUBLE_EQ(c.number, std::round(actual->number / plan->number * 1000) / 10) << cell_ref(c.row, c.col);
      else
        EXPECT_EQ(c.text, "");
    }
    if (c.col == assess_c && ind.find(c.row, name_c)) {
      ++assessments;
      ++assessed[c.text];
      const auto* target = ind.find(c.row, target_c);
      if (!target || target->text.empty()) target = ind.find(c.row, final_c);
      const auto* unit = ind.find(c.row, unit_c);
      EXPECT_EQ(c.text, expected_assessment(actual, ind.find(c.row, prev_c), target ? target->text : "",
                                            unit ? unit->text : ""))
          << cell_ref(c.row, c.col);
    }
  }
  EXPECT_GE(ratios, 15u);
  EXPECT_EQ(assessments, 19u);
  // The summary's COUNTIFs hold what counting the written assessments gives.
  const auto& sum = wb.sheets[0];
  auto b = [&](const char* ref) { return at(sum, ref).number; };
  EXPECT_EQ(b("B9"), double(assessed["Đạt"] + assessed["Vượt"]));
  EXPECT_EQ(b("B10"), double(assessed["Không đạt"]));
  EXPECT_EQ(b("B11"), double(assessed["Chưa có số liệu"] + assessed["Chưa đánh giá được"]));
  // Per group: indicators counted and met, summing to the totals above.
  double group_count = 0, group_met = 0;
  for (const auto& c : sum.cells)
    if (c.row > 21 && c.col == 1 && c.is_formula) {
      group_count += c.number;
      group_met += at(sum, cell_ref(c.row, 2)).number;
    }
  EXPECT_EQ(group_count, 19.0);
  EXPECT_EQ(group_met, b("B9"));
  // Biểu 02: the counts under the table are what counting the statuses gives.
  const auto& tasks = wb.sheets[2];
  auto tcol = columns_of(tasks, &header);
  auto status_c = tcol.at("Tiến độ"), tname_c = tcol.at("Nhiệm vụ");
  std::map<std::string, double> statuses;
  double named = 0, total = -1;
  for (const auto& c : tasks.cells) {
    if (c.row <= header || c.col != tname_c) continue;
    if (c.text == "Tổng số nhiệm vụ") {
      total = at(tasks, cell_ref(c.row, status_c)).number;
      break;
    }
    ++named;
    if (const auto* st = tasks.find(c.row, status_c)) ++statuses[st->text];
  }
  EXPECT_EQ(total, 44.0);
  EXPECT_EQ(named, 44.0);
  double counted = 0;
  for (const auto& c : tasks.cells)
    if (c.col == tname_c && c.row > header) {
      const auto& n = at(tasks, cell_ref(c.row, status_c));
      if (c.text != "Tổng số nhiệm vụ" && n.is_formula && statuses.count(c.text)) {
        EXPECT_EQ(n.number, statuses[c.text]) << c.text;
        counted += n.number;
      }
      if (c.text == "Chưa có báo cáo tiến độ") {
        EXPECT_EQ(n.number, named - counted);
      }
    }
  EXPECT_EQ(b("B13"), statuses["Hoàn thành"]);
}

}  // namespace

TEST(Consolidate, CachedFormulaValuesAreRight) {
  auto wb = load_workbook(write_sample("tong-hop.xlsx"));
  expect_cached_values_right(wb);
  EXPECT_EQ(wb.sheets.size(), 5u + 7u);  // then one sheet per submission, rows as read
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
  const auto& sum = wb.sheets[0];
  EXPECT_EQ(at(sum, "A1").text, "ỦY BAN NHÂN DÂN");
  EXPECT_EQ(at(sum, "A2").text, "PHƯỜNG AN DƯƠNG");
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
  std::stringstream good(default_layout_text());
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
  // Charts and page setup are checked too, each naming its line.
  auto fails_with = [&](const std::string& from, const std::string& to, const std::string& message) {
    std::string bad = good.str();
    auto at = bad.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    bad.replace(at, from.size(), to);
    std::ofstream(path) << bad;
    auto line = std::count(bad.begin(), bad.begin() + long(at), '\n') + 1;
    try {
      Layout::load(path);
      ADD_FAILURE() << to;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.toml:" + std::to_string(line) + ": " + message), std::string::npos)
          << e.what();
    }
  };
  fails_with("data = \"task_status\"", "data = \"tasks\"", "unknown chart data 'tasks'");
  fails_with("type = \"doughnut\"", "type = \"radar\"", "unknown chart type 'radar'");
  fails_with("orientation = \"landscape\"", "orientation = \"sideways\"", "orientation is");
  fails_with("paper = \"A4\"", "paper = \"B5\"", "unknown paper 'B5'");
  // Sheet names as Excel checks them: characters, not bytes; forbidden characters; case.
  fails_with("sheet = \"Biểu 02 Nhiệm vụ\"", "sheet = \"Biểu 02 Nhiệm vụ và giải pháp năm nay\"",
             "[tasks] sheet name 'Biểu 02 Nhiệm vụ và giải pháp năm nay' has 37 characters; Excel allows 31");
  fails_with("sheet = \"Biểu 02 Nhiệm vụ\"", "sheet = \"Biểu 02/Nhiệm vụ\"", "[tasks] sheet name 'Biểu 02/Nhiệm vụ' contains '/'");
  // Two tables on one sheet, as Excel sees names: ignoring Unicode case.
  std::string twice = good.str();
  twice.replace(twice.find("sheet = \"Biểu 02 Nhiệm vụ\""), std::string("sheet = \"Biểu 02 Nhiệm vụ\"").size(),
                "sheet = \"TỔNG HỢP\"");
  std::ofstream(path) << twice;
  try {
    Layout::load(path);
    ADD_FAILURE() << "TỔNG HỢP";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("two tables use the sheet 'TỔNG HỢP'"), std::string::npos) << e.what();
  }
}

// A 29-character Vietnamese sheet name (52 bytes) is one Excel accepts: the layout loads and
// the workbook is written with it.
TEST(Consolidate, LongVietnameseSheetNameOfALayout) {
  std::string text = default_layout_text();
  auto at = text.find("sheet = \"Biểu 02 Nhiệm vụ\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("sheet = \"Biểu 02 Nhiệm vụ\"").size(), "sheet = \"Biểu 02 Nhiệm vụ và giải pháp\"");
  std::string path = dir() + "long.toml";
  std::ofstream(path) << text;
  auto layout = Layout::load(path);
  EXPECT_EQ(layout.tasks.sheet, "Biểu 02 Nhiệm vụ và giải pháp");
  const auto& r = sample_run();
  std::string out = dir() + "long.xlsx";
  write_consolidated(out, r.plan, r.year, layout, WriteOptions::for_year(2026));
  auto wb = load_workbook(out);
  ASSERT_GE(wb.sheets.size(), 3u);
  EXPECT_EQ(wb.sheets[2].info.name, "Biểu 02 Nhiệm vụ và giải pháp");
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

// One level up: the consolidated workbook is itself a submission. Checked against the
// same plan, it is recognised as the commune's own report and gives back every value.
TEST(Consolidate, TheWorkbookReadsBackAsTheCommunesSubmission) {
  const auto& r = sample_run();
  auto out = write_sample("tong-hop-2026.xlsx");
  CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto back = check_submissions(r.plan, {out}, opt, ctx);
  ASSERT_EQ(back.files.size(), 1u);
  const auto& f = back.files[0];
  EXPECT_EQ(f.commune, "phường An Dương");
  EXPECT_EQ(f.unit, "phường An Dương");
  EXPECT_EQ(f.unit_source, UnitSource::Commune);
  ASSERT_TRUE(f.period);
  EXPECT_EQ(f.period->year, 2026);
  EXPECT_TRUE(back.missing.empty());
  std::map<std::size_t, const RowResult*> indicators, tasks;
  for (const auto& row : f.rows) {
    ASSERT_TRUE(row.item) << row.sheet << " row " << row.row + 1 << ": " << row.written;
    (row.kind == ItemKind::Indicator ? indicators : tasks)[*row.item] = &row;
  }
  EXPECT_EQ(indicators.size(), r.plan.indicators.size());
  EXPECT_EQ(tasks.size(), r.plan.tasks.size());
  std::size_t values = 0;
  for (const auto& line : r.year.indicators) {
    ASSERT_TRUE(indicators.count(line.index));
    const auto& got = indicators[line.index]->actual;
    if (line.actual) {
      ASSERT_EQ(got.kind, Value::Kind::Number) << r.plan.indicators[line.index].name;
      EXPECT_DOUBLE_EQ(got.number, *line.actual);
      ++values;
    }
  }
  EXPECT_GE(values, 15u);
  for (const auto& line : r.year.tasks)
    if (line.status != Status::None) {
      EXPECT_EQ(tasks[line.index]->actual.status, line.status);
    }
  // Nothing but the gaps of the year itself: no unknown rows, no misassigned items.
  for (const auto& i : f.issues) {
    EXPECT_NE(i.code, IssueCode::UnknownItem) << i.message(Lang::En);
    EXPECT_NE(i.code, IssueCode::UnassignedItem) << i.message(Lang::En);
    EXPECT_NE(i.code, IssueCode::UnknownUnit) << i.message(Lang::En);
  }
}

// "Giảm hàng năm" is judged against last year's consolidated workbook.
TEST(Consolidate, TrendTargetsUseLastYearsWorkbook) {
  const auto& r = sample_run();
  std::size_t poor = r.plan.indicators.size();
  for (std::size_t i = 0; i < r.plan.indicators.size(); ++i)
    if (r.plan.indicators[i].yearly_target.kind == TargetKind::Decrease) poor = i;
  ASSERT_LT(poor, r.plan.indicators.size());
  ASSERT_TRUE(r.year.indicators[poor].actual);
  EXPECT_DOUBLE_EQ(*r.year.indicators[poor].actual, 0.42);
  EXPECT_EQ(r.year.indicators[poor].assessment, Assessment::Unknown);
  EXPECT_NE(r.year.indicators[poor].note.find("--previous"), std::string::npos);

  auto last_year = write_sample("tong-hop-2026.xlsx");
  CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  auto prev = read_previous_year(r.plan, last_year, 2026, ctx, {});
  ASSERT_TRUE(prev.readable);
  ASSERT_TRUE(prev.previous.values.count(poor));
  EXPECT_DOUBLE_EQ(prev.previous.values.at(poor), 0.42);
  EXPECT_GE(prev.previous.values.size(), 15u);
  // The wrong year is refused with the reason.
  auto wrong = read_previous_year(r.plan, last_year, 2025, ctx, {});
  EXPECT_TRUE(wrong.previous.values.empty());
  ASSERT_FALSE(wrong.issues.empty());
  EXPECT_EQ(wrong.issues[0].code, IssueCode::PeriodMismatch);

  // 2027: the poverty rate went down (met), then up (not met).
  for (const auto& [value, expected] : {std::pair{"0,38", Assessment::Met}, std::pair{"0,45", Assessment::NotMet}}) {
    std::string report = dir() + "phong-vhxh-2027.csv";
    std::ofstream(report) << "TT,Chỉ tiêu,ĐVT,KH 2027,TH 2027,Ghi chú\n"
                          << "5,Hộ nghèo theo chuẩn nghèo đa chiều quốc gia,%,Giảm hàng năm,\"" << value << "\",\n";
    CheckOptions opt;
    opt.period = {2027, PeriodKind::Year};
    auto check = check_submissions(r.plan, {report}, opt, ctx);
    auto year = consolidate(r.plan, check, &prev.previous);
    const auto& line = year.indicators[poor];
    ASSERT_TRUE(line.previous);
    EXPECT_DOUBLE_EQ(*line.previous, 0.42);
    EXPECT_EQ(line.assessment, expected) << value;
    bool flagged = std::any_of(year.issues.begin(), year.issues.end(), [&](const Issue& i) {
      return i.code == IssueCode::TargetNotMet && i.where.item == r.plan.indicators[poor].code;
    });
    EXPECT_EQ(flagged, expected == Assessment::NotMet);
    // Written with its formula: the cached word is the one computed here.
    std::string out = dir() + "tong-hop-2027.xlsx";
    write_consolidated(out, r.plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2027));
    auto wb = load_workbook(out);
    std::uint32_t header = 0;
    auto col = columns_of(wb.sheets[1], &header);
    bool seen = false;
    for (const auto& c : wb.sheets[1].cells)
      if (c.col == col.at("Chỉ tiêu") && c.text == r.plan.indicators[poor].name) {
        EXPECT_DOUBLE_EQ(at(wb.sheets[1], cell_ref(c.row, col.at("Thực hiện năm 2026"))).number, 0.42);
        const auto& a = at(wb.sheets[1], cell_ref(c.row, col.at("Đánh giá")));
        EXPECT_TRUE(a.is_formula);
        EXPECT_EQ(a.text, expected == Assessment::Met ? "Đạt" : "Không đạt");
        seen = true;
      }
    EXPECT_TRUE(seen);
  }
}

// Interrupted mid-write (Ctrl+C, or a stop from a service manager): the old workbook stays
// and no temporary file is left.
TEST(Consolidate, AnInterruptedWriteLeavesTheOldFileAndNoTemporaryFile) {
  std::string d = dir();
  std::string out = d + "tong-hop.xlsx";
  std::ofstream(out) << "old workbook";
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    write_atomically(out, [](const std::string& tmp) {
      std::ofstream(tmp) << "half a workbook";
      raise(SIGTERM);
    });
    _exit(0);  // not reached
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_EQ(bytes(out), "old workbook");
  for (const auto& e : fs::directory_iterator(d)) EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos);
}

// ---- Scale: issues grouped, long lists continued, one sheet of raw rows past a threshold ----

namespace {

// The default layout with some settings changed (added at the top, or replacing a line).
Layout layout_with(const std::string& top, const std::string& from = "", const std::string& to = "") {
  std::string t = top + "\n" + default_layout_text();
  if (!from.empty()) t.replace(t.find(from), from.size(), to);
  std::string path = dir() + "layout.toml";
  std::ofstream(path) << t;
  return Layout::load(path);
}

// Sheets whose names start with prefix, in order.
std::vector<const Sheet*> sheets_named(const Workbook& wb, const std::string& prefix) {
  std::vector<const Sheet*> out;
  for (const auto& s : wb.sheets)
    if (s.info.name.rfind(prefix, 0) == 0) out.push_back(&s);
  return out;
}

// The summary's text that mentions a sheet name.
std::string summary_line(const Workbook& wb, const std::string& words) {
  for (const auto& c : wb.sheets[0].cells)
    if (c.text.find(words) != std::string::npos) return c.text;
  return "";
}

}  // namespace

TEST(IssueGroups, RepeatsInOneSheetAreOneLineErrorsFirst) {
  std::vector<Issue> issues;
  issues.push_back(make_issue(IssueCode::MissingSubmission, Location{}, {{"unit", "Công an"}}));
  for (std::uint32_t r = 7; r < 5007; ++r)
    issues.push_back(make_issue_at(IssueCode::UnknownItem, "a.xlsx", "Biểu 01", r, 1, "", {{"name", "Dòng lạ"}}));
  for (std::uint32_t r : {10u, 11u, 20u})
    issues.push_back(make_issue_at(IssueCode::MissingValue, "a.xlsx", "Biểu 01", r, 5, "6", {{"name", "BHYT"}}));
  issues.push_back(make_issue_at(IssueCode::MissingValue, "b.xlsx", "Biểu 01", 10, 5, "6", {{"name", "BHYT"}}));
  issues.push_back(make_issue_at(IssueCode::MissingValue, "a.xlsx", "Biểu 01", 30, std::nullopt, "7", {{"name", "X"}}));
  issues.push_back(make_issue_at(IssueCode::MissingValue, "a.xlsx", "Biểu 01", 31, std::nullopt, "7", {{"name", "X"}}));
  auto groups = group_issues(issues);
  std::size_t total = 0;
  for (const auto& g : groups) total += g.count;
  EXPECT_EQ(total, issues.size());  // every issue in exactly one line
  ASSERT_EQ(groups.size(), 5u);
  // Errors first, in the order found (a missing file has no row: never grouped); then the rest.
  EXPECT_EQ(groups[0].first->code, IssueCode::MissingSubmission);
  EXPECT_EQ(groups[0].count, 1u);
  EXPECT_EQ(groups[1].first->where.file, "a.xlsx");
  EXPECT_EQ(groups[1].count, 3u);
  EXPECT_EQ(cells_text(groups[1], 400), "F11:F12, F21");
  EXPECT_EQ(groups[2].first->where.file, "b.xlsx");
  EXPECT_EQ(cells_text(groups[3], 400), "31:32");  // whole rows
  for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(groups[k].first->severity, Severity::Error);
  EXPECT_EQ(groups[4].first->code, IssueCode::UnknownItem);
  EXPECT_NE(groups[4].first->severity, Severity::Error);
  EXPECT_EQ(groups[4].count, 5000u);
  EXPECT_EQ(cells_text(groups[4], 400), "B8:B5007");
  // A long list of cells is cut with the number left out.
  IssueGroup scattered{&issues[1], 0, {}};
  for (std::uint32_t r = 0; r < 1000; ++r) scattered.cells.emplace_back(r * 2, 1), ++scattered.count;
  auto text = cells_text(scattered, 100);
  EXPECT_LE(text.size(), 140u);
  EXPECT_NE(text.find("… và "), std::string::npos) << text;
  EXPECT_NE(text.find(" ô khác"), std::string::npos) << text;
}

// Fed an issue at a time, each gone once added (a long report's issues read back a batch at a
// time), the grouping keeps copies of what it needs and gives the lines of the whole list.
TEST(IssueGroups, IssuesAddedOneAtATimeGiveTheLinesOfTheWholeList) {
  std::vector<Issue> issues;
  for (std::uint32_t r = 7; r < 3007; ++r) {
    issues.push_back(make_issue_at(r % 3 ? IssueCode::UnknownItem : IssueCode::MissingValue, "a.xlsx", "Biểu 01", r,
                                   r % 3 ? 1 : 5, r % 3 ? "" : std::to_string(r % 7), {{"name", "Dòng " + std::to_string(r % 5)}}));
    if (r % 500 == 0) issues.push_back(make_issue(IssueCode::MissingSubmission, Location{}, {{"unit", "Công an"}}));
  }
  issues.push_back(make_issue_at(IssueCode::TargetNotMet, "b.xlsx", "Biểu 02", 9, 4, "3", {{"name", "BHYT"}}));
  IssueGrouper grouped(true);
  for (const auto& i : issues) {
    Issue passing = i;  // gone after add
    grouped.add(passing);
    passing.where.file = passing.where.sheet = passing.where.item = "overwritten";
  }
  auto whole = issue_lines(issues), one_by_one = issue_lines(grouped);
  ASSERT_EQ(one_by_one.size(), whole.size());
  ASSERT_GT(whole.size(), 10u);
  for (std::size_t k = 0; k < whole.size(); ++k) {
    EXPECT_EQ(one_by_one[k].file, whole[k].file) << k;
    EXPECT_EQ(one_by_one[k].cell, whole[k].cell) << k;
    EXPECT_EQ(one_by_one[k].message, whole[k].message) << k;
    EXPECT_EQ(one_by_one[k].count, whole[k].count) << k;
    EXPECT_EQ(one_by_one[k].rank, whole[k].rank) << k;
  }
}

// More issue lines than a sheet holds (rows_per_sheet lowered so the test is quick; Excel's
// 1,048,576 rows the same way): they continue on "Lỗi kiểm tra (2)", ..., every issue is
// counted on them, and the summary says where they are.
TEST(Consolidate, IssuesLongerThanASheetContinue) {
  const auto& r = sample_run();
  YearReport year = r.year;
  for (std::uint32_t k = 0; k < 300; ++k)  // distinct items: not grouped
    year.issues.push_back(make_issue_at(IssueCode::UnknownItem, "x.xlsx", "Biểu 01", 7 + k, 1, "code " + std::to_string(k),
                                        {{"name", "Dòng " + std::to_string(k)}}));
  for (std::uint32_t k = 0; k < 2000; ++k)  // one line of 2,000
    year.issues.push_back(make_issue_at(IssueCode::MissingValue, "y.xlsx", "Biểu 01", 7 + k, 5, "6", {{"name", "BHYT"}}));
  auto layout = layout_with("rows_per_sheet = 50");
  std::string out = dir() + "continued.xlsx";
  write_consolidated(out, r.plan, year, layout, WriteOptions::for_year(2026));
  auto wb = load_workbook(out);
  auto parts = sheets_named(wb, "Lỗi kiểm tra");
  ASSERT_GE(parts.size(), 7u);  // 300+ lines, 43 a sheet
  EXPECT_EQ(parts[1]->info.name, "Lỗi kiểm tra (2)");
  std::size_t counted = 0, lines = 0;
  for (const auto* s : parts) {
    std::uint32_t header = 0;
    for (const auto& c : s->cells)
      if (c.text == "Số lần") header = c.row;
    ASSERT_GT(header, 0u) << s->info.name;
    auto cols = columns_of(*s, &header);
    for (const auto& c : s->cells) {
      EXPECT_LT(c.row, 50u);
      if (c.row > header && c.col == cols.at("Số lần")) counted += std::size_t(c.number), ++lines;
    }
  }
  EXPECT_EQ(counted, year.issues.size());
  EXPECT_LT(lines, year.issues.size());
  // Errors first: the first line of the first sheet is an error.
  auto line = summary_line(wb, "Lỗi kiểm tra (2)");
  EXPECT_NE(line.find("trên " + std::to_string(parts.size()) + " trang"), std::string::npos) << line;
}

// tonghop consolidate streams: the check's results wait on disk and the issues and raw rows
// are read back file by file as the workbook is written. The workbook is the same bytes as
// the one written from the year held in memory, with one sheet per submission and with all
// of them on one sheet.
TEST(Consolidate, StreamedYearWritesTheWorkbookOfTheYearInMemory) {
  const auto& r = sample_run();
  StreamedCheck check(r.plan, r.files, r.opt, sample_context());
  StreamedCheck::Totals totals;
  auto year = consolidate(r.plan, check, nullptr, &totals);
  EXPECT_TRUE(year.issues.empty());  // not held: read back
  EXPECT_TRUE(year.submissions.empty());
  EXPECT_EQ(year.issue_count(), r.year.issues.size());
  EXPECT_EQ(year.submission_count(), r.year.submissions.size());
  EXPECT_EQ(totals.errors, r.check.count(Severity::Error));
  EXPECT_EQ(totals.warnings, r.check.count(Severity::Warning));
  for (const auto& layout : {Layout::find("commune-yearly"), layout_with("rows_per_sheet = 40", "separate_sheets_up_to = 50",
                                                                         "separate_sheets_up_to = 3")}) {
    std::string held = dir() + "held.xlsx", streamed = dir() + "streamed.xlsx";
    write_consolidated(held, r.plan, r.year, layout, WriteOptions::for_year(2026));
    write_consolidated(streamed, r.plan, year, layout, WriteOptions::for_year(2026));
    EXPECT_EQ(bytes(streamed), bytes(held)) << layout.rows_per_sheet;
  }
}

// Past the threshold of separate sheets, with both long lists fitting on one sheet each,
// the issues and the raw rows are written at the same time, each sheet by its own thread:
// the workbook is the bytes of the one written a sheet after the other (the same layout
// with rows_per_sheet just low enough to write them one after the other, still without
// continued sheets), from the streamed year and from the year held in memory.
TEST(Consolidate, BothLongSheetsWrittenAtOnceGiveTheSameWorkbook) {
  const auto& r = sample_run();
  StreamedCheck check(r.plan, r.files, r.opt, sample_context());
  auto year = consolidate(r.plan, check);
  ASSERT_GT(year.submission_count(), 3u);
  std::size_t longest = std::max(year.issue_count(), year.raw_row_count());
  ASSERT_EQ(longest, std::max(r.year.issues.size(), r.year.raw_row_count()));
  auto at_once = layout_with("", "separate_sheets_up_to = 50", "separate_sheets_up_to = 3");
  auto in_turn = layout_with("rows_per_sheet = " + std::to_string(longest + 64), "separate_sheets_up_to = 50",
                             "separate_sheets_up_to = 3");
  std::string expected = dir() + "in-turn.xlsx";
  write_consolidated(expected, r.plan, r.year, in_turn, WriteOptions::for_year(2026));
  auto wb = load_workbook(expected);
  EXPECT_EQ(sheets_named(wb, "Lỗi kiểm tra").size(), 1u);
  EXPECT_EQ(sheets_named(wb, "Số liệu gốc").size(), 1u);
  for (const YearReport* y : {&r.year, static_cast<const YearReport*>(&year)}) {
    std::string out = dir() + "at-once.xlsx";
    write_consolidated(out, r.plan, *y, at_once, WriteOptions::for_year(2026));
    EXPECT_EQ(bytes(out), bytes(expected)) << (y == &year ? "streamed" : "held");
  }
}

// The long sheets' lines are made in a second thread and written in this one: every item
// arrives once, in order, whatever the queue's depth; a failure on either side stops both
// and comes out here.
TEST(Consolidate, LinesMadeInASecondThreadArriveInOrderAndFailuresComeOut) {
  for (std::size_t depth : {1, 3, 64}) {
    std::vector<int> got;
    pipelined<std::vector<int>>(
        [&](const auto& push) {
          for (int k = 0; k < 5000; k += 10) {
            std::vector<int> batch;
            for (int j = k; j < k + 10; ++j) batch.push_back(j);
            push(std::move(batch));
          }
        },
        [&](std::vector<int>& batch) { got.insert(got.end(), batch.begin(), batch.end()); }, depth);
    ASSERT_EQ(got.size(), 5000u) << depth;
    for (int k = 0; k < 5000; ++k) ASSERT_EQ(got[std::size_t(k)], k) << depth;
  }
  // The producer fails after some items: those are written, then its error is thrown.
  std::size_t written = 0;
  EXPECT_THROW(pipelined<int>(
                   [&](const auto& push) {
                     for (int k = 0; k < 10; ++k) push(int(k));
                     throw std::runtime_error("cannot read the check's results");
                   },
                   [&](int&) { ++written; }),
               std::runtime_error);
  EXPECT_EQ(written, 10u);
  // The writer fails: the producer stops (it would otherwise push forever) and the writer's
  // error is thrown.
  std::size_t produced = 0;
  EXPECT_THROW(pipelined<int>(
                   [&](const auto& push) {
                     for (int k = 0;; ++k) push(int(k)), ++produced;
                   },
                   [&](int& k) {
                     if (k == 100) throw WriteError("libxlsxwriter: error");
                   },
                   4),
               WriteError);
  EXPECT_LT(produced, 1000u);
}

// Warning and note lines wait until every error line is written (in a temporary file past a
// few hundred KiB): errors first, then warnings, then notes, each in the check's order, none lost.
TEST(Consolidate, ManyWarningLinesComeAfterTheErrorsInTheirOrder) {
  const auto& r = sample_run();
  YearReport year = r.year;
  year.issues.clear();
  const std::uint32_t warnings = 6000;
  for (std::uint32_t k = 0; k < warnings; ++k) {  // distinct items: one line each, ~200 bytes
    year.issues.push_back(make_issue_at(IssueCode::UnknownItem, "x.xlsx", "Biểu 01", 7 + k, 1, "code " + std::to_string(k),
                                        {{"name", "Dòng thứ " + std::to_string(k) + " không có trong kế hoạch năm"}}));
    if (k % 1000 == 999)
      year.issues.push_back(make_issue_at(IssueCode::MissingValue, "y.xlsx", "Biểu 01", k, 5, "e" + std::to_string(k),
                                          {{"name", "BHYT"}}));
  }
  std::string out = dir() + "warnings.xlsx";
  write_consolidated(out, r.plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  auto wb = load_workbook(out);
  auto parts = sheets_named(wb, "Lỗi kiểm tra");
  ASSERT_EQ(parts.size(), 1u);
  std::uint32_t header = 0;
  for (const auto& c : parts[0]->cells)
    if (c.text == "Số lần") header = c.row;
  ASSERT_GT(header, 0u);
  auto cols = columns_of(*parts[0], &header);
  std::vector<std::string> files;
  for (const auto& c : parts[0]->cells)
    if (c.row > header && c.col == cols.at("Tệp")) files.push_back(c.text);
  ASSERT_EQ(files.size(), warnings + 6);
  for (std::size_t k = 0; k < files.size(); ++k) EXPECT_EQ(files[k], k < 6 ? "y.xlsx" : "x.xlsx") << k;
  // The warnings in their order: the last line is the last warning's row.
  std::string last;
  for (const auto& c : parts[0]->cells)
    if (c.row == header + warnings + 6 && c.col == cols.at("Ô")) last = c.text;
  EXPECT_EQ(last, cell_ref(7 + warnings - 1, 1));
}

// Past the layout's threshold the rows of all submissions are on one sheet with the file as a
// column and a filter (and that sheet continues too when it is full).
TEST(Consolidate, ManySubmissionsShareOneSheet) {
  const auto& r = sample_run();
  auto layout = layout_with("rows_per_sheet = 60", "separate_sheets_up_to = 50", "separate_sheets_up_to = 3");
  ASSERT_GT(r.year.submissions.size(), 3u);
  std::string out = dir() + "one-sheet.xlsx";
  write_consolidated(out, r.plan, r.year, layout, WriteOptions::for_year(2026));
  auto wb = load_workbook(out);
  auto parts = sheets_named(wb, "Số liệu gốc");
  ASSERT_FALSE(parts.empty());
  EXPECT_EQ(wb.sheets.size(), 5 + parts.size() + sheets_named(wb, "Lỗi kiểm tra").size() - 1);
  std::size_t expected = 0;
  std::set<std::string> files_expected, files_seen;
  for (const auto& s : r.year.submissions) expected += s.rows.size(), files_expected.insert(s.file);
  std::size_t rows = 0;
  for (const auto* s : parts) {
    EXPECT_EQ(at(*s, "A3").text, "Tệp");
    for (const auto& c : s->cells)
      if (c.row >= 3 && c.col == 0) ++rows, files_seen.insert(c.text);
  }
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(files_seen, files_expected);
  if (expected > 57) {
    EXPECT_GT(parts.size(), 1u);
  }
  // The filter over the table.
  ReadLimits limits;
  ZipArchive zip(out, limits);
  EXPECT_NE(zip.read_all("xl/worksheets/sheet6.xml").find("<autoFilter ref=\"A3:"), std::string::npos);
  auto line = summary_line(wb, "dòng");
  EXPECT_NE(line.find(std::to_string(expected)), std::string::npos) << line;
}
