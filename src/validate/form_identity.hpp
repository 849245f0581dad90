// The identity a fill-in form made by tonghop template carries (plan fingerprint, unit,
// period, item keys), read back so the check maps its rows exactly and tells a form of
// another unit, period or plan version apart.
//
//   if (auto id = read_form_identity(book)) id->unit;  // "Công an"
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/workbook.hpp"
#include "plan/plan.hpp"
#include "read/limits.hpp"

namespace tonghop {

struct FormIdentity {
  std::string version, plan, unit, period;  // period: "year", "h1", ...
  int year = 0;
  std::vector<std::string> keys;  // every item key the form was made with (its lists sheet)
};

// From the custom document properties of an .xlsx, else the same pairs on the hidden lists
// sheet (any format); nullopt when the file is no form.
std::optional<FormIdentity> read_form_identity(const Workbook& book);

// The column of a sheet holding the item keys (labelled kKeyLabel in its header rows).
std::optional<std::uint32_t> key_column(const Sheet& sheet, std::uint32_t header_first, std::uint32_t header_last);

// The plan's items by key: a form's rows mapped exactly. Built once per plan.
struct KeyedItem {
  bool task = false;
  std::size_t index = 0;
};
class KeyIndex {
 public:
  explicit KeyIndex(const Plan& plan);
  std::optional<KeyedItem> find(const std::string& key) const;
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::map<std::string, KeyedItem> items_;
  std::string fingerprint_;
};

// How the plan changed for the unit since the form was made.
struct PlanChange {
  std::size_t added = 0, removed = 0;
};
PlanChange plan_change(const Plan& plan, const FormIdentity& id);

struct FileResult;
// The file's unit and period from the form's identity (an --unit option still wins), with
// form-unit-mismatch when the option or the file name names another unit and
// form-plan-changed when the form was made from another version of the plan.
void identify_form(const FormIdentity& id, const Plan& plan, const KeyIndex& keys, const UnitRegistry& units,
                   FileResult& out);

}  // namespace tonghop
