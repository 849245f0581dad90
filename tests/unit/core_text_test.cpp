#include <gtest/gtest.h>

#include "core/text.hpp"

using namespace tonghop;

TEST(Text, NfcComposesDecomposedVietnamese) {
  // "Tỷ lệ" with decomposed vowels.
  std::string nfd = "T" "y\xCC\x89" " l" "e\xCC\x82\xCC\xA3";
  EXPECT_EQ(nfc(nfd), "Tỷ lệ");
  EXPECT_EQ(nfc("Tỷ lệ"), "Tỷ lệ");
}

TEST(Text, InvalidUtf8IsReplacedNotDropped) {
  EXPECT_FALSE(is_valid_utf8("a\xFF" "b"));
  EXPECT_EQ(nfc("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Text, OoxmlEscapes) {
  std::string s = "dòng_x000D_hai_x005F_";
  unescape_ooxml(s);
  EXPECT_EQ(s, "dòng\rhai_");
  std::string keep = "_x12_ _xZZZZ_";
  unescape_ooxml(keep);
  EXPECT_EQ(keep, "_x12_ _xZZZZ_");
}
