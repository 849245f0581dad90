// Linux (and other POSIX systems): glibc and POSIX calls.
#ifndef _WIN32
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

#include "core/platform.hpp"

namespace tonghop::platform {
namespace {

// The path to remove, kept where a signal handler may read it.
char g_path[4096];
struct sigaction g_old_int, g_old_term, g_old_hup;

void remove_and_reraise(int sig) {
  if (g_path[0]) ::unlink(g_path);
  struct sigaction& old = sig == SIGINT ? g_old_int : sig == SIGTERM ? g_old_term : g_old_hup;
  sigaction(sig, &old, nullptr);
  std::raise(sig);
}

}  // namespace

std::time_t utc_seconds(std::tm tm) { return timegm(&tm); }

std::tm utc_tm(std::time_t t) {
  std::tm out{};
  gmtime_r(&t, &out);
  return out;
}

long process_id() { return long(::getpid()); }

void map_large_allocations(std::size_t threshold_bytes) {
#ifdef M_MMAP_THRESHOLD
  mallopt(M_MMAP_THRESHOLD, int(threshold_bytes));
#else
  (void)threshold_bytes;
#endif
}

ReplaceResult replace_file(const std::string& from, const std::string& to) {
  ReplaceResult r;
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    r.ok = false;
    r.in_use = errno == EBUSY || errno == ETXTBSY;
    r.message = std::strerror(errno);
  }
  return r;
}

RemoveOnInterrupt::RemoveOnInterrupt(const std::string& path) {
  if (path.size() >= sizeof g_path) return;
  std::memcpy(g_path, path.c_str(), path.size() + 1);
  struct sigaction sa {};
  sa.sa_handler = remove_and_reraise;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
  sigaction(SIGHUP, &sa, &g_old_hup);
  armed_ = true;
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  if (!armed_) return;
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  sigaction(SIGHUP, &g_old_hup, nullptr);
  g_path[0] = 0;
}

void use_utf8_console() {}

std::optional<std::string> find_executable(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string p = path;
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::string candidate = p.substr(start, end - start) + "/" + name;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

std::vector<std::string> application_dirs() { return {}; }

std::optional<std::string> make_temp_dir(const std::string& stem) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) return std::nullopt;
  return std::string(buf.data());
}

ProgramResult run_program(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env, unsigned seconds) {
  ProgramResult result;
  if (argv.empty()) return result;
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    std::string_view v(*e);
    bool replaced = false;
    for (const auto& [k, _] : env) replaced = replaced || (v.size() > k.size() && v.substr(0, k.size()) == k && v[k.size()] == '=');
    if (!replaced) env_strings.emplace_back(v);
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& a : argv_copy) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return result;
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group, so a time-out kills what it started too
    int devnull = ::open("/dev/null", O_RDWR);
    if (devnull >= 0) ::dup2(devnull, 0), ::dup2(devnull, 1), ::dup2(devnull, 2);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  result.started = true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.timed_out = true;
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // anything it left behind
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

namespace {

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(3);
    done += std::size_t(n);
  }
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
  }
  return "signal " + std::to_string(sig);
}

}  // namespace

std::string executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

bool make_channel(int fds[2]) { return ::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0; }

long fork_process() { return long(::fork()); }

void exit_now(int code) { ::_exit(code); }

void close_channel(int fd) { ::close(fd); }

bool write_channel(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    // MSG_NOSIGNAL: a process that died is a failed send, not SIGPIPE for this one.
    auto n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(std::size_t(n));
  }
  return true;
}

bool read_channel(int fd, char* to, std::size_t n) {
  while (n > 0) {
    auto got = ::read(fd, to, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    to += got, n -= std::size_t(got);
  }
  return true;
}

bool read_channel_to_end(int fd, std::string& out) {
  char buf[1 << 16];
  while (true) {
    auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buf, std::size_t(n));
  }
}

std::vector<bool> wait_readable(const std::vector<int>& fds, int timeout_ms) {
  std::vector<pollfd> polls;
  for (int fd : fds) polls.push_back({fd, POLLIN, 0});
  while (::poll(polls.data(), polls.size(), timeout_ms) < 0)
    if (errno != EINTR) return {};
  std::vector<bool> out;
  for (const auto& p : polls) out.push_back(p.revents != 0);
  return out;
}

ProcessEnd wait_process(long pid) {
  ProcessEnd end;
  int status = 0;
  while (::waitpid(pid_t(pid), &status, 0) < 0)
    if (errno != EINTR) return end;
  if (WIFSIGNALED(status))
    end.signalled = true, end.signal = strsignal(WTERMSIG(status)), end.signal_name = signal_name(WTERMSIG(status));
  else if (WIFEXITED(status))
    end.exit_code = WEXITSTATUS(status);
  return end;
}

void kill_process(long pid) { ::kill(pid_t(pid), SIGKILL); }

namespace {

// A soft limit only, so that the child can lift it again after its first step.
rlimit limit_memory_soft(std::uint64_t bytes) {
  rlimit before{};
  ::getrlimit(RLIMIT_AS, &before);
  // AddressSanitizer reserves terabytes of address space: no limit under it.
  bool sanitized = false;
#if defined(__SANITIZE_ADDRESS__)
  sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  sanitized = true;
#endif
#endif
  if (!sanitized) {
    rlimit rl{std::min<rlim_t>(bytes, before.rlim_max), before.rlim_max};
    ::setrlimit(RLIMIT_AS, &rl);
  }
  return before;
}

}  // namespace

ChildResult run_in_child(const std::function<std::string()>& work, std::uint64_t seconds, std::uint64_t memory_bytes) {
  bool in_first_step = false;
  return run_in_child_steps([&](const std::function<void()>&) { return work(); }, seconds, memory_bytes,
                            in_first_step);
}

std::function<void()> limit_address_space(std::uint64_t memory_bytes) {
  auto before = limit_memory_soft(memory_bytes);
  return [before] { ::setrlimit(RLIMIT_AS, &before); };
}

ChildResult run_in_child_steps(const std::function<std::string(const std::function<void()>& first_step_done)>& work,
                               std::uint64_t seconds, std::uint64_t memory_bytes, bool& in_first_step) {
  ChildResult result;
  in_first_step = true;
  int fds[2];
  if (::pipe(fds) != 0) return result;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]), ::close(fds[1]);
    return result;
  }
  if (pid == 0) {
    ::close(fds[0]);
    // The first byte says the first step is over (written at the latest with the result).
    auto before = limit_memory_soft(memory_bytes);
    bool marked = false;
    auto done = [&] {
      if (marked) return;
      marked = true;
      ::setrlimit(RLIMIT_AS, &before);
      write_all(fds[1], "\x01");
    };
    auto bytes = work(done);
    done();
    write_all(fds[1], bytes);
    ::close(fds[1]);
    ::_exit(0);  // no destructors or atexit handlers of the parent's state
  }
  ::close(fds[1]);
  char buf[1 << 16];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  bool timed_out = false, marked = false;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (!marked && left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, marked ? -1 : int(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    auto n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::string_view got(buf, std::size_t(n));
    if (!marked) {
      marked = true;  // the marker byte
      got.remove_prefix(1);
    }
    result.bytes.append(got);
  }
  ::close(fds[0]);
  in_first_step = !marked;
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) result.status = ChildResult::Status::TimedOut;
  else if (WIFSIGNALED(status)) {
    result.status = ChildResult::Status::Signalled;
    result.signal = signal_name(WTERMSIG(status));
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || result.bytes.empty())
    result.status = ChildResult::Status::Failed;
  else
    result.status = ChildResult::Status::Done;
  return result;
}

CapturedRun run_captured(const std::vector<std::string>& argv, double seconds, std::size_t output_bytes,
                         std::uint64_t) {
  CapturedRun r;
  if (argv.empty()) return r;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return r;
  // posix_spawn (clone + exec) is safe from a threaded process, unlike fork + work.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  // Sockets and the database stay with the caller.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ::close(fds[0]), ::close(fds[1]);
    return r;
  }
  ::close(fds[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::int64_t(seconds * 1000));
  bool killed = false;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      r.status = CapturedRun::Status::TimedOut;
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
    if (r.output.size() > output_bytes) {
      ::kill(pid, SIGKILL);
      r.status = CapturedRun::Status::TooMuchOutput;
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
    r.status = CapturedRun::Status::Crashed;
    r.signal = WTERMSIG(status);
    r.crash = "signal " + std::to_string(r.signal);
  } else {
    r.status = CapturedRun::Status::Exited;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return r;
}

void limit_this_process(std::uint64_t memory_bytes, std::uint64_t cpu_seconds) {
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
    rlimit mem{rlim_t(memory_bytes), rlim_t(memory_bytes)};
    setrlimit(RLIMIT_AS, &mem);
  }
  rlimit cpu_limit{rlim_t(cpu_seconds), rlim_t(cpu_seconds) + 1};
  setrlimit(RLIMIT_CPU, &cpu_limit);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
}

std::string executable_path() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "tonghop";
  return std::string(buf, std::size_t(n));
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

namespace {
void (*g_stop)() = nullptr;
void call_stop(int) {
  if (g_stop) g_stop();
}
}  // namespace

void on_stop_request(void (*stop)()) {
  g_stop = stop;
  ::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = call_stop;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

std::string random_bytes(std::size_t n) {
  std::string raw(n, '\0');
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::read(fd, raw.data(), n) != ssize_t(n)) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("/dev/urandom cannot be read");
  }
  ::close(fd);
  return raw;
}

void write_new_file_synced(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("create " + path + ": " + std::strerror(errno));
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      throw std::runtime_error("write " + path + ": " + why);
    }
    bytes.remove_prefix(std::size_t(n));
  }
  if (::fsync(fd) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("fsync " + path + ": " + why);
  }
  ::close(fd);
}

void sync_path(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync " + path + ": " + std::strerror(errno));
}

std::tm local_tm(std::time_t t) {
  std::tm out{};
  localtime_r(&t, &out);
  return out;
}

void set_socket_timeouts(std::uintptr_t socket, unsigned seconds) {
  timeval tv{long(seconds), 0};
  ::setsockopt(int(socket), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(int(socket), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool socket_readable(std::uintptr_t socket, int milliseconds) {
  pollfd p{int(socket), POLLIN, 0};
  return ::poll(&p, 1, milliseconds) > 0;
}

}  // namespace tonghop::platform
#endif
