#include <gtest/gtest.h>

#include "core/number_text.hpp"
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

// Every dash (hyphen, en and em dash, minus sign) is "-" with no space around it; no-break
// spaces separate words; đ is "d" in any case; letters without a mark to drop stay letters.
TEST(Text, FoldKeyWritesDashesSpacesAndLettersOneWay) {
  EXPECT_EQ(fold_key("2026 \xE2\x80\x93 2030"), "2026-2030");    // en dash
  EXPECT_EQ(fold_key("KT \xE2\x80\x94\tXH"), "kt-xh");           // em dash, a tab after it
  EXPECT_EQ(fold_key("\xE2\x88\x92" "5 %"), "-5 %");              // minus sign
  EXPECT_EQ(fold_key("Hạ\xC2\xA0tầng"), "ha tang");               // no-break space
  EXPECT_EQ(fold_key("ĐỒNG/ đồng"), "dong/dong");
  EXPECT_EQ(fold_key("Straße"), "strasse");                         // case folding, not lower case
  EXPECT_EQ(fold_key("“Gia đình văn hóa”"), "“gia dinh van hoa”"); // quotes are kept as written
  EXPECT_EQ(fold_key("(a) ; - ; (b)"), "a-b");
  EXPECT_EQ(fold_key("- đầu -"), "-dau-");
  EXPECT_EQ(fold_key(""), "");
  EXPECT_EQ(fold_key(" ( ) "), "");
  // Invalid bytes are skipped; a character cut at the end of the text too.
  EXPECT_EQ(fold_key("a\xFF" "b \xC3"), "ab");
  EXPECT_EQ(fold_key("x \xE1\xBB"), "x");
  EXPECT_EQ(fold_key("\xED\xA0\x80z"), "z");  // an encoded surrogate is no character
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

TEST(Text, InvisibleCharactersAreCleanedWhereTextEnters) {
  std::string s = "3\xC2\xA0";  // "3" and a no-break space
  clean_text_in_place(s);
  EXPECT_EQ(s, "3 ");
  s = "\xEF\xBB\xBFT\xE1\xBB\xB7 l\xE1\xBB\x87\xE2\x80\x8B h\xE1\xBB\x99\xE2\x80\xAF ngh\xC3\xA8o";
  clean_text_in_place(s);
  EXPECT_EQ(s, "Tỷ lệ hộ  nghèo");
  s = "2026 - 20\xC2\xAD" "30";  // Word's soft hyphen inside 2030: kept for legacy decoding
  clean_text_in_place(s);
  EXPECT_TRUE(drop_soft_hyphens(s));
  EXPECT_EQ(s, "2026 - 2030");
  std::string plain = "Không có gì lạ";
  clean_text_in_place(plain);
  EXPECT_EQ(plain, "Không có gì lạ");
  EXPECT_FALSE(drop_soft_hyphens(plain));
}

TEST(Text, LetterCaseAsUpperAndLowerTellIt) {
  for (const char* s : {"", "GPMB", "Gpmb", "gpmb", "ĐẠT", "Đạt", "đạt", "TTHC-2026", "2026", "-", "ẞ", "ß", "Ǆ", "ǅ",
                        "A\xFF" "B", "\xFF", "ΣΑΣ", "ÀÁẠ", "123abc", "%"}) {
    auto c = letter_case(s);
    EXPECT_EQ(c.cased, upper(s) != lower(s)) << s;
    EXPECT_EQ(c.all_upper, upper(s) == s) << s;
  }
}

TEST(Text, UnknownSymbols) {
  for (const char* s : {"?95%", "95#", "≥ 95 @", "\xEF\xBF\xBD" "95"}) EXPECT_TRUE(has_unknown_symbol(s)) << s;
  for (const char* s : {"≥ 95%", "Tối thiểu 99,5", "15-16%/năm", "Quý II/2026", "(dự kiến) “Đạt”", "2026 – 2030"})
    EXPECT_FALSE(has_unknown_symbol(s)) << s;
}

TEST(NumberText, AsTheSheetShowsIt) {
  auto pct1 = number_style("0.0%", FormatClass::Percent);
  EXPECT_EQ(number_text(0.969, pct1).vi, "96,9%");
  EXPECT_EQ(number_text(0.969, pct1).en, "96.9%");
  EXPECT_EQ(number_text(0.9685, pct1).vi, "96,9%");  // rounded as Excel shows it
  EXPECT_EQ(number_text(0.75, pct1).vi, "75,0%");
  EXPECT_EQ(number_text(0.978, number_style("0%", FormatClass::Percent)).vi, "98%");
  auto thousands = number_style("#,##0", FormatClass::Other);
  EXPECT_EQ(number_text(1234567.4, thousands).vi, "1.234.567");
  EXPECT_EQ(number_text(1234567.4, thousands).en, "1,234,567");
  EXPECT_EQ(number_text(-1250.5, number_style("#,##0.00;[Red]-#,##0.00", FormatClass::Other)).vi, "-1.250,50");
  EXPECT_EQ(number_text(0.1 + 0.2).vi, "0,3");  // General: no binary noise
  EXPECT_EQ(number_text(96.89999999999999).en, "96.9");
  EXPECT_EQ(number_text(48900).vi, "48900");
  EXPECT_EQ(number_text(-0.0001, number_style("0.0", FormatClass::Other)).vi, "0,0");
  EXPECT_EQ(number_text(12.5, number_style("0.0 \"ha\"", FormatClass::Other)).vi, "12,5");
}

// The figure in both languages is each language's own writing of it.
TEST(NumberText, BothLanguagesAsEachWritesIt) {
  const NumberStyle styles[] = {{}, {-1, true, false}, {2, false, true}, {0, false, true}, {1, true, true}, {3, false, false}};
  for (double v : {0.0, -0.0, 1.0, -1234567.891, 0.1 + 0.2, 1e20, 1.5e-7, 123456789012345.6, 2.5e300, -0.969, 1e15})
    for (const auto& style : styles) {
      auto both = number_text(v, style);
      EXPECT_EQ(both.vi, number_text(v, style, Lang::Vi)) << v;
      EXPECT_EQ(both.en, number_text(v, style, Lang::En)) << v;
    }
}

// Whole numbers take a shorter path than the 15-digit rounding: the same text as printf's.
TEST(NumberText, WholeNumbersAndTheEdgesOfFifteenDigits) {
  EXPECT_EQ(number_text(123456789012345.0).en, "123456789012345");
  EXPECT_EQ(number_text(1e15).en, "1e+15");
  EXPECT_EQ(number_text(1234567890123456.0).en, "1.23456789012346e+15");
  EXPECT_EQ(number_text(-0.0).en, "0");
  EXPECT_EQ(number_text(-42.0).en, "-42");
  EXPECT_EQ(number_text(7.0, number_style("0.00", FormatClass::Other)).vi, "7,00");
  EXPECT_EQ(number_text(3.0, number_style("0%", FormatClass::Percent)).vi, "300%");
  EXPECT_EQ(number_text(1e300).en, "1e+300");
  EXPECT_EQ(number_text(123.456789012345678).en, "123.456789012346");
}

TEST(Text, SplitWordsOnSpacesTabsAndLineBreaks) {
  EXPECT_EQ(split_words(" Trong đó:  nông\tthôn\n(%) "),
            (std::vector<std::string>{"Trong", "đó:", "nông", "thôn", "(%)"}));
  EXPECT_TRUE(split_words(" \t\n").empty());
  EXPECT_EQ(split_words("một"), std::vector<std::string>{"một"});
}
