// A unit's fill-in form (tonghop template): one workbook listing exactly the indicators and
// tasks the plan assigns to the unit, with protected structure, dropdowns, validation and
// live self-check formulas, and the identity that lets tonghop check read it back exactly.
//
//   FormOptions o;
//   o.unit = "Phòng Văn hóa - Xã hội";
//   o.period = {2026, PeriodKind::Year};
//   write_form("bieu-mau/" + form_file_name(o.unit, o.period), plan, Layout::find("commune-yearly"), o);
#pragma once

#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "consolidate/year_report.hpp"
#include "plan/item_key.hpp"
#include "plan/plan.hpp"
#include "validate/check.hpp"
#include "write/layout.hpp"

namespace tonghop {

// The words of the "Kiểm tra" column; tonghop check reports the same problems by code.
namespace form_message {
inline constexpr const char* kMissing = "Chưa nhập số liệu";          // missing-value
inline constexpr const char* kNoChoice = "Chưa chọn kết quả";         // missing-value (yes/no)
inline constexpr const char* kNoStatus = "Chưa chọn tiến độ";         // missing-value (task)
inline constexpr const char* kNotNumber = "Phải nhập một con số";     // type-error
inline constexpr const char* kNotInList = "Chọn trong danh sách";     // type-error
inline constexpr const char* kOver100 = "Vượt quá 100%";              // out-of-range
inline constexpr const char* kNegative = "Không được nhỏ hơn 0";      // out-of-range
inline constexpr const char* kNeedNote = "Chưa đạt mục tiêu: cần ghi chú";  // target-not-met
inline constexpr const char* kNoted = "Chưa đạt mục tiêu (đã ghi chú)";     // target-not-met, explained
}  // namespace form_message

struct FormOptions {
  std::string unit;  // canonical, as in Plan::units
  Period period;
  std::string password;  // "" : sheets protected without one
  std::string deadline;  // as shown ("03/12/2026"); "" : 3 December of the year
  const PreviousYear* previous = nullptr;  // last year's values (consolidate --previous's workbook)
  std::time_t document_time = 0;
};

// What a unit typed, by item key: for tests and round trips (the form written as filled).
struct FormEntry {
  std::optional<double> number;  // the actual as a number
  std::string text;              // the actual as text (a yes/no choice, or pasted text)
  std::string note, status, result;
  std::optional<double> progress;
};
struct FormFill {
  std::map<std::string, FormEntry> entries;
  std::set<std::string> deleted;  // rows the unit deleted
};

// "bieu-mau-phong-van-hoa-xa-hoi-nam-2026.xlsx": ASCII only, from the unit and the period.
std::string form_file_name(const std::string& unit, const Period& period);

// Throws WriteError (unknown unit, libxlsxwriter failure); writes aside and renames.
void write_form(const std::string& out, const Plan& plan, const Layout& layout, const FormOptions& opt,
                const FormFill* fill = nullptr);

// Characters as Excel counts them for its 255-character limits (UTF-16 code units).
std::size_t excel_length(std::string_view utf8);

}  // namespace tonghop
