// Numbers in messages as the sheet shows them: at the cell's own precision, with a decimal
// comma and a thousands dot in Vietnamese ("96,9%", "1.250"), a decimal point and a
// thousands comma in English ("96.9%", "1,250"); never the machine's 96.89999999999999.
//
//   number_text(0.969, number_style("0.0%", FormatClass::Percent))  // {"96,9%", "96.9%"}
//   number_text(0.42)                                               // {"0,42", "0.42"}
#pragma once

#include <string>
#include <string_view>

#include "core/cell.hpp"
#include "core/issue.hpp"

namespace tonghop {

struct NumberStyle {
  int decimals = -1;      // -1: as many as the value needs (15 significant digits at most)
  bool percent = false;   // shown times 100 with "%"
  bool grouping = false;  // thousands separated
};

// The style a cell's number format gives its number ("0.0%", "#,##0", General ...).
NumberStyle number_style(std::string_view number_format, FormatClass format_class);

std::string number_text(double value, const NumberStyle& style, Lang lang);
Text number_text(double value, const NumberStyle& style = {});

}  // namespace tonghop
