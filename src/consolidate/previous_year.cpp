#include "consolidate/previous_year.hpp"

#include "validate/driver.hpp"

namespace tonghop {

PreviousYearResult read_previous_year(const Plan& plan, const std::string& path, int year, const CheckContext& ctx,
                                      const ReadLimits& limits) {
  CheckOptions opt;
  opt.period = Period{year, PeriodKind::Year};
  opt.limits = limits;
  // Receipts and lateness mean nothing here; the unit is whoever made the workbook.
  auto report = check_submissions(plan, {path}, opt, ctx);
  PreviousYearResult out;
  out.previous.file = path;
  for (const auto& f : report.files) {
    out.readable &= f.readable;
    for (const auto& r : f.rows)
      if (r.kind == ItemKind::Indicator && r.item && r.counts && r.actual.kind == Value::Kind::Number)
        out.previous.values.emplace(*r.item, r.actual.number);
    for (const auto& i : f.issues)
      if (!f.readable || i.code == IssueCode::PeriodMismatch || i.code == IssueCode::NoTableFound ||
          i.code == IssueCode::MissingColumn)
        out.issues.push_back(i);
  }
  return out;
}

}  // namespace tonghop
