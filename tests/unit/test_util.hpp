// Helpers shared by the unit tests.
#pragma once

#include <string>

#include "core/issue.hpp"
#include "read/reader.hpp"

namespace tonghop::test {

inline std::string data(const std::string& name) { return std::string(TONGHOP_TEST_DATA) + "/" + name; }

// The workbook exactly as the reader delivers it (no legacy-text conversion: the readers'
// own tests look at the raw text; load_workbook converts).
inline Workbook load(const std::string& name, const ReadLimits& limits = {}) {
  WorkbookCollector c;
  read_workbook(data(name), c, limits);
  auto book = c.take();
  book.path = data(name);
  return book;
}

// The refusal code of reading a file, or "" when it reads.
inline std::string refusal(const std::string& path, const ReadLimits& limits = {}) {
  try {
    load_workbook(path, limits);
    return "";
  } catch (const InputError& e) {
    return std::string(to_string(e.issue().code));
  }
}

inline const StoredCell& at(const Sheet& s, const std::string& ref) {
  auto p = parse_cell_ref(ref);
  static StoredCell none;
  if (!p) return none;
  const auto* c = s.find(p->row, p->col);
  return c ? *c : none;
}

}  // namespace tonghop::test
