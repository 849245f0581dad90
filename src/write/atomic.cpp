#include "write/atomic.hpp"

#include <filesystem>

#include "core/platform.hpp"
#include "write/write_error.hpp"

namespace tonghop {

void write_atomically(const std::string& out, const std::function<void(const std::string& tmp)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto target = platform::path_from_utf8(out);
  auto dir = target.parent_path();
  if (!dir.empty() && !fs::is_directory(dir, ec))
    throw WriteError("the folder " + platform::utf8_of(dir) + " does not exist",
                     "thư mục " + platform::utf8_of(dir) + " không có");
  // A hidden name in the same folder, so the rename stays on one file system.
  std::string tmp = platform::utf8_of(
      dir / platform::path_from_utf8("." + platform::utf8_of(target.filename()) + ".tmp-" +
                                     std::to_string(platform::process_id())));
  // Ctrl+C or a stop from a service manager removes it instead of leaving it beside the target.
  platform::RemoveOnInterrupt guard(tmp);
  try {
    write(tmp);
    auto replaced = platform::replace_file(tmp, out);
    if (replaced.in_use)
      throw WriteError(out + " is open in another program (Excel?): close it and run again; the old file is kept (" +
                           replaced.message + ")",
                       out + " đang mở trong chương trình khác (Excel?): đóng tệp rồi chạy lại; tệp cũ được giữ nguyên (" +
                           replaced.message + ")");
    if (!replaced.ok)
      throw WriteError("cannot replace " + out + ": " + replaced.message,
                       "không thay được " + out + ": " + replaced.message);
  } catch (...) {
    fs::remove(platform::path_from_utf8(tmp), ec);
    throw;
  }
}

}  // namespace tonghop
