#include "fuzz_support.hpp"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tonghop::fuzz {
namespace {

// Never destroyed: the cleanup at exit must not read a string destroyed before it.
const std::string& work_dir() {
  static const std::string* dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tonghop-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    return new std::string(tmpl);
  }();
  return *dir;
}

// Removes this process's own folder (and only a folder made by mkdtemp above) at exit.
struct Cleanup {
  std::string dir = work_dir();
  ~Cleanup() {
    if (dir.find("/tonghop-fuzz-") == std::string::npos) return;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

ReadLimits fuzz_limits() {
  static Cleanup cleanup;  // the work folder goes when the fuzzer exits normally
  ReadLimits l;
  l.file_bytes = 8u << 20;
  l.zip_entries = 2000;
  l.unzipped_bytes = 32u << 20;
  l.cells = 200'000;
  l.sheets = 200;
  l.text_bytes = 8u << 20;
  l.allow_conversion = false;  // never start LibreOffice from a fuzzer
  return l;
}

const std::string& write_input(const std::uint8_t* data, std::size_t size, std::string_view suffix) {
  static std::string path;
  path = work_dir() + "/input" + std::string(suffix);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  return path;
}

std::vector<std::pair<std::string, std::string>> split_parts(std::string_view in) {
  std::vector<std::pair<std::string, std::string>> parts;
  constexpr std::string_view mark = "@@@ ";
  std::size_t pos = in.rfind(mark, 0) == 0 ? 0 : in.find("\n@@@ ");
  if (pos == std::string_view::npos) return parts;
  if (pos != 0) ++pos;
  while (pos < in.size()) {
    auto name_begin = pos + mark.size();
    auto name_end = in.find('\n', name_begin);
    if (name_end == std::string_view::npos) name_end = in.size();
    auto next = in.find("\n@@@ ", name_end);
    auto content_end = next == std::string_view::npos ? in.size() : next;
    auto content_begin = std::min(name_end + 1, content_end);
    parts.emplace_back(std::string(in.substr(name_begin, name_end - name_begin)),
                       std::string(in.substr(content_begin, content_end - content_begin)));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return parts;
}

const std::string& write_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  static std::string path;
  path = work_dir() + "/package.zip";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) std::abort();
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    if (!src) continue;
    zip_int64_t i = zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (i < 0) {
      zip_source_free(src);
      continue;
    }
    zip_set_file_compression(z, zip_uint64_t(i), ZIP_CM_STORE, 0);
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    std::filesystem::remove(path);
    // An empty file: the reader refuses it, which is a fine outcome for a fuzz input.
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f) std::fclose(f);
  }
  return path;
}

const std::string& package_path(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (in.rfind("PK", 0) == 0) return write_input(data, size, ".zip");
  return write_zip(split_parts(in));
}

}  // namespace tonghop::fuzz
