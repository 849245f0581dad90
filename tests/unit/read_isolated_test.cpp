// Batch isolation: a file whose reader crashes or hangs is refused alone (reader-failed)
// and the run goes on. The faults come from the test hook TONGHOP_TEST_READER_FAULT.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include "cli/cli.hpp"
#include "read/isolated.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {

struct Fault {
  explicit Fault(const char* spec) { ::setenv("TONGHOP_TEST_READER_FAULT", spec, 1); }
  ~Fault() { ::unsetenv("TONGHOP_TEST_READER_FAULT"); }
};

Issue refusal_of(const std::string& path, const ReadLimits& limits = {}) {
  try {
    load_workbook_isolated(path, limits);
  } catch (const InputError& e) {
    return e.issue();
  }
  ADD_FAILURE() << path << " was read";
  return {};
}

}  // namespace

TEST(Isolated, TheWorkbookComesBackWithEveryField) {
  for (const char* name : {"types.xlsx", "traps.ods", "biff8_traps.xls", "csv_cp1258.csv"}) {
    auto here = load_workbook(data(name));  // legacy text converted, its issues kept
    auto there = load_workbook_isolated(data(name));
    EXPECT_EQ(serialise_workbook(there), serialise_workbook(here)) << name;
    ASSERT_EQ(there.sheets.size(), here.sheets.size()) << name;
    EXPECT_EQ(there.path, data(name));
  }
  auto wb = load_workbook_isolated(data("types.xlsx"));
  EXPECT_EQ(wb.info.format, FileFormat::Xlsx);
  EXPECT_FALSE(wb.sheets.front().cells.empty());
  // And the byte form reads back to the same bytes.
  EXPECT_EQ(serialise_workbook(deserialise_workbook(serialise_workbook(wb))), serialise_workbook(wb));
}

TEST(Isolated, RefusalsComeBackAsRaised) {
  auto i = refusal_of(data("bad_pdf_renamed.xlsx"));
  EXPECT_EQ(i.code, IssueCode::NotASpreadsheet);
  EXPECT_EQ(i.where.file, data("bad_pdf_renamed.xlsx"));
  EXPECT_EQ(i.message(Lang::En), "This is a PDF file (a printed or signed copy of the report), not a spreadsheet, so there are no figures to read.");
  EXPECT_EQ(refusal_of(data("bad_zip_bomb.xlsx")).code, IssueCode::LimitExceeded);
}

TEST(Isolated, AReaderCrashRefusesThatFileOnly) {
  Fault fault("crash:types.xlsx");
  auto i = refusal_of(data("types.xlsx"));
  EXPECT_EQ(i.code, IssueCode::ReaderFailed);
  EXPECT_EQ(i.where.file, data("types.xlsx"));
  EXPECT_NE(i.message(Lang::En).find("SIGSEGV"), std::string::npos) << i.message(Lang::En);
  // The process that asked is alive and reads the next file.
  EXPECT_FALSE(load_workbook_isolated(data("traps.xlsx")).sheets.empty());
}

TEST(Isolated, AHangingReaderIsStoppedAtReadSeconds) {
  Fault fault("hang:types.xlsx");
  ReadLimits quick;
  quick.read_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto i = refusal_of(data("types.xlsx"), quick);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
  EXPECT_EQ(i.code, IssueCode::ReaderFailed);
  EXPECT_NE(i.message(Lang::Vi).find("đọc quá 1 giây"), std::string::npos) << i.message(Lang::Vi);
}

TEST(Isolated, CheckingAFolderGoesOnPastACrashingFile) {
  Fault fault("crash:cong-an-2026.xlsx");
  std::string samples = std::string(TONGHOP_TEST_DATA) + "/../../samples";
  std::ostringstream out, err;
  int code = cli::run({"check", "--lang", "en", "--plan", samples + "/ke-hoach/an-duong-2026-2030.xlsx", "--year",
                       "2026", samples + "/bao-cao"},
                      out, err);
  auto text = out.str() + err.str();
  EXPECT_NE(code, 0);
  EXPECT_NE(text.find("[reader-failed]"), std::string::npos) << text;
  EXPECT_NE(text.find("cong-an-2026.xlsx"), std::string::npos);
  // The other units' reports were read and checked.
  EXPECT_NE(text.find("phong-vhxh-2026.xlsx"), std::string::npos);
  EXPECT_NE(text.find("van-phong-2026.ods"), std::string::npos);
}
