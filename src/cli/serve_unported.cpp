// `tonghop serve` where the serve stage is not ported (Windows: it runs each check in a
// POSIX child process and listens with POSIX sockets). CMakeLists.txt builds this file
// instead of serve_command.cpp there: the command says so and names what works instead.
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "core/issue.hpp"

namespace tonghop::cli {

int serve_command(const std::vector<std::string>& args, Streams io) {
  if (lang_from_args(args) == Lang::En)
    io.err << "tonghop serve: the office's web page is not available in this Windows build yet.\n"
              "Use the commands instead: tonghop check (kiem-tra.bat), tonghop consolidate (tong-hop.bat),\n"
              "tonghop plan and tonghop template; or run tonghop serve on a Linux machine of the office.\n";
  else
    io.err << "tonghop serve: bản cho Windows chưa có trang làm việc của văn phòng.\n"
              "Dùng các lệnh: tonghop check (kiem-tra.bat), tonghop consolidate (tong-hop.bat),\n"
              "tonghop plan và tonghop template; hoặc chạy tonghop serve trên một máy Linux của văn phòng.\n";
  return int(ExitCode::Usage);
}

}  // namespace tonghop::cli
