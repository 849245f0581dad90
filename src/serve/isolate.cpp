#include "serve/isolate.hpp"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>

extern char** environ;

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
    case Outcome::Crashed: return "killed by signal " + std::to_string(signal);
    case Outcome::TimedOut: return "ran out of time";
    case Outcome::TooMuchOutput: return "answer too large";
    case Outcome::Busy: return "no free worker";
  }
  return "?";
}

void apply_child_limits(const IsolationLimits& limits) {
  // AddressSanitizer reserves terabytes of shadow address space: no RLIMIT_AS under it.
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool asan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr bool asan = true;
#else
  constexpr bool asan = false;
#endif
#else
  constexpr bool asan = false;
#endif
  if (!asan) {
    rlimit mem{limits.memory_bytes, limits.memory_bytes};
    setrlimit(RLIMIT_AS, &mem);
  }
  rlim_t cpu = rlim_t(limits.seconds) + 1;
  rlimit cpu_limit{cpu, cpu + 1};
  setrlimit(RLIMIT_CPU, &cpu_limit);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
}

std::string self_executable() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "tonghop";
  return std::string(buf, std::size_t(n));
}

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
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    r.outcome = IsolatedResult::Outcome::Failed;
    r.exit_code = -1;
    return r;
  }
  // posix_spawn (clone + exec) is safe from a threaded process, unlike fork + work.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  // Sockets and the database stay with the server (a client's connection must not live on
  // in a child).
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ::close(fds[0]), ::close(fds[1]);
    r.outcome = IsolatedResult::Outcome::Failed;
    r.exit_code = -1;
    return r;
  }
  ::close(fds[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::int64_t(limits.seconds * 1000));
  bool killed = false;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      r.outcome = IsolatedResult::Outcome::TimedOut;
      killed = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int n = ::poll(&p, 1, int(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    ssize_t got = ::read(fds[0], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    r.output.append(buf, std::size_t(got));
    if (r.output.size() > limits.output_bytes) {
      ::kill(pid, SIGKILL);
      r.outcome = IsolatedResult::Outcome::TooMuchOutput;
      killed = true;
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (killed) {
    r.output.clear();
    return r;
  }
  if (WIFSIGNALED(status)) {
    r.outcome = IsolatedResult::Outcome::Crashed;
    r.signal = WTERMSIG(status);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    r.outcome = IsolatedResult::Outcome::Failed;
    r.exit_code = WEXITSTATUS(status);
  }
  return r;
}

}  // namespace tonghop::serve
