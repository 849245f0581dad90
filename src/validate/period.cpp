#include "validate/period.hpp"

#include <regex>

#include "core/text.hpp"

namespace tonghop {

std::string_view to_string(PeriodKind k) {
  switch (k) {
    case PeriodKind::Year: return "year";
    case PeriodKind::H1: return "h1";
    case PeriodKind::Q1: return "q1";
    case PeriodKind::Q2: return "q2";
    case PeriodKind::Q3: return "q3";
    case PeriodKind::Q4: return "q4";
    case PeriodKind::M9: return "9m";
  }
  return "year";
}

std::optional<PeriodKind> period_kind_from_string(std::string_view s) {
  for (auto k : {PeriodKind::Year, PeriodKind::H1, PeriodKind::Q1, PeriodKind::Q2, PeriodKind::Q3, PeriodKind::Q4,
                 PeriodKind::M9})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Period> detect_period(const std::vector<std::string>& texts) {
  static const std::regex half(R"(6 thang (?:dau )?(?:nam )?((?:19|20)\d{2}))");
  static const std::regex nine(R"(9 thang (?:dau )?(?:nam )?((?:19|20)\d{2}))");
  static const std::regex quarter(R"(quy (iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*((?:19|20)\d{2}))");
  // "năm 2026", but not "5 năm 2026 - 2030" (the plan's period).
  static const std::regex year(R"(nam ((?:19|20)\d{2})(?!\s*-\s*\d))");
  std::smatch m;
  for (const auto& t : texts) {
    auto k = fold_key(t);
    if (std::regex_search(k, m, half)) return Period{std::stoi(m[1]), PeriodKind::H1};
    if (std::regex_search(k, m, nine)) return Period{std::stoi(m[1]), PeriodKind::M9};
    if (std::regex_search(k, m, quarter)) {
      std::string q = m[1];
      auto kind = q == "i" || q == "1" ? PeriodKind::Q1 : q == "ii" || q == "2" ? PeriodKind::Q2
                : q == "iii" || q == "3" ? PeriodKind::Q3 : PeriodKind::Q4;
      return Period{std::stoi(m[2]), kind};
    }
  }
  for (const auto& t : texts) {
    auto k = fold_key(t);
    if (std::regex_search(k, m, year)) return Period{std::stoi(m[1]), PeriodKind::Year};
  }
  return std::nullopt;
}

namespace {

// The Vietnamese name of a period; period_label pairs it with the English one.
std::string period_text(const Period& p) {
  switch (p.kind) {
    case PeriodKind::Year: return "năm " + std::to_string(p.year);
    case PeriodKind::H1: return "6 tháng đầu năm " + std::to_string(p.year);
    case PeriodKind::M9: return "9 tháng năm " + std::to_string(p.year);
    default: return "quý " + std::to_string(int(p.kind) - int(PeriodKind::Q1) + 1) + "/" + std::to_string(p.year);
  }
}
}  // namespace

Text period_label(const Period& p) {
  std::string en;
  switch (p.kind) {
    case PeriodKind::Year: en = "the year " + std::to_string(p.year); break;
    case PeriodKind::H1: en = "the first half of " + std::to_string(p.year); break;
    case PeriodKind::M9: en = "nine months of " + std::to_string(p.year); break;
    default: en = "Q" + std::to_string(int(p.kind) - int(PeriodKind::Q1) + 1) + " " + std::to_string(p.year);
  }
  return Text(period_text(p), en);
}

}  // namespace tonghop
