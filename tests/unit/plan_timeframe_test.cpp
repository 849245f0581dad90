#include <gtest/gtest.h>

#include "plan/timeframe.hpp"

using namespace tonghop;

namespace {
struct Case {
  const char* raw;
  const char* from;  // "" for none
  const char* to;
  Recurrence recurrence;
  bool instruction;
};
}  // namespace

// Every timeframe form of the seed tables (An Dương Phụ lục II, Nghi Dương appendix) and
// of the notes.
TEST(TimeframeParser, SeedForms) {
  const Case cases[] = {
      {"2026 - 2030", "2026", "2030", Recurrence::None, false},
      {"2026-2031", "2026", "2031", Recurrence::None, false},
      {"Giai đoạn 2026 - 2030", "2026", "2030", Recurrence::None, false},
      {"Năm 2025", "2025", "2025", Recurrence::None, false},
      {"Năm 2030", "2030", "2030", Recurrence::None, false},
      {"Hằng năm", "", "", Recurrence::Yearly, false},
      {"Hàng năm", "", "", Recurrence::Yearly, false},
      {"Quý III/2025", "2025-Q3", "2025-Q3", Recurrence::None, false},
      {"Quý I/2026", "2026-Q1", "2026-Q1", Recurrence::None, false},
      {"Quý II/2026", "2026-Q2", "2026-Q2", Recurrence::None, false},
      {"Quý III-IV/2026", "2026-Q3", "2026-Q4", Recurrence::None, false},
      {"Từ quý III/2026", "2026-Q3", "", Recurrence::None, false},
      {"Đến năm 2030", "", "2030", Recurrence::None, false},
      {"Từ năm 2026", "2026", "", Recurrence::None, false},
      {"Thường xuyên", "", "", Recurrence::Continuous, false},
      {"Theo chỉ đạo của Trung ương, thành phố", "", "", Recurrence::None, true},
      {"trung hạn và hằng năm", "", "", Recurrence::Yearly, false},
  };
  for (const auto& c : cases) {
    auto t = parse_timeframe(c.raw);
    EXPECT_EQ(t.raw, c.raw);
    EXPECT_EQ(t.from.value_or(""), c.from) << c.raw;
    EXPECT_EQ(t.to.value_or(""), c.to) << c.raw;
    EXPECT_EQ(t.recurrence, c.recurrence) << c.raw;
    EXPECT_EQ(t.on_instruction, c.instruction) << c.raw;
    EXPECT_TRUE(t.understood()) << c.raw;
  }
  EXPECT_FALSE(parse_timeframe("khi có điều kiện").understood());
}

TEST(TimeframeParser, StartAndFinishColumns) {
  auto t = combine_timeframes(parse_timeframe("Quý III/2025"), parse_timeframe("Quý I/2026"));
  EXPECT_EQ(*t.from, "2025-Q3");
  EXPECT_EQ(*t.to, "2026-Q1");
  EXPECT_EQ(t.raw, "Quý III/2025 - Quý I/2026");
  auto y = combine_timeframes(parse_timeframe("Hằng năm"), parse_timeframe("Hằng năm"));
  EXPECT_EQ(y.recurrence, Recurrence::Yearly);
  EXPECT_EQ(y.raw, "Hằng năm");
}

TEST(Timeframe, AnUnknownSignIsNotUnderstood) {
  auto t = parse_timeframe("202? - 2030");
  EXPECT_TRUE(t.unparsed);
  EXPECT_FALSE(t.understood());
  EXPECT_FALSE(t.from.has_value());
  EXPECT_TRUE(parse_timeframe("2026 – 2030").understood());
}
