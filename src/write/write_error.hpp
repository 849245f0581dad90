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
  // A failure the user can act on, said in both languages.
  WriteError(const std::string& en, std::string vi) : std::runtime_error(en), vi_(std::move(vi)) {}
  const std::string& vi() const { return vi_; }

 private:
  std::string vi_;
};

// What a failed write says: the Vietnamese text when asked for and there is one.
inline std::string error_text(const std::exception& e, bool english) {
  auto* w = dynamic_cast<const WriteError*>(&e);
  return w && !english && !w->vi().empty() ? w->vi() : e.what();
}

struct WriteNote {
  std::string sheet, cell;  // where, "" for the whole workbook
  std::string vi, en;       // what happened and what to do
  // "'Biểu 01'!N12: ..." in the language asked for.
  std::string text(bool english) const;
};

}  // namespace tonghop
