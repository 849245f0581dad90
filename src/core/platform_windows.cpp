// Windows (mingw-w64): Win32 and the Microsoft C runtime. Paths are UTF-8 everywhere in
// tonghop and become UTF-16 here, so Vietnamese file names reach the file system intact.
#ifdef _WIN32
#include <winsock2.h>  // before windows.h, which would bring the old winsock.h
#include <windows.h>
#include <bcrypt.h>
#include <process.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

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
  auto self = executable_path();
  if (self == "tonghop") return {};
  return utf8_of(path_from_utf8(self).parent_path());
}

std::string executable_path() {
  std::wstring buf(32768, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, buf.data(), DWORD(buf.size()));
  if (n == 0 || n >= buf.size()) return "tonghop";
  buf.resize(n);
  return narrow(buf);
}

namespace {

// Closes a handle when it goes out of scope (none: null or INVALID_HANDLE_VALUE).
struct Handle {
  HANDLE h = nullptr;
  Handle() = default;
  explicit Handle(HANDLE v) : h(v) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close(); }
  void close() {
    if (h && h != INVALID_HANDLE_VALUE) CloseHandle(h);
    h = nullptr;
  }
  explicit operator bool() const { return h && h != INVALID_HANDLE_VALUE; }
};

// The null device, inheritable, for a child's standard input or errors.
HANDLE inheritable_nul(DWORD access) {
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  return CreateFileW(L"NUL", access, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0, nullptr);
}

}  // namespace

CapturedRun run_captured(const std::vector<std::string>& argv, double seconds, std::size_t output_bytes,
                         std::uint64_t memory_bytes) {
  CapturedRun r;
  if (argv.empty()) return r;
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  Handle read_end, write_end;
  if (!CreatePipe(&read_end.h, &write_end.h, &inherit, 0)) return r;
  SetHandleInformation(read_end.h, HANDLE_FLAG_INHERIT, 0);
  Handle in(inheritable_nul(GENERIC_READ)), err;
  HANDLE own_err = GetStdHandle(STD_ERROR_HANDLE);
  if (!own_err || own_err == INVALID_HANDLE_VALUE ||
      !DuplicateHandle(GetCurrentProcess(), own_err, GetCurrentProcess(), &err.h, 0, TRUE, DUPLICATE_SAME_ACCESS))
    err.h = inheritable_nul(GENERIC_WRITE);
  if (!in || !err) return r;
  // Only these three handles reach the child: never a client's socket or the database.
  HANDLE handles[3] = {in.h, write_end.h, err.h};
  SIZE_T size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
  std::vector<char> attr_buf(size);
  auto attrs = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(attr_buf.data());
  bool listed = size > 0 && InitializeProcThreadAttributeList(attrs, 1, 0, &size) &&
                UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, handles, sizeof handles, nullptr,
                                          nullptr);
  STARTUPINFOEXW si{};
  si.StartupInfo.cb = sizeof si;
  si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  si.StartupInfo.hStdInput = in.h;
  si.StartupInfo.hStdOutput = write_end.h;
  si.StartupInfo.hStdError = err.h;
  if (listed) si.lpAttributeList = attrs;
  // A job object: the memory limit, no crash dialog waiting for a click (the process just
  // ends), and everything the child started ends with it.
  Handle job(CreateJobObjectW(nullptr, nullptr));
  if (job) {
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
    info.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    if (memory_bytes) {
      info.BasicLimitInformation.LimitFlags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY;
      info.ProcessMemoryLimit = SIZE_T(memory_bytes);
    }
    if (!SetInformationJobObject(job.h, JobObjectExtendedLimitInformation, &info, sizeof info)) {
      info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
      SetInformationJobObject(job.h, JobObjectExtendedLimitInformation, &info, sizeof info);
    }
  }
  std::wstring cmd;
  for (const auto& a : argv) cmd += (cmd.empty() ? L"" : L" ") + quote(wide(a));
  std::wstring program = wide(argv[0]);
  // A child of a console program shares its console (no window of its own); without one,
  // no new console window either.
  DWORD flags = CREATE_SUSPENDED | (listed ? EXTENDED_STARTUPINFO_PRESENT : 0) |
                (GetConsoleWindow() ? 0 : CREATE_NO_WINDOW);
  PROCESS_INFORMATION pi{};
  BOOL started = CreateProcessW(program.c_str(), cmd.data(), nullptr, nullptr, TRUE, flags, nullptr, nullptr,
                                &si.StartupInfo, &pi);
  if (listed) DeleteProcThreadAttributeList(attrs);
  // The child holds its own copies now: our write end closed, its exit ends the reads.
  write_end.close();
  in.close();
  err.close();
  if (!started) return r;
  Handle process(pi.hProcess), thread(pi.hThread);
  if (job) AssignProcessToJobObject(job.h, process.h);
  ResumeThread(thread.h);
  auto kill = [&] {
    if (!job || !TerminateJobObject(job.h, 1)) TerminateProcess(process.h, 1);
  };
  bool too_much = false;
  std::thread reader([&] {
    char buf[65536];
    DWORD got = 0;
    while (ReadFile(read_end.h, buf, sizeof buf, &got, nullptr) && got > 0) {
      if (too_much) continue;  // drained until the child is gone
      r.output.append(buf, got);
      if (r.output.size() > output_bytes) {
        too_much = true;
        kill();
      }
    }
  });
  double ms = seconds * 1000;
  bool timed_out = WaitForSingleObject(process.h, ms >= double(INFINITE - 1) ? INFINITE - 1 : DWORD(ms)) == WAIT_TIMEOUT;
  if (timed_out) kill();
  WaitForSingleObject(process.h, INFINITE);
  kill();  // anything it left behind (the pipe's last writer among them)
  reader.join();
  DWORD code = 1;
  GetExitCodeProcess(process.h, &code);
  if (timed_out || too_much) {
    r.status = timed_out ? CapturedRun::Status::TimedOut : CapturedRun::Status::TooMuchOutput;
    r.output.clear();
  } else if ((code & 0xC0000000u) == 0xC0000000u) {  // an NTSTATUS error: an exception ended it
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08lx", static_cast<unsigned long>(code));
    r.status = CapturedRun::Status::Crashed;
    r.crash = std::string("exception ") + hex;
  } else {
    r.status = CapturedRun::Status::Exited;
    r.exit_code = int(code);
  }
  return r;
}

void limit_this_process(std::uint64_t, std::uint64_t) {
  // The parent's job object bounds memory and ends the child on a crash; no dialog either
  // way (a console program with nobody to click it away).
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
}

std::string host_name() {
  wchar_t name[256];
  DWORD n = sizeof name / sizeof name[0];
  if (!GetComputerNameExW(ComputerNameDnsHostname, name, &n)) return {};
  return narrow(std::wstring(name, n));
}

namespace {
void (*g_stop)() = nullptr;
BOOL WINAPI call_stop(DWORD event) {
  if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT) return FALSE;
  if (g_stop) g_stop();
  return TRUE;
}
}  // namespace

void on_stop_request(void (*stop)()) {
  g_stop = stop;
  SetConsoleCtrlHandler(call_stop, TRUE);
}

std::string random_bytes(std::size_t n) {
  std::string raw(n, '\0');
  if (!BCRYPT_SUCCESS(BCryptGenRandom(nullptr, reinterpret_cast<PUCHAR>(raw.data()), ULONG(n),
                                      BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
    throw std::runtime_error("BCryptGenRandom failed: no random source");
  return raw;
}

void write_new_file_synced(const std::string& path, std::string_view bytes) {
  Handle f(CreateFileW(wide(path).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!f) throw std::runtime_error("create " + path + ": " + system_message(GetLastError()));
  while (!bytes.empty()) {
    DWORD chunk = DWORD(std::min<std::size_t>(bytes.size(), 1u << 30)), wrote = 0;
    if (!WriteFile(f.h, bytes.data(), chunk, &wrote, nullptr) || wrote == 0)
      throw std::runtime_error("write " + path + ": " + system_message(GetLastError()));
    bytes.remove_prefix(wrote);
  }
  if (!FlushFileBuffers(f.h)) throw std::runtime_error("flush " + path + ": " + system_message(GetLastError()));
}

void sync_path(const std::string& path) {
  auto w = wide(path);
  DWORD attrs = GetFileAttributesW(w.c_str());
  if (attrs == INVALID_FILE_ATTRIBUTES) throw std::runtime_error("open " + path + ": " + system_message(GetLastError()));
  if (attrs & FILE_ATTRIBUTE_DIRECTORY) return;  // NTFS journals a folder's entries itself
  Handle f(CreateFileW(w.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!f || !FlushFileBuffers(f.h)) throw std::runtime_error("flush " + path + ": " + system_message(GetLastError()));
}

std::tm local_tm(std::time_t t) {
  std::tm out{};
  localtime_s(&out, &t);
  return out;
}

void set_socket_timeouts(std::uintptr_t socket, unsigned seconds) {
  DWORD ms = DWORD(seconds) * 1000;
  setsockopt(SOCKET(socket), SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&ms), sizeof ms);
  setsockopt(SOCKET(socket), SOL_SOCKET, SO_SNDTIMEO, reinterpret_cast<const char*>(&ms), sizeof ms);
}

bool socket_readable(std::uintptr_t socket, int milliseconds) {
  fd_set set;
  FD_ZERO(&set);
  FD_SET(SOCKET(socket), &set);
  timeval tv{milliseconds / 1000, (milliseconds % 1000) * 1000};
  return select(0, &set, nullptr, nullptr, &tv) > 0;
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
