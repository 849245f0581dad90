#include <algorithm>
#include <cmath>

#include "core/json_writer.hpp"
#include "core/number_text.hpp"
#include "core/text.hpp"
#include "validate/file_check.hpp"
#include "validate/row_match.hpp"

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

// Whether a figure is of the order the indicator's target and unit allow: a percentage
// above 1 000 never is; otherwise within a factor of 20 of the target's figures.
bool fits(double x, const Target& t, bool percent_unit) {
  if (percent_unit && std::fabs(x) > 1000) return false;
  double scale = std::max(std::fabs(t.low.value_or(0)), std::fabs(t.high.value_or(0)));
  if (scale == 0) return true;
  return std::fabs(x) >= scale / 20 && std::fabs(x) <= scale * 20;
}

// A rate typed as a fraction (0.978 for 97,8 %) in a cell not formatted as a percentage:
// the target is a percentage of at least 5 and the figure at most 1.5, while the figure
// times 100 is of the target's order.
bool probable_fraction(const Value& a, const Target& t, bool percent_unit) {
  if (!percent_unit || a.raw.find('%') != std::string::npos) return false;
  double target = t.low ? *t.low : t.high ? *t.high : 0;
  if (target < 5 || a.number <= 0 || a.number > 1.5) return false;
  switch (t.kind) {
    case TargetKind::AtLeast: case TargetKind::MoreThan: case TargetKind::Exact: case TargetKind::Range:
    case TargetKind::About: case TargetKind::Level: return fits(a.number * 100, t, percent_unit);
    default: return false;
  }
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
      if (is_task) {  // a phrase that is no status staff write: a warning, never dropped
        fc.issue(IssueCode::UnknownStatus, sheet, r, col, code, {{"value", a.raw}});
        return;
      }
      fc.issue(IssueCode::TypeError, sheet, r, col, code,
            {{"value", a.raw}, {"expected", is_task ? Text("một trạng thái tiến độ", "a task status")
                                                    : Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
      return;
    default: break;
  }
  if (is_task) return;
  const auto& ind = fc.plan.indicators[index];
  const auto& keys = fc.keys_of(index);
  if (a.kind == Value::Kind::Status && a.status != Status::Yes && a.status != Status::No) {
    fc.issue(IssueCode::TypeError, sheet, r, col, code,
          {{"value", a.raw}, {"expected", Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
    return;
  }
  const Target& target = ind.judged_target();
  if (a.kind == Value::Kind::Number && a.ambiguous) {
    // "14.500": 14 500 or 14,5. The reading that fits the indicator's unit and target is
    // taken; with none or both fitting, the Vietnamese reading, and no verdict when none fits.
    double other = a.raw.find(',') != std::string::npos ? a.number * 1000 : a.number / 1000;
    bool fits_first = fits(a.number, target, keys.percent), fits_other = fits(other, target, keys.percent);
    if (fits_other && !fits_first) std::swap(row.actual.number, other);
    fc.issue(IssueCode::AmbiguousNumber, sheet, r, col, code,
             {{"value", a.raw}, {"a", number_text(a.number)}, {"b", number_text(other)}});
    if (!fits_first && !fits_other) return;  // not assessable
  }
  if (a.kind == Value::Kind::Number && probable_fraction(a, target, keys.percent)) {
    // 0.978 typed for a rate whose target is 97,5 %: a fraction, not a failure.
    fc.issue(IssueCode::ProbableFraction, sheet, r, col, code,
             {{"value", a.raw}, {"percent", number_text(a.number * 100)}});
    return;
  }
  if (a.kind == Value::Kind::Number) {
    bool rate = keys.rate;
    if ((rate && (a.number < 0 || a.number > 100)) || (!rate && ind.unit_of_measure != "%" && a.number < 0))
      fc.issue(IssueCode::OutOfRange, sheet, r, col, code,
            {{"value", a.shown}, {"range", rate ? Text("0 - 100") : Text("≥ 0")}});
  }
  // Trends wait for last year's value (consolidate --previous).
  row.assessment = needs_previous(target, ind.unit_of_measure) ? Assessment::Unknown : assess(target, a);
  if (row.assessment == Assessment::NotMet)
    fc.issue(IssueCode::TargetNotMet, sheet, r, col, code,
          {{"name", ind.name}, {"value", a.shown}, {"target", target.raw}});
}

void check_plan_value(FileCheck& fc, RowResult& row, std::size_t index, const SheetView& v, const std::string& sheet,
                      std::uint32_t r, std::uint32_t col, const std::string& code) {
  auto written = v.text(r, col);
  if (written.empty()) return;
  auto pv = read_value(v.cell(r, col));
  if (pv.kind == Value::Kind::Number) row.plan_value = pv.number;
  const Target& t = fc.plan.indicators[index].judged_target();
  if (t.kind == TargetKind::Empty || t.kind == TargetKind::Unparsed) return;
  if (fold_key(written) == fc.keys_of(index).target) return;
  auto wt = parse_target(written);
  bool same = wt.kind == t.kind && wt.low == t.low && wt.high == t.high;
  // A single figure inside the plan's range or bound is the yearly share of it: fine.
  if (!same && pv.kind == Value::Kind::Number && t.low && (!t.high || pv.number <= *t.high + 1e-9) &&
      pv.number + 1e-9 >= *t.low)
    same = true;
  if (!same) fc.issue(IssueCode::PlanValueMismatch, sheet, r, col, code, {{"written", written}, {"plan", t.raw}});
}

}  // namespace

const FileCheck::IndicatorKeys& FileCheck::keys_of(std::size_t indicator) {
  if (indicator_keys.size() <= indicator) indicator_keys.resize(plan.indicators.size());
  auto& k = indicator_keys[indicator];
  if (!k) {
    const auto& ind = plan.indicators[indicator];
    k = IndicatorKeys{fold_key(ind.unit_of_measure), fold_key(ind.judged_target().raw), false, false};
    k->percent = k->unit == "%";
    k->rate = k->percent && fold_key(ind.name).rfind("ty le", 0) == 0;
  }
  return *k;
}

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

  // The table's rows matched together: they compete for items (row_match.hpp).
  std::vector<RowText> texts;
  std::vector<std::size_t> at;  // position in texts -> index in t.rows
  std::vector<int> pos_of(t.rows.size(), -1);
  texts.reserve(t.rows.size()), at.reserve(t.rows.size());  // at most one per row: no doubling
  SharedTexts names(std::size_t(1) << 16);  // a long table writes its names again and again
  for (std::size_t k = 0; k < t.rows.size() && name_col; ++k) {
    const auto& r = t.rows[k];
    if (r.kind == RowKind::Group) continue;
    auto written = v.text(r.row, *name_col);
    if (written.empty()) continue;
    bool has_value = false;
    for (auto c : {actual_col, status_col})
      if (c) {
        auto k = read_value(v.cell(r.row, *c)).kind;
        has_value = has_value || k == Value::Kind::Number || k == Value::Kind::Status;
      }
    int parent = r.parent >= 0 && std::size_t(r.parent) < pos_of.size() ? pos_of[std::size_t(r.parent)] : -1;
    pos_of[k] = int(texts.size());
    at.push_back(k);
    texts.push_back({r.code, names(written), parent, has_value});
  }
  auto matches = match_rows(fc.plan, fc.items, fc.ctx.matcher, texts, fc.out.unit, &fc.ctx.aliases);
  const SharedText sheet_name(sheet);  // one copy for the table's rows
  // One result per row at most: reserved at once, rather than doubling (and copying) the
  // results of a long table as they come (with a sink they leave a batch at a time).
  if (!fc.sink) fc.out.rows.reserve(fc.out.rows.size() + texts.size());
  // Headings, totals, prose and signatures: one info per block of them.
  std::size_t block_first = 0, block_count = 0;
  auto end_block = [&] {
    if (block_count == 0) return;
    fc.issue(IssueCode::SkippedRows, sheet, t.rows[at[block_first]].row, name_col, "",
             {{"count", std::to_string(block_count)}, {"first", utf8_prefix(texts[block_first].written, 80)}});
    block_count = 0;
  };

  for (std::size_t p = 0; p < texts.size(); ++p) {
    const auto& r = t.rows[at[p]];
    auto m = std::move(matches[p]);
    if (m.kind == RowMatch::Kind::NotAnItem && !(key_col && fc.items.keys.find(v.text(r.row, *key_col)))) {
      if (block_count++ == 0) block_first = p;
      continue;
    }
    end_block();
    RowResult row;
    row.sheet = sheet_name;
    row.row = r.row;
    row.counts = counts;
    row.written = texts[p].written.str();
    row.col = *name_col;
    // A form's row carries its item's key: the label may have been edited.
    // (tonghop's own key column is hidden on purpose: read it as it is.)
    if (auto keyed = key_col ? fc.items.keys.find(SheetView(book.sheets[t.sheet], true).text(r.row, *key_col))
                             : std::nullopt) {
      m.kind = RowMatch::Kind::Matched;
      m.item = ItemRef{keyed->task ? ItemKind::Task : ItemKind::Indicator, keyed->index};
      m.other = m.item;
      m.score = 1.0;
      m.other_score = 0;
      m.by_code = false;
      m.evidence = "form key";
    }
    bool is_task = m.item.kind == ItemKind::Task;
    row.kind = m.item.kind;
    row.score = std::round(m.score * 100) / 100;
    row.closest = m.item.index;
    row.runner_up = m.other.index;
    row.runner_up_score = std::round(m.other_score * 100) / 100;
    row.by_code = m.by_code;
    row.evidence = std::move(m.evidence);
    row.reading = std::move(m.reading);
    const std::string& code = r.code;
    if (m.kind == RowMatch::Kind::Unknown) {
      fc.issue(IssueCode::UnknownItem, sheet, r.row, name_col, code,
            {{"name", row.written}, {"score", number_text(row.score)}});
      row.counts = false;
      fc.add_row(std::move(row));
      continue;
    }
    const ItemRef ref = m.item;
    const std::string& item_name = fc.plan.name_of(ref);
    const std::string& item_code = fc.plan.code_of(ref);
    if (m.kind == RowMatch::Kind::Ambiguous) {
      const std::string& other = fc.plan.name_of(m.other);
      fc.issue(IssueCode::AmbiguousMatch, sheet, r.row, name_col, code,
            {{"name", row.written}, {"first", item_name}, {"second", other}});
      row.counts = false;
      fc.add_row(std::move(row));
      continue;
    }
    row.item = ref.index;
    if (m.kind == RowMatch::Kind::Duplicate) {
      fc.issue(IssueCode::DuplicateRow, sheet, r.row, name_col, item_code,
            {{"name", item_name}, {"first", std::to_string(t.rows[at[m.first]].row + 1)}});
      row.counts = false;
      fc.add_row(std::move(row));
      continue;  // not counted, so not checked further
    } else if (auto it = fc.seen.find(ref); it != fc.seen.end()) {
      fc.issue(IssueCode::DuplicateRow, sheet, r.row, name_col, item_code,
            {{"name", item_name}, {"first", std::to_string(it->second + 1)}});
      row.counts = false;
      fc.add_row(std::move(row));
      continue;  // not counted, so not checked further
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
    // What the status phrase says beyond the status (a reason, an expected finish) is a note.
    if (!row.actual.detail.empty() && row.note.str().find(row.actual.detail.str()) == std::string::npos)
      row.note = row.note.empty() ? row.actual.detail : SharedText(row.actual.detail.str() + "; " + row.note.str());
    if (is_task) {
      // What was done: the result column, or the "Thực hiện" text beside a status column.
      if (output_col) row.result = v.text(r.row, *output_col);
      else if (actual_col && actual_col != value_col) row.result = v.text(r.row, *actual_col);
    }
    check_value(fc, row, is_task, ref.index, sheet, r.row, *value_col, item_code, item_name);
    if (!is_task) {
      const auto& ind = fc.plan.indicators[ref.index];
      if (unit_col) {
        auto written = v.text(r.row, *unit_col);
        if (!written.empty() && !ind.unit_of_measure.empty() && fold_key(written) != fc.keys_of(ref.index).unit)
          fc.issue(IssueCode::UnitMismatch, sheet, r.row, unit_col, item_code, {{"written", written}, {"plan", ind.unit_of_measure}});
      }
      if (plan_col) check_plan_value(fc, row, ref.index, v, sheet, r.row, *plan_col, item_code);
      if (ratio_col && row.plan_value && row.actual.kind == Value::Kind::Number && *row.plan_value != 0) {
        auto ratio = read_value(v.cell(r.row, *ratio_col));
        double computed = row.actual.number / *row.plan_value * 100;
        if (ratio.kind == Value::Kind::Number && std::fabs(ratio.number - computed) > 0.5 &&
            std::fabs(ratio.number * 100 - computed) > 0.5)
          fc.issue(IssueCode::InconsistentRatio, sheet, r.row, ratio_col, item_code,
                {{"written", ratio.shown}, {"computed", number_text(std::round(computed * 10) / 10)}});
      }
    }
    fc.add_row(std::move(row));
  }
  end_block();
}

}  // namespace tonghop
