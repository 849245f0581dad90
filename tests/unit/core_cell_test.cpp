#include <gtest/gtest.h>

#include "core/cell.hpp"

using namespace tonghop;

TEST(CellRef, ColumnNames) {
  EXPECT_EQ(column_name(0), "A");
  EXPECT_EQ(column_name(25), "Z");
  EXPECT_EQ(column_name(26), "AA");
  EXPECT_EQ(column_name(16383), "XFD");
  EXPECT_EQ(cell_ref(11, 5), "F12");
}

TEST(CellRef, ParsesUpperLowerAndAbsolute) {
  auto a = parse_cell_ref("F12");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->row, 11u);
  EXPECT_EQ(a->col, 5u);
  auto b = parse_cell_ref("b7");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->col, 1u);
  auto c = parse_cell_ref("$XFD$1048576");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->col, 16383u);
  EXPECT_EQ(c->row, 1048575u);
}

TEST(CellRef, RefusesOutOfGridAndGarbage) {
  EXPECT_FALSE(parse_cell_ref("XFE1"));
  EXPECT_FALSE(parse_cell_ref("A1048577"));
  EXPECT_FALSE(parse_cell_ref("A0"));
  EXPECT_FALSE(parse_cell_ref("1A"));
  EXPECT_FALSE(parse_cell_ref(""));
}

TEST(CellRef, Ranges) {
  auto r = parse_range_ref("D4:E4");
  ASSERT_TRUE(r);
  EXPECT_EQ(range_ref(*r), "D4:E4");
  auto single = parse_range_ref("C1");
  ASSERT_TRUE(single);
  EXPECT_EQ(range_ref(*single), "C1");
  auto reversed = parse_range_ref("B5:A4");
  ASSERT_TRUE(reversed);
  EXPECT_EQ(range_ref(*reversed), "A4:B5");
}
