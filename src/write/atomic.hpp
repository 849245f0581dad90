// Writing a file beside its target and renaming it: a failed or interrupted run leaves no
// half-written workbook, and an existing target is replaced only by a complete file.
//
//   write_atomically("out/tong-hop.xlsx", [&](const std::string& tmp) { write_to(tmp); });
#pragma once

#include <functional>
#include <string>

namespace tonghop {

// Throws WriteError when the folder is missing or the target cannot be replaced (on
// Windows, while Excel holds it open: the message says so and the old file stays);
// rethrows what write throws, after removing the temporary file. An interrupt during the
// write removes it too, then takes its usual course (core/platform.hpp). (SIGKILL cannot
// be caught: a hidden ".NAME.tmp-PID" may stay; the target is never touched.)
void write_atomically(const std::string& out, const std::function<void(const std::string& tmp)>& write);

}  // namespace tonghop
