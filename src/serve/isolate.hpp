// Running one job (a check, a consolidation) in a child process, a fresh exec of tonghop
// (see job.hpp for why never a bare fork): a crash, an endless loop or a memory blow-up in
// one hostile file ends that child, never the server, and the child never touches the
// database.
#pragma once

#include <string>
#include <vector>

namespace tonghop::serve {

struct IsolationLimits {
  double seconds = 60;                     // wall clock; the child is killed after it
  std::size_t memory_bytes = 2048ull << 20;  // address space (RLIMIT_AS, set by the child itself; Windows: its job object)
  std::size_t output_bytes = 256ull << 20;   // what it may send back
  int parallel = 2;                        // children at once; others wait for a slot
};

struct IsolatedResult {
  enum class Outcome { Ok, Failed, Crashed, TimedOut, TooMuchOutput, Busy } outcome = Outcome::Ok;
  int exit_code = 0;
  int signal = 0;     // POSIX: the signal that ended it
  std::string crash;  // how it crashed ("exception 0xc0000005" on Windows)
  std::string output;  // what the job wrote
  bool ok() const { return outcome == Outcome::Ok; }
  std::string describe() const;  // "killed by signal 11", "ran longer than 60 s"...
};

// Runs argv[0] with argv (stdin /dev/null, stdout captured, no other descriptor inherited;
// platform::run_captured) and waits for it within the limits.
// Example: run_isolated({"/bin/sh", "-c", "echo fine"}, {}).output == "fine\n"
IsolatedResult run_isolated(const std::vector<std::string>& argv, const IsolationLimits& limits);

// Called by the child on itself before it works: address space, CPU time, no core file
// (POSIX; on Windows the parent's job object bounds the child).
void apply_child_limits(const IsolationLimits& limits);

// The running program's own path (to start a child of the same build).
std::string self_executable();

}  // namespace tonghop::serve
