// Windows (mingw-w64): Win32 and the Microsoft C runtime. Paths are UTF-8 everywhere in
// tonghop and become UTF-16 here, so Vietnamese file names reach the file system intact.
#ifdef _WIN32
#include <windows.h>
#include <process.h>

#include <atomic>
#include <cstring>
#include <ctime>

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
    r.in_use = code == ERROR_SHARING_VIOLATION || code == ERROR_LOCK_VIOLATION || code == ERROR_ACCESS_DENIED;
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

}  // namespace tonghop::platform
#endif
