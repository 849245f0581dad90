// Biểu 01: every plan indicator with its targets, plan figure, last year's and this year's
// value, the ratio and the assessment as live formulas, the source cell and the note.
#include <cmath>

#include "core/cell.hpp"
#include "write/consolidated_sheets.hpp"
#include "write/formulas.hpp"

namespace tonghop {
namespace {

std::string assessment_text(const IndicatorLine& l) {
  if (l.source.file.empty()) return kNoData;
  switch (l.assessment) {
    case Assessment::Met: return kMet;
    case Assessment::Exceeded: return kExceeded;
    case Assessment::NotMet: return kNotMet;
    default: return kNotAssessable;
  }
}

// A yes/no result written the way the assessment formula compares it.
std::string actual_status(const IndicatorLine& line, const Indicator& ind) {
  if (line.source.file.empty()) return "";
  auto s = parse_status(line.actual_text);
  bool maintain = ind.yearly_target.kind == TargetKind::Maintain || ind.target_final.kind == TargetKind::Maintain;
  if (s == Status::Yes || s == Status::Done) return maintain ? "Duy trì" : "Đạt";
  if (s == Status::No || s == Status::NotStarted || s == Status::Behind) return maintain ? "Không duy trì" : "Không đạt";
  return line.actual_text;
}

std::string ref(lxw_row_t row, int col) { return col >= 0 ? cell_ref(row, std::uint32_t(col)) : ""; }

}  // namespace

IndicatorRows write_indicators(ConsolidatedBook& b) {
  const auto& t = b.layout.indicators;
  auto w = TableWriter::open(b, t);
  auto& ws = w.sheet();
  lxw_row_t row = w.first_row();
  int actual_c = t.column_of(Field::Actual), plan_c = t.column_of(Field::PlanValue), prev_c = t.column_of(Field::Previous);
  IndicatorRows rows;
  rows.first = row;
  std::size_t next_group = 0;
  for (std::size_t i = 0; i < b.year.indicators.size(); ++i) {
    const auto& line = b.year.indicators[i];
    const auto& ind = b.plan.indicators[line.index];
    if (next_group < b.year.groups.size() && b.year.groups[next_group].first == i) {
      const auto& group = b.year.groups[next_group++].name;
      if (!rows.groups.empty()) rows.groups.back().last = row - 1;
      if (!group.empty()) ws.merge(row, 0, row, lxw_col_t(t.columns.size() - 1), group, b.bold), ++row;
      rows.groups.push_back({row, row});
    }
    std::string a = ref(row, actual_c), p = ref(row, plan_c), pv = ref(row, prev_c);
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      const auto& col = t.columns[c];
      switch (col.id) {
        case Field::Code: w.text(row, c, ind.code); break;
        case Field::Name:
          w.text(row, c, ind.parent.empty() || ind.name.rfind("+", 0) == 0 ? ind.name : "+ " + ind.name);
          break;
        case Field::UnitOfMeasure: w.text(row, c, ind.unit_of_measure); break;
        case Field::TargetFinal: w.text(row, c, ind.target_final.raw); break;
        case Field::TargetYear: w.text(row, c, ind.yearly_target.raw); break;
        case Field::PlanValue:
          if (line.plan_value) ws.number(row, c, *line.plan_value, b.number_format(col));
          else w.text(row, c, "");
          break;
        case Field::Previous:
          if (line.previous) ws.number(row, c, *line.previous, b.number_format(col));
          else w.text(row, c, "");
          break;
        case Field::Actual:
          if (line.actual) ws.number(row, c, *line.actual, b.number_format(col));
          else w.text(row, c, actual_status(line, ind));
          break;
        case Field::Ratio:
          if (a.empty() || p.empty()) w.text(row, c, "");
          else if (line.actual && line.plan_value && *line.plan_value != 0)
            ws.formula(row, c, ratio_formula(a, p), b.number_format(col),
                       std::round(*line.actual / *line.plan_value * 1000) / 10);
          else
            ws.formula(row, c, ratio_formula(a, p), b.body, "");
          break;
        case Field::Assessment: {
          std::string value = assessment_text(line);
          if (a.empty() || (line.trend && pv.empty())) {
            w.text(row, c, value);
            break;
          }
          auto formula = assessment_formula(ind.judged_target(), line.trend, a, pv);
          // Unparsed targets cannot be judged by a formula: the text says so.
          if (formula.empty()) w.text(row, c, value == kNoData ? value : kNotAssessable);
          else ws.formula(row, c, formula, b.body, value);
          break;
        }
        case Field::Responsible: w.text(row, c, ind.responsible); break;
        case Field::Leader: w.text(row, c, ind.directing_leader); break;
        case Field::Source: w.text(row, c, line.source.text()); break;
        case Field::Note: w.text(row, c, line.note); break;
        default: break;
      }
    }
    w.fit_row(row);
    ++row;
  }
  rows.last = row - 1;
  if (!rows.groups.empty()) rows.groups.back().last = row - 1;
  return rows;
}

}  // namespace tonghop
