#include "write/atomic.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>

#include "write/write_error.hpp"

namespace tonghop {
namespace {

// The temporary file being written, for the signal handler: Ctrl+C or a stop from a
// service manager removes it instead of leaving it beside the target.
char g_tmp[4096];
struct sigaction g_old_int, g_old_term, g_old_hup;

void remove_and_reraise(int sig) {
  if (g_tmp[0]) ::unlink(g_tmp);
  struct sigaction& old = sig == SIGINT ? g_old_int : sig == SIGTERM ? g_old_term : g_old_hup;
  sigaction(sig, &old, nullptr);
  std::raise(sig);
}

class TempGuard {
 public:
  explicit TempGuard(const std::string& tmp) {
    if (tmp.size() >= sizeof g_tmp) return;  // not guarded; the catch below still cleans up
    std::memcpy(g_tmp, tmp.c_str(), tmp.size() + 1);
    struct sigaction sa {};
    sa.sa_handler = remove_and_reraise;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
    sigaction(SIGHUP, &sa, &g_old_hup);
    armed_ = true;
  }
  ~TempGuard() {
    if (!armed_) return;
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    sigaction(SIGHUP, &g_old_hup, nullptr);
    g_tmp[0] = 0;
  }
  TempGuard(const TempGuard&) = delete;
  TempGuard& operator=(const TempGuard&) = delete;

 private:
  bool armed_ = false;
};

}  // namespace

void write_atomically(const std::string& out, const std::function<void(const std::string& tmp)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto dir = fs::path(out).parent_path();
  if (!dir.empty() && !fs::is_directory(dir, ec)) throw WriteError("the folder " + dir.string() + " does not exist");
  // A hidden name in the same folder, so the rename stays on one file system.
  std::string tmp = (dir / ("." + fs::path(out).filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  TempGuard guard(tmp);
  try {
    write(tmp);
    fs::rename(tmp, out);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace tonghop
