// The compound-file container of .xls files ([MS-CFB]): header, FAT through the DIFAT,
// directory, mini FAT and mini stream. Our own, so that Linux and Windows read .xls alike
// without libgsf and glib. Every sector chain is bounded by the file and checked for
// cycles; a damaged container is an InputError (unreadable-file) that says what is wrong.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "read/limits.hpp"

namespace tonghop {

// Where the container's bytes come from: a file read on demand, or bytes in memory.
class CfbSource {
 public:
  virtual ~CfbSource() = default;
  virtual std::uint64_t size() const = 0;
  // Reads n bytes at offset; false when they are not all there.
  virtual bool read_at(std::uint64_t offset, void* out, std::size_t n) = 0;
};

std::shared_ptr<CfbSource> cfb_file_source(const std::string& path);  // throws InputError
std::shared_ptr<CfbSource> cfb_memory_source(std::string bytes);

// One stream of the container, read sequentially or after a seek.
class CfbStream {
 public:
  std::uint64_t size() const { return size_; }
  std::uint64_t tell() const { return pos_; }
  // False (position unchanged) past the end.
  bool seek(std::uint64_t pos);
  // Reads exactly n bytes; false (position unchanged) when fewer remain. A sector that the
  // file does not hold is an InputError.
  bool read(void* out, std::size_t n);
  // The whole stream from its start.
  std::vector<std::uint8_t> read_all();

 private:
  friend class CompoundFile;
  std::shared_ptr<CfbSource> src_;
  std::vector<std::uint64_t> offsets_;  // file offset of each sector (or mini sector)
  std::uint32_t sector_size_ = 512;
  std::uint64_t size_ = 0, pos_ = 0;
  // The sector last read: records are small, so each sector is read from the file once.
  std::vector<std::uint8_t> cache_;
  std::size_t cached_ = SIZE_MAX;
};

class CompoundFile {
 public:
  struct Entry {
    std::string name;  // UTF-8
    std::uint8_t type = 0;  // 1 storage, 2 stream, 5 root
    std::uint32_t start = 0;
    std::uint64_t size = 0;
  };

  // Reads and checks the header, FAT, directory and mini FAT.
  CompoundFile(std::shared_ptr<CfbSource> src, const ReadLimits& limits);

  // The root storage's direct children, in name order of the directory tree.
  const std::vector<Entry>& root_children() const { return children_; }
  // A root child by name, ASCII case ignored as Windows does; nullptr if absent.
  const Entry* find(std::string_view name) const;
  // A stream's bytes; a chain shorter than the stream's size, leaving the file or looping
  // is an InputError.
  CfbStream open(const Entry& stream) const;

 private:
  struct Label {
    std::string vi, en;
  };
  std::vector<std::uint64_t> chain(const std::vector<std::uint32_t>& table, std::uint32_t start,
                                   std::uint64_t count, bool mini, const Label& what) const;
  std::vector<std::uint32_t> read_sectors_as_table(const std::vector<std::uint64_t>& offsets,
                                                   std::string_view what) const;

  std::shared_ptr<CfbSource> src_;
  std::uint32_t sector_shift_ = 9, mini_shift_ = 6, mini_cutoff_ = 4096;
  std::uint64_t sectors_in_file_ = 0;
  std::vector<std::uint32_t> fat_, minifat_;
  std::vector<std::uint64_t> mini_stream_;  // file offset of each mini stream sector
  std::vector<Entry> children_;
};

}  // namespace tonghop
