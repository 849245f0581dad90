#include "validate/check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/date.hpp"
#include "validate/completeness.hpp"
#include "validate/file_check.hpp"

namespace tonghop {

std::string_view to_string(UnitSource s) {
  switch (s) {
    case UnitSource::None: return "";
    case UnitSource::Option: return "option";
    case UnitSource::Header: return "header";
    case UnitSource::FileName: return "filename";
    case UnitSource::Commune: return "commune";
    case UnitSource::Form: return "form";
  }
  return "";
}

std::string_view to_string(ReceiptSource s) {
  switch (s) {
    case ReceiptSource::None: return "";
    case ReceiptSource::Option: return "option";
    case ReceiptSource::FileTime: return "file-time";
  }
  return "";
}

std::string_view to_string(FileStatus s) {
  switch (s) {
    case FileStatus::Ok: return "ok";
    case FileStatus::Warnings: return "warnings";
    case FileStatus::Errors: return "errors";
    case FileStatus::Unreadable: return "unreadable";
  }
  return "ok";
}

FileStatus FileResult::status() const {
  if (!readable) return FileStatus::Unreadable;
  bool warn = false;
  for (const auto& i : issues) {
    if (i.severity == Severity::Error) return FileStatus::Errors;
    warn |= i.severity == Severity::Warning;
  }
  return warn ? FileStatus::Warnings : FileStatus::Ok;
}

std::size_t CheckReport::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& f : files)
    for (const auto& i : f.issues) n += i.severity == s;
  for (const auto& i : issues) n += i.severity == s;
  return n;
}

PlanItems::PlanItems(const Plan& plan, const NameMatcher& m) : keys(plan) {
  std::vector<Candidate> ind, task;
  for (std::size_t i = 0; i < plan.indicators.size(); ++i)
    ind.push_back({i, plan.indicators[i].code, plan.indicators[i].name, {}});
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) task.push_back({i, plan.tasks[i].code, plan.tasks[i].name, {}});
  indicators = std::make_unique<ItemIndex>(m, std::move(ind));
  tasks = std::make_unique<ItemIndex>(m, std::move(task));
}

void FileCheck::issue(IssueCode code, const std::string& sheet, std::optional<std::uint32_t> row,
                      std::optional<std::uint32_t> col, const std::string& item, IssueParams params) {
  out.issues.push_back(make_issue_at(code, out.path, sheet, row, col, item, std::move(params)));
  flush(false);
}

void FileCheck::add_row(RowResult row) {
  if (row.item) owners.insert(plan.owner_of(row.ref()));
  out.rows.push_back(std::move(row));
  flush(false);
}

void FileCheck::flush(bool all) {
  constexpr std::size_t kBatch = 4096;
  if (!sink) return;
  if (!out.rows.empty() && (all || out.rows.size() >= kBatch)) sink->rows(out.rows);
  // (issues found outside FileCheck::issue, such as a form's, are handed over with the next)
  if (!out.issues.empty() && (all || out.issues.size() >= kBatch)) sink->issues(out.issues);
}

namespace {

// A workbook with one sheet per period ("Quý 1", "Quý 2", "6 tháng", "Năm 2026"): the sheet
// of the period asked for is the submission; the others are left out with one info.
void select_period_sheets(FileCheck& fc, const Workbook& book, std::vector<Table>& tables) {
  std::set<std::size_t> sheets;
  for (const auto& t : tables) sheets.insert(t.sheet);
  if (sheets.size() < 2) return;
  std::map<std::size_t, std::optional<Period>> of;
  std::size_t named = 0;
  for (auto s : sheets) {
    auto kind = period_kind_in_name(book.sheets[s].info.name);
    std::optional<Period> p;
    if (kind) {
      // The year the sheet's name or title gives, else the one asked for.
      std::vector<std::string> texts{book.sheets[s].info.name};
      for (const auto& t : tables)
        if (t.sheet == s) texts.insert(texts.end(), t.title.begin(), t.title.end());
      auto found = detect_period(texts);
      p = Period{found && found->kind == *kind ? found->year : fc.period.year, *kind};
      ++named;
    }
    of[s] = p;
  }
  if (named < 2) return;
  bool asked = std::any_of(of.begin(), of.end(), [&](const auto& e) { return e.second && *e.second == fc.period; });
  if (!asked) return;  // no sheet of the period asked for: the period check says so
  std::string skipped;
  for (const auto& [s, p] : of)
    if (!p || !(*p == fc.period)) skipped += (skipped.empty() ? "'" : ", '") + book.sheets[s].info.name + "'";
  tables.erase(std::remove_if(tables.begin(), tables.end(),
                              [&](const Table& t) { return !of[t.sheet] || !(*of[t.sheet] == fc.period); }),
               tables.end());
  fc.issue(IssueCode::SkippedSheet, "", std::nullopt, std::nullopt, "",
           {{"sheets", skipped}, {"period", period_label(fc.period)}});
}

}  // namespace

FileResult check_workbook(const Workbook& book, const SubmissionMeta& meta, const Plan& plan, const PlanItems& items,
                          const Period& period, const CheckContext& ctx, ResultSink* sink) {
  FileResult out;
  out.path = meta.path;
  out.received = meta.received;
  out.received_source = meta.received_source;
  FileCheck fc{plan, items, ctx, period, out, false, {}, meta.form ? &*meta.form : nullptr};
  fc.sink = sink;
  std::vector<Issue> notes;
  auto tables = recognise_tables(book, ctx.roles, &notes);
  for (auto& n : notes) {
    n.where.file = out.path;
    out.issues.push_back(std::move(n));
  }
  select_period_sheets(fc, book, tables);
  for (const auto& t : tables)
    for (auto i : t.issues) {
      i.where.file = out.path;
      out.issues.push_back(std::move(i));
    }
  std::vector<const Table*> reports;
  for (const auto& t : tables)
    if (t.has(Role::Name)) reports.push_back(&t);
  identify(fc, book, tables, meta);
  if (reports.empty()) {
    fc.issue(IssueCode::NoTableFound, "", std::nullopt, std::nullopt, "",
             {{"what", Text("báo cáo chỉ tiêu hoặc nhiệm vụ", "indicator or task report")}});
    fc.flush(true);
    return out;
  }
  bool counts = true;
  if (out.period && !(*out.period == period)) {
    fc.issue(IssueCode::PeriodMismatch, "", std::nullopt, std::nullopt, "",
             {{"found", period_label(*out.period)}, {"asked", period_label(period)}});
    counts = false;
  }
  for (const auto* t : reports) check_table(fc, book, *t, counts);
  if (fc.whole_commune) confirm_whole_commune(fc);
  out.usable = !out.unit.empty() && counts;
  fc.flush(true);
  return out;
}

double default_deadline(int year) { return *iso_to_serial(std::to_string(year) + "-12-03T23:59:59"); }

}  // namespace tonghop
