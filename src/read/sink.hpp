// The one interface between readers and everything else: a reader pushes a workbook's
// sheets, cells and merged ranges into a sink and knows nothing of what consumes them.
//
//   struct Count : WorkbookSink {
//     std::size_t cells = 0;
//     void begin_sheet(const SheetInfo&) override {}
//     void cell(const Cell&) override { ++cells; }
//   };
//   Count c; read_workbook("in/bao-cao.xlsx", c);
#pragma once

#include <cstdint>
#include <string>

#include "core/cell.hpp"
#include "core/issue.hpp"
#include "core/workbook.hpp"

namespace tonghop {

class WorkbookSink {
 public:
  virtual ~WorkbookSink() = default;
  virtual void begin_workbook(const WorkbookInfo&) {}
  virtual void begin_sheet(const SheetInfo& sheet) = 0;
  // Cells of one sheet come in reading order (row by row); empty cells that carry only a
  // style are not pushed.
  virtual void cell(const Cell& cell) = 0;
  virtual void merged_range(const CellRange&) {}
  // Rows or columns the sheet hides, first..last (0-based, inclusive). Their cells are
  // pushed as any others; later stages decide what hidden content means.
  virtual void hidden_rows(std::uint32_t /*first*/, std::uint32_t /*last*/) {}
  virtual void hidden_columns(std::uint32_t /*first*/, std::uint32_t /*last*/) {}
  // A problem that does not stop reading (info or warning), e.g. a converted file.
  virtual void issue(const Issue&) {}
  virtual void end_sheet() {}
  virtual void end_workbook() {}
};

}  // namespace tonghop
