#include "validate/period.hpp"

#include <algorithm>
#include <cstdlib>

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

namespace {

std::vector<std::string> words_of(const std::string& k) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < k.size()) {
    while (i < k.size() && k[i] == ' ') ++i;
    auto j = k.find(' ', i);
    if (j == std::string::npos) j = k.size();
    if (j > i) out.push_back(k.substr(i, j - i));
    i = j;
  }
  return out;
}

// "2026", "2026," -> 2026; 0 for anything else.
int year_of(std::string_view w) {
  while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == ')' || w.back() == ':')) w.remove_suffix(1);
  if (w.size() != 4 || !(w.substr(0, 2) == "19" || w.substr(0, 2) == "20")) return 0;
  for (char c : w)
    if (c < '0' || c > '9') return 0;
  return std::atoi(std::string(w).c_str());
}

int quarter_of(std::string_view w) {
  if (w == "i" || w == "1") return 1;
  if (w == "ii" || w == "2") return 2;
  if (w == "iii" || w == "3") return 3;
  if (w == "iv" || w == "4") return 4;
  return 0;
}

// "ngày 05 tháng 01 năm 2027": when a report was signed, never what it covers.
bool signing_date(const std::vector<std::string>& w) {
  for (std::size_t i = 0; i + 4 < w.size(); ++i)
    if (w[i] == "ngay" && w[i + 2] == "thang" && w[i + 4] == "nam") return true;
  for (std::size_t i = 0; i + 1 < w.size(); ++i)
    if (w[i] == "ngay" && std::count(w[i + 1].begin(), w[i + 1].end(), '/') == 2) return true;
  return false;
}

// The first period a line names, and its year: the year written with it ("quý III/2026"),
// else the first year after it ("6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2026").
// A plan's period ("năm 2026-2030", "2026 - 2030") is no reporting year.
std::optional<Period> first_period(const std::string& line) {
  auto w = words_of(fold_key(line));
  if (signing_date(w)) return std::nullopt;
  auto plan_period = [&](std::size_t i) {
    return w[i].find('-') != std::string::npos || (i + 1 < w.size() && w[i + 1].rfind('-', 0) == 0);
  };
  auto year_after = [&](std::size_t from) -> int {
    for (std::size_t i = from; i < w.size(); ++i)
      if (int y = year_of(w[i]); y && !plan_period(i)) return y;
    return 0;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::optional<PeriodKind> kind;
    int year = 0;
    std::size_t next = i + 1;
    if ((w[i] == "6" || w[i] == "06" || w[i] == "9" || w[i] == "09") && i + 1 < w.size() && w[i + 1] == "thang") {
      if (i + 2 < w.size() && w[i + 2] == "cuoi") continue;  // the second half: the plans, not the results
      kind = w[i].back() == '6' ? PeriodKind::H1 : PeriodKind::M9;
      next = i + 2;
    } else if (w[i] == "quy" && i + 1 < w.size()) {
      auto q = w[i + 1];
      auto slash = q.find('/');
      if (slash != std::string::npos) year = year_of(q.substr(slash + 1)), q = q.substr(0, slash);
      if (int n = quarter_of(q)) kind = PeriodKind(int(PeriodKind::Q1) + n - 1);
      next = i + 2;
    } else if ((w[i] == "nam" || w[i] == "ca") && i + 1 < w.size() && year_of(w[i + 1]) && !plan_period(i + 1)) {
      kind = PeriodKind::Year;
      year = year_of(w[i + 1]);
    } else if (w[i].rfind("nam", 0) == 0 && w[i].size() > 3 && year_of(w[i].substr(3)) && !plan_period(i)) {
      kind = PeriodKind::Year;  // "năm2026" typed without the space
      year = year_of(w[i].substr(3));
    }
    if (!kind) continue;
    if (!year) year = year_after(next);
    if (!year) continue;
    return Period{year, *kind};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Period> detect_period(const std::vector<std::string>& texts) {
  // A part of the year named anywhere (the title, a column "Thực hiện 6 tháng ... 2026")
  // before a whole year named in another line.
  std::optional<Period> year;
  for (const auto& t : texts) {
    auto p = first_period(t);
    if (!p) continue;
    if (p->kind != PeriodKind::Year) return p;
    if (!year) year = p;
  }
  return year;
}

std::optional<PeriodKind> period_kind_in_name(std::string_view name) {
  auto w = words_of(fold_key(name));
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((w[i] == "6" || w[i] == "06") && i + 1 < w.size() && w[i + 1] == "thang") return PeriodKind::H1;
    if ((w[i] == "9" || w[i] == "09") && i + 1 < w.size() && w[i + 1] == "thang") return PeriodKind::M9;
    if (w[i] == "quy" && i + 1 < w.size()) {
      auto q = w[i + 1].substr(0, w[i + 1].find('/'));
      if (int n = quarter_of(q)) return PeriodKind(int(PeriodKind::Q1) + n - 1);
    }
    if (w[i].size() == 2 && w[i][0] == 'q' && quarter_of(w[i].substr(1)))
      return PeriodKind(int(PeriodKind::Q1) + quarter_of(w[i].substr(1)) - 1);
    if (w[i] == "6t" || w[i] == "6th") return PeriodKind::H1;
    if (w[i] == "9t" || w[i] == "9th") return PeriodKind::M9;
    if ((w[i] == "nam" || w[i] == "ca") && (i + 1 == w.size() || year_of(w[i + 1]))) return PeriodKind::Year;
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
