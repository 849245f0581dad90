// Running one job (a check, a consolidation) in a forked child process: a crash, an
// endless loop or a memory blow-up in one hostile file ends that child, never the server,
// and the child never touches the database.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace tonghop::serve {

struct IsolationLimits {
  double seconds = 60;                     // wall clock; the child is killed after it
  std::size_t memory_bytes = 2048ull << 20;  // address space (RLIMIT_AS)
  std::size_t output_bytes = 256ull << 20;   // what it may send back
  int parallel = 2;                        // children at once; others wait for a slot
};

struct IsolatedResult {
  enum class Outcome { Ok, Failed, Crashed, TimedOut, TooMuchOutput, Busy } outcome = Outcome::Ok;
  int exit_code = 0;
  int signal = 0;
  std::string output;  // what the job wrote
  bool ok() const { return outcome == Outcome::Ok; }
  std::string describe() const;  // "killed by signal 11", "ran longer than 60 s"...
};

// job writes its answer to the stream and returns the child's exit code (0 = ok).
IsolatedResult run_isolated(const std::function<int(std::ostream&)>& job, const IsolationLimits& limits);

}  // namespace tonghop::serve
