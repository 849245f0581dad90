#include "validate/form_identity.hpp"

#include <filesystem>
#include <map>

#include "core/issue.hpp"
#include "plan/item_key.hpp"
#include "recognise/table.hpp"
#include "validate/check.hpp"
#include "core/platform.hpp"

namespace tonghop {
std::optional<FormIdentity> read_form_identity(const Workbook& book) {
  // The custom document properties (read with the workbook), else the same pairs on the
  // hidden lists sheet (kept by tools that drop custom properties when they save, and by a
  // LibreOffice .ods re-save).
  std::map<std::string, std::string> values;
  if (book.info.format == FileFormat::Xlsx && book.info.converted_from.empty())
    for (const auto& [name, value] : book.info.custom_properties) values[name] = value;
  const Sheet* lists = nullptr;
  for (const auto& s : book.sheets)
    if (s.info.name == kListsSheet) lists = &s;
  if (lists && !values.count(form_property::kVersion))
    for (const auto& c : lists->cells)
      if (c.type == CellType::Text && c.text.str().rfind("tonghop-", 0) == 0)
        if (const auto* v = lists->find(c.row, c.col + 1)) values[c.text] = display_text(*v);
  auto get = [&](const char* name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  };
  FormIdentity id;
  id.version = get(form_property::kVersion);
  if (id.version.empty()) return std::nullopt;
  id.plan = get(form_property::kPlan);
  id.unit = get(form_property::kUnit);
  id.period = get(form_property::kPeriod);
  try {
    id.year = std::stoi(get(form_property::kYear));
  } catch (const std::exception&) {
    id.year = 0;
  }
  if (lists) {
    std::optional<std::uint32_t> col;
    for (const auto& c : lists->cells) {
      if (c.row == 0 && c.text == kKeyLabel) col = c.col;
      else if (col && c.col == *col && c.type == CellType::Text && !c.text.empty()) id.keys.push_back(c.text);
    }
  }
  return id;
}

std::optional<std::uint32_t> key_column(const Sheet& sheet, std::uint32_t header_first, std::uint32_t header_last) {
  for (const auto& c : sheet.cells) {
    if (c.row > header_last) break;
    if (c.row >= header_first && c.type == CellType::Text && c.text == kKeyLabel) return c.col;
  }
  return std::nullopt;
}

KeyIndex::KeyIndex(const Plan& plan) : fingerprint_(plan_fingerprint(plan)) {
  auto keys = item_keys(plan);
  for (std::size_t i = 0; i < keys.indicators.size(); ++i) items_[keys.indicators[i]] = {false, i};
  for (std::size_t i = 0; i < keys.tasks.size(); ++i) items_[keys.tasks[i]] = {true, i};
}

std::optional<KeyedItem> KeyIndex::find(const std::string& key) const {
  auto it = items_.find(key);
  if (it == items_.end()) return std::nullopt;
  return it->second;
}

PlanChange plan_change(const Plan& plan, const FormIdentity& id) {
  auto keys = item_keys(plan);
  std::set<std::string> now;
  for (const auto& u : plan.units) {
    if (u.name != id.unit) continue;
    for (auto i : u.indicators) now.insert(keys.indicators[i]);
    for (auto i : u.tasks) now.insert(keys.tasks[i]);
  }
  std::set<std::string> then(id.keys.begin(), id.keys.end());
  PlanChange c;
  for (const auto& k : now) c.added += !then.count(k);
  for (const auto& k : then) c.removed += !now.count(k);
  return c;
}

void identify_form(const FormIdentity& id, const Plan& plan, const KeyIndex& keys, const UnitRegistry& units,
                   FileResult& out) {
  Location where;
  where.file = out.path;
  auto mismatch = [&](const Text& source, const std::string& unit) {
    out.issues.push_back(make_issue(IssueCode::FormUnitMismatch, where,
                                    {{"form_unit", id.unit}, {"source", source}, {"unit", unit}}));
  };
  if (out.unit_source == UnitSource::Option) {
    if (out.unit != id.unit) mismatch(Text("tùy chọn --unit", "the --unit option"), out.unit);
  } else if (!id.unit.empty()) {
    auto named = units.find_in(platform::file_stem(out.path));
    if (!named.empty() && named != id.unit) mismatch(Text("tên tệp", "the file name"), named);
    out.unit = id.unit;
    out.unit_source = UnitSource::Form;
  }
  if (auto kind = period_kind_from_string(id.period); kind && id.year > 0) out.period = Period{id.year, *kind};
  if (!id.plan.empty() && id.plan != keys.fingerprint()) {
    auto change = plan_change(plan, id);
    bool same_items = change.added == 0 && change.removed == 0;
    out.issues.push_back(make_issue(
        IssueCode::FormPlanChanged, where,
        {{"added", std::to_string(change.added)},
         {"removed", std::to_string(change.removed)},
         {"more", same_items ? Text(" (mục tiêu, đơn vị tính hoặc cách ghi đã sửa)", " (targets, units of measure or wording changed)")
                             : Text("")}}));
  }
}

}  // namespace tonghop
