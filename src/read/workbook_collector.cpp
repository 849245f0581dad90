#include <algorithm>

#include "read/legacy.hpp"
#include "read/reader.hpp"

namespace tonghop {

void WorkbookCollector::begin_sheet(const SheetInfo& sheet) {
  book_.sheets.push_back(Sheet{sheet, {}, {}, {}, {}});
}

void WorkbookCollector::end_sheet() {
  // Readers push row by row, but a file may list cells out of order; find() needs order.
  auto& cells = book_.sheets.back().cells;
  auto before = [](const StoredCell& a, const StoredCell& b) {
    return std::pair{a.row, a.col} < std::pair{b.row, b.col};
  };
  if (!std::is_sorted(cells.begin(), cells.end(), before))
    std::stable_sort(cells.begin(), cells.end(), before);
}

Workbook load_workbook(const std::string& path, const ReadLimits& limits) {
  WorkbookCollector c;
  LegacyTextSink legacy(c);
  read_workbook(path, legacy, limits);
  auto book = c.take();
  book.path = path;
  for (auto& i : book.issues)
    if (i.where.file.empty()) i.where.file = path;
  return book;
}

}  // namespace tonghop
