#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "core/date.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
// A folder of the running test's own: CTest runs tests in parallel processes.
std::string dir() {
  std::string d = ::testing::TempDir() + "tonghop_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  std::filesystem::create_directories(d);
  return d;
}
std::string write(const std::string& name, const std::string& csv) {
  std::string path = dir() + name;
  std::ofstream(path) << csv;
  return path;
}
CheckReport run(const std::vector<std::string>& files, CheckOptions opt = {}) {
  if (!opt.period.year) opt.period = {2026, PeriodKind::Year};
  return check_submissions(an_duong_plan(), files, opt, default_context());
}
// "code@cell" of every issue in a file, e.g. "missing-value@E2".
std::multiset<std::string> issues_of(const FileResult& f) {
  std::multiset<std::string> out;
  for (const auto& i : f.issues) out.insert(std::string(to_string(i.code)) + "@" + i.cell());
  return out;
}

const char* kVhxhReport =
    "PHÒNG VĂN HÓA - XÃ HỘI\n"
    "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026\n"
    "STT,Chỉ tiêu,ĐVT,KH 2026,TH 2026,Tỷ lệ %\n"
    "1,Tỷ lệ người dân tham gia BHYT,%,\"Trên 97,5\",,\n"
    "2,Tỷ lệ gia đình văn hóa,%,Trên 90,120,\n"
    "3,Trường công lập đạt chuẩn QG mức độ 1,%,100,95,95\n"
    "4,Tỷ lệ tổ dân phố văn hóa,người,Trên 85,86,\n"
    "5,Phường đạt chuẩn đô thị văn minh,Danh hiệu,Đạt,Đạt,\n"
    "6,Tỷ lệ thu gom chất thải rắn sinh hoạt,%,100,100,\n"
    "7,Số km đường giao thông được cứng hóa,km,10,12,\n"
    "8,Tỷ lệ người dân tham gia bảo hiểm y tế,%,\"Trên 97,5\",\"97,8\",\n"
    "9,Hộ nghèo theo chuẩn nghèo đa chiều,%,50,1.234,\n"
    "10,Trường công lập đạt chuẩn quốc gia mức độ 2,%,76,80,50\n"
    "11,Duy trì Trạm y tế đạt chuẩn quốc gia,Chuẩn,Duy trì,Duy trì,\n"
    "12,Tỷ lệ điều tra khám phá án chung,%,75% trở lên,chưa có số liệu,\n";
}  // namespace

TEST(Check, EveryRowCheckOnARealisticReport) {
  auto r = run({write("vhxh.csv", kVhxhReport)});
  const auto& f = r.files[0];
  EXPECT_EQ(f.unit, "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(f.unit_source, UnitSource::Header);
  ASSERT_TRUE(f.period);
  EXPECT_EQ(f.period->year, 2026);
  auto got = issues_of(f);
  for (const char* want : {
           "missing-value@E4",       // BHYT left empty
           "out-of-range@E5",        // a rate of 120
           "target-not-met@E6",      // 95 < 100
           "unit-mismatch@C7",       // "người" where the plan says %
           "unassigned-item@B9",     // waste collection belongs to Phòng KT-HT-ĐT
           "unknown-item@B10",       // not in the plan
           "duplicate-row@B11",      // BHYT again
           "plan-value-mismatch@D12",  // 50 against "Giảm hàng năm"
           "ambiguous-number@E12",   // "1.234"
           "inconsistent-ratio@F13",  // 80/76 is not 50%
           "type-error@E15",         // "chưa có số liệu"
           "unassigned-item@B15",    // investigation rate belongs to Công an
       })
    EXPECT_EQ(got.count(want), 1u) << want;
  // Met targets, statuses and the ratio that agrees raise nothing.
  for (const char* none : {"target-not-met@E8", "target-not-met@E14", "inconsistent-ratio@F6"})
    EXPECT_EQ(got.count(none), 0u) << none;
  // And nothing else: the exact set, so that a new wrong issue fails here too.
  const std::multiset<std::string> exact = {
      "missing-value@E4", "out-of-range@E5", "target-not-met@E6", "unit-mismatch@C7", "unassigned-item@B9",
      "unknown-item@B10", "duplicate-row@B11", "plan-value-mismatch@D12", "ambiguous-number@E12",
      "inconsistent-ratio@F13", "type-error@E15", "unassigned-item@B15",
      // no receipt date given: the file's time is used, and said
      "receipt-from-file-time@"};
  auto without_missing = got;
  without_missing.erase("missing-item@");
  EXPECT_EQ(without_missing, exact);
  // The unit's 16 plan items it left out, one issue each.
  EXPECT_EQ(got.count("missing-item@"), 16u);
  // Rows carry the plan's code and name, the score and the assessment.
  const RowResult* bhyt = nullptr;
  for (const auto& row : f.rows)
    if (row.row == 3) bhyt = &row;
  ASSERT_TRUE(bhyt && bhyt->item);
  EXPECT_EQ(an_duong_plan().indicators[*bhyt->item].code, "6");
  EXPECT_GE(bhyt->score, 0.9);
  EXPECT_EQ(f.status(), FileStatus::Errors);
}

TEST(Check, PeriodMismatchRowsDoNotCount) {
  std::string csv = "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO 6 THÁNG ĐẦU NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n1,Tỷ lệ gia đình văn hóa,%,91\n";
  auto r = run({write("vhxh_h1.csv", csv)});
  const auto& f = r.files[0];
  ASSERT_TRUE(f.period);
  EXPECT_EQ(f.period->kind, PeriodKind::H1);
  EXPECT_EQ(issues_of(f).count("period-mismatch@"), 1u);
  ASSERT_FALSE(f.rows.empty());  // a loop over no rows checks nothing
  for (const auto& row : f.rows) EXPECT_FALSE(row.counts);
  EXPECT_EQ(std::count(r.missing.begin(), r.missing.end(), "Phòng Văn hóa - Xã hội"), 1);
  CheckOptions h1;
  h1.period = {2026, PeriodKind::H1};
  EXPECT_EQ(issues_of(run({write("vhxh_h1.csv", csv)}, h1).files[0]).count("period-mismatch@"), 0u);
}

TEST(Check, WhoSentTheFile) {
  std::string body = "STT,Chỉ tiêu,ĐVT,TH 2026\n1,Tỷ lệ điều tra khám phá án chung,%,80\n";
  auto by_title = run({write("r1.csv", "BÁO CÁO NĂM 2026 CỦA CÔNG AN PHƯỜNG\n" + body)}).files[0];
  EXPECT_EQ(by_title.unit, "Công an");
  EXPECT_EQ(by_title.unit_source, UnitSource::Header);
  auto by_name = run({write("BC_KT-HT-DT_2026.csv", body)}).files[0];
  EXPECT_EQ(by_name.unit, "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(by_name.unit_source, UnitSource::FileName);
  CheckOptions opt;
  opt.unit_of[dir() + "r2.csv"] = "Công an phường";
  auto by_option = run({write("r2.csv", body)}, opt).files[0];
  EXPECT_EQ(by_option.unit, "Công an");
  EXPECT_EQ(by_option.unit_source, UnitSource::Option);
  auto nobody = run({write("bao-cao.csv", body)}).files[0];
  EXPECT_EQ(issues_of(nobody).count("unknown-unit@"), 1u);
  // A header that names only the commune: the commune's own report when its rows belong
  // to several units; a unit that left its name out when they all belong to one.
  auto commune_only = run({write("bc.csv", "UBND PHƯỜNG AN DƯƠNG\n" + body)});
  const auto& unnamed = commune_only.files[0];
  EXPECT_EQ(unnamed.commune, "phường An Dương");
  EXPECT_EQ(unnamed.unit, "");
  EXPECT_EQ(issues_of(unnamed).count("unknown-unit@"), 1u);
  EXPECT_EQ(commune_only.submitted.size(), 0u);
  auto whole = run({write("bc2.csv", "UBND PHƯỜNG AN DƯƠNG\n" + body +
                                        "2,Tỷ lệ người dân tham gia bảo hiểm y tế,%,\"97,8\"\n")});
  EXPECT_EQ(whole.files[0].unit, "phường An Dương");
  EXPECT_EQ(whole.files[0].unit_source, UnitSource::Commune);
  EXPECT_EQ(issues_of(whole.files[0]).count("unknown-unit@"), 0u);
  EXPECT_EQ(whole.submitted.size(), an_duong_plan().units.size());
}

TEST(Check, CompletenessAcrossFiles) {
  auto ca = write("cong-an.csv", "CÔNG AN PHƯỜNG\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n"
                                 "1,Tỷ lệ điều tra khám phá án chung,%,80\n2,Xây dựng và duy trì phường không ma túy,Mô hình,Duy trì\n"
                                 "3,Tỷ lệ gia đình văn hóa,%,95\n");
  auto vh = write("phong-vhxh.csv", "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n1,Tỷ lệ gia đình văn hóa,%,91\n");
  auto r = run({ca, vh});
  EXPECT_EQ(r.expected.size(), 7u);
  EXPECT_EQ(r.submitted.size(), 2u);
  EXPECT_EQ(r.missing.size(), 5u);
  std::size_t missing_submission = 0;
  for (const auto& i : r.issues) missing_submission += i.code == IssueCode::MissingSubmission;
  EXPECT_EQ(missing_submission, 5u);
  // Công an left out its two sub-indicators and its tasks.
  std::size_t missing_items = 0;
  for (const auto& i : r.files[0].issues) missing_items += i.code == IssueCode::MissingItem;
  EXPECT_EQ(missing_items, 2u + 5u);
  // Two units, two figures for one indicator.
  std::size_t conflicts = 0;
  for (const auto& f : r.files)
    for (const auto& i : f.issues) conflicts += i.code == IssueCode::ConflictingValues;
  EXPECT_EQ(conflicts, 1u);
}

TEST(Check, CommandExitCodesAndJson) {
  std::ostringstream out, err;
  auto plan_path = data("plans/an_duong_official.xlsx");
  int code = cli::run({"check", "--plan", plan_path, "--year", "2026", "--format", "json", write("vhxh.csv", kVhxhReport)},
                      out, err);
  EXPECT_EQ(code, 1);  // the report has errors
  EXPECT_NE(out.str().find("\"unit_source\": \"header\""), std::string::npos);
  EXPECT_NE(out.str().find("\"code\": \"missing-value\""), std::string::npos);
  EXPECT_NE(out.str().find("\"completeness\""), std::string::npos);
  std::ostringstream o2, e2;
  EXPECT_EQ(cli::run({"check", "--plan", plan_path, "--year", "2026", data("bad_truncated.xlsx")}, o2, e2), 3);
  std::ostringstream o3, e3;
  EXPECT_EQ(cli::run({"check", "--year", "2026", data("types.xlsx")}, o3, e3), 2);
  EXPECT_NE(e3.str().find("--plan"), std::string::npos);
}

TEST(Check, ReceiptsLateAndDuplicateSubmissions) {
  std::string body = "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n1,Tỷ lệ gia đình văn hóa,%,";
  auto first = write("vh-1.csv", body + "89\n");
  auto second = write("vh-2.csv", body + "91\n");
  CheckOptions opt;
  opt.received["vh-1.csv"] = *parse_receipt_date("20/11/2026");  // by file name
  opt.received[second] = *parse_receipt_date("2026-12-04");        // by path: a day late
  auto r = run({second, first}, opt);
  auto a = issues_of(r.files[0]), b = issues_of(r.files[1]);
  EXPECT_EQ(a.count("late-submission@"), 1u);
  EXPECT_EQ(b.count("duplicate-submission@"), 1u);   // the older file
  for (const auto& row : r.files[1].rows) EXPECT_FALSE(row.counts);
  EXPECT_EQ(r.late, std::vector<std::string>{"Phòng Văn hóa - Xã hội"});
  EXPECT_GT(a.count("missing-item@"), 0u);            // held by the file that counts
  EXPECT_EQ(b.count("missing-item@"), 0u);
  EXPECT_EQ(r.files[0].received_source, ReceiptSource::Option);
  // Superseded and usable are the file's own facts, not found by scanning its issues.
  EXPECT_FALSE(r.files[0].superseded);
  EXPECT_TRUE(r.files[1].superseded);
  EXPECT_TRUE(r.files[0].usable && r.files[1].usable);
  // Without a recorded date, the file's time, said plainly.
  auto plain = run({write("vh-3.csv", body + "91\n")}).files[0];
  EXPECT_EQ(plain.received_source, ReceiptSource::FileTime);
  EXPECT_EQ(issues_of(plain).count("receipt-from-file-time@"), 1u);
  EXPECT_TRUE(parse_receipt_date("03/12/2026 14:30"));
  EXPECT_FALSE(parse_receipt_date("hôm qua"));
}

TEST(Check, TwoYearsSideBySideThePeriodsYearIsUsed) {
  // "Năm 2025 | Năm 2026", each over "Kế hoạch | Thực hiện", as CSV with the year in the labels.
  std::string csv = "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\n"
                    "STT,Chỉ tiêu,ĐVT,KH 2025,TH 2025,KH 2026,TH 2026\n"
                    "1,Tỷ lệ gia đình văn hóa,%,Trên 90,88,Trên 90,91\n";
  auto f = run({write("two-years.csv", csv)}).files[0];
  const RowResult* row = nullptr;
  for (const auto& r : f.rows)
    if (r.item) row = &r;
  ASSERT_TRUE(row);
  EXPECT_DOUBLE_EQ(row->actual.number, 91);
  EXPECT_EQ(row->assessment, Assessment::Met);
  EXPECT_EQ(issues_of(f).count("duplicate-label@E3"), 0u);
  // Without years in the labels the first column is used, and that is said.
  std::string plain = "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH,TH\n1,Tỷ lệ gia đình văn hóa,%,88,91\n";
  auto g = run({write("two-th.csv", plain)}).files[0];
  EXPECT_EQ(issues_of(g).count("duplicate-label@E3"), 1u);
}

// check --report writes the files as the check saw them, without reading them again.
TEST(Check, KeepsTheWorkbooksOnlyWhenAsked) {
  std::string path = write("r.csv", kVhxhReport);
  EXPECT_EQ(run({path}).files[0].workbook, nullptr);
  CheckOptions opt;
  opt.keep_workbooks = true;
  auto kept = run({path}, opt).files[0].workbook;
  ASSERT_NE(kept, nullptr);
  ASSERT_EQ(kept->sheets.size(), 1u);
  EXPECT_EQ(at(kept->sheets[0], "B3").text, "Chỉ tiêu");
}

namespace {
// A sheet built in memory, as a server holding uploaded bytes would have it after reading.
Workbook book_of(const std::vector<std::vector<std::string>>& rows) {
  Workbook b;
  Sheet s;
  s.info.name = "Sheet1";
  for (std::uint32_t r = 0; r < rows.size(); ++r)
    for (std::uint32_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      StoredCell cell;
      cell.row = r, cell.col = c;
      char* end = nullptr;
      double n = std::strtod(rows[r][c].c_str(), &end);
      if (*end == '\0') cell.type = CellType::Number, cell.number = n;
      else cell.type = CellType::Text, cell.text = rows[r][c];
      s.cells.push_back(cell);
    }
  b.sheets.push_back(std::move(s));
  return b;
}
}  // namespace

TEST(CheckWorkbook, ChecksAWorkbookHeldInMemoryWithoutTouchingDisk) {
  auto book = book_of({{"PHÒNG VĂN HÓA - XÃ HỘI"},
                       {"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026"},
                       {"STT", "Chỉ tiêu", "ĐVT", "KH 2026", "TH 2026"},
                       {"1", "Tỷ lệ gia đình văn hóa", "%", "Trên 90", "120"},
                       {"2", "Trường công lập đạt chuẩn QG mức độ 1", "%", "100", "95"}});
  PlanItems items(an_duong_plan(), default_context().matcher);
  SubmissionMeta meta;
  meta.path = "tai-len/khong-ton-tai.xlsx";  // no such file: nothing is opened or stat-ed
  meta.received = *parse_receipt_date("2026-12-05");
  meta.received_source = ReceiptSource::Option;
  CheckReport report;
  report.period = {2026, PeriodKind::Year};
  report.files.push_back(check_workbook(book, meta, an_duong_plan(), items, report.period, default_context()));
  const auto& f = report.files[0];
  EXPECT_TRUE(f.readable);
  EXPECT_EQ(f.unit, "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(f.unit_source, UnitSource::Header);
  auto got = issues_of(f);
  EXPECT_EQ(got.count("out-of-range@E4"), 1u);
  EXPECT_EQ(got.count("target-not-met@E5"), 1u);
  EXPECT_EQ(got.count("receipt-from-file-time@"), 0u);
  // The checks across files work on the same report: late (5 December), the unit's other items missing.
  complete_report(report, an_duong_plan(), default_deadline(2026));
  EXPECT_TRUE(report.files[0].late);
  EXPECT_EQ(std::count(report.late.begin(), report.late.end(), "Phòng Văn hóa - Xã hội"), 1);
  EXPECT_EQ(std::count(report.submitted.begin(), report.submitted.end(), "Phòng Văn hóa - Xã hội"), 1);
  EXPECT_GE(issues_of(report.files[0]).count("missing-item@"), 1u);
  EXPECT_EQ(issues_of(report.files[0]).count("late-submission@"), 1u);
}

TEST(Check, ItemRefsNameThePlanItemAndItsOwner) {
  const Plan& p = an_duong_plan();
  ASSERT_FALSE(p.indicators.empty());
  ASSERT_FALSE(p.tasks.empty());
  ItemRef ind{ItemKind::Indicator, 0}, task{ItemKind::Task, 0};
  EXPECT_EQ(p.code_of(ind), p.indicators[0].code);
  EXPECT_EQ(p.name_of(ind), p.indicators[0].name);
  EXPECT_EQ(p.owner_of(ind), p.indicators[0].responsible);
  EXPECT_EQ(p.name_of(task), p.tasks[0].name);
  EXPECT_EQ(p.owner_of(task), "Văn phòng HĐND và UBND");  // the task's lead agency
  EXPECT_LT(ind, task);  // usable as a map key: indicators first
  EXPECT_EQ(to_string(ItemKind::Task), "task");
  // A row that names a task carries its kind; the JSON strings stay as they were.
  auto r = run({write("vh-rows.csv", kVhxhReport)});
  for (const auto& row : r.files[0].rows)
    if (row.item) { EXPECT_EQ(p.name_of(row.ref()), row.kind == ItemKind::Task ? p.tasks[*row.item].name : p.indicators[*row.item].name); }
  EXPECT_EQ(to_string(r.files[0].status()), "errors");
  EXPECT_EQ(to_string(UnitSource::FileName), "filename");
  EXPECT_EQ(to_string(ReceiptSource::FileTime), "file-time");
  EXPECT_GT(FileStatus::Unreadable, FileStatus::Errors);  // ranks worst first
}

// A script-written report: every figure a formula with no trusted result (placeholder 0 with
// fullCalcOnLoad, or no stored result at all). The formulas are computed; what cannot be is
// one sheet-level issue and not assessable, never 0 %, "Không đạt" or a missing figure.
TEST(Check, FormulasWithoutATrustedResultAreComputed) {
  for (const char* name : {"formula_recalc_on_load.xlsx", "formula_no_results.xlsx"}) {
    CheckOptions opt;
    opt.received[name] = *parse_receipt_date("01/12/2026");
    auto r = run({data(name)}, opt);
    ASSERT_EQ(r.files.size(), 1u);
    const auto& f = r.files[0];
    EXPECT_EQ(f.unit, "Phòng Văn hóa - Xã hội") << name;
    auto issues = issues_of(f);
    issues.erase("missing-item@");  // the tasks this indicator sheet does not hold
    EXPECT_EQ(issues, (std::multiset<std::string>{"formula-computed@", "formula-without-value@"})) << name;
    for (const auto& i : f.issues)
      if (i.code == IssueCode::FormulaWithoutValue) {
        EXPECT_EQ(i.where.sheet, "Biểu 01");
        EXPECT_EQ(i.params.at("cells").vi, "E11");
        EXPECT_NE(i.message(Lang::En).find("COUNTIF"), std::string::npos);
      } else if (i.code == IssueCode::FormulaComputed) {
        EXPECT_EQ(i.params.at("cells").vi, "E7, E8, E10, E12, E13, E14");
      }
    std::map<std::uint32_t, const RowResult*> rows;
    for (const auto& row : f.rows) rows[row.row + 1] = &row;
    ASSERT_EQ(rows.size(), 8u) << name;
    auto number = [&](std::uint32_t r) { return rows.at(r)->actual.number; };
    EXPECT_DOUBLE_EQ(number(7), 0.42);  // 'Số liệu'!B2/'Số liệu'!C2
    EXPECT_DOUBLE_EQ(number(8), 97.8);  // =H8/I8
    EXPECT_EQ(rows.at(8)->assessment, Assessment::Met);
    EXPECT_DOUBLE_EQ(number(10), 100);  // AVERAGE
    EXPECT_EQ(rows.at(11)->actual.kind, Value::Kind::FormulaWithoutValue);  // COUNTIF
    EXPECT_EQ(rows.at(11)->assessment, Assessment::Unknown);
    EXPECT_DOUBLE_EQ(number(12), 91.2);  // ROUND, a shared formula
    EXPECT_DOUBLE_EQ(number(13), 86);    // the same shared formula one row down
    EXPECT_EQ(rows.at(14)->actual.raw, "Đạt");  // IF giving a status
    EXPECT_EQ(rows.at(14)->assessment, Assessment::Met);
  }
}

// The office's receipts book, dates typed day first as offices type them: every one read,
// and a date that cannot be read or does not exist is an issue at its cell, never replaced
// by the file's modification time or rolled over to another day.
TEST(Check, ReceiptsBookDatesDayFirst) {
  std::vector<std::string> files;
  for (const char* n : {"a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv"}) files.push_back(write(n, kVhxhReport));
  auto book_path = write("so-nhan.csv",
                         "Tệp,Ngày nhận\n"
                         "a.csv,4/12/2026\n"
                         "b.csv,05.12.2026\n"
                         "c.csv,5/12/26\n"
                         "d.csv,ngày 5 tháng 12 năm 2026\n"
                         "e.csv,31/11/2026\n"
                         "f.csv,hôm qua 5/12\n");
  auto book = read_receipts_book(load_workbook(book_path), book_path);
  EXPECT_DOUBLE_EQ(book.received.at("a.csv"), *iso_to_serial("2026-12-04"));
  for (const char* n : {"b.csv", "c.csv", "d.csv"}) EXPECT_DOUBLE_EQ(book.received.at(n), *iso_to_serial("2026-12-05")) << n;
  EXPECT_EQ(book.unknown, (std::set<std::string>{"e.csv", "f.csv"}));
  ASSERT_EQ(book.issues.size(), 2u);
  EXPECT_EQ(book.issues[0].code, IssueCode::InvalidDate);
  EXPECT_EQ(book.issues[0].cell(), "B6");
  EXPECT_NE(book.issues[0].message(Lang::Vi).find("không có ngày 31"), std::string::npos);
  EXPECT_EQ(book.issues[1].cell(), "B7");

  CheckOptions opt;
  opt.received = book.received;
  opt.receipt_unknown = book.unknown;
  opt.receipt_issues = book.issues;
  auto r = run(files, opt);
  ASSERT_EQ(r.files.size(), 6u);
  // One unit sent six files: the newest counts, and it is late (5 December).
  std::size_t from_file_time = 0;
  for (const auto& f : r.files) {
    from_file_time += issues_of(f).count("receipt-from-file-time@");
    bool unusable = f.path.find("/e.csv") != std::string::npos || f.path.find("/f.csv") != std::string::npos;
    EXPECT_EQ(f.received.has_value(), !unusable) << f.path;
  }
  EXPECT_EQ(from_file_time, 0u);
  EXPECT_EQ(r.late, (std::vector<std::string>{"Phòng Văn hóa - Xã hội"}));
  std::multiset<std::string> report_issues;
  for (const auto& i : r.issues)
    if (i.code == IssueCode::InvalidDate) report_issues.insert(i.cell());
  EXPECT_EQ(report_issues, (std::multiset<std::string>{"B6", "B7"}));
}

// Figures in messages as the sheet shows them: a rate computed in the sheet (0.969 shown
// with 0.0%) is "96,9%" in Vietnamese and "96.9%" in English, not 96.89999999999999%.
TEST(CheckWorkbook, MessagesShowFiguresAsTheSheetDoes) {
  auto book = book_of({{"PHÒNG VĂN HÓA - XÃ HỘI"},
                       {"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026"},
                       {"STT", "Chỉ tiêu", "ĐVT", "KH 2026", "TH 2026"},
                       {"1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "Trên 97,5", "0"},
                       {"2", "Tỷ lệ gia đình văn hóa", "%", "Trên 90", "0"}});
  auto& cells = book.sheets[0].cells;
  for (auto& c : cells) {
    if (c.col != 4 || c.row < 3) continue;
    c.type = CellType::Number;
    c.text.clear();
    c.format_class = FormatClass::Percent;
    c.number_format = c.row == 3 ? "0.0%" : "0.00%";
    c.number = c.row == 3 ? 0.969 : 0.8925;
  }
  for (auto& c : cells)
    if (c.col == 4 && c.row == 3) { EXPECT_EQ(c.number * 100, 96.89999999999999); }  // what the machine holds
  PlanItems items(an_duong_plan(), default_context().matcher);
  SubmissionMeta meta;
  meta.path = "bhyt.xlsx";
  auto f = check_workbook(book, meta, an_duong_plan(), items, {2026, PeriodKind::Year}, default_context());
  std::vector<std::string> vi, en;
  for (const auto& i : f.issues)
    if (i.code == IssueCode::TargetNotMet) vi.push_back(i.message(Lang::Vi)), en.push_back(i.message(Lang::En));
  ASSERT_EQ(vi.size(), 2u);
  EXPECT_NE(vi[0].find("thực hiện 96,9%, chưa đạt"), std::string::npos) << vi[0];
  EXPECT_NE(en[0].find(": 96.9% reported"), std::string::npos) << en[0];
  EXPECT_NE(vi[1].find("thực hiện 89,25%, chưa đạt"), std::string::npos) << vi[1];
}

// A report as staff write it: sub-rows naming only what differs from the row above, and a
// total, a closing paragraph and the signature under the table.
TEST(Check, RelativeSubRowsAndRowsThatAreNoItems) {
  const char* csv =
      "PHÒNG VĂN HÓA - XÃ HỘI\n"
      "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026\n"
      "STT,Chỉ tiêu,ĐVT,TH 2026\n"
      "1,Trường đạt chuẩn quốc gia mức độ 1,%,100\n"
      ",mức độ 2,%,80\n"
      "2,Tỷ lệ gia đình văn hóa,%,92\n"
      ",Trong đó: tổ dân phố,%,86\n"
      "3,Tham gia BHYT,%,\"97,8\"\n"
      "4,Tổng cộng,,376\n"
      "5,\"Đánh giá chung: các chỉ tiêu cơ bản đạt kế hoạch đề ra. Một số chỉ tiêu còn khó khăn do thiếu kinh phí.\",,\n"
      "6,Người lập biểu,,Thủ trưởng đơn vị\n"
      "7,Nguyễn Văn An,,Trần Thị Bình\n";
  auto r = run({write("vhxh-staff.csv", csv)});
  const auto& f = r.files[0];
  std::map<std::string, std::string> got;  // written -> plan name
  for (const auto& row : f.rows)
    if (row.item) got[row.written] = an_duong_plan().name_of(row.ref());
  EXPECT_EQ(got["mức độ 2"], "Trường công lập đạt chuẩn quốc gia mức độ 2");
  EXPECT_EQ(got["Trường đạt chuẩn quốc gia mức độ 1"], "Trường công lập đạt chuẩn quốc gia mức độ 1");
  EXPECT_EQ(got["Trong đó: tổ dân phố"], "Tỷ lệ Tở dân phố văn hóa");
  EXPECT_EQ(got["Tham gia BHYT"], "Tỷ lệ người dân tham gia bảo hiểm y tế");
  auto issues = issues_of(f);
  for (const auto& i : issues) EXPECT_EQ(i.find("unknown-item"), std::string::npos) << i;
  EXPECT_EQ(issues.count("skipped-rows@B9"), 1u);  // one info for the whole block
  std::size_t skipped = 0;
  for (const auto& i : f.issues) skipped += i.code == IssueCode::SkippedRows;
  EXPECT_EQ(skipped, 1u);
  // --explain: the words that carried a match.
  for (const auto& row : f.rows)
    if (row.written == "mức độ 2") { EXPECT_NE(row.evidence.str().find("muc"), std::string::npos) << row.evidence; }
}

// A correction the office taught once (--aliases) maps the row from then on.
TEST(Check, TaughtNamesMapRows) {
  const char* csv =
      "PHÒNG VĂN HÓA - XÃ HỘI\n"
      "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026\n"
      "STT,Chỉ tiêu,ĐVT,TH 2026\n"
      "1,Gia đình đạt danh hiệu,%,92\n";
  auto path = write("vhxh-taught.csv", csv);
  auto untaught = run({path});
  ASSERT_EQ(untaught.files[0].rows.size(), 1u);
  EXPECT_FALSE(untaught.files[0].rows[0].item);
  CheckContext taught = default_context();
  taught.aliases.add({Alias::Kind::Item, "gia dinh dat danh hieu", "Tỷ lệ gia đình văn hóa"});
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto r = check_submissions(an_duong_plan(), {path}, opt, taught);
  ASSERT_EQ(r.files[0].rows.size(), 1u);
  ASSERT_TRUE(r.files[0].rows[0].item);
  EXPECT_EQ(an_duong_plan().name_of(r.files[0].rows[0].ref()), "Tỷ lệ gia đình văn hóa");
  EXPECT_EQ(r.files[0].rows[0].evidence, "--aliases");
}
