#include "read/cell_values.hpp"

#include <cmath>

#include "core/date.hpp"
#include "read/number_format_class.hpp"

namespace tonghop {

CellStyle make_cell_style(std::string number_format, std::string font) {
  if (number_format == "General") number_format.clear();
  CellStyle s;
  s.format_class = classify_number_format(number_format);
  s.elapsed = is_elapsed_time_format(number_format);
  s.number_format = std::move(number_format);
  s.font = std::move(font);
  return s;
}

void set_date(Cell& c, double serial, std::string& iso) {
  iso = serial_to_iso(serial);
  if (iso.empty()) {  // outside the calendar: keep the number
    c.type = CellType::Number;
    c.number = serial;
    return;
  }
  c.type = CellType::Date;
  c.number = serial;
  c.text = iso;
}

void set_number(Cell& c, double v, const CellStyle* style, bool date1904, std::string& iso) {
  // No spreadsheet can show NaN or infinity; a file holding one gets Excel's #NUM!.
  if (!std::isfinite(v)) {
    c.type = CellType::Error;
    c.text = "#NUM!";
    return;
  }
  if (!style || style->format_class != FormatClass::Date) {
    c.type = CellType::Number;
    c.number = v;
    return;
  }
  // Times of day and durations are the same in both date systems.
  if (date1904 && v >= 1 && !style->elapsed) v += kDate1904Offset;
  set_date(c, v, iso);
}

}  // namespace tonghop
