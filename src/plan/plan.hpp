// A commune's plan as tonghop understands it from the annex tables: indicators with their
// targets and responsible units, tasks with lead and coordinating agencies and timeframes,
// and the units expected to report.
//
//   auto result = build_plan(load_workbook("ke-hoach.xlsx"), LabelRoles::load_default(),
//                            UnitRegistry::load_default());
//   result.plan.indicators.size(); result.issues;   // the plan's own defects
#pragma once

#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "plan/target.hpp"
#include "plan/timeframe.hpp"
#include "plan/units.hpp"
#include "recognise/table.hpp"

namespace tonghop {

struct Indicator {
  std::string code;    // "" for a sub-indicator without its own number
  std::string name;
  std::string group;   // "I. NHÓM CHỈ TIÊU VỀ KINH TẾ"
  std::string parent;  // code of the indicator a sub-indicator belongs to
  std::string unit_of_measure;  // as written ("%", "Chuẩn")
  Target yearly_target;         // "bình quân năm / hằng năm"
  Target target_final;          // by the end of the period ("đến năm 2030")
  std::string responsible;      // canonical unit name, "" if none
  std::string directing_leader;
  std::string sheet;
  std::uint32_t row = 0;  // 0-based
  // The target a year is judged by: the yearly one, else the end-of-period one.
  const Target& judged_target() const {
    return yearly_target.kind != TargetKind::Empty ? yearly_target : target_final;
  }
};

struct Task {
  std::string code;
  std::string section;
  std::string name;
  std::string lead_agency;  // canonical
  std::vector<std::string> coordinating;  // canonical, or as written for generic mentions
  Timeframe timeframe;
  std::string output;
  std::string resources;
  std::string directing_leader;
  std::string sheet;
  std::uint32_t row = 0;
};

// Which plan item: an indicator or a task, by its index in the plan's list.
enum class ItemKind { Indicator, Task };
std::string_view to_string(ItemKind k);  // "indicator" | "task"

struct ItemRef {
  ItemKind kind = ItemKind::Indicator;
  std::size_t index = 0;
  auto operator<=>(const ItemRef&) const = default;
};

struct ReportingUnit {
  std::string name;
  std::vector<std::size_t> indicators;  // indexes into Plan::indicators
  std::vector<std::size_t> tasks;       // indexes into Plan::tasks
};

struct Plan {
  std::string commune;  // "phường An Dương", "" when the workbook does not say
  std::string title;
  std::string period;   // "2026-2030"
  std::vector<Indicator> indicators;
  std::vector<Task> tasks;
  std::vector<ReportingUnit> units;  // responsible units ∪ lead agencies

  const std::string& code_of(ItemRef r) const;
  const std::string& name_of(ItemRef r) const;
  // The unit that must report it: an indicator's responsible unit, a task's lead agency.
  const std::string& owner_of(ItemRef r) const;
};

struct PlanResult {
  Plan plan;
  std::vector<Issue> issues;
};

// The commune a title block names: "UBND PHƯỜNG AN DƯƠNG", "ĐẢNG BỘ XÃ ...", or
// "ỦY BAN NHÂN DÂN" over "PHƯỜNG AN DƯƠNG" -> "phường An Dương"; "" when none.
std::string find_commune(const std::vector<std::string>& lines);

PlanResult build_plan(const Workbook& book, const LabelRoles& roles, const UnitRegistry& units);

}  // namespace tonghop
