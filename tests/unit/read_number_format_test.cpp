#include <gtest/gtest.h>

#include "read/number_format_class.hpp"

using namespace tonghop;

TEST(NumberFormat, Classes) {
  struct Case {
    const char* code;
    FormatClass cls;
  } cases[] = {
      {"", FormatClass::General},
      {"General", FormatClass::General},
      {"0.0%", FormatClass::Percent},
      {"0%;[Red]-0%", FormatClass::Percent},
      {"dd/mm/yyyy", FormatClass::Date},
      {"[$-42A]dd/mm/yyyy", FormatClass::Date},
      {"h:mm AM/PM", FormatClass::Date},
      {"[h]:mm:ss", FormatClass::Date},
      {"D", FormatClass::Date},
      {"@", FormatClass::Text},
      {"#,##0.0", FormatClass::Other},
      {"0.00E+00", FormatClass::Other},
      {"#,##0 \"đồng\"", FormatClass::Other},   // quoted letters are not date tokens
      {"[Red]#,##0", FormatClass::Other},
      {"0\\%", FormatClass::Other},            // an escaped % is a literal
      {"\"Ngày\" 0", FormatClass::Other},
  };
  for (const auto& c : cases) EXPECT_EQ(classify_number_format(c.code), c.cls) << c.code;
}

TEST(NumberFormat, Builtins) {
  EXPECT_EQ(builtin_number_format(9), "0%");
  EXPECT_EQ(builtin_number_format(14), "mm-dd-yy");
  EXPECT_EQ(builtin_number_format(49), "@");
  EXPECT_EQ(classify_number_format(builtin_number_format(30)), FormatClass::Date);
  EXPECT_EQ(classify_number_format(builtin_number_format(33)), FormatClass::Date);
  EXPECT_EQ(builtin_number_format(60), "");
}

TEST(NumberFormat, ElapsedTime) {
  EXPECT_TRUE(is_elapsed_time_format("[h]:mm:ss"));
  EXPECT_TRUE(is_elapsed_time_format("[MM]:ss"));
  EXPECT_FALSE(is_elapsed_time_format("h:mm"));
  EXPECT_FALSE(is_elapsed_time_format("[Red][$-42A]0"));
}
