#include <gtest/gtest.h>

#include <cstdlib>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "read/convert.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
struct IssueCatcher : WorkbookCollector {
  std::vector<Issue> issues;
  void issue(const Issue& i) override { issues.push_back(i); }
};
}  // namespace

// XML Spreadsheet 2003 saved as ".xls": converted when LibreOffice is installed, refused
// with a hint to install it or re-save otherwise. Both branches are real behaviour; which
// one runs depends on the machine.
TEST(Convert, SpreadsheetML2003ConvertedWhenLibreOfficeIsThere) {
  IssueCatcher sink;
  if (!find_libreoffice()) {
    try {
      read_workbook(data("spreadsheetml_2003.xls"), sink);
      FAIL() << "read without LibreOffice";
    } catch (const InputError& e) {
      EXPECT_EQ(e.issue().code, IssueCode::UnsupportedFormat);
      EXPECT_NE(e.issue().hint(Lang::En).find("install LibreOffice"), std::string::npos);
    }
    if (std::getenv("TONGHOP_REQUIRE_LIBREOFFICE")) FAIL() << "LibreOffice is required and not installed";
    GTEST_SKIP() << "LibreOffice is not installed: checked the refusal only";
  }
  read_workbook(data("spreadsheetml_2003.xls"), sink);
  auto wb = sink.take();
  EXPECT_EQ(wb.info.converted_from, "XML Spreadsheet 2003");
  ASSERT_EQ(sink.issues.size(), 1u);
  EXPECT_EQ(sink.issues[0].code, IssueCode::ConvertedFile);
  EXPECT_EQ(sink.issues[0].severity, Severity::Info);
  ASSERT_EQ(wb.sheets.size(), 1u);
  EXPECT_EQ(wb.sheets[0].info.name, "Biểu 01");
  EXPECT_EQ(at(wb.sheets[0], "A2").text, "Tỷ lệ hộ nghèo");
  EXPECT_DOUBLE_EQ(at(wb.sheets[0], "B2").number, 0.42);
}

TEST(Convert, RefusedWhenConversionIsNotAllowed) {
  ReadLimits no;
  no.allow_conversion = false;
  EXPECT_EQ(refusal(data("spreadsheetml_2003.xls"), no), "unsupported-format");
}

TEST(Convert, TempDirIsRemovedWithItsContent) {
  std::string path;
  {
    TempDir t;
    path = t.path();
    std::ofstream(path + "/x.txt") << "x";
    EXPECT_TRUE(std::filesystem::exists(path + "/x.txt"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Convert, TimeLimitKillsLibreOfficeAndRefusesCleanly) {
  // A LibreOffice that never finishes, first on PATH: a real one may well convert within
  // the limit when its files are in the cache, and the limit itself is what is tested.
  TempDir bin;
  auto fake = bin.path() + "/soffice";
  std::ofstream(fake) << "#!/bin/sh\nexec sleep 30\n";
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.path() + ":" + old_path).c_str(), 1);
  ASSERT_EQ(find_libreoffice(), fake);
  ReadLimits quick;
  quick.convert_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto code = refusal(data("spreadsheetml_2003.xls"), quick);
  auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_EQ(code, "unreadable-file");
  EXPECT_LT(took, 5.0);
}
