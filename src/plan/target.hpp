// Target expressions as the annexes write them ("Tối thiểu 99,5", "14 - 15",
// "75% trở lên", "Giảm hàng năm", "Duy trì") parsed into a kind and bounds. What is not
// understood is kept raw as Unparsed, never guessed.
//
//   auto t = parse_target("Trên 97,5");   // kind MoreThan, low 97.5
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tonghop {

enum class TargetKind {
  Empty,       // no target written
  Exact,       // "100", "0%"
  Range,       // "14 - 15", "03-05", "10% - 11%/năm"
  AtLeast,     // "Tối thiểu 99,5", "75% trở lên", "≥ 05", "ít nhất 3%"
  MoreThan,    // "Trên 97,5"
  AtMost,      // "không quá 5", "tối đa"
  LessThan,    // "dưới 0,5 %"
  About,       // "khoảng 76%"
  Increase,    // "tăng bình quân 10%/năm" (low/high: the rate, when given)
  Decrease,    // "Giảm hàng năm"
  Maintain,    // "Duy trì"
  Attain,      // "Đạt" (a title, a standard)
  Complete,    // "Hoàn thành"
  NoneLeft,    // "không còn hộ nghèo", "không để ..." (zero)
  Level,       // "mức độ 2" (low: the level; no high with "trở lên")
  Unparsed,    // kept raw: reported as unparsed-target
};

std::string_view to_string(TargetKind k);

struct Target {
  std::string raw;
  TargetKind kind = TargetKind::Empty;
  std::optional<double> low, high;
  std::string unit;        // "%" or the word after the number ("doanh nghiệp"), "" if none
  bool per_year = false;   // "/năm", "hằng năm", "bình quân"
  bool approximate = false;  // "khoảng"
};

Target parse_target(std::string_view raw);

}  // namespace tonghop
