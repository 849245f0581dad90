#include "core/record_store.hpp"

#include <filesystem>

#include "core/byte_codec.hpp"
#include "core/platform.hpp"
#include <stdexcept>

namespace tonghop {

RecordStore::~RecordStore() {
  if (file_.is_open()) file_.close();
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(platform::path_from_utf8(dir_), ec);
}

void RecordStore::add(std::span<const std::string_view> fields) {
  ByteWriter w;
  w.out.swap(buffer_);
  w.pod<std::uint32_t>(std::uint32_t(fields.size()));
  for (auto f : fields) {
    w.pod<std::uint64_t>(f.size());
    w.out.append(f);
  }
  w.out.swap(buffer_);
  ++records_;
  if (buffer_.size() > in_memory_) flush();
}

void RecordStore::flush() {
  if (buffer_.empty()) return;
  if (!file_.is_open()) {
    auto dir = platform::make_temp_dir("tonghop-lines");
    if (!dir) throw std::runtime_error("cannot create a temporary folder for the workbook's lines");
    dir_ = *dir;
    file_.open(platform::path_from_utf8(dir_) / "lines", std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
    if (!file_) throw std::runtime_error("cannot create a temporary file in " + dir_);
  }
  if (!file_.write(buffer_.data(), std::streamsize(buffer_.size()))) throw std::runtime_error("cannot write in " + dir_);
  lengths_.push_back(buffer_.size());
  buffer_.clear();
}

void RecordStore::each(const std::function<void(const std::vector<std::string>&)>& use) {
  std::vector<std::string> fields;
  auto read = [&](std::string_view bytes) {
    ByteReader r(bytes);
    while (r.left()) {
      fields.resize(r.pod<std::uint32_t>());
      for (auto& f : fields) f = r.str();
      use(fields);
    }
  };
  if (file_.is_open()) {
    if (!file_.flush() || !file_.seekg(0)) throw std::runtime_error("cannot read back " + dir_);
    std::string chunk;
    for (auto length : lengths_) {
      chunk.resize(length);
      if (!file_.read(chunk.data(), std::streamsize(length))) throw std::runtime_error("cannot read back " + dir_);
      read(chunk);
    }
    file_.seekp(0, std::ios::end);
  }
  read(buffer_);
}

}  // namespace tonghop
