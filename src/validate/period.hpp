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
// "6 tháng đầu năm 2026", "Quý III/2026", "9 tháng năm 2026").
std::optional<Period> detect_period(const std::vector<std::string>& texts);

// The period's name in Vietnamese and English, for messages.
Text period_label(const Period& p);

}  // namespace tonghop
