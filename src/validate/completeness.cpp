#include "validate/completeness.hpp"

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <map>
#include <set>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"

namespace tonghop {

namespace {

Text value_text(const Value& v) { return v.shown; }

// A readable file of a known unit for the period, not superseded by a newer one: the file
// that speaks for its unit.
bool counts_for_unit(const FileResult& f, const Period& period) {
  return f.readable && !f.unit.empty() && (!f.period || *f.period == period) && !f.superseded;
}

}  // namespace

void mark_superseded(CheckReport& report) {
  std::map<std::string, FileResult*> newest;
  for (auto& f : report.files) {
    if (!f.readable || f.unit.empty() || (f.period && !(*f.period == report.period))) continue;
    auto [it, inserted] = newest.emplace(f.unit, &f);
    if (inserted) continue;
    FileResult* older = &f;
    if (f.received.value_or(0) > it->second->received.value_or(0)) std::swap(older, it->second);
    older->superseded = true;
    for (auto& r : older->rows) r.counts = false;
    Location where;
    where.file = older->path;
    older->issues.push_back(make_issue(IssueCode::DuplicateSubmission, where,
                                       {{"unit", older->unit}, {"newer", it->second->path}}));
  }
}

void mark_late(CheckReport& report, double deadline) {
  for (auto& f : report.files) {
    // Every file received after the deadline is late, whatever way its unit was found (or
    // not found: then the file's name says who).
    if (!f.readable || !f.received || *f.received <= deadline) continue;
    f.late = true;
    std::string who = f.unit.empty() ? std::filesystem::path(f.path).filename().string() : f.unit;
    if ((counts_for_unit(f, report.period) || f.unit.empty()) &&
        std::find(report.late.begin(), report.late.end(), who) == report.late.end())
      report.late.push_back(who);
    Location where;
    where.file = f.path;
    f.issues.push_back(make_issue(IssueCode::LateSubmission, where,
                                   {{"unit", who},
                                    {"received", Text(serial_to_day_first(*f.received), serial_to_iso(*f.received).substr(0, 10))},
                                    {"deadline", Text(serial_to_day_first(deadline), serial_to_iso(deadline).substr(0, 10))}}));
  }
  std::sort(report.late.begin(), report.late.end());
}

void report_missing(CheckReport& report, const Plan& plan) {
  std::set<std::string> submitted;
  for (const auto& u : plan.units) report.expected.push_back(u.name);
  // The commune's own report (a consolidated workbook read back) covers every unit.
  auto whole_commune = [&](const FileResult& f) {
    return f.unit_source == UnitSource::Commune && !plan.commune.empty() && fold_key(f.unit) == fold_key(plan.commune);
  };
  for (const auto& f : report.files) {
    if (f.usable) submitted.insert(f.unit);
    if (f.usable && whole_commune(f))
      for (const auto& u : plan.units) submitted.insert(u.name);
  }
  for (const auto& u : plan.units) {
    if (!submitted.count(u.name)) {
      report.missing.push_back(u.name);
      report.issues.push_back(make_issue(IssueCode::MissingSubmission, {}, {{"unit", u.name}}));
      continue;
    }
    report.submitted.push_back(u.name);
    // Items the unit was assigned and reported in none of its files.
    FileResult* home = nullptr;
    std::set<ItemRef> reported;
    for (auto& f : report.files) {
      if (f.unit != u.name && !whole_commune(f)) continue;
      // The file that counts (not one superseded by a newer file) holds what is missing.
      if (!f.superseded && (!home || home->superseded)) home = &f;
      if (!home) home = &f;
      for (const auto& r : f.rows)
        if (r.item && r.counts) reported.insert(r.ref());
    }
    auto missing_item = [&](ItemRef item) {
      if (reported.count(item)) return;
      Location where;
      where.file = home->path;
      where.item = plan.code_of(item);
      bool indicator = item.kind == ItemKind::Indicator;
      home->issues.push_back(make_issue(IssueCode::MissingItem, where,
                                        {{"unit", u.name},
                                         {"kind", indicator ? Text("chỉ tiêu", "indicator") : Text("nhiệm vụ", "task")},
                                         {"name", plan.name_of(item)}}));
    };
    for (auto i : u.indicators) missing_item({ItemKind::Indicator, i});
    for (auto i : u.tasks) missing_item({ItemKind::Task, i});
  }
}

void report_conflicts(CheckReport& report, const Plan& plan) {
  std::map<std::size_t, std::pair<const FileResult*, const RowResult*>> first_value;
  for (auto& f : report.files)
    for (const auto& r : f.rows) {
      if (r.kind != ItemKind::Indicator || !r.item || !r.counts || r.actual.kind != Value::Kind::Number) continue;
      auto [it, inserted] = first_value.emplace(*r.item, std::pair{&f, &r});
      if (inserted || it->second.first->unit == f.unit) continue;
      if (std::fabs(it->second.second->actual.number - r.actual.number) < 1e-9) continue;
      f.issues.push_back(make_issue_at(IssueCode::ConflictingValues, f.path, r.sheet, r.row, std::nullopt,
                                       plan.indicators[*r.item].code,
                                    {{"name", plan.indicators[*r.item].name},
                                     {"unit", f.unit},
                                     {"value", value_text(r.actual)},
                                     {"other", it->second.first->unit},
                                     {"other_value", value_text(it->second.second->actual)}}));
    }
}

}  // namespace tonghop
