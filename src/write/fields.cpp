#include "write/fields.hpp"

namespace tonghop {
namespace {

constexpr FieldName kIndicators[] = {
    {"code", Field::Code},         {"name", Field::Name},         {"unit_of_measure", Field::UnitOfMeasure},
    {"target_final", Field::TargetFinal}, {"target_year", Field::TargetYear}, {"plan_value", Field::PlanValue},
    {"previous", Field::Previous}, {"actual", Field::Actual},     {"ratio", Field::Ratio},
    {"assessment", Field::Assessment}, {"responsible", Field::Responsible}, {"leader", Field::Leader},
    {"source", Field::Source},     {"note", Field::Note},
};
constexpr FieldName kTasks[] = {
    {"code", Field::Code},       {"name", Field::Name},           {"lead", Field::Lead},
    {"coordinating", Field::Coordinating}, {"timeframe", Field::Timeframe}, {"status", Field::Status},
    {"result", Field::Result},   {"source", Field::Source},       {"note", Field::Note},
};
constexpr FieldName kUnits[] = {
    {"name", Field::Name},         {"files", Field::Files},   {"file_count", Field::FileCount},
    {"received", Field::Received}, {"on_time", Field::OnTime}, {"errors", Field::Errors},
    {"warnings", Field::Warnings}, {"missing_items", Field::MissingItems},
};
constexpr FieldName kIssues[] = {
    {"file", Field::File}, {"sheet", Field::Sheet},     {"cell", Field::Cell},
    {"severity", Field::Severity}, {"code", Field::IssueCode}, {"message", Field::Message},
    {"count", Field::Count},
};

}  // namespace

std::span<const FieldName> fields_of(TableKind table) {
  switch (table) {
    case TableKind::Indicators: return kIndicators;
    case TableKind::Tasks: return kTasks;
    case TableKind::Units: return kUnits;
    case TableKind::Issues: return kIssues;
    case TableKind::Summary: break;
  }
  return {};
}

std::optional<Field> field_named(TableKind table, std::string_view name) {
  for (const auto& f : fields_of(table))
    if (f.name == name) return f.field;
  return std::nullopt;
}

std::string field_list(TableKind table) {
  std::string known;
  for (const auto& f : fields_of(table)) known += (known.empty() ? "" : ", ") + std::string(f.name);
  return known;
}

}  // namespace tonghop
