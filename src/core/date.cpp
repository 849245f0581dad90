#include "core/date.hpp"

#include <cmath>
#include <cstdio>
#include <regex>

#include "core/text.hpp"

namespace tonghop {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (era-based civil algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (long long)yoe + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

const long long kEpochDays = days_from_civil(1899, 12, 30);

bool parse_uint(std::string_view s, std::size_t& i, std::size_t n, unsigned& out) {
  if (i + n > s.size()) return false;
  out = 0;
  for (std::size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + unsigned(c - '0');
  }
  i += n;
  return true;
}

// Parses "HH:MM[:SS[.fff]]" at i; returns seconds of day.
bool parse_clock(std::string_view s, std::size_t& i, double& seconds) {
  unsigned h, mi, se = 0;
  if (!parse_uint(s, i, 2, h) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!parse_uint(s, i, 2, mi)) return false;
  double frac = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!parse_uint(s, i, 2, se)) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      double scale = 0.1;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
  }
  if (h > 24 || mi > 59 || se > 60) return false;
  seconds = h * 3600.0 + mi * 60.0 + se + frac;
  return true;
}

// ODS durations: PT12H30M05.5S (and P1DT...).
std::optional<double> parse_duration(std::string_view s) {
  std::size_t i = 1;
  double days = 0, seconds = 0, number = 0;
  bool in_time = false, have_number = false;
  double scale = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (scale > 0) {
        number += (c - '0') * scale;
        scale /= 10;
      } else {
        number = number * 10 + (c - '0');
      }
      have_number = true;
    } else if (c == '.' || c == ',') {
      scale = 0.1;
    } else if (c == 'T') {
      in_time = true;
    } else if (have_number && (c == 'D' || c == 'H' || c == 'M' || c == 'S')) {
      if (c == 'D') days += number;
      else if (c == 'H') seconds += number * 3600;
      else if (c == 'M') seconds += in_time ? number * 60 : number * 30 * 86400;
      else seconds += number;
      number = 0;
      scale = 0;
      have_number = false;
    } else {
      return std::nullopt;
    }
  }
  if (have_number) return std::nullopt;
  return days + seconds / 86400.0;
}

}  // namespace

std::string serial_to_iso(double serial) {
  // Years 1 to 9999; negative serials are dates before 1899-12-30 (LibreOffice shows them).
  if (!std::isfinite(serial) || serial < -693593.0 || serial > 2958466.0) return {};
  double day_part = std::floor(serial);
  long long ms = std::llround((serial - day_part) * 86400000.0);
  long long day = (long long)day_part;
  if (ms >= 86400000) {
    ms -= 86400000;
    ++day;
  }
  // Formatted by hand: this runs for every date cell of large sheets.
  auto digits = [](std::string& out, long long v, int width) {
    char buf[8];
    for (int k = width - 1; k >= 0; --k, v /= 10) buf[k] = char('0' + v % 10);
    out.append(buf, std::size_t(width));
  };
  long long secs = ms / 1000;
  int millis = int(ms % 1000);
  std::string clock;
  clock.reserve(12);
  digits(clock, secs / 3600, 2);
  clock += ':';
  digits(clock, secs / 60 % 60, 2);
  clock += ':';
  digits(clock, secs % 60, 2);
  if (millis) {
    clock += '.';
    digits(clock, millis, 3);
  }
  if (serial >= 0 && serial < 1 && day == 0) return clock;
  // Excel counts 1900-02-29, which never existed: serials below 60 are one day later.
  if (serial > 0 && day < 60) ++day;
  long long y;
  unsigned m, d;
  civil_from_days(kEpochDays + day, y, m, d);
  std::string out;
  out.reserve(24);
  digits(out, y, 4);
  out += '-';
  digits(out, m, 2);
  out += '-';
  digits(out, d, 2);
  out += 'T';
  out += clock;
  return out;
}

std::optional<double> iso_to_serial(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == 'Z')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (s[0] == 'P' || s[0] == '-') {
    if (s[0] == '-') return std::nullopt;
    return parse_duration(s);
  }
  std::size_t i = 0;
  double seconds = 0;
  if (s.size() >= 5 && s[2] == ':') {
    if (!parse_clock(s, i, seconds) || i != s.size()) return std::nullopt;
    return seconds / 86400.0;
  }
  unsigned y, m, d;
  if (!parse_uint(s, i, 4, y) || i >= s.size() || s[i++] != '-') return std::nullopt;
  if (!parse_uint(s, i, 2, m) || i >= s.size() || s[i++] != '-') return std::nullopt;
  if (!parse_uint(s, i, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != ' ') return std::nullopt;
    ++i;
    if (!parse_clock(s, i, seconds)) return std::nullopt;
    // A time-zone offset is dropped: spreadsheets have no time zones.
    if (i < s.size() && s[i] != '+' && s[i] != '-') return std::nullopt;
  }
  double serial = double(days_from_civil(y, m, d) - kEpochDays);
  if (serial < 61) serial -= 1;  // undo Excel's 1900-02-29 for early dates
  if (serial < 0) serial = 0;
  return serial + seconds / 86400.0;
}

namespace {

bool leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(long long y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

TypedDate make_date(int y, int m, int d, int hour, int minute, int second) {
  TypedDate out;
  out.year = y, out.month = m, out.day = d;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || hour > 23 || minute > 59 ||
      second > 59) {
    out.status = TypedDate::Status::NoSuchDay;
    return out;
  }
  double serial = double(days_from_civil(y, unsigned(m), unsigned(d)) - kEpochDays);
  if (serial < 61) serial -= 1;  // Excel's 1900-02-29
  out.serial = serial + (hour * 3600 + minute * 60 + second) / 86400.0;
  out.status = TypedDate::Status::Ok;
  return out;
}

int to_int(const std::ssub_match& m, int fallback = 0) { return m.matched && m.length() ? std::stoi(m.str()) : fallback; }

int full_year(const std::ssub_match& m) {
  int y = std::stoi(m.str());
  return m.length() == 2 ? 2000 + y : y;
}

}  // namespace

TypedDate parse_typed_date(std::string_view text) {
  // Figures as typed (ASCII lower case, no outer spaces); words folded: "Ngày 5 tháng 12
  // năm 2026" -> "ngay 5 thang 12 nam 2026".
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  std::string t;
  for (char c : text) t += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
  static const std::regex dmy(R"(^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2}))"
                              R"((?:[ t,]+(?:luc )?(\d{1,2})(?:[:h](\d{2})?)(?::(\d{2}))?)?$)");
  static const std::regex iso(R"(^(\d{4})-(\d{1,2})-(\d{1,2}))"
                              R"((?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?z?)?$)");
  static const std::regex words(R"(^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|/)\s*(\d{4})$)");
  std::smatch m;
  if (std::regex_match(t, m, dmy)) {
    if (m[4].length() == 3) return {};
    return make_date(full_year(m[4]), to_int(m[3]), to_int(m[1]), to_int(m[5]), to_int(m[6]), to_int(m[7]));
  }
  if (std::regex_match(t, m, iso))
    return make_date(std::stoi(m[1]), to_int(m[2]), to_int(m[3]), to_int(m[4]), to_int(m[5]), to_int(m[6]));
  t = fold_key(text);
  if (std::regex_match(t, m, words)) return make_date(std::stoi(m[3]), to_int(m[2]), to_int(m[1]), 0, 0, 0);
  return {};
}

TypedDate find_written_date(std::string_view line) {
  std::string t = fold_key(line);
  static const std::regex words(R"((?:^|[^a-z0-9])ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4}))");
  std::smatch m;
  if (!std::regex_search(t, m, words)) return {};
  return make_date(std::stoi(m[3]), to_int(m[2]), to_int(m[1]), 0, 0, 0);
}

std::string serial_to_day_first(double serial) {
  auto iso = serial_to_iso(serial);
  if (iso.size() < 10 || iso[4] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace tonghop
