#include "write/xlsx.hpp"


#include <algorithm>
#include <cmath>
#include <optional>

#if defined(__linux__)
#include <dlfcn.h>
#endif

#include "core/codepage.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "write/sheet_name.hpp"

namespace tonghop {

std::string WriteNote::text(bool english) const {
  std::string where = sheet.empty() ? "" : "'" + sheet + "'!" + cell + ": ";
  return where + (english ? en : vi);
}

namespace xlsx {
namespace {

// Windows-1258 bytes as UTF-8; nullopt when the bytes are not Windows-1258 either.
std::optional<std::string> from_cp1258(std::string_view s) {
  std::size_t invalid = 0;
  std::string out = decode_codepage(s, *codepage_by_number(1258), &invalid);
  if (invalid) return std::nullopt;
  return out;
}

// Characters as Excel counts them (UTF-16 units: a character beyond U+FFFF counts twice).
std::size_t excel_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? (c >= 0xF0 ? 2 : 1) : 0;
  return n;
}

// The first bytes of s holding at most max Excel characters, without splitting one.
std::size_t prefix_bytes(std::string_view s, std::size_t max) {
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t units = c >= 0xF0 ? 2 : 1;
    if (n + units > max) break;
    n += units;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

std::string cell_name(lxw_row_t r, lxw_col_t c) {
  char buf[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(buf, r, c);
  return buf;
}

std::string thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ".");
  return s;
}

}  // namespace

std::string workbook_text(std::string_view s) {
  if (is_valid_utf8(s)) return nfc(s);
  if (auto decoded = from_cp1258(s)) return nfc(*decoded);
  return nfc(s);  // invalid bytes become U+FFFD
}

std::size_t wrapped_lines(std::string_view text, double width) {
  if (text.empty()) return 0;
  double per_line = std::max(4.0, width * 1.1 - 1);
  std::size_t lines = 0;
  for (std::size_t start = 0;;) {
    auto end = text.find('\n', start);
    auto chars = code_point_count(text.substr(start, end == std::string_view::npos ? end : end - start));
    lines += std::max<std::size_t>(1, std::size_t(std::ceil(double(chars) / per_line)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

double row_height(std::size_t lines, double font_size) {
  return std::min(font_size * 1.25 * double(lines) + 2, kMaxRowHeight);
}

// ---- Sheet ----

void Sheet::check(lxw_error e, lxw_row_t r, lxw_col_t c, const char* what) const {
  if (e == LXW_NO_ERROR) return;
  throw WriteError("libxlsxwriter: " + std::string(lxw_strerror(e)) + " (" + what + " '" + name_ + "'!" +
                   cell_name(r, c) + ")");
}

std::string Sheet::cell_text(lxw_row_t r, lxw_col_t c, std::string_view s, const char* what) {
  std::string t = workbook_text(s);
  auto length = excel_length(t);
  if (length <= kMaxCellChars) return t;
  // Cut at a word near the limit so the marker says plainly that more was written.
  std::size_t keep = prefix_bytes(t, kMaxCellChars - excel_length(kCutMarker));
  if (auto space = t.rfind(' ', keep); space != std::string::npos && keep - space < 200) keep = space;
  t.resize(keep);
  t += kCutMarker;
  book_->note({name_, cell_name(r, c),
               std::string(what) + " dài " + thousands(length) + " ký tự, quá giới hạn 32.767 ký tự của một ô Excel: "
                   "đã cắt và ghi \"" + kCutMarker + "\" ở cuối; xem toàn văn trong tệp gốc",
               std::string(what == std::string("ghi chú") ? "comment" : "cell text") + " of " + thousands(length) +
                   " characters exceeds Excel's 32,767 per cell: cut, ending with \"" + kCutMarker +
                   "\"; the full text is in the source file"});
  return t;
}

void Sheet::text(lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f) {
  if (s.empty()) return blank(r, c, f);
  check(worksheet_write_string(ws_, r, c, cell_text(r, c, s, "nội dung ô").c_str(), f), r, c, "text");
}

void Sheet::number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
  check(worksheet_write_number(ws_, r, c, v, f), r, c, "number");
}

void Sheet::boolean(lxw_row_t r, lxw_col_t c, bool v, lxw_format* f) {
  check(worksheet_write_boolean(ws_, r, c, v, f), r, c, "boolean");
}

void Sheet::blank(lxw_row_t r, lxw_col_t c, lxw_format* f) {
  check(worksheet_write_blank(ws_, r, c, f), r, c, "blank");
}

void Sheet::formula(lxw_row_t r, lxw_col_t c, const std::string& f, lxw_format* fmt, double value) {
  check(worksheet_write_formula_num(ws_, r, c, workbook_text(f).c_str(), fmt, value), r, c, "formula");
}

void Sheet::formula(lxw_row_t r, lxw_col_t c, const std::string& f, lxw_format* fmt, std::string_view value) {
  check(worksheet_write_formula_str(ws_, r, c, workbook_text(f).c_str(), fmt, workbook_text(value).c_str()), r, c,
        "formula");
}

void Sheet::merge(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1, std::string_view s, lxw_format* f) {
  check(worksheet_merge_range(ws_, r0, c0, r1, c1, cell_text(r0, c0, s, "nội dung ô").c_str(), f), r0, c0, "merge");
}

void Sheet::internal_link(lxw_row_t r, lxw_col_t c, const std::string& target, std::string_view s, lxw_format* f) {
  std::string url = "internal:" + workbook_text(target);
  // Excel's links hold at most 255 characters; a longer one is written as its text.
  if (excel_length(url) > 255) return text(r, c, s, f);
  check(worksheet_write_url_opt(ws_, r, c, url.c_str(), f, cell_text(r, c, s, "nội dung ô").c_str(), nullptr), r, c,
        "link");
}

void Sheet::comment(lxw_row_t r, lxw_col_t c, std::string_view s, std::uint16_t width, std::uint16_t height) {
  lxw_comment_options o{};
  static char author[] = "tonghop";
  o.author = author;
  o.width = width;
  o.height = height;
  check(worksheet_write_comment_opt(ws_, r, c, cell_text(r, c, s, "ghi chú").c_str(), &o), r, c, "comment");
}

void Sheet::column(lxw_col_t c0, lxw_col_t c1, double width) {
  check(worksheet_set_column(ws_, c0, c1, width, nullptr), 0, c0, "column width");
}

void Sheet::row(lxw_row_t r, double height) {
  check(worksheet_set_row(ws_, r, std::min(height, kMaxRowHeight), nullptr), r, 0, "row height");
}

void Sheet::autofilter(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1) {
  check(worksheet_autofilter(ws_, r0, c0, r1, c1), r0, c0, "autofilter");
}

void Sheet::freeze(lxw_row_t r, lxw_col_t c) { worksheet_freeze_panes(ws_, r, c); }

void Sheet::repeat_rows(lxw_row_t r0, lxw_row_t r1) {
  check(worksheet_repeat_rows(ws_, r0, r1), r0, 0, "repeated rows");
}

void Sheet::page(bool landscape, int paper, bool fit_width, const std::string& footer) {
  if (landscape) worksheet_set_landscape(ws_);
  else worksheet_set_portrait(ws_);
  worksheet_set_paper(ws_, std::uint8_t(paper));
  if (fit_width) worksheet_fit_to_pages(ws_, 1, 0);
  if (!footer.empty()) check(worksheet_set_footer(ws_, workbook_text(footer).c_str()), 0, 0, "footer");
}

void Sheet::chart(lxw_row_t r, lxw_col_t c, lxw_chart* chart) {
  check(worksheet_insert_chart(ws_, r, c, chart), r, c, "chart");
}

// ---- Book ----

Book::Book(const std::string& path, const Options& options)
    : path_(path), title_(workbook_text(options.title)), tmpdir_(options.tmpdir) {
  lxw_workbook_options o{};
  o.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  // Kept by the Book: libxlsxwriter may hold the pointer until the workbook is closed.
  o.tmpdir = tmpdir_.empty() ? nullptr : tmpdir_.data();
  wb_ = workbook_new_opt(path.c_str(), &o);
  if (!wb_) throw WriteError("cannot create " + path);
  lxw_doc_properties props{};
  props.title = title_.data();
  props.author = author_.data();
  props.created = options.created;
  if (workbook_set_properties(wb_, &props) != LXW_NO_ERROR) throw WriteError("cannot set the properties of " + path);
}

Book::~Book() {
  // A workbook not closed (an exception on the way) is freed without being written.
  if (!closed_ && wb_) {
    lxw_workbook_free(wb_);
  }
}

void Book::constant_memory(bool on) { wb_->options.constant_memory = on ? LXW_TRUE : LXW_FALSE; }

lxw_format* Book::style(const Style& s) {
  auto& f = styles_[s];
  if (f) return f;
  f = workbook_add_format(wb_);
  if (!f) throw WriteError("libxlsxwriter could not add a format");
  format_set_font_name(f, workbook_text(s.font).c_str());
  format_set_font_size(f, s.size);
  if (s.bold) format_set_bold(f);
  if (s.italic) format_set_italic(f);
  if (s.underline) format_set_underline(f, LXW_UNDERLINE_SINGLE);
  if (s.wrap) format_set_text_wrap(f);
  if (s.border) format_set_border(f, LXW_BORDER_THIN);
  if (s.align == Align::Center) format_set_align(f, LXW_ALIGN_CENTER);
  if (s.align == Align::Left) format_set_align(f, LXW_ALIGN_LEFT);
  format_set_align(f, s.valign == VAlign::Top ? LXW_ALIGN_VERTICAL_TOP : LXW_ALIGN_VERTICAL_CENTER);
  if (s.fill) format_set_bg_color(f, s.fill);
  if (s.color) format_set_font_color(f, s.color);
  if (!s.number_format.empty()) format_set_num_format(f, workbook_text(s.number_format).c_str());
  return f;
}

Sheet& Book::add(const std::string& name) {
  auto* ws = workbook_add_worksheet(wb_, name.c_str());
  // NULL: the name refused, or no temporary file could be made (too many open files).
  if (!ws)
    throw WriteError("libxlsxwriter could not add the sheet '" + name + "' to " + path_ +
                     " (a temporary file could not be created, or the name was refused)");
  sheets_.push_back(Sheet(this, ws, name));
  return sheets_.back();
}

Sheet& Book::add_sheet(const std::string& wanted) {
  std::string name = workbook_text(wanted);
  if (auto problem = sheet_name_problem(name, true); !problem.empty()) throw WriteError(problem);
  if (!used_.insert(sheet_name_key(name)).second)
    throw WriteError("two sheets named '" + name + "' (Excel ignores case in sheet names)");
  return add(name);
}

Sheet& Book::add_sheet_like(const std::string& wanted) { return add(unique_sheet_name(workbook_text(wanted), used_)); }

void Book::reserve(const std::string& name) { used_.insert(sheet_name_key(workbook_text(name))); }

bool Book::taken(const std::string& name) const { return used_.count(sheet_name_key(workbook_text(name))) > 0; }

lxw_chart* Book::chart(std::uint8_t type) {
  auto* c = workbook_add_chart(wb_, type);
  if (!c) throw WriteError("libxlsxwriter could not add a chart");
  return c;
}

void Book::close() {
  closed_ = true;
  auto e = workbook_close(wb_);
  wb_ = nullptr;
  if (e != LXW_NO_ERROR) throw WriteError("libxlsxwriter could not write " + path_ + ": " + lxw_strerror(e));
}

}  // namespace xlsx
}  // namespace tonghop

#if defined(__linux__)
// The deflate level of the workbooks' parts. libxlsxwriter 1.1 asks minizip for zlib's
// default level (6) and has no setting for it; where minizip is a shared library (Debian's
// libxlsxwriter), this definition comes first in the symbol lookup and passes the call on
// with a faster level. Level 3 deflates the 100 MB of XML of a 2,000-report consolidated
// workbook in 0.28 s instead of 0.63 s, for a file of 7.6 MB instead of 6.2 MB; the XML
// parts are the same bytes. The Windows build links libxlsxwriter's own minizip
// statically and keeps the default.
extern "C" int zipOpenNewFileInZip4_64(void* file, const char* filename, const void* zipfi, const void* extrafield_local,
                                       unsigned size_extrafield_local, const void* extrafield_global,
                                       unsigned size_extrafield_global, const char* comment, int method, int level,
                                       int raw, int window_bits, int mem_level, int strategy, const char* password,
                                       unsigned long crc_for_crypting, unsigned long version_made_by,
                                       unsigned long flag_base, int zip64) {
  using Open = int (*)(void*, const char*, const void*, const void*, unsigned, const void*, unsigned, const char*, int,
                       int, int, int, int, int, const char*, unsigned long, unsigned long, unsigned long, int);
  static const auto next = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (!next) return -104;  // ZIP_INTERNALERROR: libxlsxwriter reports the workbook as not written
  constexpr int kDefaultLevel = -1, kFastLevel = 3;  // Z_DEFAULT_COMPRESSION; zlib's fast strategy
  if (level == kDefaultLevel) level = kFastLevel;
  return next(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global, size_extrafield_global,
              comment, method, level, raw, window_bits, mem_level, strategy, password, crc_for_crypting,
              version_made_by, flag_base, zip64);
}
#endif
