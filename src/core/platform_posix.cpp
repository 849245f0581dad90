// Linux (and other POSIX systems): glibc and POSIX calls.
#ifndef _WIN32
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

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

}  // namespace tonghop::platform
#endif
