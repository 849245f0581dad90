// The plan as JSON (the contract of `tonghop plan --format json`), shared by the command
// line and the server.
#pragma once

#include <ostream>
#include <string>

#include "core/issue.hpp"
#include "plan/plan.hpp"

namespace tonghop {

void write_plan_json(std::ostream& os, const std::string& path, const PlanResult& r, Lang lang);

}  // namespace tonghop
