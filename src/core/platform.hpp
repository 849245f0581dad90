// What differs between Linux and Windows, behind a few small functions: the stages call
// these, never a POSIX or Win32 function. platform_posix.cpp and platform_windows.cpp each
// compile only on their own platform; what is the same everywhere is in platform.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

namespace tonghop::platform {

// Time: a broken-down UTC time to seconds since 1970 and back (timegm and gmtime_r on
// POSIX, _mkgmtime and gmtime_s on Windows).
std::time_t utc_seconds(std::tm tm);
std::tm utc_tm(std::time_t t);

// A file's last modification as seconds since 1970 UTC; nullopt when it cannot be read.
std::optional<std::int64_t> modified_seconds(const std::string& path);

// This process's id, for temporary names no other run uses.
long process_id();

// Large zeroed allocations (libxlsxwriter's 128 KiB column arrays) mapped fresh rather than
// zeroed on the heap: a fixed mmap threshold with glibc, nothing elsewhere.
void map_large_allocations(std::size_t threshold_bytes);

// Replaces `to` by `from` (same folder) in one step. Windows refuses while another program
// (Excel) holds `to` open: in_use then says so, and `to` is left as it was.
struct ReplaceResult {
  bool ok = true;
  bool in_use = false;
  std::string message;  // the system's reason when not ok
};
ReplaceResult replace_file(const std::string& from, const std::string& to);

// While one is alive, an interrupt (Ctrl+C, SIGTERM, SIGHUP; on Windows Ctrl+C, Ctrl+Break
// and closing the console window) removes `path` before the process ends as it would have.
// One at a time; a path too long to keep is not guarded (the caller's cleanup still runs).
class RemoveOnInterrupt {
 public:
  explicit RemoveOnInterrupt(const std::string& path);
  ~RemoveOnInterrupt();
  RemoveOnInterrupt(const RemoveOnInterrupt&) = delete;
  RemoveOnInterrupt& operator=(const RemoveOnInterrupt&) = delete;

 private:
  bool armed_ = false;
};

// The console reads and writes UTF-8 (Vietnamese output and file names on a Windows
// console; nothing to do elsewhere).
void use_utf8_console();

}  // namespace tonghop::platform
