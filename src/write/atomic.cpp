#include "write/atomic.hpp"

#include <filesystem>

#include "core/platform.hpp"
#include "write/write_error.hpp"

namespace tonghop {

void write_atomically(const std::string& out, const std::function<void(const std::string& tmp)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto dir = fs::path(out).parent_path();
  if (!dir.empty() && !fs::is_directory(dir, ec))
    throw WriteError("the folder " + dir.string() + " does not exist", "thư mục " + dir.string() + " không có");
  // A hidden name in the same folder, so the rename stays on one file system.
  std::string tmp =
      (dir / ("." + fs::path(out).filename().string() + ".tmp-" + std::to_string(platform::process_id()))).string();
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
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace tonghop
