// .xls: BIFF8 (Excel 97-2003) and BIFF5 (Excel 5.0/95) workbooks in an OLE2/CFB
// container (read/cfb.hpp). Records are read one at a time from the stream; only the
// shared string table, formats, fonts and XFs are held in memory. Encrypted packages
// (EncryptionInfo) and FILEPASS are encrypted-file; BIFF2-4 and non-spreadsheet OLE2
// documents are unsupported-format; a damaged container or stream is unreadable-file.

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/codepage.hpp"
#include "core/issue.hpp"
#include "core/text.hpp"
#include "read/cell_values.hpp"
#include "read/cfb.hpp"
#include "read/format_readers.hpp"
#include "read/number_format_class.hpp"

namespace tonghop {
namespace {

// Record types (MS-XLS 2.3).
enum : std::uint16_t {
  kFormula = 0x0006, kEof = 0x000A, kFilepass = 0x002F, kContinue = 0x003C,
  kDatemode = 0x0022, kFont = 0x0031, kCodepage = 0x0042, kBoundsheet = 0x0085,
  kMulrk = 0x00BD, kRstring = 0x00D6, kXf = 0x00E0, kMergedCells = 0x00E5, kSst = 0x00FC,
  kLabelSst = 0x00FD, kLabel = 0x0204, kBoolErr = 0x0205, kNumber = 0x0203,
  kString = 0x0207, kRk = 0x027E, kFormat = 0x041E, kBof = 0x0809,
  kXfBiff4 = 0x0443, kFormatBiff4 = 0x001E, kRow = 0x0208, kColinfo = 0x007D,
  // Some writers keep BIFF4's FORMULA number in BIFF8 streams; Excel reads it alike.
  kFormulaBiff4 = 0x0406,
};

constexpr std::size_t kMaxRecord = 8228;  // BIFF8 records hold at most 8224 bytes

[[noreturn]] void damaged(const std::string& vi, const std::string& en) {
  throw_unreadable(Text("luồng dữ liệu Excel bị hỏng: " + vi, "the Excel data stream is damaged: " + en));
}

std::uint16_t u16(const std::uint8_t* p) { return std::uint16_t(p[0] | (p[1] << 8)); }
std::uint32_t u32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}
double f64(const std::uint8_t* p) {
  std::uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | p[i];
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

double rk_value(std::uint32_t rk) {
  double v;
  if (rk & 2) {
    v = double(std::int32_t(rk) >> 2);
  } else {
    std::uint64_t bits = std::uint64_t(rk & 0xFFFFFFFCu) << 32;
    std::memcpy(&v, &bits, sizeof v);
  }
  return (rk & 1) ? v / 100.0 : v;
}

const char* error_literal(std::uint8_t code) {
  switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    case 0x2B: return "#GETTING_DATA";
  }
  return "#ERR!";
}

// One record and the CONTINUE records after it, read as one run of bytes whose segment
// boundaries are kept: a string's characters split at a boundary restart with a new
// flags byte (MS-XLS 2.5.293).
class RecordReader {
 public:
  explicit RecordReader(std::vector<std::vector<std::uint8_t>> segments)
      : segs_(std::move(segments)) {}

  std::size_t remaining() const {
    std::size_t n = 0;
    for (std::size_t s = seg_; s < segs_.size(); ++s) n += segs_[s].size() - (s == seg_ ? pos_ : 0);
    return n;
  }
  bool at_end() { return !advance_if_needed(); }
  std::uint8_t u8() {
    if (!advance_if_needed()) damaged("bản ghi ngắn hơn nội dung", "a record is shorter than its content");
    return segs_[seg_][pos_++];
  }
  std::uint16_t u16() {
    std::uint16_t a = u8();
    return std::uint16_t(a | (u8() << 8));
  }
  std::uint32_t u32() {
    std::uint32_t a = u16();
    return a | (std::uint32_t(u16()) << 16);
  }
  void skip(std::size_t n) {
    while (n > 0) {
      if (!advance_if_needed()) damaged("bản ghi ngắn hơn nội dung", "a record is shorter than its content");
      auto k = std::min(n, segs_[seg_].size() - pos_);
      pos_ += k;
      n -= k;
    }
  }
  // A BIFF8 string body: cch characters, 8-bit or UTF-16LE per the flags, possibly split.
  void chars(std::size_t cch, bool high, std::string& out) {
    while (cch > 0) {
      if (!advance_if_needed()) damaged("chuỗi ngắn hơn độ dài khai báo", "a string is shorter than declared");
      if (pos_ == 0 && seg_ > 0 && started_segment_ != seg_) {
        high = (segs_[seg_][pos_++] & 1) != 0;  // a CONTINUE restarts with its own flags
        started_segment_ = seg_;
        continue;
      }
      started_segment_ = seg_;
      std::size_t width = high ? 2 : 1;
      while (cch > 0 && pos_ + width <= segs_[seg_].size()) {
        char32_t cp = high ? char32_t(segs_[seg_][pos_] | (segs_[seg_][pos_ + 1] << 8)) : segs_[seg_][pos_];
        pos_ += width;
        --cch;
        if (high && cp >= 0xD800 && cp < 0xDC00 && cch > 0 && pos_ + 2 <= segs_[seg_].size()) {
          char32_t lo = char32_t(segs_[seg_][pos_] | (segs_[seg_][pos_ + 1] << 8));
          if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            pos_ += 2;
            --cch;
          }
        }
        append_utf8(out, cp);
      }
      if (cch > 0 && pos_ < segs_[seg_].size()) damaged("ký tự UTF-16 bị cắt đôi", "a UTF-16 character is split");
    }
  }

 private:
  bool advance_if_needed() {
    while (seg_ < segs_.size() && pos_ >= segs_[seg_].size()) {
      ++seg_;
      pos_ = 0;
    }
    return seg_ < segs_.size();
  }
  std::vector<std::vector<std::uint8_t>> segs_;
  std::size_t seg_ = 0, pos_ = 0;
  std::size_t started_segment_ = 0;
};

class Workbook8 {
 public:
  Workbook8(CfbStream& stream, WorkbookSink& sink, const ReadLimits& limits)
      : in_(stream), sink_(sink), limits_(limits) {}

  void read() {
    if (in_.size() > limits_.unzipped_bytes)
      throw_limit("unzipped-size", limits_.unzipped_bytes,
                  Text("luồng dữ liệu Excel quá lớn", "the Excel data stream is too large"));
    read_globals();
    WorkbookInfo info;
    info.format = FileFormat::Xls;
    info.date1904 = date1904_;
    sink_.begin_workbook(info);
    std::uint32_t index = 0;
    for (const auto& sh : sheets_) {
      // Chart sheets (2) and VBA modules (6) hold no cells.
      if (sh.type != 0 && sh.type != 1) continue;
      sink_.begin_sheet(SheetInfo{sh.name, index++, sh.visibility});
      read_sheet(sh.offset);
      sink_.end_sheet();
    }
    sink_.end_workbook();
  }

 private:
  struct SheetEntry {
    std::string name;
    std::uint32_t offset;
    std::uint8_t type;
    Visibility visibility;
  };

  bool next(std::uint16_t& type, std::vector<std::uint8_t>& body) {
    std::uint8_t head[4];
    if (!in_.read(head, 4)) return false;
    type = u16(head);
    std::uint16_t len = u16(head + 2);
    if (len > kMaxRecord)
      damaged("bản ghi dài " + std::to_string(len) + " byte", "a record of " + std::to_string(len) + " bytes");
    body.resize(len);
    if (len && !in_.read(body.data(), len)) damaged("luồng bị cắt giữa một bản ghi", "the stream ends inside a record");
    return true;
  }

  // The record just read plus any CONTINUE records after it.
  RecordReader with_continues(std::vector<std::uint8_t> body) {
    std::vector<std::vector<std::uint8_t>> segs;
    segs.push_back(std::move(body));
    while (true) {
      std::uint64_t at = in_.tell();
      std::uint8_t head[4];
      if (!in_.read(head, 4)) break;
      if (u16(head) != kContinue) {
        in_.seek(at);
        break;
      }
      std::uint16_t len = u16(head + 2);
      std::vector<std::uint8_t> more(len);
      if (len && !in_.read(more.data(), len)) damaged("luồng bị cắt giữa một bản ghi", "the stream ends inside a record");
      segs.push_back(std::move(more));
    }
    return RecordReader(std::move(segs));
  }

  // BIFF5 byte strings are in the workbook's code page.
  std::string decode_bytes(const std::uint8_t* p, std::size_t n) {
    std::string raw(reinterpret_cast<const char*>(p), n);
    if (is_ascii(raw)) return raw;
    // A byte the code page does not define becomes U+FFFD in this string only.
    std::string out = utf16_ ? decode_utf16(raw, false) : decode_codepage(raw, *codepage_);
    clean_text_in_place(out);
    return out;
  }

  static bool is_ascii(const std::string& s) {
    for (unsigned char c : s)
      if (c >= 0x80) return false;
    return true;
  }

  // XLUnicodeString (BIFF8: cch u16, flags, chars) or a BIFF5 byte string (cch u16|u8).
  // A string longer than its record keeps the characters that are there: one short name
  // or label does not make the whole workbook unreadable.
  std::string string_at(const std::vector<std::uint8_t>& b, std::size_t at, bool short_len) {
    std::size_t need = at + (short_len ? 1 : 2);
    if (b.size() < need) return {};
    std::size_t cch = short_len ? b[at] : u16(&b[at]);
    at = need;
    if (biff5_) return decode_bytes(&b[at], std::min(cch, b.size() - at));
    if (b.size() < at + 1) return {};
    std::uint8_t flags = b[at++];
    bool high = flags & 1;
    at += ((flags & 8) ? 2 : 0) + ((flags & 4) ? 4 : 0);
    if (at > b.size()) return {};
    cch = std::min(cch, (b.size() - at) / (high ? 2 : 1));
    std::string out;
    RecordReader r({std::vector<std::uint8_t>(b.begin() + std::ptrdiff_t(at),
                                              b.begin() + std::ptrdiff_t(at + cch * (high ? 2 : 1)))});
    r.chars(cch, high, out);
    clean_text_in_place(out);
    return out;
  }

  void read_sst(RecordReader r) {
    r.skip(4);
    std::uint32_t unique = r.u32();
    std::uint64_t used = 0;
    sst_.reserve(std::min<std::uint32_t>(unique, 1u << 20));
    for (std::uint32_t i = 0; i < unique && !r.at_end(); ++i) {
      std::size_t cch = r.u16();
      std::uint8_t flags = r.u8();
      std::size_t runs = (flags & 8) ? r.u16() : 0;
      std::size_t ext = (flags & 4) ? r.u32() : 0;
      std::string s;
      r.chars(cch, flags & 1, s);
      r.skip(runs * 4);
      r.skip(ext);
      clean_text_in_place(s);
      used += s.size();
      if (used > limits_.text_bytes)
        throw_limit("text-size", limits_.text_bytes,
                    Text("bảng chuỗi dùng chung quá lớn", "the shared string table is too large"));
      sst_.push_back(std::move(s));
    }
  }

  void read_globals() {
    std::uint16_t type;
    std::vector<std::uint8_t> b;
    if (!next(type, b) || b.size() < 4)
      damaged("không bắt đầu bằng bản ghi BOF", "it does not start with a BOF record");
    if (type == 0x0009 || type == 0x0209 || type == 0x0409)
      throw_unsupported(Text("Excel 2.x-4.x (.xls cũ)", "Excel 2.x-4.x (old .xls)"));
    if (type != kBof) damaged("không bắt đầu bằng bản ghi BOF", "it does not start with a BOF record");
    biff5_ = u16(&b[0]) == 0x0500;  // 0x0600 for BIFF8; some writers leave other values
    codepage_ = codepage_by_number(1252);
    utf16_ = !biff5_;
    while (next(type, b)) {
      switch (type) {
        case kEof: return;
        case kFilepass: throw_encrypted(Text(biff5_ ? "Excel 5.0/95 (.xls)" : "Excel 97-2003 (.xls)"));
        case kCodepage:
          if (b.size() >= 2) set_codepage(u16(&b[0]));
          break;
        case kDatemode:
          if (b.size() >= 2) date1904_ = u16(&b[0]) == 1;
          break;
        case kFont:
          if (b.size() >= 15) fonts_.push_back(string_at(b, 14, true));
          break;
        case kFormat:
        case kFormatBiff4:
          if (b.size() >= 3) formats_[u16(&b[0])] = string_at(b, 2, biff5_);
          break;
        case kXf:
        case kXfBiff4:
          if (b.size() >= 4) xfs_.push_back({u16(&b[0]), u16(&b[2])});
          break;
        case kBoundsheet:
          if (b.size() >= 7) {
            std::uint8_t state = b[4] & 3;
            sheets_.push_back({string_at(b, 6, true), u32(&b[0]), b[5],
                               state == 1 ? Visibility::Hidden
                                          : state == 2 ? Visibility::VeryHidden : Visibility::Visible});
          }
          break;
        case kSst:
          read_sst(with_continues(std::move(b)));
          b.clear();
          break;
        default: break;
      }
    }
    damaged("thiếu bản ghi EOF của phần chung", "the workbook globals have no EOF record");
  }

  // A code page without a table (the double-byte ones: 932, 936, 949, 950; glibc's iconv
  // decoded them on Linux, no corpus file uses one) is read as Windows-1252, as unknown
  // ones were before; 367 (ASCII) is a subset of it.
  void set_codepage(unsigned cp) {
    utf16_ = cp == 1200;
    codepage_ = codepage_by_number(int(cp));
    if (!codepage_) codepage_ = codepage_by_number(1252);
  }

  void resolve_styles() {
    styles_.clear();
    styles_.reserve(xfs_.size());
    for (const auto& xf : xfs_) {
      auto it = formats_.find(xf.format);
      std::string code = it != formats_.end() ? it->second : std::string(builtin_number_format(xf.format));
      // Font index 4 does not exist in BIFF: the fifth FONT record is font 5.
      unsigned fi = xf.font >= 4 ? xf.font - 1 : xf.font;
      styles_.push_back(make_cell_style(std::move(code), fi < fonts_.size() ? fonts_[fi] : std::string()));
    }
  }

  const CellStyle* style(std::uint16_t ixfe) const { return ixfe < styles_.size() ? &styles_[ixfe] : nullptr; }

  void emit(Cell& c, std::uint16_t ixfe) {
    if (const auto* st = style(ixfe)) {
      c.format_class = st->format_class;
      c.number_format = st->number_format;
      c.font = st->font;
    }
    sink_.cell(c);
  }

  void number_cell(std::uint16_t row, std::uint16_t col, std::uint16_t ixfe, double v, bool formula) {
    Cell c;
    c.row = row;
    c.col = col;
    c.is_formula = formula;
    set_number(c, v, style(ixfe), date1904_, iso_);
    emit(c, ixfe);
  }

  void text_cell(std::uint16_t row, std::uint16_t col, std::uint16_t ixfe, const std::string& s, bool formula) {
    Cell c;
    c.row = row;
    c.col = col;
    c.type = CellType::Text;
    c.text = s;
    c.is_formula = formula;
    emit(c, ixfe);
  }

  void read_sheet(std::uint32_t offset) {
    if (styles_.size() != xfs_.size()) resolve_styles();
    if (offset >= in_.size() || !in_.seek(offset))
      damaged("vị trí trang tính nằm ngoài luồng", "a sheet's position lies outside the stream");
    std::uint16_t type;
    std::vector<std::uint8_t> b;
    if (!next(type, b) || type != kBof)
      damaged("trang tính không bắt đầu bằng BOF", "a sheet does not start with BOF");
    int depth = 1;  // charts embedded in a sheet have their own BOF/EOF
    // A formula whose string result follows in a STRING record.
    bool pending = false;
    std::uint16_t prow = 0, pcol = 0, pxf = 0;
    while (depth > 0 && next(type, b)) {
      if (type == kBof) {
        ++depth;
        continue;
      }
      if (type == kEof) {
        --depth;
        continue;
      }
      if (depth != 1) continue;
      // SHRFMLA, ARRAY and TABLE may stand between a formula and its STRING.
      if (pending && type != kString && type != 0x04BC && type != 0x0221 && type != 0x0236 &&
          type != kContinue) {
        // No STRING after a string formula: the result is unknown.
        Cell c;
        c.row = prow;
        c.col = pcol;
        c.is_formula = true;
        c.formula_without_value = true;
        emit(c, pxf);
        pending = false;
      }
      switch (type) {
        case kLabelSst:
          if (b.size() >= 10) {
            auto idx = u32(&b[6]);
            if (idx >= sst_.size())
              damaged("ô " + cell_ref(u16(&b[0]), u16(&b[2])) + " trỏ tới chuỗi không tồn tại",
                      "cell " + cell_ref(u16(&b[0]), u16(&b[2])) + " points to a missing string");
            text_cell(u16(&b[0]), u16(&b[2]), u16(&b[4]), sst_[idx], false);
          }
          break;
        case kLabel:
        case kRstring:
          if (b.size() >= 8) {
            text_cell(u16(&b[0]), u16(&b[2]), u16(&b[4]), string_at(b, 6, false), false);
          }
          break;
        case kNumber:
          if (b.size() >= 14) number_cell(u16(&b[0]), u16(&b[2]), u16(&b[4]), f64(&b[6]), false);
          break;
        case kRk:
          if (b.size() >= 10) number_cell(u16(&b[0]), u16(&b[2]), u16(&b[4]), rk_value(u32(&b[6])), false);
          break;
        case kMulrk:
          if (b.size() >= 6) {
            std::uint16_t row = u16(&b[0]), col = u16(&b[2]);
            for (std::size_t at = 4; at + 6 <= b.size() - 2; at += 6, ++col)
              number_cell(row, col, u16(&b[at]), rk_value(u32(&b[at + 2])), false);
          }
          break;
        case kBoolErr:
          if (b.size() >= 8) {
            Cell c;
            c.row = u16(&b[0]);
            c.col = u16(&b[2]);
            if (b[7]) {
              c.type = CellType::Error;
              c.text = error_literal(b[6]);
            } else {
              c.type = CellType::Boolean;
              c.number = b[6] ? 1 : 0;
            }
            emit(c, u16(&b[4]));
          }
          break;
        case kFormula:
        case kFormulaBiff4:
          if (b.size() >= 20) {
            std::uint16_t row = u16(&b[0]), col = u16(&b[2]), xf = u16(&b[4]);
            const std::uint8_t* v = &b[6];
            if (v[6] == 0xFF && v[7] == 0xFF) {
              Cell c;
              c.row = row;
              c.col = col;
              c.is_formula = true;
              switch (v[0]) {
                case 0:  // string: in the STRING record that follows
                  pending = true;
                  prow = row, pcol = col, pxf = xf;
                  break;
                case 1:
                  c.type = CellType::Boolean;
                  c.number = v[2] ? 1 : 0;
                  emit(c, xf);
                  break;
                case 2:
                  c.type = CellType::Error;
                  c.text = error_literal(v[2]);
                  emit(c, xf);
                  break;
                case 3:
                  text_cell(row, col, xf, std::string(), true);
                  break;
                default:
                  c.formula_without_value = true;
                  emit(c, xf);
              }
            } else {
              number_cell(row, col, xf, f64(v), true);
            }
          }
          break;
        case kString:
          if (pending) {
            pending = false;
            auto r = with_continues(std::move(b));
            b.clear();
            std::string s;
            if (biff5_) {
              std::size_t cch = r.u16();
              std::vector<std::uint8_t> bytes;
              for (std::size_t k = 0; k < cch; ++k) bytes.push_back(r.u8());
              s = decode_bytes(bytes.data(), bytes.size());
            } else {
              std::size_t cch = r.u16();
              std::uint8_t flags = r.u8();
              r.chars(cch, flags & 1, s);
              clean_text_in_place(s);
            }
            text_cell(prow, pcol, pxf, s, true);
          }
          break;
        case kRow:  // rw, colMic, colMac, miyRw, reserved, unused, flags: fDyZero (0x20) hides it
          if (b.size() >= 14 && (u16(&b[12]) & 0x20)) sink_.hidden_rows(u16(&b[0]), u16(&b[0]));
          break;
        case kColinfo:  // colFirst, colLast, coldx, ixfe, flags: fHidden (0x01)
          if (b.size() >= 10 && (u16(&b[8]) & 0x01) && u16(&b[2]) >= u16(&b[0]))
            sink_.hidden_columns(u16(&b[0]), std::min<std::uint32_t>(u16(&b[2]), kMaxCols - 1));
          break;
        case kMergedCells:
          if (b.size() >= 2) {
            std::size_t n = u16(&b[0]);
            for (std::size_t k = 0; k < n && 2 + k * 8 + 8 <= b.size(); ++k) {
              const std::uint8_t* p = &b[2 + k * 8];
              CellRange m{u16(p), u16(p + 4), u16(p + 2), u16(p + 6)};
              if (m.last_row >= m.first_row && m.last_col >= m.first_col) sink_.merged_range(m);
            }
          }
          break;
        default: break;
      }
    }
  }

  CfbStream& in_;
  WorkbookSink& sink_;
  const ReadLimits& limits_;
  bool biff5_ = false, date1904_ = false;
  const CodepageEntry* codepage_ = codepage_by_number(1252);
  bool utf16_ = false;
  std::vector<std::string> fonts_;
  std::map<unsigned, std::string> formats_;
  struct Xf {
    std::uint16_t font, format;
  };
  std::vector<Xf> xfs_;
  std::vector<CellStyle> styles_;
  std::vector<std::string> sst_;
  std::vector<SheetEntry> sheets_;
  std::string iso_;
};

}  // namespace

void read_cfb(const std::string& path, WorkbookSink& sink, const ReadLimits& limits) {
  CompoundFile ole(cfb_file_source(path), limits);
  if (ole.find("EncryptionInfo")) throw_encrypted(Text("Office (OOXML)"));
  const CompoundFile::Entry* book = ole.find("Workbook");
  if (!book) book = ole.find("Book");
  if (book && book->type == 2) {
    CfbStream stream = ole.open(*book);
    Workbook8 wb(stream, sink, limits);
    wb.read();
    return;
  }
  if (ole.find("WordDocument"))
    return read_word97(path, sink, limits);
  if (ole.find("PowerPoint Document"))
    throw_not_spreadsheet(Text("bản trình chiếu PowerPoint 97-2003 (.ppt)", "a PowerPoint 97-2003 presentation (.ppt)"));
  throw_unsupported(Text("tài liệu OLE2 không phải bảng tính", "OLE2 document that is not a spreadsheet"));
}

}  // namespace tonghop
