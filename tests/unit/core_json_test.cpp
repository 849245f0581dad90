#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/json_writer.hpp"

using namespace tonghop;

TEST(Json, NumbersRoundTripShortest) {
  EXPECT_EQ(format_number(97.8), "97.8");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_number(100), "100");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1.0 / 0.0), "null");
}

TEST(Json, EscapesAndNests) {
  std::ostringstream os;
  JsonWriter j(os, false);
  j.begin_object();
  j.field("tên", std::string("a\"b\\c\n\x01"));
  j.key("list");
  j.begin_array();
  j.value(1);
  j.value(true);
  j.null();
  j.end_array();
  j.key("empty");
  j.begin_object();
  j.end_object();
  j.end_object();
  EXPECT_EQ(os.str(), R"({"tên":"a\"b\\c\n\u0001","list":[1,true,null],"empty":{}})");
}

// An empty text whose data is null (a default string_view, as the readers hand over an empty
// cell) is written as "" (the sanitizer run checks that no null reaches memcpy).
TEST(Json, AnEmptyTextWithoutDataIsAnEmptyString) {
  std::ostringstream os;
  {
    JsonWriter j(os, false);
    j.begin_array();
    j.value(std::string_view());
    j.begin_string();
    j.string_piece(std::string_view());
    j.end_string();
    j.end_array();
  }
  EXPECT_EQ(os.str(), R"(["",""])");
}

// Strings are scanned eight bytes at a time: every sign that needs an escape is found at
// any place in a long text, next to UTF-8 and at the ends.
TEST(Json, EscapesAnywhereInALongString) {
  auto escaped = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20) out += "\\u00" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
      else out += char(c);
    }
    return out + "\"";
  };
  const std::string base = "Tỷ lệ hộ gia đình văn hóa đạt 95% (năm 2026)";
  for (char sign : {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', ' ', '\x7f'})
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::string s = base;
      s.insert(at, 1, sign);
      std::ostringstream os;
      JsonWriter j(os, false);
      j.begin_array();
      j.value(s);
      j.end_array();
      ASSERT_EQ(os.str(), "[" + escaped(s) + "]") << int(sign) << " at " << at;
    }
}

// A string written in pieces reads as the same string written at once: escapes at the
// pieces' edges, empty pieces, and a piece longer than the writer's steps.
TEST(Json, AStringInPiecesIsTheSameString) {
  std::string long_piece(20000, 'a');
  long_piece[8191] = '"';
  long_piece[8192] = '\\';
  long_piece[16383] = '\n';
  std::vector<std::string> pieces{"\"Tỷ lệ", "", "\\", " hộ \"nghèo\"\t", "\x01", long_piece, "đạt\""};
  std::ostringstream whole, parts;
  std::string all;
  for (const auto& p : pieces) all += p;
  {
    JsonWriter j(whole, false);
    j.begin_object();
    j.field("message", all);
    j.field("n", 1);
    j.end_object();
  }
  {
    JsonWriter j(parts, false);
    j.begin_object();
    j.key("message");
    j.begin_string();
    for (const auto& p : pieces) j.string_piece(p);
    j.end_string();
    j.field("n", 1);
    j.end_object();
  }
  EXPECT_EQ(parts.str(), whole.str());
  const std::string start = R"({"message":"\"Tỷ lệ\\ hộ \"nghèo\"\t\u0001)";
  EXPECT_EQ(parts.str().substr(0, start.size()), start);
}
