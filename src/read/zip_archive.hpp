// A zip package (xlsx, ods) opened through libzip with the guards of ReadLimits: the
// central directory is checked before anything is inflated, and inflated bytes are
// counted while reading because declared sizes are not trusted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "read/limits.hpp"
#include "read/xml_stream.hpp"

struct zip;
struct zip_file;

namespace tonghop {

class ZipArchive;

// One inflating part. read() returns 0 at the end.
class ZipEntryStream : public ByteSource {
 public:
  ~ZipEntryStream() override;
  ZipEntryStream(ZipEntryStream&&) noexcept;
  ZipEntryStream& operator=(ZipEntryStream&&) = delete;
  std::size_t read(char* buf, std::size_t n) override;

 private:
  friend class ZipArchive;
  ZipEntryStream(zip_file* f, std::string name, std::uint64_t declared, std::uint64_t limit);
  zip_file* file_;
  std::string name_;
  std::uint64_t declared_;
  std::uint64_t limit_;
  std::uint64_t count_ = 0;
};

class ZipArchive {
 public:
  // Opens and pre-flights the package; throws InputError.
  ZipArchive(const std::string& path, const ReadLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Part names are matched without case, with '\' as '/' and without a leading '/', the
  // way Excel tolerates them.
  bool has(std::string_view name) const { return find(name).has_value(); }
  ZipEntryStream open(std::string_view name) const;
  // Whole part into memory: only for small parts (rels, workbook, manifest).
  std::string read_all(std::string_view name) const;
  std::optional<std::string> read_if_present(std::string_view name) const;

 private:
  std::optional<std::uint64_t> find(std::string_view name) const;
  void preflight();  // the central directory against the limits; throws InputError
  zip* zip_ = nullptr;
  const ReadLimits& limits_;
  std::unordered_map<std::string, std::uint64_t> exact_;
  std::unordered_map<std::string, std::uint64_t> index_;  // lower-cased names
  std::unordered_map<std::uint64_t, std::uint64_t> declared_;
};

// "xl/worksheets/../sharedStrings.xml" -> "xl/sharedStrings.xml"; base is the folder of
// the part that holds the relationship ("xl/").
std::string resolve_part(std::string_view base, std::string_view target);
std::string normalise_part_name(std::string_view name);

}  // namespace tonghop
