// What differs between Linux and Windows, behind a few small functions: the stages call
// these, never a POSIX or Win32 function. platform_posix.cpp and platform_windows.cpp each
// compile only on their own platform; what is the same everywhere is in platform.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <optional>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tonghop::platform {

// Time: a broken-down UTC time to seconds since 1970 and back (timegm and gmtime_r on
// POSIX, _mkgmtime and gmtime_s on Windows).
std::time_t utc_seconds(std::tm tm);
std::tm utc_tm(std::time_t t);

// A file's last modification as seconds since 1970 UTC; nullopt when it cannot be read.
std::optional<std::int64_t> modified_seconds(const std::string& path);

// The folder holding this program's executable (UTF-8); empty when it cannot be told.
std::string executable_dir();

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

// Processes. A program found on PATH (POSIX: executable; Windows: NAME.exe); nullopt if none.
std::optional<std::string> find_executable(const std::string& name);
// Where applications are installed (Windows: %ProgramFiles%, %ProgramFiles(x86)%; none
// elsewhere), for programs that are seldom on PATH there (LibreOffice).
std::vector<std::string> application_dirs();
// A new private folder under the system's temporary folder; nullopt when none can be made.
std::optional<std::string> make_temp_dir(const std::string& stem);

// Runs a program (argv[0] its path) with no console input or output, the environment with
// `env` set, for at most `seconds`; what it started is ended with it.
struct ProgramResult {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;
};
ProgramResult run_program(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env, unsigned seconds);

// Runs a program (argv[0] its path) with no console input, its standard output captured,
// its errors on this process's and nothing else of this process inherited (a client's
// socket never lives on in it), for at most `seconds`, ended as soon as it wrote more than
// output_bytes. memory_bytes (0: none) bounds its memory from outside where the system
// can (Windows: its job object); on POSIX the program bounds itself (limit_this_process).
// Everything it started ends with it on Windows (the job object); on POSIX its own.
struct CapturedRun {
  enum class Status { NotStarted, Exited, Crashed, TimedOut, TooMuchOutput };
  Status status = Status::NotStarted;
  int exit_code = -1;  // Exited
  int signal = 0;      // Crashed on POSIX: the signal that ended it
  std::string crash;   // Crashed: "signal 11", "exception 0xc0000005"
  std::string output;  // Exited, Crashed: what it wrote
};
CapturedRun run_captured(const std::vector<std::string>& argv, double seconds, std::size_t output_bytes,
                         std::uint64_t memory_bytes);

// A child bounds itself before it works on an untrusted file: address space, CPU seconds,
// no core file (setrlimit). Nothing on Windows, where run_captured's job object does it.
void limit_this_process(std::uint64_t memory_bytes, std::uint64_t cpu_seconds);

// This program's own path (UTF-8), to start a copy of the same build; "tonghop" if unknown.
std::string executable_path();

// This machine's network name; empty when it cannot be told.
std::string host_name();

// From now on a stop request (Ctrl+C, SIGTERM; on Windows Ctrl+C, Ctrl+Break and closing the
// console) calls `stop` (it must return at once) instead of ending the process; a peer
// that closed its connection is an error to the writer, not a signal that ends the process.
void on_stop_request(void (*stop)());

// n bytes from the system's random source (/dev/urandom, BCryptGenRandom). Throws
// std::runtime_error when there is none.
std::string random_bytes(std::size_t n);

// Creates `path` (it must not exist) with `bytes`, on the disk when this returns; throws
// std::runtime_error naming the path and the system's reason.
void write_new_file_synced(const std::string& path, std::string_view bytes);
// A file's data, or a folder's entries (POSIX; NTFS journals them itself), on the disk.
// Throws std::runtime_error naming the path.
void sync_path(const std::string& path);

// Local broken-down time (localtime_r, localtime_s).
std::tm local_tm(std::time_t t);

// A connected socket (its native handle): each receive and send fails after `seconds`
// without progress.
void set_socket_timeouts(std::uintptr_t socket, unsigned seconds);
// Whether a socket (a listening one: a connection waits) is readable within milliseconds.
bool socket_readable(std::uintptr_t socket, int milliseconds);

// Runs work in a child process (a copy of this one) with at most `memory_bytes` of
// address space, for at most `seconds`: a crash, hang or runaway allocation ends only the
// child. What work returns comes back in bytes.
struct ChildResult {
  enum class Status { Unavailable, Done, TimedOut, Signalled, Failed };
  Status status = Status::Unavailable;  // Unavailable: no child processes here (Windows)
  std::string bytes;
  std::string signal;  // "SIGSEGV" ... when Signalled
};
ChildResult run_in_child(const std::function<std::string()>& work, std::uint64_t seconds, std::uint64_t memory_bytes);
// The same, the limits bounding only work's first step (reading an untrusted file): work
// calls `first_step_done` after it, and the rest runs with no deadline and the memory limit
// lifted. `in_first_step`: the child ended (timed out, crashed) before the call.
ChildResult run_in_child_steps(const std::function<std::string(const std::function<void()>& first_step_done)>& work,
                               std::uint64_t seconds, std::uint64_t memory_bytes, bool& in_first_step);

// Copies of this process (fork) with a two-way byte channel to each, for work that must
// start from the same state every time (check's --jobs workers). Windows cannot copy a
// running process: make_channel is false there, and callers do the work in this process.
bool make_channel(int fds[2]);  // a connected pair of channel ends
long fork_process();            // 0 in the copy, its id here, -1 when none can be made
[[noreturn]] void exit_now(int code);  // no destructors or atexit handlers of the parent's state
void close_channel(int fd);
bool write_channel(int fd, std::string_view bytes);  // all of them; false when the other end is gone
bool read_channel(int fd, char* to, std::size_t n);  // exactly n bytes
bool read_channel_to_end(int fd, std::string& out);  // until the other end closes
// Which of fds have something to read (or were closed); waits until one has, or at most
// timeout_ms (then all false; -1: no limit). Empty on error.
std::vector<bool> wait_readable(const std::vector<int>& fds, int timeout_ms = -1);
struct ProcessEnd {
  bool signalled = false;
  std::string signal;       // the system's description ("Segmentation fault") when signalled
  std::string signal_name;  // "SIGSEGV", as ChildResult::signal
  int exit_code = -1;       // when it exited
};
ProcessEnd wait_process(long pid);
void kill_process(long pid);  // at once (SIGKILL)
// This process's address space limited to memory_bytes (as run_in_child's child) until the
// returned function is called, which lifts it again.
std::function<void()> limit_address_space(std::uint64_t memory_bytes);

// A path from UTF-8 (every path in tonghop is UTF-8 text): std::filesystem::path(std::string)
// reads the narrow string in the ANSI code page on Windows, which mangles Vietnamese names
// unless the manifest made it UTF-8; this never depends on that.
std::filesystem::path path_from_utf8(std::string_view utf8);
// And back: a path as UTF-8 text (path::string() is the ANSI code page on Windows).
std::string utf8_of(const std::filesystem::path& path);
// The last part of a UTF-8 path ("bao-cao/Công an.xlsx": "Công an.xlsx"), and without its
// extension ("Công an").
std::string file_name(std::string_view utf8_path);
std::string file_stem(std::string_view utf8_path);

// The console reads and writes UTF-8 (Vietnamese output and file names on a Windows
// console; nothing to do elsewhere).
void use_utf8_console();

}  // namespace tonghop::platform
