#include <gtest/gtest.h>

#include <sstream>

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
