// The fields a layout's columns may show, per table: one list read by the layout parser
// (which names it accepts) and by the sheet writers (what each column holds).
//
//   auto f = field_named(TableKind::Tasks, "status");   // Field::Status
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tonghop {

enum class TableKind { Summary, Indicators, Tasks, Units, Issues };

enum class Field {
  // indicators (code, name, source and note are shared with tasks)
  Code, Name, UnitOfMeasure, TargetFinal, TargetYear, PlanValue, Previous, Actual, Ratio, Assessment, Responsible,
  Leader, Source, Note,
  // tasks
  Lead, Coordinating, Timeframe, Status, Result,
  // units
  Files, FileCount, Received, OnTime, Errors, Warnings, MissingItems,
  // issues
  File, Sheet, Cell, Severity, IssueCode, Message, Count,
};

struct FieldName {
  std::string_view name;  // as written in templates/*.toml
  Field field;
};

// The table's fields in the order the documentation lists them.
std::span<const FieldName> fields_of(TableKind table);
std::optional<Field> field_named(TableKind table, std::string_view name);
// "code, name, ..." for error messages.
std::string field_list(TableKind table);

}  // namespace tonghop
