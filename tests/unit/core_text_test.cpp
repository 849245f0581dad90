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

TEST(Text, NfcFastPathLeavesPrecomposedTextAndStillComposesTheRest) {
  // Precomposed Vietnamese, punctuation and the đồng sign: unchanged.
  EXPECT_EQ(nfc("Tỷ lệ hộ nghèo – “đạt” 1.000 ₫"), "Tỷ lệ hộ nghèo – “đạt” 1.000 ₫");
  // A combining mark after a precomposed letter must still compose: ê + U+0323 -> ệ.
  EXPECT_EQ(nfc("l\xC3\xAA\xCC\xA3"), "lệ");
  // Singletons outside the fast ranges: U+212B ANGSTROM SIGN -> U+00C5, U+2000 -> U+2002.
  EXPECT_EQ(nfc("\xE2\x84\xAB"), "\xC3\x85");
  EXPECT_EQ(nfc("\xE2\x80\x80"), "\xE2\x80\x82");
}

TEST(Text, FoldKeyMakesSpellingVariantsAgree) {
  EXPECT_EQ(fold_key("Phòng VH- XH"), "phong vh-xh");
  EXPECT_EQ(fold_key("Phòng Văn hóa - Xã hội"), fold_key("Phòng Văn hoá-xã hội"));
  EXPECT_EQ(fold_key("Phòng Văn hóa - Xã hội"), fold_key("PHONG VAN HOA - XA HOI"));
  EXPECT_EQ(fold_key("Đạt"), "dat");
  EXPECT_EQ(fold_key("Thời gian\nthực hiện/ hoàn thành"), "thoi gian thuc hien/hoan thanh");
  EXPECT_EQ(fold_key("  Tỷ lệ   (%)  "), "ty le %");
  EXPECT_EQ(fold_key("khoẻ"), fold_key("khỏe"));
  EXPECT_EQ(fold_key("Uỷ ban"), fold_key("Ủy ban"));
  // NFD input folds the same.
  EXPECT_EQ(fold_key("T" "y\xCC\x89"), "ty");
}

TEST(Text, LowerKeepsDiacritics) {
  EXPECT_EQ(lower("ĐẠT Chuẩn"), "đạt chuẩn");
  EXPECT_EQ(upper("phường An Dương"), "PHƯỜNG AN DƯƠNG");
}

TEST(Text, CountsAndCutsWholeCharacters) {
  EXPECT_EQ(code_point_count("Biểu 01"), 7u);
  EXPECT_EQ(code_point_count(""), 0u);
  // "ể" is three bytes: a cut inside it keeps the characters before it.
  EXPECT_EQ(utf8_prefix("Biểu", 3), "Bi");
  EXPECT_EQ(utf8_prefix("Biểu", 5), "Biể");
  EXPECT_EQ(utf8_prefix("Biểu", 40), "Biểu");
}
