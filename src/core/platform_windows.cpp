// Windows (mingw-w64): Win32 and the Microsoft C runtime. Paths are UTF-8 everywhere in
// tonghop and become UTF-16 here, so Vietnamese file names reach the file system intact.
#ifdef _WIN32
#include <windows.h>
#include <process.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <filesystem>

#include "core/platform.hpp"

namespace tonghop::platform {
namespace {

std::wstring wide(const std::string& s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), int(s.size()), nullptr, 0);
  std::wstring out(std::size_t(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), int(s.size()), out.data(), n);
  return out;
}

std::string narrow(const std::wstring& s) {
  if (s.empty()) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, s.data(), int(s.size()), nullptr, 0, nullptr, nullptr);
  std::string out(std::size_t(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, s.data(), int(s.size()), out.data(), n, nullptr, nullptr);
  return out;
}

std::string system_message(DWORD code) {
  wchar_t* text = nullptr;
  FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                 nullptr, code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
  std::string out;
  if (text) {
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
    out.resize(std::size_t(n > 0 ? n - 1 : 0));
    WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), n, nullptr, nullptr);
    LocalFree(text);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.')) out.pop_back();
  return out.empty() ? "error " + std::to_string(code) : out;
}

wchar_t g_path[4096];
std::atomic<bool> g_armed{false};

BOOL WINAPI remove_on_ctrl(DWORD) {
  if (g_armed.load()) DeleteFileW(g_path);
  return FALSE;  // then the default handler ends the process
}

}  // namespace

std::time_t utc_seconds(std::tm tm) { return _mkgmtime(&tm); }

std::tm utc_tm(std::time_t t) {
  std::tm out{};
  gmtime_s(&out, &t);
  return out;
}

long process_id() { return long(_getpid()); }

void map_large_allocations(std::size_t) {}

ReplaceResult replace_file(const std::string& from, const std::string& to) {
  ReplaceResult r;
  if (!MoveFileExW(wide(from).c_str(), wide(to).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    DWORD code = GetLastError();
    r.ok = false;
    // Access is also denied when the target is a folder: that is not a file in use.
    DWORD attrs = GetFileAttributesW(wide(to).c_str());
    bool folder = attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
    r.in_use = !folder && (code == ERROR_SHARING_VIOLATION || code == ERROR_LOCK_VIOLATION || code == ERROR_ACCESS_DENIED);
    r.message = system_message(code);
  }
  return r;
}

RemoveOnInterrupt::RemoveOnInterrupt(const std::string& path) {
  auto w = wide(path);
  if (w.size() >= sizeof g_path / sizeof g_path[0]) return;
  std::memcpy(g_path, w.c_str(), (w.size() + 1) * sizeof(wchar_t));
  g_armed = true;
  SetConsoleCtrlHandler(remove_on_ctrl, TRUE);
  armed_ = true;
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  if (!armed_) return;
  SetConsoleCtrlHandler(remove_on_ctrl, FALSE);
  g_armed = false;
}

void use_utf8_console() {
  SetConsoleOutputCP(CP_UTF8);
  SetConsoleCP(CP_UTF8);
}

std::optional<std::string> find_executable(const std::string& name) {
  const wchar_t* path = _wgetenv(L"PATH");
  if (!path) return std::nullopt;
  std::wstring p = path, exe = wide(name) + L".exe";
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find(L';', start);
    if (end == std::wstring::npos) end = p.size();
    std::wstring candidate = p.substr(start, end - start) + L"\\" + exe;
    DWORD attrs = GetFileAttributesW(candidate.c_str());
    if (end > start && attrs != INVALID_FILE_ATTRIBUTES && !(attrs & FILE_ATTRIBUTE_DIRECTORY)) return narrow(candidate);
    start = end + 1;
  }
  return std::nullopt;
}

std::vector<std::string> application_dirs() {
  std::vector<std::string> out;
  for (const wchar_t* var : {L"ProgramFiles", L"ProgramFiles(x86)", L"ProgramW6432"})
    if (const wchar_t* v = _wgetenv(var)) {
      std::string dir = narrow(v);
      if (std::find(out.begin(), out.end(), dir) == out.end()) out.push_back(dir);
    }
  return out;
}

std::optional<std::string> make_temp_dir(const std::string& stem) {
  std::error_code ec;
  auto base = std::filesystem::temp_directory_path(ec);
  if (ec) return std::nullopt;
  for (unsigned n = 0; n < 1000; ++n) {
    auto dir = base / (stem + "-" + std::to_string(process_id()) + "-" + std::to_string(GetTickCount() + n));
    if (std::filesystem::create_directory(dir, ec)) return dir.string();
  }
  return std::nullopt;
}

namespace {

// One argument as CommandLineToArgvW reads it back.
std::wstring quote(const std::wstring& a) {
  if (!a.empty() && a.find_first_of(L" \t\"") == std::wstring::npos) return a;
  std::wstring out = L"\"";
  std::size_t slashes = 0;
  for (wchar_t c : a) {
    if (c == L'\\') {
      ++slashes;
      continue;
    }
    out.append(c == L'"' ? slashes * 2 + 1 : slashes, L'\\');
    slashes = 0;
    out += c;
  }
  out.append(slashes * 2, L'\\');
  return out + L"\"";
}

}  // namespace

ProgramResult run_program(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env, unsigned seconds) {
  ProgramResult result;
  if (argv.empty()) return result;
  std::wstring cmd;
  for (const auto& a : argv) cmd += (cmd.empty() ? L"" : L" ") + quote(wide(a));
  // The environment block: this process's, with env's variables replaced.
  std::wstring block;
  if (wchar_t* cur = GetEnvironmentStringsW()) {
    for (const wchar_t* e = cur; *e; e += wcslen(e) + 1) {
      std::wstring v(e);
      bool replaced = false;
      for (const auto& [k, _] : env) {
        std::wstring wk = wide(k) + L"=";
        replaced = replaced || _wcsnicmp(v.c_str(), wk.c_str(), wk.size()) == 0;
      }
      if (!replaced) block += v + L'\0';
    }
    FreeEnvironmentStringsW(cur);
  }
  for (const auto& [k, v] : env) block += wide(k) + L"=" + wide(v) + L'\0';
  block += L'\0';
  // A job object ends everything the program started when it is closed.
  HANDLE job = CreateJobObjectW(nullptr, nullptr);
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
  info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  if (job) SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info);
  STARTUPINFOW si{};
  si.cb = sizeof si;
  PROCESS_INFORMATION pi{};
  if (!CreateProcessW(nullptr, cmd.data(), nullptr, nullptr, FALSE,
                      CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW | CREATE_SUSPENDED, block.data(), nullptr, &si, &pi)) {
    if (job) CloseHandle(job);
    return result;
  }
  if (job) AssignProcessToJobObject(job, pi.hProcess);
  ResumeThread(pi.hThread);
  result.started = true;
  if (WaitForSingleObject(pi.hProcess, seconds * 1000u) == WAIT_TIMEOUT) {
    result.timed_out = true;
    TerminateProcess(pi.hProcess, 1);
  } else {
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    result.exit_code = int(code);
  }
  CloseHandle(pi.hThread);
  CloseHandle(pi.hProcess);
  if (job) CloseHandle(job);
  return result;
}

std::string executable_dir() {
  std::wstring buf(32768, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, buf.data(), DWORD(buf.size()));
  if (n == 0 || n >= buf.size()) return {};
  buf.resize(n);
  return utf8_of(std::filesystem::path(buf).parent_path());
}

// No fork on Windows: no channel is ever made, so the rest is never reached.
bool make_channel(int[2]) { return false; }
long fork_process() { return -1; }
void exit_now(int code) { _exit(code); }
void close_channel(int) {}
bool write_channel(int, std::string_view) { return false; }
bool read_channel(int, char*, std::size_t) { return false; }
bool read_channel_to_end(int, std::string&) { return false; }
std::vector<bool> wait_readable(const std::vector<int>&, int) { return {}; }
ProcessEnd wait_process(long) { return {}; }
void kill_process(long) {}
std::function<void()> limit_address_space(std::uint64_t) {
  return [] {};
}

ChildResult run_in_child(const std::function<std::string()>&, std::uint64_t, std::uint64_t) {
  return {};  // Unavailable: the caller reads in this process
}

ChildResult run_in_child_steps(const std::function<std::string(const std::function<void()>&)>&, std::uint64_t,
                               std::uint64_t, bool& in_first_step) {
  in_first_step = false;
  return {};
}

}  // namespace tonghop::platform
#endif
