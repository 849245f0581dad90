// Reports as units really write them (issue 15): periods named twice in a title, status
// phrases, figures that make sense only one way, sheets per period, hidden last-year content.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/date.hpp"
#include "core/text.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
std::string write(const std::string& name, const std::string& csv) {
  std::string d = ::testing::TempDir() + "tonghop_reports_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  std::filesystem::create_directories(d);
  std::ofstream(d + name) << csv;
  return d + name;
}
std::multiset<std::string> codes_of(const FileResult& f) {
  std::multiset<std::string> out;
  for (const auto& i : f.issues) out.insert(std::string(to_string(i.code)) + "@" + i.cell());
  return out;
}
bool has(const FileResult& f, IssueCode code) {
  return std::any_of(f.issues.begin(), f.issues.end(), [&](const Issue& i) { return i.code == code; });
}
const RowResult* row_named(const FileResult& f, const std::string& start) {
  for (const auto& r : f.rows)
    if (r.written.rfind(start, 0) == 0) return &r;
  return nullptr;
}
}  // namespace

TEST(ReportPeriod, TitlesAsOfficesWriteThem) {
  struct {
    const char* title;
    Period period;
  } cases[] = {
      {"BÁO CÁO Kết quả 6 tháng đầu năm và nhiệm vụ trọng tâm 6 tháng cuối năm 2026", {2026, PeriodKind::H1}},
      {"Báo cáo kết quả thực hiện 9 tháng năm 2026", {2026, PeriodKind::M9}},
      {"BÁO CÁO TIẾN ĐỘ QUÝ III/2026", {2026, PeriodKind::Q3}},
      {"Báo cáo tiến độ quý 3 năm 2026", {2026, PeriodKind::Q3}},
      {"Báo cáo kết quả năm 2026 và kế hoạch năm 2027", {2026, PeriodKind::Year}},
      {"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH 5 NĂM 2026 - 2030 (NĂM 2026)", {2026, PeriodKind::Year}},
  };
  for (const auto& c : cases) {
    auto p = detect_period({c.title});
    ASSERT_TRUE(p.has_value()) << c.title;
    EXPECT_EQ(*p, c.period) << c.title;
  }
  // The signing date never sets the period: the title does.
  auto p = detect_period({"An Dương, ngày 05 tháng 01 năm 2027", "BÁO CÁO KẾT QUẢ NĂM 2026"});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(*p, (Period{2026, PeriodKind::Year}));
  EXPECT_FALSE(detect_period({"An Dương, ngày 05 tháng 01 năm 2027"}).has_value());
  EXPECT_EQ(period_kind_in_name("Quý 3"), PeriodKind::Q3);
  EXPECT_EQ(period_kind_in_name("Q2"), PeriodKind::Q2);
  EXPECT_EQ(period_kind_in_name("6 tháng"), PeriodKind::H1);
  EXPECT_EQ(period_kind_in_name("Năm 2026"), PeriodKind::Year);
  EXPECT_FALSE(period_kind_in_name("Biểu 01").has_value());
}

TEST(ReportColumns, ResultColumnsLabelledByPeriodOrKind) {
  auto roles = LabelRoles::load_default();
  for (const char* label : {"KQ 6 tháng", "Thực hiện quý 3", "TH năm 2026", "Ước TH 2027", "Kết quả đạt được"})
    EXPECT_EQ(roles.match(fold_key(label)), Role::Actual) << label;
  for (const char* label : {"So cùng kỳ (%)", "TH 2026/TH 2025", "So sánh cùng kỳ"})
    EXPECT_NE(roles.match(fold_key(label)), Role::Ratio) << label;
}

TEST(ReportStatus, PhrasesGiveStatusProgressAndNote) {
  auto f = write("phong-kt-ht-dt-2026.csv",
                 "\"PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ\"\n"
                 "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ NĂM 2026\n"
                 "STT,Nội dung nhiệm vụ,Tiến độ,Ghi chú\n"
                 "1,Quản lý quy hoạch xây dựng trên địa bàn,\"Đang thực hiện, ước đạt 60%\",\n"
                 "2,Quản lý trật tự xây dựng đô thị,Chưa thực hiện do vướng mặt bằng,\n"
                 "3,\"Quản lý, sử dụng đất theo quy hoạch\",Tạm dừng chờ ý kiến,\n");
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto report = check_submissions(an_duong_plan(), {f}, opt, default_context());
  const auto& file = report.files[0];
  const auto* a = row_named(file, "Quản lý quy hoạch");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->actual.status, Status::InProgress);
  EXPECT_EQ(a->actual.progress, 60);
  const auto* b = row_named(file, "Quản lý trật tự");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->actual.status, Status::NotStarted);
  EXPECT_EQ(b->note, "do vướng mặt bằng");
  // An unknown phrase: a warning at its cell, not an error, never silent.
  EXPECT_TRUE(codes_of(file).count("unknown-status@C6")) << file.issues.size();
  EXPECT_FALSE(has(file, IssueCode::TypeError));
}

TEST(ReportValues, JudgedOnlyWhenTheyMakeSense) {
  auto f = write("phong-kt-ht-dt-2026.csv",
                 "\"PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ\"\n"
                 "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026\n"
                 "STT,Chỉ tiêu,ĐVT,TH 2026\n"
                 "1,Tổng giá trị sản phẩm trên địa bàn,%,14.500\n"
                 "2,Tỷ lệ người dân tham gia bảo hiểm y tế,%,0.978\n"
                 "3,Tỷ lệ thu gom chất thải rắn sinh hoạt,%,100\n"
                 "4,Tỷ lệ thu gom chất thải rắn sinh hoạt,%,\n");
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto report = check_submissions(an_duong_plan(), {f}, opt, default_context());
  const auto& file = report.files[0];
  auto issues = codes_of(file);
  // 14.500 for a growth of 14-15 %: read as 14,5 (with the warning), and met.
  EXPECT_TRUE(issues.count("ambiguous-number@D4"));
  const auto* growth = row_named(file, "Tổng giá trị");
  ASSERT_NE(growth, nullptr);
  EXPECT_DOUBLE_EQ(growth->actual.number, 14.5);
  EXPECT_EQ(growth->assessment, Assessment::Met);
  // 0.978 for a rate whose target is above 97,5 %: a probable fraction, not "not met".
  EXPECT_TRUE(issues.count("probable-fraction@D5"));
  EXPECT_FALSE(issues.count("target-not-met@D5"));
  // The repeated row is a duplicate, not counted, and not checked further (no missing value).
  EXPECT_TRUE(issues.count("duplicate-row@B7"));
  EXPECT_FALSE(issues.count("missing-value@D7"));
}

TEST(ReportSheets, HiddenLastYearContentIsSkippedAndNamed) {
  static auto roles = LabelRoles::load_default();
  auto paste_plan = build_plan(load("paste_clean.xlsx"), default_context().roles, default_context().units).plan;
  for (const char* name : {"report_hidden.xlsx", "report_hidden.ods", "report_hidden.xls"}) {
    CheckOptions opt;
    opt.period = {2026, PeriodKind::Year};
    auto report = check_submissions(paste_plan, {data(name)}, opt, default_context());
    const auto& file = report.files[0];
    ASSERT_TRUE(file.period.has_value()) << name;
    EXPECT_EQ(*file.period, (Period{2026, PeriodKind::Year})) << name;
    EXPECT_EQ(file.unit, "Phòng Văn hóa - Xã hội") << name;
    EXPECT_FALSE(has(file, IssueCode::PeriodMismatch)) << name;
    EXPECT_FALSE(has(file, IssueCode::DuplicateRow)) << name;
    EXPECT_TRUE(has(file, IssueCode::HiddenContent)) << name;
    const auto* bhyt = row_named(file, "Tỷ lệ người dân");
    ASSERT_NE(bhyt, nullptr) << name;
    EXPECT_EQ(bhyt->row, 7u) << name;  // the visible row, not the hidden one above it
    EXPECT_DOUBLE_EQ(bhyt->actual.number, 96.2) << name;
    EXPECT_EQ(bhyt->assessment, Assessment::Met) << name;
  }
}

TEST(ReportSheets, OneSheetPerPeriodTheAskedOneCounts) {
  std::string path = ::testing::TempDir() + "tonghop_quarters.csv";
  // Three sheets, one per quarter, in one workbook (built in memory).
  Workbook book;
  book.path = "phong-vhxh-2026.xlsx";
  auto text = [](std::uint32_t r, std::uint32_t c, const std::string& t) {
    StoredCell s;
    s.row = r, s.col = c, s.type = CellType::Text, s.text = t;
    return s;
  };
  auto number = [](std::uint32_t r, std::uint32_t c, double v) {
    StoredCell s;
    s.row = r, s.col = c, s.type = CellType::Number, s.number = v;
    return s;
  };
  for (int q = 1; q <= 3; ++q) {
    Sheet s;
    s.info.name = "Quý " + std::to_string(q);
    s.info.index = std::uint32_t(q - 1);
    s.cells = {text(0, 0, "PHÒNG VĂN HÓA - XÃ HỘI"), text(1, 0, "BÁO CÁO TIẾN ĐỘ"),
               text(3, 0, "STT"), text(3, 1, "Chỉ tiêu"), text(3, 2, "ĐVT"), text(3, 3, "Thực hiện"),
               number(4, 0, 1), text(4, 1, "Tỷ lệ người dân tham gia bảo hiểm y tế"), text(4, 2, "%"),
               number(4, 3, 90 + q)};
    book.sheets.push_back(s);
  }
  PlanItems items(an_duong_plan(), default_context().matcher);
  SubmissionMeta meta;
  meta.path = book.path;
  auto file = check_workbook(book, meta, an_duong_plan(), items, Period{2026, PeriodKind::Q2}, default_context());
  EXPECT_FALSE(has(file, IssueCode::DuplicateRow));
  EXPECT_TRUE(has(file, IssueCode::SkippedSheet));
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].sheet, "Quý 2");
  EXPECT_DOUBLE_EQ(file.rows[0].actual.number, 92);
}

TEST(ReportUnits, LatenessWhateverWayTheUnitWasFound) {
  // One unit found by its file name's initials, one file whose unit is not found at all.
  auto a = write("BC-QLDA.csv", "BÁO CÁO NĂM 2026\nSTT,Nội dung nhiệm vụ,Tiến độ\n1,Đẩy nhanh tiến độ giải ngân vốn đầu tư công,Hoàn thành\n");
  auto b = write("bao-cao-khong-ten.csv", "BÁO CÁO NĂM 2026\nSTT,Nội dung nhiệm vụ,Tiến độ\n1,Đẩy nhanh tiến độ giải ngân vốn đầu tư công,Hoàn thành\n");
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.received[a] = *iso_to_serial("2026-12-05");
  opt.received[b] = *iso_to_serial("2026-12-06");
  auto report = check_submissions(an_duong_plan(), {a, b}, opt, default_context());
  EXPECT_EQ(report.files[0].unit, "Ban Quản lý dự án");
  EXPECT_EQ(report.files[0].unit_source, UnitSource::FileName);
  EXPECT_TRUE(has(report.files[0], IssueCode::LateSubmission));
  EXPECT_TRUE(report.files[1].unit.empty());
  EXPECT_TRUE(has(report.files[1], IssueCode::LateSubmission));
}
