// Reading any supported spreadsheet: the format is detected from the content, never from
// the file name.
//
//   WorkbookCollector wb;                       // or any WorkbookSink
//   read_workbook("in/phong-vhxh.xlsx", wb);    // throws InputError when refused
//   Workbook book = wb.take();
#pragma once

#include <string>

#include "core/workbook.hpp"
#include "read/limits.hpp"
#include "read/sink.hpp"

namespace tonghop {

// Detects and reads; every refusal is an InputError whose issue names the file
// (unreadable-file, unsupported-format, encrypted-file, limit-exceeded).
void read_workbook(const std::string& path, WorkbookSink& sink, const ReadLimits& limits = {});

// Keeps everything in memory (for the stages after reading).
class WorkbookCollector : public WorkbookSink {
 public:
  void begin_workbook(const WorkbookInfo& info) override { book_.info = info; }
  void begin_sheet(const SheetInfo& sheet) override;
  void cell(const Cell& cell) override {
    book_.sheets.back().cells.emplace_back(cell, texts_(cell.text), shared_(cell.number_format), shared_(cell.font));
  }
  void merged_range(const CellRange& r) override { book_.sheets.back().merges.push_back(r); }
  void issue(const Issue& i) override { book_.issues.push_back(i); }
  void hidden_rows(std::uint32_t first, std::uint32_t last) override {
    book_.sheets.back().hidden_rows.push_back({first, last});
  }
  void hidden_columns(std::uint32_t first, std::uint32_t last) override {
    book_.sheets.back().hidden_columns.push_back({first, last});
  }
  void end_sheet() override;
  Workbook take() { return std::move(book_); }

 private:
  Workbook book_;
  SharedTexts shared_;
  SharedTexts texts_{std::size_t(1) << 16};  // a long report's statuses, units and names repeat
};

// The whole workbook in memory, text in legacy Vietnamese encodings converted to Unicode
// (read/legacy); its issues name the file.
Workbook load_workbook(const std::string& path, const ReadLimits& limits = {});

}  // namespace tonghop
