#include "read/number_format_class.hpp"

namespace tonghop {

std::string_view builtin_number_format(unsigned id) {
  switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 5: return "\"$\"#,##0_);(\"$\"#,##0)";
    case 6: return "\"$\"#,##0_);[Red](\"$\"#,##0)";
    case 7: return "\"$\"#,##0.00_);(\"$\"#,##0.00)";
    case 8: return "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";
    case 14: return "mm-dd-yy";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "m/d/yy h:mm";
    case 37: return "#,##0_);(#,##0)";
    case 38: return "#,##0_);[Red](#,##0)";
    case 39: return "#,##0.00_);(#,##0.00)";
    case 40: return "#,##0.00_);[Red](#,##0.00)";
    case 41: return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
    case 42: return "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)";
    case 43: return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)";
    case 44: return "_(\"$\"* #,##0.00_)_(\"$\"* \\(#,##0.00\\)_(\"$\"* \"-\"??_)_(@_)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mmss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default:
      // East Asian locales' date and time formats (ECMA-376 18.8.30): shown here by a
      // generic code of the same kind.
      if ((id >= 27 && id <= 31) || (id >= 50 && id <= 58)) return "yyyy/m/d";
      if (id >= 32 && id <= 36) return "h:mm:ss";
      return "";
  }
}

bool is_elapsed_time_format(std::string_view code) {
  for (std::size_t i = code.find('['); i != std::string_view::npos; i = code.find('[', i + 1)) {
    auto close = code.find(']', i);
    if (close == std::string_view::npos) return false;
    auto inside = code.substr(i + 1, close - i - 1);
    if (!inside.empty()) {
      char k = inside[0] | 0x20;
      if ((k == 'h' || k == 'm' || k == 's') && inside.find_first_not_of(inside[0]) == std::string_view::npos)
        return true;
    }
  }
  return false;
}

FormatClass classify_number_format(std::string_view code) {
  if (code.empty()) return FormatClass::General;
  bool percent = false, date = false, at = false, digits = false;
  std::string_view letters;
  // Only the first section (positive numbers) decides; later sections repeat it.
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    switch (c) {
      case '"': {
        auto close = code.find('"', i + 1);
        i = close == std::string_view::npos ? code.size() : close;
        break;
      }
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is literal or padding
        break;
      case '[': {
        auto close = code.find(']', i + 1);
        auto inside = code.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
        // [h], [mm], [ss] are elapsed time; [Red], [$-42A], [>=100] are not.
        if (!inside.empty()) {
          char k = inside[0] | 0x20;
          if ((k == 'h' || k == 'm' || k == 's') &&
              inside.find_first_not_of(inside[0]) == std::string_view::npos)
            date = true;
        }
        i = close == std::string_view::npos ? code.size() : close;
        break;
      }
      case ';':
        i = code.size();
        break;
      case '%': percent = true; break;
      case '@': at = true; break;
      case '0':
      case '#':
      case '?': digits = true; break;
      default: {
        char k = c | 0x20;
        if (k == 'd' || k == 'm' || k == 'y' || k == 'h' || k == 's') {
          date = true;
        } else if (k == 'g' && code.size() - i >= 7) {
          std::string_view w = code.substr(i, 7);
          bool general = true;
          const char* g = "general";
          for (int j = 0; j < 7; ++j)
            if ((w[std::size_t(j)] | 0x20) != g[j]) general = false;
          if (general) {
            i += 6;
            letters = w;
          }
        } else if (k == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
          digits = true;
        }
      }
    }
  }
  if (percent) return FormatClass::Percent;
  if (date) return FormatClass::Date;
  if (at && !digits) return FormatClass::Text;
  if (!letters.empty() && !digits) return FormatClass::General;
  return FormatClass::Other;
}

}  // namespace tonghop
