// Reading an untrusted file in a child process, so that a reader that crashes, hangs or
// runs away with memory on one file ends only the child: that file is refused as
// reader-failed and the caller goes on with the others. check, consolidate and plan read
// through it; a long-running server uses the same call.
//
//   Workbook book = load_workbook_isolated("bao-cao/cong-an.xlsx", limits);  // throws InputError
//
// The child reads with load_workbook() and sends the workbook back through a pipe; limits
// read_seconds (wall clock) and read_memory (address space) bound it. Refusals (InputError)
// come back as they were raised. Fork-based: call it from a single-threaded process or
// from a thread that owns no lock the reader needs.
#pragma once

#include <string>

#include "core/platform.hpp"
#include "core/workbook.hpp"
#include "read/limits.hpp"

namespace tonghop {

Workbook load_workbook_isolated(const std::string& path, const ReadLimits& limits = {});

// For a caller that is already a child process of its own per file (validate/driver, through
// platform::run_in_child_steps with the same limits): the file read in this process, a
// runaway allocation or an unexpected exception refused as the isolated read refuses them.
Workbook load_workbook_guarded(const std::string& path, const ReadLimits& limits = {});
// Such a child that did not come back while it was reading: the same refusal.
InputError reading_failed(const std::string& path, const platform::ChildResult& run, const ReadLimits& limits);

// The byte form a child sends (exposed for the round-trip test).
std::string serialise_workbook(const Workbook& book);
Workbook deserialise_workbook(std::string_view bytes);

}  // namespace tonghop
