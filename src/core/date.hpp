// Spreadsheet serial dates <-> ISO 8601 text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tonghop {

// Days between the 1904 and 1900 date systems: a 1904 serial plus this is a 1900 serial.
inline constexpr double kDate1904Offset = 1462.0;

// Serial days in the 1900 system (Excel's fictitious 1900-02-29 included) to ISO text:
// "2026-12-03T00:00:00" with ".123" when there are milliseconds, or "HH:MM:SS" for a
// time of day (0 <= serial < 1). Negative serials are dates before 1899-12-30. Empty
// outside years 1..9999.
std::string serial_to_iso(double serial);

// "2026-12-03", "2026-12-03T08:30:00[.5][Z]", "08:30[:00]", ODS "PT08H30M00S" to a serial
// in the 1900 system; nullopt when the text is none of those.
std::optional<double> iso_to_serial(std::string_view iso);

// A date as people type it in Vietnam: day first. One reader for every place a date is
// typed (receipts book, --received, --deadline, report headers):
//   "4/12/2026", "04/12/2026 09:30", "05.12.2026", "5-12-2026", "5/12/26" (20xx),
//   "ngày 5 tháng 12 năm 2026" (with or without diacritics), ISO "2026-12-05[T09:30]".
// A date that does not exist ("31/11/2026") is NoSuchDay, never rolled over to another day.
struct TypedDate {
  enum class Status { Ok, Unreadable, NoSuchDay } status = Status::Unreadable;
  double serial = 0;  // Ok: serial day in the 1900 system, with the time of day if given
  int year = 0, month = 0, day = 0;  // as written (NoSuchDay too)
  explicit operator bool() const { return status == Status::Ok; }
};
TypedDate parse_typed_date(std::string_view text);

// The "ngày … tháng … năm …" date anywhere in a line such as a report's place-date line
// ("An Dương, ngày 05 tháng 12 năm 2026"); Unreadable when the line holds none.
TypedDate find_written_date(std::string_view line);

// "05/12/2026": a serial day as Vietnamese documents write it.
std::string serial_to_day_first(double serial);

}  // namespace tonghop
