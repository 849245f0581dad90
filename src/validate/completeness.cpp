#include "validate/completeness.hpp"

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <set>

#include "core/date.hpp"
#include "core/text.hpp"
#include "core/platform.hpp"

namespace tonghop {

namespace {

constexpr std::uint32_t kTaskBit = 1u << 31;

std::uint32_t item_id(ItemRef r) { return std::uint32_t(r.index) | (r.kind == ItemKind::Task ? kTaskBit : 0); }

// A readable file of a known unit for the period, not superseded by a newer one: the file
// that speaks for its unit.
bool counts_for_unit(const FileSummary& f, const Period& period) {
  return f.readable && !f.unit.empty() && (!f.period || *f.period == period) && !f.superseded;
}

// One unit, several usable files for the period: the newest counts, the others are superseded.
void mark_superseded(std::vector<FileSummary>& files, const Period& period) {
  std::map<std::string, FileSummary*> newest;
  for (auto& f : files) {
    if (!f.readable || f.unit.empty() || (f.period && !(*f.period == period))) continue;
    auto [it, inserted] = newest.emplace(f.unit, &f);
    if (inserted) continue;
    FileSummary* older = &f;
    if (f.received.value_or(0) > it->second->received.value_or(0)) std::swap(older, it->second);
    older->superseded = true;
    older->newer = it->second->path;
  }
}

// Every file received after the deadline is late, whatever way its unit was found (or not
// found: then the file's name says who).
std::string late_who(const FileSummary& f) {
  return f.unit.empty() ? platform::file_name(f.path) : f.unit;
}

void mark_late(std::vector<FileSummary>& files, CheckReport& report, double deadline) {
  for (auto& f : files) {
    if (!f.readable || !f.received || *f.received <= deadline) continue;
    f.late = true;
    auto who = late_who(f);
    if ((counts_for_unit(f, report.period) || f.unit.empty()) &&
        std::find(report.late.begin(), report.late.end(), who) == report.late.end())
      report.late.push_back(who);
  }
  std::sort(report.late.begin(), report.late.end());
}

// Who was expected, who sent a usable file, what each left out.
void report_missing(std::vector<FileSummary>& files, CheckReport& report, const Plan& plan) {
  std::set<std::string> submitted;
  for (const auto& u : plan.units) report.expected.push_back(u.name);
  // The commune's own report (a consolidated workbook read back) covers every unit.
  const bool has_commune = !plan.commune.empty();
  const std::string commune = has_commune ? fold_key(plan.commune) : std::string();
  std::vector<bool> whole_commune(files.size());
  for (std::size_t k = 0; k < files.size(); ++k) {
    const auto& f = files[k];
    whole_commune[k] = f.unit_source == UnitSource::Commune && has_commune && fold_key(f.unit) == commune;
    if (f.usable) submitted.insert(f.unit);
    if (f.usable && whole_commune[k])
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
    FileSummary* home = nullptr;
    std::set<std::uint32_t> reported;
    for (std::size_t k = 0; k < files.size(); ++k) {
      auto& f = files[k];
      if (f.unit != u.name && !whole_commune[k]) continue;
      // The file that counts (not one superseded by a newer file) holds what is missing.
      if (!f.superseded && (!home || home->superseded)) home = &f;
      if (!home) home = &f;
      if (!f.superseded) reported.insert(f.reported.begin(), f.reported.end());  // a superseded file's rows do not count
    }
    auto missing_item = [&](ItemRef item) {
      if (reported.count(item_id(item))) return;
      Location where;
      where.file = home->path;
      where.item = plan.code_of(item);
      bool indicator = item.kind == ItemKind::Indicator;
      home->added.push_back(make_issue(IssueCode::MissingItem, where,
                                       {{"unit", u.name},
                                        {"kind", indicator ? Text("chỉ tiêu", "indicator") : Text("nhiệm vụ", "task")},
                                        {"name", plan.name_of(item)}}));
    };
    for (auto i : u.indicators) missing_item({ItemKind::Indicator, i});
    for (auto i : u.tasks) missing_item({ItemKind::Task, i});
  }
}

}  // namespace

void add_reported(std::vector<std::uint32_t>& reported, const RowResult& r) {
  if (r.item && r.counts) reported.push_back(item_id(r.ref()));
}

FileSummary summarise(const FileResult& f, std::vector<std::uint32_t> reported) {
  FileSummary s;
  s.path = f.path, s.unit = f.unit, s.unit_source = f.unit_source, s.period = f.period, s.received = f.received;
  s.readable = f.readable, s.usable = f.usable;
  s.reported = std::move(reported);
  std::sort(s.reported.begin(), s.reported.end());
  s.reported.erase(std::unique(s.reported.begin(), s.reported.end()), s.reported.end());
  s.reported.shrink_to_fit();
  return s;
}

FileSummary summarise(const FileResult& f) {
  std::vector<std::uint32_t> reported;
  for (const auto& r : f.rows) add_reported(reported, r);
  return summarise(f, std::move(reported));
}

void add_figure(std::vector<Figure>& figures, const RowResult& r) {
  if (r.kind != ItemKind::Indicator || !r.item || !r.counts || r.actual.kind != Value::Kind::Number) return;
  figures.push_back({*r.item, r.actual.number, r.actual.shown, r.sheet, r.row});
}

void complete_summaries(std::vector<FileSummary>& files, CheckReport& report, const Plan& plan, double deadline) {
  mark_superseded(files, report.period);
  mark_late(files, report, deadline);
  report_missing(files, report, plan);
}

void ConflictFinder::file(FileResult& f, const Plan& plan) {
  std::vector<Figure> figures;
  for (const auto& r : f.rows) add_figure(figures, r);
  file(f, figures, plan, f.issues);
}

void ConflictFinder::file(const FileResult& f, const std::vector<Figure>& figures, const Plan& plan,
                          std::vector<Issue>& found) {
  for (const auto& r : figures) {
    auto [it, inserted] = first_.emplace(r.item, First{f.unit, r.number, r.shown});
    if (inserted || it->second.unit == f.unit) continue;
    if (std::fabs(it->second.number - r.number) < 1e-9) continue;
    found.push_back(make_issue_at(IssueCode::ConflictingValues, f.path, r.sheet, r.row, std::nullopt,
                                  plan.indicators[r.item].code,
                                  {{"name", plan.indicators[r.item].name},
                                   {"unit", f.unit},
                                   {"value", r.shown},
                                   {"other", it->second.unit},
                                   {"other_value", it->second.shown}}));
  }
}

void apply_summary(FileResult& f, const std::vector<Figure>& figures, const FileSummary& s, double deadline,
                   const Plan& plan, ConflictFinder& conflicts, std::vector<Issue>& added) {
  if (s.superseded) {
    f.superseded = true;
    Location where;
    where.file = f.path;
    added.push_back(make_issue(IssueCode::DuplicateSubmission, where, {{"unit", f.unit}, {"newer", s.newer}}));
  }
  if (s.late) {
    f.late = true;
    Location where;
    where.file = f.path;
    added.push_back(make_issue(IssueCode::LateSubmission, where,
                               {{"unit", late_who(s)},
                                {"received", Text(serial_to_day_first(*f.received), serial_to_iso(*f.received).substr(0, 10))},
                                {"deadline", Text(serial_to_day_first(deadline), serial_to_iso(deadline).substr(0, 10))}}));
  }
  added.insert(added.end(), s.added.begin(), s.added.end());
  if (!f.superseded) conflicts.file(f, figures, plan, added);  // a superseded file's rows do not count
}

void apply_summary(FileResult& f, const FileSummary& s, double deadline, const Plan& plan, ConflictFinder& conflicts) {
  std::vector<Figure> figures;
  for (const auto& r : f.rows) add_figure(figures, r);
  std::vector<Issue> added;
  apply_summary(f, figures, s, deadline, plan, conflicts, added);
  if (f.superseded)
    for (auto& r : f.rows) r.counts = false;
  f.issues.insert(f.issues.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

void complete_report(CheckReport& report, const Plan& plan, double deadline) {
  std::vector<FileSummary> summaries;
  summaries.reserve(report.files.size());
  for (const auto& f : report.files) summaries.push_back(summarise(f));
  complete_summaries(summaries, report, plan, deadline);
  ConflictFinder conflicts;
  for (std::size_t k = 0; k < report.files.size(); ++k) apply_summary(report.files[k], summaries[k], deadline, plan, conflicts);
}

}  // namespace tonghop
