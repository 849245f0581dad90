// Cell value decisions shared by the readers of formats that store dates as numbers
// (xlsx, xls): a number in a date format becomes a Date cell.
#pragma once

#include <string>

#include "core/cell.hpp"

namespace tonghop {

// What a reader knows of a cell's style.
struct CellStyle {
  FormatClass format_class = FormatClass::General;
  bool elapsed = false;  // [h]:mm and the like: a duration, not a point in time
  std::string number_format;
  std::string font;
};

// Builds the cell's style from a format code and a font name.
CellStyle make_cell_style(std::string number_format, std::string font);

// Sets c to a Number, or to a Date when the style's format is a date format (a NaN or an
// infinity becomes the error #NUM!). In a 1904
// workbook dates are moved to the 1900 system; times of day and durations are not moved.
// iso is the reader's buffer that c.text points to afterwards.
void set_number(Cell& c, double v, const CellStyle* style, bool date1904, std::string& iso);

// Sets c to a Date from a serial already in the 1900 system (xlsx t="d", ODS dates).
void set_date(Cell& c, double serial, std::string& iso);

}  // namespace tonghop
