#include "core/vn_number.hpp"

#include <charconv>
#include <string>

namespace tonghop {

std::optional<VnNumber> parse_vn_number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  std::size_t dots = 0, commas = 0;
  for (char c : s) {
    if (c == '.') ++dots;
    else if (c == ',') ++commas;
    else if (c < '0' || c > '9') return std::nullopt;
  }
  if (s.back() == '.' || s.back() == ',') return std::nullopt;
  VnNumber out;
  std::string digits;
  char decimal = 0;
  if (dots && commas) {
    decimal = s.rfind(',') > s.rfind('.') ? ',' : '.';  // the last separator is the decimal one
  } else if (commas == 1) {
    decimal = ',';
    // "0,978" is a fraction: no thousands group starts with 0.
    out.ambiguous = s.size() - s.find(',') - 1 == 3 && s.front() != '0';
  } else if (dots == 1) {
    // "1.000" is a thousand in Vietnamese; "97.8" is what Excel shows in English; "0.978"
    // can only be a fraction.
    bool three = s.size() - s.find('.') - 1 == 3 && s.front() != '0';
    decimal = three ? 0 : '.';
    out.ambiguous = three;
  }
  // Several dots or commas alone are thousands separators.
  for (char c : s) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == decimal) digits += '.';
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  out.value = negative ? -v : v;
  return out;
}

}  // namespace tonghop
