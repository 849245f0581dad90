// The platform functions (core/platform.hpp) behave alike everywhere they are built.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/platform.hpp"
#include "write/atomic.hpp"
#include "write/write_error.hpp"

#ifdef _WIN32
#include <windows.h>
#endif

using namespace tonghop;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(CorePlatform, UtcTimeBothWays) {
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 11;
  tm.tm_mday = 31;
  tm.tm_hour = 12;
  EXPECT_EQ(platform::utc_seconds(tm), std::time_t(1798718400));
  auto back = platform::utc_tm(1798718400);
  EXPECT_EQ(back.tm_year, 2026 - 1900);
  EXPECT_EQ(back.tm_mon, 11);
  EXPECT_EQ(back.tm_mday, 31);
  EXPECT_EQ(back.tm_hour, 12);
  // A day's overflow is normalised as timegm does: 32 December is 1 January.
  tm.tm_mday = 32;
  EXPECT_EQ(platform::utc_seconds(tm), std::time_t(1798718400 + 86400));
  auto leap = platform::utc_tm(4107542399);  // 2100-02-28 23:59:59, not a leap year
  EXPECT_EQ(leap.tm_mon, 1);
  EXPECT_EQ(leap.tm_mday, 28);
  EXPECT_EQ(platform::utc_tm(4107542400).tm_mon, 2);
}

TEST(CorePlatform, ModifiedTimeOfAFile) {
  auto dir = fs::temp_directory_path() / ("tonghop_platform_" + std::to_string(platform::process_id()));
  fs::create_directories(dir);
  auto file = dir / "Báo cáo Đường.xlsx";  // a Vietnamese name, as units send them
  std::ofstream(file) << "x";
  auto when = std::chrono::file_clock::from_sys(std::chrono::sys_seconds(std::chrono::seconds(1798718400)));
  fs::last_write_time(file, when);
  EXPECT_EQ(platform::modified_seconds(file.string()), 1798718400);
  EXPECT_EQ(platform::modified_seconds((dir / "missing.xlsx").string()), std::nullopt);
  fs::remove_all(dir);
}

TEST(CorePlatform, ReplaceFileSwapsContentOrSaysWhy) {
  EXPECT_GT(platform::process_id(), 0);
  auto dir = fs::temp_directory_path() / ("tonghop_replace_" + std::to_string(platform::process_id()));
  fs::create_directories(dir);
  std::ofstream(dir / "new") << "new";
  std::ofstream(dir / "Tổng hợp.xlsx") << "old";
  auto r = platform::replace_file((dir / "new").string(), (dir / "Tổng hợp.xlsx").string());
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(slurp(dir / "Tổng hợp.xlsx"), "new");
  EXPECT_FALSE(fs::exists(dir / "new"));
  r = platform::replace_file((dir / "absent").string(), (dir / "Tổng hợp.xlsx").string());
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.in_use);
  EXPECT_FALSE(r.message.empty());
  EXPECT_EQ(slurp(dir / "Tổng hợp.xlsx"), "new");
  fs::remove_all(dir);
}

TEST(CorePlatform, AtomicWriteKeepsTheTargetWhenItCannotBeReplaced) {
  auto dir = fs::temp_directory_path() / ("tonghop_atomic_" + std::to_string(platform::process_id()));
  fs::create_directories(dir / "Tổng hợp.xlsx" / "inside");  // a folder in the way: rename refuses
  try {
    write_atomically((dir / "Tổng hợp.xlsx").string(), [](const std::string& tmp) { std::ofstream(tmp) << "new"; });
    ADD_FAILURE() << "replaced a folder";
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot replace"), std::string::npos) << e.what();
    EXPECT_NE(error_text(e, false).find("không thay được"), std::string::npos);
  }
  EXPECT_TRUE(fs::is_directory(dir / "Tổng hợp.xlsx" / "inside"));
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(dir)) left += e.path().filename() != "Tổng hợp.xlsx";
  EXPECT_EQ(left, 0u) << "the temporary file stayed";
  fs::remove_all(dir);
}

#ifdef _WIN32
// Excel keeps a workbook open without FILE_SHARE_DELETE: Windows then refuses to replace it.
TEST(CorePlatform, ReplacingAFileExcelHoldsOpenSaysSoAndKeepsIt) {
  auto dir = fs::temp_directory_path() / ("tonghop_open_" + std::to_string(platform::process_id()));
  fs::create_directories(dir);
  auto target = dir / "Tổng hợp.xlsx";
  std::ofstream(target) << "old";
  HANDLE held = CreateFileW(target.wstring().c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                            FILE_ATTRIBUTE_NORMAL, nullptr);
  ASSERT_NE(held, INVALID_HANDLE_VALUE);
  try {
    write_atomically(target.string(), [](const std::string& tmp) { std::ofstream(tmp) << "new"; });
    ADD_FAILURE() << "replaced a file held open";
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("is open in another program"), std::string::npos) << e.what();
    EXPECT_NE(error_text(e, false).find("đang mở trong chương trình khác"), std::string::npos);
  }
  CloseHandle(held);
  EXPECT_EQ(slurp(target), "old");
  fs::remove_all(dir);
}
#endif
