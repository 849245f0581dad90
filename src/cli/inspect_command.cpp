// tonghop inspect: what the reader sees in a file. The first tool to reach for when a file
// "looks right but tonghop disagrees".
#include <algorithm>
#include <string>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "read/reader.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop inspect bao-cao/phong-vhxh.xlsx\n"
    "  tonghop inspect --format json bao-cao/ > thay.json\n"
    "  tonghop inspect --limit cells=50000000 tep-rat-lon.xlsx\n\n"
    "Cách dùng: tonghop inspect [TÙY CHỌN] TỆP|THƯ_MỤC...\n\n"
    "In ra những gì bộ đọc thấy: các trang tính (ẩn hay hiện), vùng dữ liệu, ô gộp, và mỗi ô\n"
    "có dữ liệu theo dạng  Trang!A1  kiểu  giá trị  [định dạng số] [phông chữ].\n"
    "Thư mục: đọc mọi bảng tính bên trong. Mã thoát: 0 đọc được hết, 3 có tệp không đọc được,\n"
    "2 sai cách dùng.\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop inspect reports/phong-vhxh.xlsx\n"
    "  tonghop inspect --format json reports/ > seen.json\n"
    "  tonghop inspect --limit cells=50000000 very-large.xlsx\n\n"
    "Usage: tonghop inspect [OPTIONS] FILE|FOLDER...\n\n"
    "Prints what the reader sees: sheets (hidden or not), used range, merged ranges, and each\n"
    "non-empty cell as  Sheet!A1  type  value  [number format] [font].\n"
    "A folder means every spreadsheet inside it. Exit codes: 0 all read, 3 a file could not be\n"
    "read, 2 usage error.\n";

std::string_view type_label(const Cell& c, Lang lang) {
  if (c.formula_without_value) return lang == Lang::Vi ? "công-thức" : "formula";
  switch (c.type) {
    case CellType::Number: return lang == Lang::Vi ? "số" : "number";
    case CellType::Text: return lang == Lang::Vi ? "chữ" : "text";
    case CellType::Boolean: return lang == Lang::Vi ? "logic" : "boolean";
    case CellType::Date: return lang == Lang::Vi ? "ngày" : "date";
    case CellType::Error: return lang == Lang::Vi ? "lỗi" : "error";
    case CellType::Empty: break;
  }
  return lang == Lang::Vi ? "rỗng" : "empty";
}

std::string_view format_label(FormatClass f, Lang lang) {
  if (lang == Lang::En) return to_string(f);
  switch (f) {
    case FormatClass::General: return "chung";
    case FormatClass::Percent: return "phần trăm";
    case FormatClass::Date: return "ngày";
    case FormatClass::Text: return "văn bản";
    case FormatClass::Other: return "số";
  }
  return "chung";
}

std::string in_quotes(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += "\\\"";
    else if (c == '\\') q += "\\\\";
    else if (c == '\n') q += "\\n";
    else if (c == '\r') q += "\\r";
    else if (c == '\t') q += "\\t";
    else q += c;
  }
  return q + "\"";
}

std::string value_text(const Cell& c) {
  switch (c.type) {
    case CellType::Number: return format_number(c.number);
    case CellType::Text: return in_quotes(c.text);
    case CellType::Boolean: return c.number != 0 ? "TRUE" : "FALSE";
    case CellType::Date: return std::string(c.text);
    case CellType::Error: return std::string(c.text);
    case CellType::Empty: break;
  }
  return {};
}

// Tracks a sheet's used range and counts while cells stream past.
struct SheetTally {
  std::optional<CellRange> used;
  std::uint64_t cells = 0;
  std::vector<CellRange> merges;
  void add(const Cell& c) {
    ++cells;
    if (!used) {
      used = CellRange{c.row, c.col, c.row, c.col};
      return;
    }
    used->first_row = std::min(used->first_row, c.row);
    used->last_row = std::max(used->last_row, c.row);
    used->first_col = std::min(used->first_col, c.col);
    used->last_col = std::max(used->last_col, c.col);
  }
};

class TextSink : public WorkbookSink {
 public:
  TextSink(std::ostream& os, Lang lang) : os_(os), lang_(lang) {}
  void begin_workbook(const WorkbookInfo& info) override {
    os_ << (lang_ == Lang::Vi ? "  định dạng: " : "  format: ") << to_string(info.format);
    if (info.date1904) os_ << (lang_ == Lang::Vi ? ", ngày theo hệ 1904" : ", 1904 date system");
    if (!info.encoding.empty()) os_ << (lang_ == Lang::Vi ? ", bảng mã " : ", encoding ") << info.encoding;
    if (info.delimiter)
      os_ << (lang_ == Lang::Vi ? ", dấu phân cách " : ", delimiter ")
          << (info.delimiter == '\t' ? std::string("TAB") : in_quotes(std::string(1, info.delimiter)));
    if (!info.converted_from.empty())
      os_ << (lang_ == Lang::Vi ? ", chuyển đổi bằng LibreOffice từ " : ", converted by LibreOffice from ")
          << info.converted_from;
    os_ << "\n";
  }
  void issue(const Issue& i) override { write_issue_text(os_, i, lang_, "  "); }
  void begin_sheet(const SheetInfo& s) override {
    tally_ = SheetTally{};
    prefix_ = sheet_prefix(s.name);
    os_ << (lang_ == Lang::Vi ? "  trang tính " : "  sheet ") << s.index + 1 << ": " << in_quotes(s.name);
    if (s.visibility != Visibility::Visible)
      os_ << " (" << (lang_ == Lang::Vi ? (s.visibility == Visibility::Hidden ? "ẩn" : "ẩn sâu")
                                          : to_string(s.visibility))
          << ")";
    os_ << "\n";
  }
  void cell(const Cell& c) override {
    tally_.add(c);
    os_ << "    " << prefix_ << cell_ref(c.row, c.col) << "  " << type_label(c, lang_) << "  ";
    if (c.is_formula) {
      os_ << "=" << (c.formula.empty() ? std::string_view(lang_ == Lang::Vi ? "(công thức, không có văn bản)" : "(formula, text not kept)")
                                        : c.formula);
      if (c.formula_without_value)
        os_ << (lang_ == Lang::Vi ? "  (không có giá trị lưu sẵn)" : "  (no cached value)");
      else
        os_ << " → " << value_text(c);
    } else {
      os_ << value_text(c);
    }
    os_ << "  [" << format_label(c.format_class, lang_);
    if (!c.number_format.empty()) os_ << ": " << c.number_format;
    os_ << "]";
    if (!c.font.empty()) os_ << " [" << c.font << "]";
    os_ << "\n";
  }
  void merged_range(const CellRange& r) override { tally_.merges.push_back(r); }
  void end_sheet() override {
    if (!tally_.merges.empty()) {
      os_ << (lang_ == Lang::Vi ? "    ô gộp:" : "    merged:");
      for (const auto& m : tally_.merges) os_ << " " << range_ref(m);
      os_ << "\n";
    }
    os_ << (lang_ == Lang::Vi ? "    vùng dữ liệu: " : "    used range: ")
        << (tally_.used ? range_ref(*tally_.used) : std::string("-")) << ", " << tally_.cells
        << (lang_ == Lang::Vi ? " ô\n" : " cells\n");
  }

 private:
  std::ostream& os_;
  Lang lang_;
  SheetTally tally_;
  std::string prefix_;
};

class JsonSink : public WorkbookSink {
 public:
  JsonSink(JsonWriter& j) : j_(j) {}
  void begin_workbook(const WorkbookInfo& info) override {
    j_.field("format", to_string(info.format));
    j_.field("date1904", info.date1904);
    if (!info.encoding.empty()) j_.field("encoding", info.encoding);
    if (info.delimiter) j_.field("delimiter", std::string(1, info.delimiter));
    if (!info.converted_from.empty()) j_.field("converted_from", info.converted_from);
    j_.key("sheets");
    j_.begin_array();
    open_ = true;
  }
  void begin_sheet(const SheetInfo& s) override {
    tally_ = SheetTally{};
    in_sheet_ = true;
    j_.begin_object();
    j_.field("name", s.name);
    j_.field("index", s.index);
    j_.field("visibility", to_string(s.visibility));
    j_.key("cells");
    j_.begin_array();
  }
  void cell(const Cell& c) override {
    tally_.add(c);
    j_.begin_object();
    j_.field("ref", cell_ref(c.row, c.col));
    j_.field("row", c.row + 1);
    j_.field("col", c.col + 1);
    j_.field("type", to_string(c.type));
    j_.key("value");
    switch (c.type) {
      case CellType::Number: j_.value(c.number); break;
      case CellType::Text:
      case CellType::Error:
      case CellType::Date: j_.value(c.text); break;
      case CellType::Boolean: j_.value(c.number != 0); break;
      case CellType::Empty: j_.null(); break;
    }
    if (c.type == CellType::Date) j_.field("serial", c.number);
    if (c.is_formula) {
      j_.field("formula", c.formula);
      if (c.formula_without_value) j_.field("formula_without_value", true);
    }
    j_.field("format", to_string(c.format_class));
    if (!c.number_format.empty()) j_.field("number_format", c.number_format);
    if (!c.font.empty()) j_.field("font", c.font);
    j_.end_object();
  }
  void merged_range(const CellRange& r) override { tally_.merges.push_back(r); }
  void issue(const Issue& i) override { issues.push_back(i); }
  std::vector<Issue> issues;  // written after the sheets, with any refusal
  void end_sheet() override {
    j_.end_array();
    j_.key("merged");
    j_.begin_array();
    for (const auto& m : tally_.merges) j_.value(range_ref(m));
    j_.end_array();
    j_.key("dimension");
    if (tally_.used) j_.value(range_ref(*tally_.used)); else j_.null();
    j_.field("cell_count", std::int64_t(tally_.cells));
    j_.end_object();
    in_sheet_ = false;
  }
  // Closes the sheets array, also after a refusal mid-file.
  void close() {
    if (in_sheet_) {
      j_.end_array();
      j_.field("incomplete", true);
      j_.end_object();
      in_sheet_ = false;
    }
    if (open_) j_.end_array();
    open_ = false;
  }
  bool opened() const { return open_; }

 private:
  JsonWriter& j_;
  SheetTally tally_;
  bool open_ = false;
  bool in_sheet_ = false;
};

}  // namespace

int inspect_command(const std::vector<std::string>& args, Streams io) {
  CommandOptions opts;
  add_common_options(opts);
  opts.inputs();
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  std::vector<std::string> files;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("input"))
      throw UsageError{Text("cần ít nhất một tệp hoặc thư mục", "at least one file or folder is needed")};
    files = expand_inputs(vm["input"].as<std::vector<std::string>>());
    if (files.empty())
      throw UsageError{Text("thư mục không có bảng tính nào", "the folder holds no spreadsheet")};
  } catch (const UsageError& e) {
    io.err << "tonghop inspect: " << e.message.in(lang) << "\n\n" << (lang == Lang::Vi ? kUsageVi : kUsageEn);
    return int(ExitCode::Usage);
  }

  bool unreadable = false;
  if (opt.format == OutputFormat::Json) {
    JsonWriter j(io.out);
    j.begin_object();
    j.field("tool", "tonghop");
    j.field("version", TONGHOP_VERSION);
    j.key("files");
    j.begin_array();
    for (const auto& f : files) {
      j.begin_object();
      j.field("path", f);
      JsonSink sink(j);
      try {
        read_workbook(f, sink, opt.limits);
        sink.close();
        j.field("status", "ok");
        j.key("issues");
        j.begin_array();
        for (const auto& i : sink.issues) write_issue_json(j, i, lang);
        j.end_array();
      } catch (const InputError& e) {
        unreadable = true;
        // A refusal mid-file leaves a sheet open: the sheets read so far are still shown.
        sink.close();
        j.field("status", "unreadable");
        j.key("issues");
        j.begin_array();
        for (const auto& i : sink.issues) write_issue_json(j, i, lang);
        write_issue_json(j, e.issue(), lang);
        j.end_array();
      }
      j.end_object();
    }
    j.end_array();
    j.end_object();
  } else {
    for (const auto& f : files) {
      io.out << (lang == Lang::Vi ? "tệp: " : "file: ") << f << "\n";
      TextSink sink(io.out, lang);
      try {
        read_workbook(f, sink, opt.limits);
      } catch (const InputError& e) {
        unreadable = true;
        write_issue_text(io.out, e.issue(), lang, "  ");
      }
    }
  }
  return int(exit_code(unreadable, false));
}

}  // namespace tonghop::cli
