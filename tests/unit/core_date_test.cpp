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

TEST(Date, TypedDayFirst) {
  const double dec4 = 46360, dec5 = 46361;
  EXPECT_DOUBLE_EQ(parse_typed_date("4/12/2026").serial, dec4);
  EXPECT_DOUBLE_EQ(parse_typed_date("04/12/2026").serial, dec4);
  EXPECT_DOUBLE_EQ(parse_typed_date("05.12.2026").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("5-12-2026").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("5/12/26").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date(" 5 / 12 / 2026 ").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("ngày 5 tháng 12 năm 2026").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("Ngày 05 tháng 12 năm 2026").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("ngay 5 thang 12 nam 2026").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("2026-12-05").serial, dec5);
  EXPECT_DOUBLE_EQ(parse_typed_date("2026-12-05T09:30").serial, dec5 + 9.5 / 24);
  EXPECT_DOUBLE_EQ(parse_typed_date("05/12/2026 09:30").serial, dec5 + 9.5 / 24);
  EXPECT_DOUBLE_EQ(parse_typed_date("05/12/2026 9h30").serial, dec5 + 9.5 / 24);
  EXPECT_DOUBLE_EQ(parse_typed_date("29/02/2028").serial, 46812);
}

TEST(Date, TypedDateThatDoesNotExistIsNotRolledOver) {
  for (const char* t : {"31/11/2026", "29/02/2026", "0/12/2026", "5/13/2026", "2026-11-31", "ngày 31 tháng 4 năm 2026",
                        "05/12/2026 25:00"}) {
    auto d = parse_typed_date(t);
    EXPECT_EQ(d.status, TypedDate::Status::NoSuchDay) << t;
    EXPECT_FALSE(d) << t;
  }
  for (const char* t : {"", "hôm qua", "12/2026", "5/12", "5/12/202", "05.12/2026", "3 December 2026", "46361"}) {
    EXPECT_EQ(parse_typed_date(t).status, TypedDate::Status::Unreadable) << t;
  }
  auto d = parse_typed_date("31/11/2026");
  EXPECT_EQ(d.day, 31);
  EXPECT_EQ(d.month, 11);
  EXPECT_EQ(d.year, 2026);
}

TEST(Date, WrittenDateInAHeaderLine) {
  EXPECT_DOUBLE_EQ(find_written_date("An Dương, ngày 05 tháng 12 năm 2026").serial, 46361);
  EXPECT_EQ(find_written_date("Hải Phòng, ngày 31 tháng 11 năm 2026").status, TypedDate::Status::NoSuchDay);
  EXPECT_EQ(find_written_date("BÁO CÁO NĂM 2026").status, TypedDate::Status::Unreadable);
  EXPECT_EQ(serial_to_day_first(46361), "05/12/2026");
}
