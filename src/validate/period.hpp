// The reporting period: what a report covers ("năm 2026", "6 tháng đầu năm 2026", "quý III/2026").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace tonghop {

enum class PeriodKind { Year, H1, Q1, Q2, Q3, Q4, M9 };
std::string_view to_string(PeriodKind k);
std::optional<PeriodKind> period_kind_from_string(std::string_view s);

struct Period {
  int year = 0;
  PeriodKind kind = PeriodKind::Year;
  bool operator==(const Period&) const = default;
};

// The reporting period a report's title or header labels name ("NĂM 2026",
// "6 tháng đầu năm 2026", "Quý III/2026", "quý 3 năm 2026", "9 tháng năm 2026"). A title
// naming two periods (the results of one, the tasks of the next) is a report of the first;
// the signing date ("ngày 05 tháng 01 năm 2027") and the plan's period never count.
std::optional<Period> detect_period(const std::vector<std::string>& texts);

// The kind of period a sheet's name says, with or without a year: "Quý 3", "Q3",
// "6 tháng", "9T", "Năm 2026", "Cả năm"; nullopt when it names none.
std::optional<PeriodKind> period_kind_in_name(std::string_view name);

// The period's name in Vietnamese and English, for messages.
Text period_label(const Period& p);

}  // namespace tonghop
