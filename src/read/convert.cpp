#include "read/convert.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <thread>
#include <string_view>
#include <vector>

extern char** environ;

#include "core/issue.hpp"

namespace fs = std::filesystem;

namespace tonghop {

std::optional<std::string> find_libreoffice() {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string p = path;
  for (const char* name : {"soffice", "libreoffice"}) {
    std::size_t start = 0;
    while (start <= p.size()) {
      auto end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      fs::path candidate = fs::path(p.substr(start, end - start)) / name;
      if (!candidate.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      start = end + 1;
    }
  }
  return std::nullopt;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "tonghop-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data()))
    throw_unreadable(Text("không tạo được thư mục tạm", "a temporary folder cannot be made"));
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string convert_to_xlsx(const std::string& soffice, const std::string& input,
                            const std::string& outdir, unsigned seconds) {
  return convert_with_libreoffice(soffice, input, outdir, seconds, "xlsx");
}

std::string convert_with_libreoffice(const std::string& soffice, const std::string& input,
                                     const std::string& outdir, unsigned seconds, const std::string& to) {
  std::error_code ec;
  std::string abs_input = fs::absolute(input, ec).string();
  std::string profile = "-env:UserInstallation=file://" + outdir + "/profile";
  // LibreOffice's environment: HOME and TMPDIR in the private folder, so that a missing or
  // read-only home (CI, a service account) and concurrent conversions never share state.
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("HOME=", 0) == 0 || v.rfind("TMPDIR=", 0) == 0) continue;
    env_strings.emplace_back(v);
  }
  env_strings.push_back("HOME=" + outdir);
  env_strings.push_back("TMPDIR=" + outdir);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  const char* argv[] = {soffice.c_str(), profile.c_str(), "--headless", "--norestore", "--convert-to", to.c_str(),
                        "--outdir", outdir.c_str(), abs_input.c_str(), nullptr};
  pid_t pid = ::fork();
  if (pid < 0) throw_unreadable(Text("không chạy được LibreOffice", "LibreOffice cannot be started"));
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group, so a time-out kills what it started too
    int devnull = ::open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      ::dup2(devnull, 0), ::dup2(devnull, 1), ::dup2(devnull, 2);
    }
    ::execve(soffice.c_str(), const_cast<char* const*>(argv), env.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw_unreadable(Text("LibreOffice không chuyển đổi xong trong " + std::to_string(seconds) + " giây",
                            "LibreOffice did not finish converting within " + std::to_string(seconds) + " seconds"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // anything it left behind
  std::string out = (fs::path(outdir) / fs::path(input).stem()).string() + "." + to;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(out, ec))
    throw_unreadable(Text("LibreOffice không chuyển đổi được tệp", "LibreOffice could not convert the file"));
  return out;
}

}  // namespace tonghop
