#include <gtest/gtest.h>

#include "core/vn_number.hpp"

using namespace tonghop;

namespace {
struct Case {
  const char* written;  // as units type it in a report cell or a plan's target text
  double value;
  bool ambiguous;
};
}  // namespace

// Figures as they appear in real progress reports: decimal comma, thousands dot, leading
// zeros from "03 - 05" targets, and the English forms Excel leaves behind.
TEST(VnNumber, FiguresAsUnitsWriteThem) {
  const Case cases[] = {
      {"99,5", 99.5, false},          // a BHYT rate with the decimal comma
      {"97.8", 97.8, false},          // Excel's English display of the same
      {"1.000", 1000, true},          // a thousand, or one with three decimals
      {"1,234", 1.234, true},         // the Vietnamese reading: a decimal comma
      {"12.500.000", 12500000, false},  // several dots: thousands
      {"1.234.567,89", 1234567.89, false},  // both: the last one is the decimal
      {"1,234,567.89", 1234567.89, false},  // English order
      {"05", 5, false},               // a leading zero ("≥ 05 mô hình")
      {"0,5", 0.5, false},            // "dưới 0,5 %"
      {"-2,5", -2.5, false},          // a fall
      {"+10", 10, false},
      {"  86  ", 86, false},          // padded by a typist
      {"2026", 2026, false},
  };
  for (const auto& c : cases) {
    auto got = parse_vn_number(c.written);
    ASSERT_TRUE(got) << c.written;
    EXPECT_DOUBLE_EQ(got->value, c.value) << c.written;
    EXPECT_EQ(got->ambiguous, c.ambiguous) << c.written;
  }
}

// What is not exactly one number is refused, so the grammars around it can tell
// "Trên 97,5" or "15-16" from a figure.
TEST(VnNumber, NotExactlyANumber) {
  for (const char* t : {"", " ", "-", "97,5%", "Trên 97,5", "15-16", "1.", "1,", ".5", ",5", "1 000", "chưa có số liệu",
                        "12a", "Đạt", "III"})
    EXPECT_FALSE(parse_vn_number(t)) << t;
}
