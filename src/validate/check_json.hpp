// The check report as JSON (the contract of `tonghop check --format json`), shared by the
// command line and the server.
#pragma once

#include <ostream>

#include "core/issue.hpp"
#include "plan/plan.hpp"
#include "validate/check.hpp"

namespace tonghop {

void write_check_json(std::ostream& os, const Plan& plan, const CheckReport& report, Lang lang);

}  // namespace tonghop
