// Values as units write them in progress sheets, and whether they meet the plan's target.
//
//   auto v = read_value(cell);           // 0.978 in a percent cell -> 97.8; "97,8%" -> 97.8
//   assess(parse_target("Trên 97,5"), v)  // Assessment::Met
#pragma once

#include <optional>
#include <string>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "plan/target.hpp"

namespace tonghop {

// Task statuses and yes/no answers, normalised from their many spellings.
enum class Status { None, Done, InProgress, NotStarted, Behind, Yes, No };
std::string_view to_string(Status s);
Status parse_status(std::string_view text);

// A status phrase as staff write it, read as a status plus what else it says:
//   "Đang thực hiện, ước đạt 60%"            in progress, progress 60
//   "Hoàn thành 100%" / "Hoàn thành 80%"      done / in progress, progress 100 / 80
//   "Chưa thực hiện do vướng mặt bằng"        not started, detail "do vướng mặt bằng"
//   "Đang thực hiện (dự kiến xong Quý I/2027)" in progress, detail "dự kiến xong Quý I/2027"
//   "Đã xong giai đoạn 1"                     in progress (a stage is done), detail the phrase
//   "Cơ bản hoàn thành"                       done, detail the phrase (not fully)
// status None when the phrase does not start with a status.
struct StatusReading {
  Status status = Status::None;
  std::optional<double> progress;  // percent
  std::string detail;              // as written: the reason, expected finish or qualifier
};
StatusReading read_status(std::string_view text);

struct Value {
  enum class Kind { Empty, Number, Status, Text, FormulaWithoutValue } kind = Kind::Empty;
  double number = 0;       // percentages in percent (97.8)
  bool ambiguous = false;  // "1.234": a thousands dot or a decimal point
  bool qualified = false;  // "≥ 95", "trên 95": a bound written instead of a figure
  Status status = Status::None;
  std::optional<double> progress;  // Status: "ước đạt 60%" -> 60
  SharedText detail;               // Status: what the phrase says beyond the status (a reason ...)
  std::string raw;         // as shown
  // For messages: a figure as the sheet shows it, at its cell's precision, with a decimal
  // comma in Vietnamese ("96,9%") and a point in English; other values as written.
  Text shown;
};

Value read_value(const StoredCell* cell);

enum class Assessment { Unknown, Met, NotMet, Exceeded };
std::string_view to_string(Assessment a);

// Judged by the target's kind: bounds and ranges on numbers; maintain/attain/complete on
// statuses; trends ("Giảm hàng năm") need last year's value and are Unknown here.
Assessment assess(const Target& target, const Value& v);

// Targets judged against last year's value: "Giảm hàng năm", a bare "Tăng", and a growth
// rate of a quantity ("tăng 10%/năm" of a sum in tỷ đồng; a rate written in % is itself the
// figure and needs nothing more).
bool needs_previous(const Target& target, const std::string& unit_of_measure);
// Only for targets needs_previous() accepts; Unknown when last year's value is 0 or less
// and a growth rate is asked.
Assessment assess_trend(const Target& target, double actual, double previous);

}  // namespace tonghop
