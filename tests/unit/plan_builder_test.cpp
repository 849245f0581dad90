#include <gtest/gtest.h>

#include <sstream>

#include "plan/plan.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
PlanResult plan_of(const std::string& file) {
  static auto roles = LabelRoles::load_default();
  static auto units = UnitRegistry::load_default();
  return build_plan(load("plans/" + file), roles, units);
}

// Everything a plan says, one line per indicator and task, to compare layouts.
std::string fingerprint(const Plan& p, bool tasks = true) {
  std::ostringstream os;
  for (const auto& i : p.indicators)
    os << i.code << "|" << i.name << "|" << i.group << "|" << i.parent << "|" << i.unit_of_measure << "|" << i.yearly_target.raw << "|"
       << to_string(i.yearly_target.kind) << "|" << i.target_final.raw << "|" << i.responsible << "|" << i.directing_leader << "\n";
  if (tasks)
    for (const auto& t : p.tasks) {
      os << t.code << "|" << t.section << "|" << t.name << "|" << t.lead_agency << "|";
      for (const auto& c : t.coordinating) os << c << ";";
      os << "|" << t.timeframe.raw << "|" << t.output << "|" << t.directing_leader << "\n";
    }
  return os.str();
}
}  // namespace

TEST(PlanBuilder, AnDuongAsInTheAnnex) {
  auto r = plan_of("an_duong_official.xlsx");
  const auto& p = r.plan;
  EXPECT_EQ(p.commune, "phường An Dương");
  EXPECT_EQ(p.period, "2026-2030");
  ASSERT_EQ(p.indicators.size(), 19u);
  std::size_t numbered = 0, sub = 0;
  for (const auto& i : p.indicators) (i.parent.empty() ? numbered : sub)++;
  EXPECT_EQ(numbered, 15u);
  EXPECT_EQ(sub, 4u);
  EXPECT_EQ(p.tasks.size(), 44u);
  // Sub-indicators inherit their parent's unit and leader.
  const auto& level2 = p.indicators[8];
  EXPECT_EQ(level2.name, "Trường công lập đạt chuẩn quốc gia mức độ 2");
  EXPECT_EQ(level2.parent, "8");
  EXPECT_EQ(level2.responsible, "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(level2.directing_leader, "Phó Chủ tịch UBND phường phụ trách văn xã");
  EXPECT_EQ(level2.yearly_target.kind, TargetKind::Exact);
  EXPECT_EQ(p.indicators[0].group, "I. NHÓM CHỈ TIÊU VỀ KINH TẾ");
  EXPECT_EQ(p.indicators[3].target_final.kind, TargetKind::AtLeast);
  EXPECT_EQ(p.tasks[4].lead_agency, "Ban Quản lý dự án");      // "BQL Dự án phường"
  EXPECT_EQ(p.tasks[0].lead_agency, "Văn phòng HĐND và UBND");  // the "Văn phòng UBND và UBND" typo
  EXPECT_EQ(p.tasks[0].timeframe.from.value_or(""), "2026");
}

TEST(PlanBuilder, DuplicateStt13IsReportedAndBothRowsKept) {
  auto r = plan_of("an_duong_official.xlsx");
  std::vector<const Indicator*> thirteen;
  for (const auto& i : r.plan.indicators)
    if (i.code == "13") thirteen.push_back(&i);
  ASSERT_EQ(thirteen.size(), 2u);
  EXPECT_EQ(thirteen[0]->name, "Tỷ lệ dân số được sử dụng nước sạch");
  EXPECT_EQ(thirteen[1]->name, "Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ");
  int dup = 0, gap = 0;
  for (const auto& i : r.issues) {
    if (i.code == IssueCode::DuplicateCode) {
      ++dup;
      EXPECT_EQ(i.where.sheet, "Phụ lục 1");
      EXPECT_EQ(i.cell(), cell_ref(thirteen[1]->row, 0));
      EXPECT_EQ(i.where.item, "13");
    }
    gap += i.code == IssueCode::NumberingGap;
  }
  EXPECT_EQ(dup, 1);
  EXPECT_EQ(gap, 1);  // no STT 12
}

TEST(PlanBuilder, UnitsExpectedToReport) {
  auto r = plan_of("an_duong_official.xlsx");
  std::map<std::string, std::pair<std::size_t, std::size_t>> units;
  for (const auto& u : r.plan.units) units[u.name] = {u.indicators.size(), u.tasks.size()};
  EXPECT_EQ(units.size(), 7u);
  EXPECT_EQ(units["Phòng Văn hóa - Xã hội"], (std::pair<std::size_t, std::size_t>{8, 16}));
  EXPECT_EQ(units["Phòng Kinh tế, Hạ tầng và Đô thị"], (std::pair<std::size_t, std::size_t>{6, 16}));
  EXPECT_EQ(units["Công an"], (std::pair<std::size_t, std::size_t>{4, 5}));
  EXPECT_EQ(units["Ban Chỉ huy Quân sự"], (std::pair<std::size_t, std::size_t>{1, 2}));
  // Generic partners ("Các đơn vị liên quan") and the outside Chi cục Thuế are not expected.
  EXPECT_FALSE(units.count("Các đơn vị liên quan"));
  EXPECT_FALSE(units.count("Chi cục Thuế"));
}

TEST(PlanBuilder, EveryLayoutGivesTheSamePlan) {
  auto official = fingerprint(plan_of("an_duong_official.xlsx").plan);
  EXPECT_EQ(fingerprint(plan_of("an_duong_reordered.xlsx").plan), official);
  EXPECT_EQ(fingerprint(plan_of("an_duong_one_row_header_at_a1.xlsx").plan), official);
  EXPECT_EQ(fingerprint(plan_of("an_duong_official.ods").plan), official);
  // The CSV holds Phụ lục 1 only.
  EXPECT_EQ(fingerprint(plan_of("an_duong_indicators.csv").plan, false),
            fingerprint(plan_of("an_duong_official.xlsx").plan, false));
}

TEST(PlanBuilder, SeparateStartAndFinishColumns) {
  static auto roles = LabelRoles::load_default();
  static auto units = UnitRegistry::load_default();
  auto book = load_workbook(std::string(TONGHOP_TEST_DATA) + "/../../samples/ke-hoach/nghi-duong-2025-2030.xlsx");
  auto r = build_plan(book, roles, units);
  EXPECT_EQ(r.plan.commune, "xã Nghi Dương");
  ASSERT_EQ(r.plan.tasks.size(), 27u);
  EXPECT_EQ(r.plan.tasks[0].code, "1");
  EXPECT_EQ(r.plan.tasks[2].lead_agency, "Ủy ban nhân dân");
  bool quarters = false;
  for (const auto& t : r.plan.tasks)
    if (t.timeframe.from == "2025-Q3" && t.timeframe.to == "2026-Q1") quarters = true;
  EXPECT_TRUE(quarters);
}

TEST(PlanBuilder, AWorkbookWithoutAnnexTablesIsAnError) {
  static auto roles = LabelRoles::load_default();
  static auto units = UnitRegistry::load_default();
  auto r = build_plan(load("traps.xlsx"), roles, units);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].code, IssueCode::NoTableFound);
  EXPECT_EQ(r.issues[0].severity, Severity::Error);
}

TEST(PlanBuilder, TheCommuneFromEitherHeaderForm) {
  EXPECT_EQ(find_commune({"UBND PHƯỜNG AN DƯƠNG", "PHỤ LỤC 1"}), "phường An Dương");
  EXPECT_EQ(find_commune({"ĐẢNG BỘ XÃ NGHI DƯƠNG"}), "xã Nghi Dương");
  // The administrative block in row order: the quốc hiệu stands between the two lines.
  EXPECT_EQ(find_commune({"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG AN DƯƠNG",
                          "Độc lập - Tự do - Hạnh phúc"}),
            "phường An Dương");
  // "Xã hội" opening a sentence is no commune, nor is a level word without the body above.
  EXPECT_EQ(find_commune({"ỦY BAN NHÂN DÂN", "Xã hội hóa các nguồn lực đầu tư cho giáo dục và đào tạo trên địa bàn"}), "");
  EXPECT_EQ(find_commune({"PHƯỜNG AN DƯƠNG"}), "");
  EXPECT_EQ(find_commune({"PHÒNG VĂN HÓA - XÃ HỘI"}), "");
}
