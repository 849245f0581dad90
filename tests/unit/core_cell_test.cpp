#include <gtest/gtest.h>

#include <algorithm>

#include "core/cell.hpp"
#include "core/workbook.hpp"

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

// Sheet::find starts where a row would be if rows held as many cells as each other: it must
// find every cell, and no cell that is not there, however unevenly rows are filled.
TEST(SheetFind, FindsEveryCellOfUnevenRows) {
  Sheet s;
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (std::uint32_t r = 3; r < 3000; r += 1 + next() % 4) {
    std::uint32_t count = r % 97 == 0 ? 60 : next() % 5;  // some rows long, some empty
    for (std::uint32_t c = 0, col = next() % 3; c < count; ++c, col += 1 + next() % 3) {
      StoredCell cell;
      cell.row = r, cell.col = col, cell.number = r * 100000.0 + col;
      s.cells.push_back(cell);
    }
  }
  ASSERT_GT(s.cells.size(), 1000u);
  for (const auto& c : s.cells) {
    const auto* f = s.find(c.row, c.col);
    ASSERT_NE(f, nullptr) << c.row << "," << c.col;
    EXPECT_EQ(f, &c);
  }
  std::size_t absent = 0;
  for (std::uint32_t r = 0; r < 3100; ++r)
    for (std::uint32_t col = 0; col < 8; ++col) {
      bool there = std::any_of(s.cells.begin(), s.cells.end(), [&](const StoredCell& c) { return c.row == r && c.col == col; });
      EXPECT_EQ(s.find(r, col) != nullptr, there) << r << "," << col;
      absent += !there;
    }
  EXPECT_GT(absent, 1000u);
  EXPECT_EQ(Sheet().find(0, 0), nullptr);
}
