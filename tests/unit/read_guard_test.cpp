#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sys/resource.h>

#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

namespace {
struct Refusal {
  const char* file;
  const char* code;
};

void PrintTo(const Refusal& r, std::ostream* os) { *os << r.file << " -> " << r.code; }

// Every malformed or hostile fixture is refused with its code, quickly.
class Malformed : public ::testing::TestWithParam<Refusal> {};

TEST_P(Malformed, RefusedCleanlyUnderTenSeconds) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(refusal(data(GetParam().file)), GetParam().code);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(secs, 10.0);
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  EXPECT_LT(ru.ru_maxrss, 512L * 1024);  // KiB
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, Malformed,
    ::testing::Values(Refusal{"bad_empty.xlsx", "unreadable-file"},
                      Refusal{"bad_truncated.xlsx", "unreadable-file"},
                      Refusal{"bad_not_a_spreadsheet.xlsx", "not-a-spreadsheet"},
                      Refusal{"bad_pdf_renamed.xlsx", "not-a-spreadsheet"},
                      Refusal{"bad_html_no_table.xls", "not-a-spreadsheet"},
                      Refusal{"bad_entity_bomb.xlsx", "unreadable-file"},
                      Refusal{"bad_zip_bomb.xlsx", "limit-exceeded"},
                      Refusal{"bad_zip_bomb_lying.xlsx", "unreadable-file"},
                      Refusal{"bad_repeat_bomb.ods", "limit-exceeded"},
                      Refusal{"bad_encrypted.ods", "encrypted-file"},
                      Refusal{"bad_encrypted.xlsx", "encrypted-file"},
                      Refusal{"no_such_file.xlsx", "file-not-found"}),
    [](const auto& info) {
      std::string n = info.param.file;
      for (auto& c : n)
        if (!isalnum((unsigned char)c)) c = '_';
      return n;
    });
}  // namespace

TEST(Guards, EntityBombMessageNamesThePartAndDoctype) {
  try {
    load("bad_entity_bomb.xlsx");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.issue().message(Lang::En).find("xl/sharedStrings.xml has a DOCTYPE"), std::string::npos);
    EXPECT_EQ(e.issue().where.file, data("bad_entity_bomb.xlsx"));
  }
}

TEST(Guards, LimitsAreConfigurable) {
  ReadLimits small;
  EXPECT_FALSE(set_limit(small, "cells=10"));
  EXPECT_EQ(refusal(data("types.xlsx"), small), "limit-exceeded");
  ReadLimits tiny_file;
  EXPECT_FALSE(set_limit(tiny_file, "file-size=100"));
  EXPECT_EQ(refusal(data("types.xlsx"), tiny_file), "limit-exceeded");
  ReadLimits few_sheets;
  EXPECT_FALSE(set_limit(few_sheets, "sheets=2"));
  EXPECT_EQ(refusal(data("types.xlsx"), few_sheets), "limit-exceeded");
  EXPECT_EQ(refusal(data("types.xlsx")), "");
}

TEST(Guards, BadLimitAssignmentsAreExplained) {
  ReadLimits l;
  EXPECT_NE(set_limit(l, "cells")->find("KEY=VALUE"), std::string::npos);
  EXPECT_NE(set_limit(l, "cells=-1")->find("positive whole number"), std::string::npos);
  EXPECT_NE(set_limit(l, "rows=5")->find("unknown limit 'rows'"), std::string::npos);
}

TEST(Guards, RatioGuardStopsBeforeInflating) {
  ReadLimits generous;
  generous.zip_ratio = 100000;  // only the size guards are left
  auto start = std::chrono::steady_clock::now();
  // Without the ratio guard another one still stops it (its 41M rows leave the grid).
  EXPECT_NE(refusal(data("bad_zip_bomb.xlsx"), generous), "");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

namespace {
std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}
}  // namespace

TEST(Guards, RefusedZipPackagesCloseTheirFile) {
  // Found by fuzz_ods: a package refused while its central directory was checked kept its
  // file open (and its memory); a folder of thousands of such files, or the web server,
  // would run out of descriptors.
  auto path = data("fuzz-regressions/ods/leak-78ff71fa06b07085b1a0115ba1e36bf9334d7de0");
  ASSERT_NE(refusal(path), "");
  auto before = open_descriptors();
  for (int i = 0; i < 50; ++i) refusal(path);
  EXPECT_EQ(open_descriptors(), before);
}
