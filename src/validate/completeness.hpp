// The checks across a period's files, once each file has been checked on its own.
#pragma once

#include "validate/check.hpp"

namespace tonghop {

// One unit, several usable files for the period: the newest counts, the others are superseded.
void mark_superseded(CheckReport& report);
// A unit whose file that counts came in after the deadline.
void mark_late(CheckReport& report, double deadline);
// Who was expected, who sent a usable file, what each left out.
void report_missing(CheckReport& report, const Plan& plan);
// Two units giving one indicator different figures.
void report_conflicts(CheckReport& report, const Plan& plan);

}  // namespace tonghop
