#include "plan/item_key.hpp"

#include <cstdint>
#include <cstdio>
#include <map>

#include "core/text.hpp"

namespace tonghop {
namespace {

struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0x1F) * 1099511628211ULL;  // field separator: "ab","c" differs from "a","bc"
  }
  std::string hex(int digits) const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf + 16 - digits);
  }
};

template <class Items>
std::vector<std::string> keys_of(const Items& items, const char* prefix) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const auto& item : items) {
    Fnv f;
    f.add(prefix);
    auto folded = fold_key(item.name);
    f.add(folded);
    std::string key = std::string(prefix) + "-" + f.hex(8);
    if (int n = seen[folded]++) key += "-" + std::to_string(n + 1);
    out.push_back(key);
  }
  return out;
}

}  // namespace

ItemKeys item_keys(const Plan& plan) {
  return {keys_of(plan.indicators, "CT"), keys_of(plan.tasks, "NV")};
}

std::string plan_fingerprint(const Plan& plan) {
  Fnv f;
  f.add(plan.commune);
  f.add(plan.period);
  const auto keys = item_keys(plan);
  for (std::size_t i = 0; i < plan.indicators.size(); ++i) {
    const auto& ind = plan.indicators[i];
    for (const std::string* s : {&keys.indicators[i], &ind.code, &ind.group, &ind.unit_of_measure, &ind.yearly_target.raw,
                          &ind.target_final.raw, &ind.responsible})
      f.add(*s);
  }
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    const auto& t = plan.tasks[i];
    for (const std::string* s : {&keys.tasks[i], &t.code, &t.section, &t.lead_agency, &t.timeframe.raw, &t.output}) f.add(*s);
    for (const auto& c : t.coordinating) f.add(c);
  }
  return f.hex(16);
}

}  // namespace tonghop
