// Numbers as Vietnamese users write them: decimal comma ("99,5"), thousands dot
// ("1.000"), leading zeros ("05"), and the English forms Excel sometimes leaves ("97.8").
#pragma once

#include <optional>
#include <string_view>

namespace tonghop {

struct VnNumber {
  double value = 0;
  // "1.234" or "1,234": a thousands separator or a decimal point, both read sensibly; the
  // value given is the Vietnamese reading (1234 and 1.234).
  bool ambiguous = false;
};

// Parses one number token (digits with "." and "," separators, optional sign); nullopt
// when the token is not exactly a number.
std::optional<VnNumber> parse_vn_number(std::string_view token);

}  // namespace tonghop
