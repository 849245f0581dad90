#include <gtest/gtest.h>

#include "core/date.hpp"

using namespace tonghop;

TEST(Date, SerialToIso) {
  EXPECT_EQ(serial_to_iso(46359), "2026-12-03T00:00:00");
  EXPECT_EQ(serial_to_iso(46359.6875), "2026-12-03T16:30:00");
  EXPECT_EQ(serial_to_iso(0.5), "12:00:00");
  EXPECT_EQ(serial_to_iso(61), "1900-03-01T00:00:00");
  // Excel's fictitious leap day: serial 1 is 1900-01-01.
  EXPECT_EQ(serial_to_iso(1), "1900-01-01T00:00:00");
  EXPECT_EQ(serial_to_iso(-1.2), "1899-12-28T19:12:00");
  EXPECT_EQ(serial_to_iso(1e12), "");
}

TEST(Date, IsoToSerial) {
  EXPECT_DOUBLE_EQ(*iso_to_serial("2026-12-03"), 46359);
  EXPECT_DOUBLE_EQ(*iso_to_serial("2026-12-03T16:30:00"), 46359.6875);
  EXPECT_DOUBLE_EQ(*iso_to_serial("2026-12-03T16:30:00Z"), 46359.6875);
  EXPECT_DOUBLE_EQ(*iso_to_serial("PT08H30M00S"), 8.5 / 24);
  EXPECT_DOUBLE_EQ(*iso_to_serial("08:30"), 8.5 / 24);
  EXPECT_FALSE(iso_to_serial("03/12/2026"));
  EXPECT_FALSE(iso_to_serial("2026-13-01"));
}

TEST(Date, RoundTrip) {
  for (double s : {1.0, 59.0, 61.0, 36526.25, 46359.0, 2958465.0})
    EXPECT_DOUBLE_EQ(*iso_to_serial(serial_to_iso(s)), s) << s;
}
