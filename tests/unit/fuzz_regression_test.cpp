// Every input a fuzzer once crashed on, replayed through the same target function
// (fuzz/targets.cpp): tests/data/fuzz-regressions/TARGET/NAME. Under the sanitizer build
// (build-asan) a memory error in any of them fails the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_targets.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs(std::string_view target) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(TONGHOP_TEST_DATA) / "fuzz-regressions" / std::string(target);
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() != ".md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FuzzRegressions, EveryDirectoryIsAKnownTarget) {
  fs::path root = fs::path(TONGHOP_TEST_DATA) / "fuzz-regressions";
  ASSERT_TRUE(fs::is_directory(root));
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory()) continue;
    auto name = e.path().filename().string();
    const auto& names = tonghop::fuzz::target_names();
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

TEST(FuzzRegressions, EveryInputRunsCleanly) {
  std::size_t replayed = 0;
  for (auto target : tonghop::fuzz::target_names()) {
    for (const auto& p : inputs(target)) {
      SCOPED_TRACE(p.string());
      std::ifstream f(p, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      EXPECT_TRUE(tonghop::fuzz::run_target(target, reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                            bytes.size()));
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u) << "no input under tests/data/fuzz-regressions";
}

}  // namespace
