#include "core/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tonghop {

NumberStyle number_style(std::string_view format, FormatClass format_class) {
  NumberStyle s;
  // The section for positive numbers, without quoted text, escapes and [colour] tags.
  std::string code;
  for (std::size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == ';') break;
    if (c == '"') {
      auto close = format.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      auto close = format.find(']', i);
      if (close == std::string_view::npos) break;
      i = close;
    } else {
      code += c;
    }
  }
  s.percent = format_class == FormatClass::Percent || code.find('%') != std::string::npos;
  bool placeholders = code.find_first_of("0#?") != std::string::npos;
  if (!placeholders) return s;  // General, text: as many digits as the value needs
  auto point = code.find('.');
  s.decimals = 0;
  if (point != std::string::npos)
    for (auto i = point + 1; i < code.size() && (code[i] == '0' || code[i] == '#' || code[i] == '?'); ++i) ++s.decimals;
  for (std::size_t i = 1; i + 1 < code.size() && i < point; ++i)
    if (code[i] == ',' && (code[i - 1] == '#' || code[i - 1] == '0') && (code[i + 1] == '#' || code[i + 1] == '0'))
      s.grouping = true;
  return s;
}

std::string number_text(double value, const NumberStyle& style, Lang lang) {
  if (!std::isfinite(value)) return "?";
  double x = style.percent ? value * 100 : value;
  // std::to_chars with a precision writes what printf does ("%.15g", "%.*f"), and
  // from_chars reads as strtod, both exactly and without the locale: the same digits at a
  // fraction of the cost (this runs for every figure of a report).
  char buf[400];
  // Rounded on the 15 digits a spreadsheet shows, so 96.85 at one decimal is 96.9.
  auto g15 = [&](double v) { return std::string_view(buf, std::size_t(std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15).ptr - buf)); };
  // A whole number of at most 15 digits is its own 15-digit rounding, and %.15g writes its
  // digits: no round trip (counts and row numbers, most figures).
  bool integral = std::fabs(x) < 1e15 && x == std::trunc(x);
  auto integral_digits = [&] {
    std::string out = std::signbit(x) ? "-" : "";
    auto end = std::to_chars(buf, buf + sizeof buf, (long long)std::fabs(x)).ptr;
    return out.append(buf, end);
  };
  if (!integral) {
    auto shown = g15(x);
    if (std::from_chars(shown.data(), shown.data() + shown.size(), x).ec == std::errc::result_out_of_range)
      x = std::copysign(HUGE_VAL, x);  // as strtod: 15 digits of the largest doubles round past them
  }
  std::string digits;
  if (style.decimals >= 0) {
    double scale = std::pow(10.0, style.decimals);
    double r = std::floor(std::fabs(x) * scale + 0.5) / scale;
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::copysign(r, x), std::chars_format::fixed, style.decimals);
    if (ec == std::errc()) digits.assign(buf, end);
    else digits = "?";  // hundreds of decimals asked by a format: no figure shows so
  } else {
    digits = integral ? integral_digits() : std::string(g15(x));
    if (digits.find('e') == std::string::npos && digits.find('.') != std::string::npos) {
      while (digits.back() == '0') digits.pop_back();
      if (digits.back() == '.') digits.pop_back();
    }
  }
  if (digits[0] == '-' && digits.find_first_not_of("-0.") == std::string::npos) digits.erase(0, 1);  // -0
  bool vi = lang == Lang::Vi;
  std::string out;
  auto point = digits.find('.');
  std::string whole = digits.substr(0, point), fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  bool negative = !whole.empty() && whole[0] == '-';
  if (negative) whole.erase(0, 1);
  if (style.grouping && whole.find('e') == std::string::npos)
    for (auto i = whole.size(); i > 3; i -= 3) whole.insert(i - 3, 1, vi ? '.' : ',');
  out = (negative ? "-" : "") + whole;
  if (point != std::string::npos) out += (vi ? "," : ".") + fraction;
  if (style.percent) out += '%';
  return out;
}

Text number_text(double value, const NumberStyle& style) {
  // The two languages differ only in the signs: "." groups and "," marks the decimals in
  // Vietnamese, the other way round in English.
  std::string vi = number_text(value, style, Lang::Vi), en = vi;
  for (char& c : en)
    if (c == '.' || c == ',') c = c == '.' ? ',' : '.';
  return Text(std::move(vi), std::move(en));
}

}  // namespace tonghop
