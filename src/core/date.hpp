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

}  // namespace tonghop
