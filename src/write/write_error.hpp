// What writing a workbook can report: a failure (WriteError: nothing is written) or a note
// about something the writer had to change so that the workbook opens (a cell cut to
// Excel's limit, a file name's bytes decoded), shown to the user, never silent.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tonghop {

class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WriteNote {
  std::string sheet, cell;  // where, "" for the whole workbook
  std::string vi, en;       // what happened and what to do
  // "'Biểu 01'!N12: ..." in the language asked for.
  std::string text(bool english) const;
};

}  // namespace tonghop
