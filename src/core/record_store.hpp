// Records of text fields kept in order for what is written after others (the consolidated
// workbook's issue lines and raw rows, the check report's summary): in memory up to a few
// hundred KiB, then appended to a temporary file, so that a long list is never held whole.
//
//   RecordStore later;
//   later.add({"a.xlsx", "Biểu 01", "F8"});
//   later.each([&](const std::vector<std::string>& fields) { ... });
#pragma once

#include <cstddef>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

class RecordStore {
 public:
  explicit RecordStore(std::size_t in_memory = 256 * 1024) : in_memory_(in_memory) {}
  ~RecordStore();
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  void add(std::initializer_list<std::string_view> fields) { add(std::span(fields.begin(), fields.size())); }
  void add(std::span<const std::string_view> fields);
  // Every record in the order added (throws std::runtime_error when the temporary file fails).
  void each(const std::function<void(const std::vector<std::string>&)>& use);
  std::size_t size() const { return records_; }

 private:
  void flush();
  std::size_t in_memory_, records_ = 0;
  std::string buffer_, dir_;
  std::fstream file_;
  std::vector<std::size_t> lengths_;  // of the flushed buffers, each holding whole records
};

}  // namespace tonghop
