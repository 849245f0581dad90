// Safety limits for reading untrusted files; each breach is a clean refusal
// (limit-exceeded, exit code 3). Users raise them with --limit KEY=VALUE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "read/sink.hpp"

namespace tonghop {

struct ReadLimits {
  std::uint64_t file_bytes = 512ull << 20;         // file-size
  std::uint64_t zip_entries = 10000;               // zip-entries
  std::uint64_t unzipped_bytes = 1ull << 30;       // unzipped-size: whole package and any part
  std::uint64_t zip_ratio = 250;                   // zip-ratio: for parts above 4 MiB
  std::uint64_t cells = 10'000'000;                // cells: non-empty cells in a workbook
  std::uint64_t sheets = 10000;                    // sheets
  std::uint64_t text_bytes = 64ull << 20;          // text-size: shared strings, CSV fields
  std::uint64_t convert_seconds = 60;              // convert-seconds: LibreOffice's time
  // Reading in a child process (read/isolated.hpp): its time and address space.
  std::uint64_t read_seconds = 300;                // read-seconds
  std::uint64_t read_memory = 8ull << 30;          // read-memory (bytes)
  // Whether formats tonghop does not read may be converted with LibreOffice when present.
  bool allow_conversion = true;
};

struct LimitDescription {
  std::string_view key;
  std::uint64_t ReadLimits::*field;
  std::string_view vi, en;
};
const std::vector<LimitDescription>& limit_descriptions();

// Applies "cells=20000000"; returns an error text (English) or nullopt.
std::optional<std::string> set_limit(ReadLimits& limits, std::string_view assignment);

// Wraps a sink: counts cells against the budget and refuses out-of-grid cells and too many
// sheets, so every reader gets the same guards.
class GuardedSink : public WorkbookSink {
 public:
  GuardedSink(WorkbookSink& inner, const ReadLimits& limits) : inner_(inner), limits_(limits) {}
  void begin_workbook(const WorkbookInfo& info) override { inner_.begin_workbook(info); }
  void begin_sheet(const SheetInfo& sheet) override;
  void cell(const Cell& cell) override;
  void merged_range(const CellRange& r) override { inner_.merged_range(r); }
  void hidden_rows(std::uint32_t first, std::uint32_t last) override { inner_.hidden_rows(first, last); }
  void hidden_columns(std::uint32_t first, std::uint32_t last) override { inner_.hidden_columns(first, last); }
  void issue(const Issue& i) override { inner_.issue(i); }
  void end_sheet() override { inner_.end_sheet(); }
  void end_workbook() override { inner_.end_workbook(); }
  std::uint64_t cells() const { return cells_; }

 private:
  WorkbookSink& inner_;
  const ReadLimits& limits_;
  std::uint64_t cells_ = 0;
  std::uint64_t sheets_ = 0;
};

}  // namespace tonghop
