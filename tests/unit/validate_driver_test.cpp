// The check driver: a file's result crosses from its checking process unchanged, and the
// number of processes (--jobs) changes nothing in the report.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "read/isolated.hpp"
#include "test_util.hpp"
#include "validate/check_json.hpp"
#include "validate/driver.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {

std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

const CheckContext& ctx() {
  static CheckContext c{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return c;
}
const Plan& plan() {
  static Plan p = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), ctx().roles, ctx().units).plan;
  return p;
}
// Every sample report plus files the reader refuses or reads with its own issues.
std::vector<std::string> inputs() {
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(samples("bao-cao"))) files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  for (auto name : {"bad_truncated.xlsx", "report_hidden.xlsx", "formula_no_results.xlsx", "report_hidden.xls"})
    files.push_back(std::string(TONGHOP_TEST_DATA) + "/" + name);
  return files;
}
std::string json(const CheckReport& r) {
  std::ostringstream os;
  write_check_json(os, plan(), r, Lang::En);
  return os.str();
}

}  // namespace

TEST(CheckDriver, FileResultsCrossThePipeUnchanged) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.keep_workbooks = true;
  PlanItems items(plan(), ctx().matcher);
  CheckReport here, crossed;
  for (const auto& path : inputs()) {
    auto fr = check_file(path, plan(), items, opt, ctx());
    auto back = deserialise_file_result(serialise_file_result(fr));
    ASSERT_EQ(fr.workbook != nullptr, back.workbook != nullptr) << path;
    if (fr.workbook) {
      EXPECT_EQ(serialise_workbook(*fr.workbook), serialise_workbook(*back.workbook)) << path;
      ASSERT_FALSE(back.workbook->sheets.empty()) << path;
    }
    EXPECT_EQ(fr.usable, back.usable) << path;
    EXPECT_EQ(fr.superseded, back.superseded) << path;
    ASSERT_EQ(fr.rows.size(), back.rows.size()) << path;
    for (std::size_t i = 0; i < fr.rows.size(); ++i) {
      const auto &a = fr.rows[i], &b = back.rows[i];
      EXPECT_EQ(a.evidence, b.evidence);
      EXPECT_EQ(a.reading, b.reading);
      EXPECT_EQ(a.result, b.result);
      EXPECT_EQ(a.note, b.note);
      EXPECT_EQ(a.actual.shown.vi, b.actual.shown.vi);
      EXPECT_EQ(a.actual.detail, b.actual.detail);
      EXPECT_EQ(a.actual.progress, b.actual.progress);
      EXPECT_EQ(a.closest, b.closest);
      EXPECT_EQ(a.runner_up_score, b.runner_up_score);
    }
    here.files.push_back(std::move(fr));
    crossed.files.push_back(std::move(back));
  }
  EXPECT_GT(here.files.size(), 8u);
  EXPECT_EQ(json(here), json(crossed));
  // The rows carry something to compare.
  EXPECT_NE(json(here).find("\"written\""), std::string::npos);
}

TEST(CheckDriver, AnyNumberOfJobsGivesTheSameReport) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.jobs = 1;
  auto one = json(check_submissions(plan(), inputs(), opt, ctx()));
  for (std::size_t jobs : {2, 3, 64}) {
    opt.jobs = jobs;
    auto report = check_submissions(plan(), inputs(), opt, ctx());
    ASSERT_EQ(report.files.size(), inputs().size());
    for (std::size_t i = 0; i < report.files.size(); ++i) EXPECT_EQ(report.files[i].path, inputs()[i]);
    EXPECT_EQ(json(report), one) << jobs << " jobs";
  }
  // The refused file is refused, not lost.
  EXPECT_NE(one.find("bad_truncated.xlsx"), std::string::npos);
}
