// The code page tables (core/codepage.hpp) decode as glibc's iconv does, which they were
// generated from: every byte of every table, every pair of bytes of the encodings whose
// tone marks compose with the letter before them, and random text in all of them (results
// compared in NFC, the form all of tonghop's text is kept in). Where iconv is missing
// (Windows), the tables are checked on known Vietnamese text only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>

#include <utf8proc.h>

#include "core/codepage.hpp"
#include "core/text.hpp"

#if __has_include(<iconv.h>)
#include <iconv.h>
#define TONGHOP_HAVE_ICONV 1
#endif

using namespace tonghop;

namespace {

#ifdef TONGHOP_HAVE_ICONV
// iconv with the readers' old rule: a byte it refuses becomes U+FFFD and decoding goes on.
std::string by_iconv(iconv_t cd, std::string_view in) {
  std::string out(in.size() * 8 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size(), dst_left = out.size();
  char* dst = out.data();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == std::size_t(-1)) {
      iconv(cd, nullptr, nullptr, &dst, &dst_left);
      std::memcpy(dst, "\xEF\xBF\xBD", 3);
      dst += 3;
      dst_left -= 3;
      ++src;
      --src_left;
    }
  }
  iconv(cd, nullptr, nullptr, &dst, &dst_left);
  out.resize(std::size_t(dst - out.data()));
  nfc_in_place(out);
  return out;
}

std::string nfd(const std::string& s) {
  auto* p = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string out(reinterpret_cast<char*>(p));
  std::free(p);
  return out;
}

// The bytes' characters from the table, one by one (no composing).
std::string characters(std::string_view in, const CodepageEntry& cp) {
  std::string out;
  for (unsigned char b : in) append_utf8(out, cp.table[b] == 0xFFFF ? 0xFFFD : cp.table[b]);
  return out;
}

struct Iconv {
  explicit Iconv(const char* from) : cd(iconv_open("UTF-8", from)) {}
  ~Iconv() {
    if (cd != iconv_t(-1)) iconv_close(cd);
  }
  iconv_t cd;
};
#endif

}  // namespace

TEST(CoreCodepage, VietnameseTextInTcvn3AndWindows1258) {
  // "Tỷ lệ hộ nghèo" as .VnTime and as Vietnamese Windows type it (tone marks combining).
  EXPECT_EQ(decode_codepage("T\xFB l\xD6 h\xE9 ngh\xCC" "o", *codepage_by_name("tcvn3")), "Tỷ lệ hộ nghèo");
  EXPECT_EQ(decode_codepage("Ty\xD2 l\xEA\xF2 h\xF4\xF2 ngh\xE8o", *codepage_by_name("cp1258")), "Tỷ lệ hộ nghèo");
  EXPECT_EQ(decode_codepage("\xD0" "a\xF2", *codepage_by_number(1258)), "Đạ");
  std::size_t invalid = 0;
  EXPECT_EQ(decode_codepage("a\x81" "b", *codepage_by_number(1258), &invalid), "a\uFFFD" "b");
  EXPECT_EQ(invalid, 1u);
  EXPECT_EQ(codepage_by_number(32768), codepage_by_number(10000));
  EXPECT_EQ(codepage_by_number(936), nullptr);  // no table for the double-byte code pages
}

TEST(CoreCodepage, Utf16BothOrdersAndBrokenUnits) {
  EXPECT_EQ(decode_utf16("", false), "");
  EXPECT_EQ(decode_utf16(std::string("\xA1\x1E\x61\x00", 4), false), "ạa");
  EXPECT_EQ(decode_utf16(std::string("\x1E\xA1\x00\x61", 4), true), "ạa");
  EXPECT_EQ(decode_utf16(std::string("\x3D\xD8\x00\xDE", 4), false), "\U0001F600");
  std::size_t invalid = 0;
  EXPECT_EQ(decode_utf16(std::string("\x3D\xD8\x61\x00\x62", 5), false, &invalid), "\uFFFDa\uFFFD");
  EXPECT_EQ(invalid, 2u);
}

#ifdef TONGHOP_HAVE_ICONV
TEST(CoreCodepage, EveryByteAsIconv) {
  for (std::size_t i = 0; i < codepage_count(); ++i) {
    const auto& cp = codepage_at(i);
    Iconv cd(cp.iconv_name);
    ASSERT_NE(cd.cd, iconv_t(-1)) << cp.iconv_name;
    for (int b = 0; b < 256; ++b) {
      std::string in(1, char(b));
      EXPECT_EQ(decode_codepage(in, cp), by_iconv(cd.cd, in)) << cp.name << " byte " << b;
    }
  }
}

// glibc also composes a letter that already carries a mark with a second mark into a
// letter with the two marks the other way round (Windows-1258 "Ó" + tilde -> U+1E4C "Ṍ",
// which is "Õ" + acute): a different text, which Vietnamese never writes. There the tables
// keep what was typed, in NFC; everywhere else they give what iconv gives.
TEST(CoreCodepage, EveryPairAsIconvWhereMarksCompose) {
  for (const char* name : {"tcvn3", "cp1258", "cp1255"}) {
    const auto& cp = *codepage_by_name(name);
    Iconv cd(cp.iconv_name);
    int differ = 0, glibc_reorders = 0;
    for (int a = 0; a < 256; ++a)
      for (int b = 0; b < 256; ++b) {
        char in[2] = {char(a), char(b)};
        std::string_view s(in, 2);
        std::string ours = decode_codepage(s, cp), theirs = by_iconv(cd.cd, s);
        EXPECT_EQ(nfd(ours), nfd(characters(s, cp))) << name << " " << a << " " << b;
        if (ours == theirs) continue;
        if (nfd(theirs) != nfd(characters(s, cp)) && nfd(characters(s, cp)).size() > 3) {
          ++glibc_reorders;  // the first letter already had a mark
          continue;
        }
        if (++differ < 5) ADD_FAILURE() << name << " bytes " << a << " " << b;
      }
    EXPECT_EQ(differ, 0) << name;
    // 4 pairs in TCVN3 and 6 in Windows-1258 (glibc 2.36), none of them Vietnamese.
    EXPECT_LE(glibc_reorders, 8) << name;
    std::cout << name << ": " << glibc_reorders << " pairs glibc composes out of canonical order\n";
  }
}

TEST(CoreCodepage, RandomTextAsIconv) {
  std::mt19937 rng(1258);
  for (std::size_t i = 0; i < codepage_count(); ++i) {
    const auto& cp = codepage_at(i);
    Iconv cd(cp.iconv_name);
    for (int n = 0; n < 300; ++n) {
      std::string s(rng() % 40, '\0');
      for (auto& c : s) c = char(rng() % 3 == 0 ? 'a' + rng() % 26 : 0x80 + rng() % 128);
      std::string ours = decode_codepage(s, cp), theirs = by_iconv(cd.cd, s);
      if (ours != theirs && nfd(theirs) != nfd(characters(s, cp))) continue;  // as above
      EXPECT_EQ(ours, theirs) << cp.name;
    }
  }
}
#endif
