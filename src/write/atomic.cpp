#include "write/atomic.hpp"

#include <unistd.h>

#include <filesystem>

#include "write/consolidated_writer.hpp"

namespace tonghop {

void write_atomically(const std::string& out, const std::function<void(const std::string& tmp)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto dir = fs::path(out).parent_path();
  if (!dir.empty() && !fs::is_directory(dir, ec)) throw WriteError("the folder " + dir.string() + " does not exist");
  // A hidden name in the same folder, so the rename stays on one file system.
  std::string tmp = (dir / ("." + fs::path(out).filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  try {
    write(tmp);
    fs::rename(tmp, out);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace tonghop
