#include "plan/plan.hpp"

namespace tonghop {

std::string_view to_string(ItemKind k) { return k == ItemKind::Task ? "task" : "indicator"; }

const std::string& Plan::code_of(ItemRef r) const {
  return r.kind == ItemKind::Task ? tasks[r.index].code : indicators[r.index].code;
}

const std::string& Plan::name_of(ItemRef r) const {
  return r.kind == ItemKind::Task ? tasks[r.index].name : indicators[r.index].name;
}

const std::string& Plan::owner_of(ItemRef r) const {
  return r.kind == ItemKind::Task ? tasks[r.index].lead_agency : indicators[r.index].responsible;
}

}  // namespace tonghop
