#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;


TEST(InspectCommand, TextShowsCellsWithTypeFormatAndFont) {
  auto r = run_cli({"inspect", data("types.xlsx")});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("'Biểu 01'!E6  số  0.978  [phần trăm: 0.0%] [Times New Roman]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ô gộp: A1:F1 A2:F2 A4:A5"), std::string::npos);
  EXPECT_NE(r.out.find("trang tính 2: \"Ẩn\" (ẩn)"), std::string::npos);
}

TEST(InspectCommand, EnglishOnRequest) {
  auto r = run_cli({"inspect", "--lang", "en", data("types.xlsx")});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("'Biểu 01'!E6  number  0.978  [percent: 0.0%] [Times New Roman]"), std::string::npos);
}

TEST(InspectCommand, UnreadableFileGivesExitThreeAndStillReportsOthers) {
  auto r = run_cli({"inspect", "--format", "json", data("bad_truncated.xlsx"), data("types.xlsx")});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("\"status\": \"unreadable\""), std::string::npos);
  EXPECT_NE(r.out.find("\"code\": \"unreadable-file\""), std::string::npos);
  EXPECT_NE(r.out.find("\"status\": \"ok\""), std::string::npos);
}

TEST(InspectCommand, FolderMeansEverySpreadsheetInside) {
  auto r = run_cli({"inspect", "--format", "json", TONGHOP_TEST_DATA});
  EXPECT_NE(r.out.find("types.xlsx"), std::string::npos);
  EXPECT_NE(r.out.find("csv_utf8_bom.csv"), std::string::npos);
  EXPECT_NE(r.out.find("traps.ods"), std::string::npos);
}

TEST(InspectCommand, UsageErrorsExitTwoWithUsageThatStartsWithExamples) {
  auto r = run_cli({"inspect", "--format", "xml", data("types.xlsx")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--format phải là text hoặc json"), std::string::npos);
  EXPECT_EQ(r.err.find("Ví dụ:"), r.err.find('\n') + 2);
  auto none = run_cli({"inspect"});
  EXPECT_EQ(none.code, 2);
  auto help = run_cli({"inspect", "--help", "--lang", "en"});
  EXPECT_EQ(help.code, 0);
  EXPECT_EQ(help.out.rfind("Examples:", 0), 0u);
  auto unknown = run_cli({"frobnicate"});
  EXPECT_EQ(unknown.code, 2);
}

TEST(InspectCommand, LimitOptionReachesTheReader) {
  auto r = run_cli({"inspect", "--limit", "cells=5", data("types.xlsx")});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("limit-exceeded"), std::string::npos);
  auto bad = run_cli({"inspect", "--limit", "bogus=1", data("types.xlsx")});
  EXPECT_EQ(bad.code, 2);
}

TEST(CheckCommand, MissingPlanIsNamedAsThePlan) {
  auto r = run_cli({"check", "--plan", "khong-co/ke-hoach.xlsx", "--year", "2026", data("types.xlsx")});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("[file-not-found]: Không tìm thấy tệp kế hoạch \"khong-co/ke-hoach.xlsx\"."),
            std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("lưu lại dưới dạng .xlsx"), std::string::npos) << r.err;  // not the re-save hint
  auto en = run_cli({"check", "--lang", "en", "--plan", "missing.xlsx", "--year", "2026", data("types.xlsx")});
  EXPECT_NE(en.err.find("The plan file \"missing.xlsx\" does not exist."), std::string::npos) << en.err;
}

TEST(PlanCommand, PlanThatIsAPdfSaysWhichFileAndWhatItIs) {
  auto r = run_cli({"plan", data("bad_pdf_renamed.xlsx")});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("tệp kế hoạch \"" + data("bad_pdf_renamed.xlsx") + "\":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Đây là tệp PDF"), std::string::npos) << r.err;
}
