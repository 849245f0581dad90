// The one checked layer over libxlsxwriter, used by every workbook tonghop writes: every
// call's error code becomes a WriteError (with the sheet and cell) or a visible note;
// every string is valid UTF-8 before it enters the workbook; sheet names are checked as
// Excel checks them; text over Excel's cell limit is cut with a visible marker and a note;
// styles are named settings; row heights come from wrapped lines and line breaks.
//
//   xlsx::Book book(tmp, {.constant_memory = true});
//   auto* bold = book.style({.bold = true, .border = true});
//   auto& ws = book.add_sheet("Tổng hợp");
//   ws.text(0, 0, "Nội dung", bold);
//   book.close();   // throws WriteError; book.notes() lists what was cut or replaced
#pragma once

#include <xlsxwriter.h>

#include <cstdint>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "write/write_error.hpp"

namespace tonghop {

namespace xlsx {

// Excel's limits.
inline constexpr std::size_t kMaxCellChars = 32767;
inline constexpr std::uint32_t kMaxRows = 1048576;
inline constexpr double kMaxRowHeight = 409;  // points
inline constexpr const char* kCutMarker = "…[đã cắt]";

enum class Align { General, Left, Center };
enum class VAlign { Center, Top };

// A cell style by its settings; equal settings give one format.
struct Style {
  std::string font = "Times New Roman";
  double size = 12;
  bool bold = false, italic = false, underline = false, wrap = false, border = false;
  Align align = Align::General;
  VAlign valign = VAlign::Center;
  std::uint32_t fill = 0, color = 0;  // 0xRRGGBB; 0 for none / automatic
  std::string number_format;          // Excel's code; "" for General
  auto operator<=>(const Style&) const = default;
};

// Text as it may enter a workbook: valid UTF-8 (bytes of another encoding are read as
// Windows-1258, the Vietnamese Windows code page, else replaced by U+FFFD), NFC.
std::string workbook_text(std::string_view s);

// Lines a text needs in a column of the given width (Excel's character units), counting
// its line breaks: what a row height is made from.
std::size_t wrapped_lines(std::string_view text, double width);
// A row height for that many lines of a font size, at most Excel's 409 points.
double row_height(std::size_t lines, double font_size = 12);

struct Options {
  bool constant_memory = false;  // rows go to a temporary file as they are written
  std::string tmpdir;            // where libxlsxwriter's temporary files go ("" for the default)
  std::time_t created = 0;
  std::string title;
};

class Book;

// One worksheet; every write checked. Rows and columns are 0-based.
class Sheet {
 public:
  const std::string& name() const { return name_; }
  lxw_worksheet* raw() const { return ws_; }

  void text(lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f);  // "" writes a blank
  void number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f);
  void boolean(lxw_row_t r, lxw_col_t c, bool v, lxw_format* f);
  void blank(lxw_row_t r, lxw_col_t c, lxw_format* f);
  // A formula with its computed value.
  void formula(lxw_row_t r, lxw_col_t c, const std::string& f, lxw_format* fmt, double value);
  void formula(lxw_row_t r, lxw_col_t c, const std::string& f, lxw_format* fmt, std::string_view value);
  void merge(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1, std::string_view s, lxw_format* f);
  // A link inside the workbook ("'Sheet'!A1"); the text alone when it cannot be one.
  void internal_link(lxw_row_t r, lxw_col_t c, const std::string& target, std::string_view s, lxw_format* f);
  void comment(lxw_row_t r, lxw_col_t c, std::string_view s, std::uint16_t width, std::uint16_t height);
  void column(lxw_col_t c0, lxw_col_t c1, double width);
  void row(lxw_row_t r, double height);
  void autofilter(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1);
  void freeze(lxw_row_t r, lxw_col_t c);
  void repeat_rows(lxw_row_t r0, lxw_row_t r1);
  void page(bool landscape, int paper, bool fit_width, const std::string& footer);
  void chart(lxw_row_t r, lxw_col_t c, lxw_chart* chart);

 private:
  friend class Book;
  Sheet(Book* book, lxw_worksheet* ws, std::string name) : book_(book), ws_(ws), name_(std::move(name)) {}
  void check(lxw_error e, lxw_row_t r, lxw_col_t c, const char* what) const;
  // s made fit for a cell: valid UTF-8, cut at Excel's limit with a note naming the cell.
  std::string cell_text(lxw_row_t r, lxw_col_t c, std::string_view s, const char* what);

  Book* book_;
  lxw_worksheet* ws_;
  std::string name_;
};

class Book {
 public:
  Book(const std::string& path, const Options& options);
  ~Book();
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  lxw_format* style(const Style& s);
  // A sheet of exactly this name: WriteError when Excel would refuse it or it is taken
  // (ignoring case, as Excel does).
  Sheet& add_sheet(const std::string& name);
  // A sheet named after wanted, made acceptable and unique ("name (2)").
  Sheet& add_sheet_like(const std::string& wanted);
  // Keeps a name free for a sheet added later.
  void reserve(const std::string& name);
  bool taken(const std::string& name) const;
  // Turns constant-memory writing on or off for the sheets added next.
  void constant_memory(bool on);

  lxw_chart* chart(std::uint8_t type);
  void close();  // throws WriteError

  const std::vector<WriteNote>& notes() const { return notes_; }
  void note(WriteNote n) {  // from the thread writing either of two sheets at once
    std::lock_guard lock(notes_mu_);
    notes_.push_back(std::move(n));
  }
  // libxlsxwriter numbers a style when a row using it is first written out; a sheet whose
  // styles all have their number shares nothing with another sheet while its cells are
  // written, so two such sheets can be written at once, each by its own thread.
  static bool numbered(const lxw_format* f) { return f->xf_index != LXW_PROPERTY_UNSET; }
  const std::string& path() const { return path_; }

 private:
  Sheet& add(const std::string& name);

  std::string path_;
  lxw_workbook* wb_ = nullptr;
  std::string title_, author_ = "tonghop", tmpdir_;
  std::map<Style, lxw_format*> styles_;
  std::deque<Sheet> sheets_;
  std::set<std::string> used_;  // lower-case names of the sheets and reserved names
  std::vector<WriteNote> notes_;
  std::mutex notes_mu_;
  bool closed_ = false;
};

}  // namespace xlsx
}  // namespace tonghop
