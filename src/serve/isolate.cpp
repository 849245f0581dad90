#include "serve/isolate.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/platform.hpp"

namespace tonghop::serve {
namespace {

// Bounds the number of children alive at once (the machine's cores, not the clients').
class Slots {
 public:
  bool acquire(int limit, std::chrono::seconds wait) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, wait, [&] { return used_ < limit; })) return false;
    ++used_;
    return true;
  }
  void release() {
    std::lock_guard lock(mu_);
    --used_;
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int used_ = 0;
};
Slots slots;

}  // namespace

std::string IsolatedResult::describe() const {
  switch (outcome) {
    case Outcome::Ok: return "ok";
    case Outcome::Failed: return "exit code " + std::to_string(exit_code);
    case Outcome::Crashed: return signal ? "killed by signal " + std::to_string(signal) : "crashed (" + crash + ")";
    case Outcome::TimedOut: return "ran out of time";
    case Outcome::TooMuchOutput: return "answer too large";
    case Outcome::Busy: return "no free worker";
  }
  return "?";
}

void apply_child_limits(const IsolationLimits& limits) {
  platform::limit_this_process(limits.memory_bytes, std::uint64_t(limits.seconds) + 1);
}

std::string self_executable() { return platform::executable_path(); }

IsolatedResult run_isolated(const std::vector<std::string>& argv, const IsolationLimits& limits) {
  IsolatedResult r;
  if (argv.empty()) {
    r.outcome = IsolatedResult::Outcome::Failed;
    r.exit_code = -1;
    return r;
  }
  if (!slots.acquire(limits.parallel, std::chrono::seconds(int(limits.seconds) * 2 + 5))) {
    r.outcome = IsolatedResult::Outcome::Busy;
    return r;
  }
  struct Release {
    ~Release() { slots.release(); }
  } release;
  auto run = platform::run_captured(argv, limits.seconds, limits.output_bytes, limits.memory_bytes);
  using Status = platform::CapturedRun::Status;
  switch (run.status) {
    case Status::NotStarted:
      r.outcome = IsolatedResult::Outcome::Failed;
      r.exit_code = -1;
      break;
    case Status::TimedOut: r.outcome = IsolatedResult::Outcome::TimedOut; break;
    case Status::TooMuchOutput: r.outcome = IsolatedResult::Outcome::TooMuchOutput; break;
    case Status::Crashed:
      r.outcome = IsolatedResult::Outcome::Crashed;
      r.signal = run.signal;
      r.crash = run.crash;
      r.output = std::move(run.output);
      break;
    case Status::Exited:
      r.output = std::move(run.output);
      if (run.exit_code != 0) {
        r.outcome = IsolatedResult::Outcome::Failed;
        r.exit_code = run.exit_code;
      }
      break;
  }
  return r;
}

}  // namespace tonghop::serve
