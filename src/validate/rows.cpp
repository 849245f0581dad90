#include <cmath>

#include "core/json_writer.hpp"
#include "core/number_text.hpp"
#include "core/text.hpp"
#include "validate/file_check.hpp"

namespace tonghop {

namespace {

// Of several columns of one role (two years side by side), the one whose label names the
// year being consolidated; `undecided` tells that several exist and none names it.
std::optional<std::uint32_t> pick_column(const Table& t, Role role, int year, const Column** undecided = nullptr) {
  std::optional<std::uint32_t> first;
  const Column* second = nullptr;
  for (const auto& c : t.columns) {
    if (c.role != role) continue;
    if (fold_key(c.label).find(std::to_string(year)) != std::string::npos) return c.col;
    if (!first) first = c.col;
    else if (!second) second = &c;
  }
  if (undecided) *undecided = second;
  return first;
}

void check_value(FileCheck& fc, RowResult& row, bool is_task, std::size_t index, const std::string& sheet, std::uint32_t r,
                 std::uint32_t col, const std::string& code, const std::string& name) {
  const Value& a = row.actual;
  switch (a.kind) {
    case Value::Kind::Empty:
      fc.issue(IssueCode::MissingValue, sheet, r, col, code, {{"name", name}});
      return;
    case Value::Kind::FormulaWithoutValue:
      // The unit wrote a formula: not a missing figure. Its sheet's formula-without-value
      // (load_submission) names the cells; the row stays not assessable.
      return;
    case Value::Kind::Text:
      fc.issue(IssueCode::TypeError, sheet, r, col, code,
            {{"value", a.raw}, {"expected", is_task ? Text("một trạng thái tiến độ", "a task status")
                                                    : Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
      return;
    default: break;
  }
  if (is_task) return;
  const auto& ind = fc.plan.indicators[index];
  if (a.kind == Value::Kind::Status && a.status != Status::Yes && a.status != Status::No) {
    fc.issue(IssueCode::TypeError, sheet, r, col, code,
          {{"value", a.raw}, {"expected", Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
    return;
  }
  if (a.kind == Value::Kind::Number) {
    if (a.ambiguous)
      fc.issue(IssueCode::AmbiguousNumber, sheet, r, col, code,
            {{"value", a.raw}, {"a", number_text(a.number)}, {"b", number_text(a.number / 1000)}});
    bool rate = fold_key(ind.unit_of_measure) == "%" && fold_key(ind.name).rfind("ty le", 0) == 0;
    if ((rate && (a.number < 0 || a.number > 100)) || (!rate && ind.unit_of_measure != "%" && a.number < 0))
      fc.issue(IssueCode::OutOfRange, sheet, r, col, code,
            {{"value", a.shown}, {"range", rate ? Text("0 - 100") : Text("≥ 0")}});
  }
  const Target& target = ind.judged_target();
  // Trends wait for last year's value (consolidate --previous).
  row.assessment = needs_previous(target, ind.unit_of_measure) ? Assessment::Unknown : assess(target, a);
  if (row.assessment == Assessment::NotMet)
    fc.issue(IssueCode::TargetNotMet, sheet, r, col, code,
          {{"name", ind.name}, {"value", a.shown}, {"target", target.raw}});
}

void check_plan_value(FileCheck& fc, RowResult& row, const Indicator& ind, const SheetView& v, const std::string& sheet,
                      std::uint32_t r, std::uint32_t col, const std::string& code) {
  auto written = v.text(r, col);
  if (written.empty()) return;
  auto pv = read_value(v.cell(r, col));
  if (pv.kind == Value::Kind::Number) row.plan_value = pv.number;
  const Target& t = ind.judged_target();
  if (t.kind == TargetKind::Empty || t.kind == TargetKind::Unparsed) return;
  if (fold_key(written) == fold_key(t.raw)) return;
  auto wt = parse_target(written);
  bool same = wt.kind == t.kind && wt.low == t.low && wt.high == t.high;
  // A single figure inside the plan's range or bound is the yearly share of it: fine.
  if (!same && pv.kind == Value::Kind::Number && t.low && (!t.high || pv.number <= *t.high + 1e-9) &&
      pv.number + 1e-9 >= *t.low)
    same = true;
  if (!same) fc.issue(IssueCode::PlanValueMismatch, sheet, r, col, code, {{"written", written}, {"plan", t.raw}});
}

}  // namespace

void check_table(FileCheck& fc, const Workbook& book, const Table& t, bool counts) {
  SheetView v(book.sheets[t.sheet]);
  const std::string& sheet = book.sheets[t.sheet].info.name;
  int year = fc.period.year;
  const Column* undecided = nullptr;
  auto actual_col = pick_column(t, Role::Actual, year, &undecided);
  if (undecided)
    fc.issue(IssueCode::DuplicateLabel, sheet, t.header_last, undecided->col, "",
          {{"label", undecided->label}, {"year", std::to_string(year)}});
  auto status_col = pick_column(t, Role::Status, year);
  auto plan_col = pick_column(t, Role::PlanValue, year);
  auto ratio_col = pick_column(t, Role::Ratio, year);
  auto unit_col = t.column(Role::UnitOfMeasure);
  auto name_col = t.column(Role::Name);
  auto note_col = t.column(Role::Note);
  auto output_col = t.column(Role::Output);
  auto key_col = fc.form ? key_column(book.sheets[t.sheet], t.header_first, t.header_last) : std::nullopt;
  if (!actual_col && !status_col) {
    fc.issue(IssueCode::MissingColumn, sheet, t.header_first, name_col, "",
          {{"what", Text("\"Thực hiện\" hay \"Tiến độ\"", "\"Thực hiện\" (actual) or \"Tiến độ\" (status)")}});
    return;
  }

  for (const auto& r : t.rows) {
    if (r.kind == RowKind::Group) continue;
    RowResult row;
    row.sheet = sheet;
    row.row = r.row;
    row.counts = counts;
    row.written = name_col ? v.text(r.row, *name_col) : std::string();
    if (row.written.empty()) continue;
    row.col = *name_col;
    auto prepared = fc.ctx.matcher.prepare(row.written);
    auto mi = fc.items.indicators->match(r.code, prepared);
    auto mt = fc.items.tasks->match(r.code, prepared);
    bool is_task = mt.score > mi.score;
    MatchResult m = is_task ? mt : mi;
    // A form's row carries its item's key: the label may have been edited.
    if (auto keyed = key_col ? fc.items.keys.find(v.text(r.row, *key_col)) : std::nullopt) {
      is_task = keyed->task;
      m = MatchResult{MatchResult::Kind::Matched, keyed->index, keyed->index, 1.0, 0.0, false};
    }
    row.kind = is_task ? ItemKind::Task : ItemKind::Indicator;
    row.score = std::round(m.score * 100) / 100;
    row.closest = m.index;
    row.runner_up = m.runner_up;
    row.runner_up_score = std::round(m.runner_up_score * 100) / 100;
    row.by_code = m.by_code;
    const std::string& code = r.code;
    if (m.kind == MatchResult::Kind::Unknown) {
      fc.issue(IssueCode::UnknownItem, sheet, r.row, name_col, code,
            {{"name", row.written}, {"score", number_text(row.score)}});
      row.counts = false;
      fc.out.rows.push_back(row);
      continue;
    }
    const ItemRef ref{row.kind, m.index};
    const std::string& item_name = fc.plan.name_of(ref);
    const std::string& item_code = fc.plan.code_of(ref);
    if (m.kind == MatchResult::Kind::Ambiguous) {
      const std::string& other = fc.plan.name_of({row.kind, m.runner_up});
      fc.issue(IssueCode::AmbiguousMatch, sheet, r.row, name_col, code,
            {{"name", row.written}, {"first", item_name}, {"second", other}});
      row.counts = false;
      fc.out.rows.push_back(row);
      continue;
    }
    row.item = m.index;
    if (auto it = fc.seen.find(ref); it != fc.seen.end()) {
      fc.issue(IssueCode::DuplicateRow, sheet, r.row, name_col, item_code,
            {{"name", item_name}, {"first", std::to_string(it->second + 1)}});
      row.counts = false;
    } else {
      fc.seen[ref] = r.row;
    }
    // Who it belongs to.
    const std::string& owner = fc.plan.owner_of(ref);
    if (!fc.out.unit.empty() && !owner.empty() && owner != fc.out.unit && !fc.whole_commune)
      fc.issue(IssueCode::UnassignedItem, sheet, r.row, name_col, item_code,
            {{"name", item_name}, {"owner", owner}, {"unit", fc.out.unit}});
    // The value: the actual column, or the status column for tasks.
    auto value_col = is_task && status_col ? status_col : actual_col ? actual_col : status_col;
    row.actual = read_value(v.cell(r.row, *value_col));
    row.col = *value_col;
    if (note_col) row.note = v.text(r.row, *note_col);
    if (is_task) {
      // What was done: the result column, or the "Thực hiện" text beside a status column.
      if (output_col) row.result = v.text(r.row, *output_col);
      else if (actual_col && actual_col != value_col) row.result = v.text(r.row, *actual_col);
    }
    check_value(fc, row, is_task, m.index, sheet, r.row, *value_col, item_code, item_name);
    if (!is_task) {
      const auto& ind = fc.plan.indicators[m.index];
      if (unit_col) {
        auto written = v.text(r.row, *unit_col);
        if (!written.empty() && !ind.unit_of_measure.empty() && fold_key(written) != fold_key(ind.unit_of_measure))
          fc.issue(IssueCode::UnitMismatch, sheet, r.row, unit_col, item_code, {{"written", written}, {"plan", ind.unit_of_measure}});
      }
      if (plan_col) check_plan_value(fc, row, ind, v, sheet, r.row, *plan_col, item_code);
      if (ratio_col && row.plan_value && row.actual.kind == Value::Kind::Number && *row.plan_value != 0) {
        auto ratio = read_value(v.cell(r.row, *ratio_col));
        double computed = row.actual.number / *row.plan_value * 100;
        if (ratio.kind == Value::Kind::Number && std::fabs(ratio.number - computed) > 0.5 &&
            std::fabs(ratio.number * 100 - computed) > 0.5)
          fc.issue(IssueCode::InconsistentRatio, sheet, r.row, ratio_col, item_code,
                {{"written", ratio.shown}, {"computed", number_text(std::round(computed * 10) / 10)}});
      }
    }
    fc.out.rows.push_back(row);
  }
}

}  // namespace tonghop
