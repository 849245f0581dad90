// Stable keys for the plan's items and a fingerprint of the whole plan, carried by the
// units' fill-in forms (tonghop template) so that a returned form maps back exactly.
//
//   auto keys = item_keys(plan);       // keys.indicators[i] == "CT-1a2b3c4d"
//   plan_fingerprint(plan);            // "9f2c..." (16 hex digits)
//
// A key depends on the item's kind and its folded name only (its n-th repetition when the
// same name appears twice), so renumbering or regrouping the annex keeps the keys, and an
// edited name is an item removed and another added.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.hpp"

namespace tonghop {

struct ItemKeys {
  std::vector<std::string> indicators, tasks;  // parallel to Plan::indicators / Plan::tasks
};

ItemKeys item_keys(const Plan& plan);

// FNV-1a 64 over what a form shows of the plan: items, units of measure, targets,
// responsible units, timeframes. Not a security measure: it tells versions apart.
std::string plan_fingerprint(const Plan& plan);

// What a fill-in form (tonghop template) carries for tonghop check to read it back: custom
// document properties, a hidden column of item keys on each sheet, and a hidden sheet
// listing every key the form was made with.
inline constexpr const char* kFormVersion = "1";  // raised when what check relies on changes
namespace form_property {
inline constexpr const char* kVersion = "tonghop-form-version";
inline constexpr const char* kPlan = "tonghop-plan-fingerprint";
inline constexpr const char* kUnit = "tonghop-unit";
inline constexpr const char* kYear = "tonghop-year";
inline constexpr const char* kPeriod = "tonghop-period";  // year h1 q1..q4 9m
inline constexpr const char* kItems = "tonghop-items";    // how many keys the lists sheet holds
}  // namespace form_property
inline constexpr const char* kListsSheet = "DanhMuc";
inline constexpr const char* kKeyLabel = "Khóa dòng (tonghop)";

}  // namespace tonghop
