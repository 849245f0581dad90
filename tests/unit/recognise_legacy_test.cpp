#include <gtest/gtest.h>

#include "recognise/legacy.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;

TEST(Legacy, Tcvn3BytesBecomeUnicode) {
  // As a reader delivers them: each TCVN3 byte as the Latin-1 character of that value.
  EXPECT_EQ(tcvn3_to_unicode("B\u00B8o c\u00B8o k\u00D5t qu\u00B6 th\u00F9c hi\u00D6n n\u00A8m 2026", false),
            "Báo cáo kết quả thực hiện năm 2026");
  EXPECT_EQ(tcvn3_to_unicode("Ph\u00DFng V\u00A8n ho\u00B8 - X\u00B7 h\u00E9i", false), "Phòng Văn hoá - Xã hội");
  // The capitals fonts (.VnTimeH) show the same bytes as capital letters.
  EXPECT_EQ(tcvn3_to_unicode("b\u00B8o c\u00B8o", true), "BÁO CÁO");
  EXPECT_FALSE(tcvn3_to_unicode("Báo cáo ệ", false));  // already Unicode (ệ is beyond U+00FF)
}

TEST(Legacy, PatternWithoutFonts) {
  EXPECT_TRUE(looks_like_tcvn3("B\u00B8o c\u00B8o k\u00D5t qu\u00B6"));
  EXPECT_FALSE(looks_like_tcvn3("Báo cáo kết quả"));
  EXPECT_FALSE(looks_like_tcvn3("Café 2026"));
}

TEST(Legacy, WorkbookCellsInVnTimeAreConvertedAndReported) {
  auto wb = load("types.xlsx");
  auto found = convert_legacy_text(wb);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sheet, "Biểu 01");
  EXPECT_EQ(found[0].cells, 1u);
  EXPECT_EQ(at(wb.sheets[0], "C10").text, "Báo cáo");
  EXPECT_EQ(at(wb.sheets[0], "B6").text, "Tỷ lệ người dân tham gia bảo hiểm y tế");  // Unicode untouched
}

TEST(Legacy, UnicodeTypedIntoAVnTimeCellIsLeftAlone) {
  auto wb = load("traps.xlsx");  // J2: "dòng\rhai" in a .VnTime font
  EXPECT_TRUE(convert_legacy_text(wb).empty());
  EXPECT_EQ(at(wb.sheets[0], "J2").text, "dòng\rhai");
}
