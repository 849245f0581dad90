// Timeframes as the assignment tables write them ("2026 - 2030", "Năm 2025", "Hằng năm",
// "Quý II/2026", "Quý III-IV/2026", "Từ quý III/2026", "Thường xuyên", "Theo chỉ đạo
// của ..."): parsed into from/to periods and a recurrence; the raw text is always kept.
//
//   auto t = parse_timeframe("Quý III-IV/2026");   // from "2026-Q3", to "2026-Q4"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tonghop {

enum class Recurrence { None, Yearly, Continuous };
std::string_view to_string(Recurrence r);

struct Timeframe {
  std::string raw;
  std::optional<std::string> from, to;  // "2026" or "2026-Q3"
  Recurrence recurrence = Recurrence::None;
  bool on_instruction = false;  // "Theo chỉ đạo của ...": no date of its own
  bool unparsed = false;        // holds a sign the grammar does not know ("202?"): nothing read
  bool understood() const { return !unparsed && (from || to || recurrence != Recurrence::None || on_instruction); }
};

Timeframe parse_timeframe(std::string_view raw);

// Separate start and finish columns ("Thời gian triển khai" / "Thời gian hoàn thành").
Timeframe combine_timeframes(const Timeframe& start, const Timeframe& finish);

}  // namespace tonghop
