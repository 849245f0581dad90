// .xlsx/.xlsm (transitional and Strict OOXML) through libzip + expat, sheet by sheet,
// streaming: a sheet's XML is inflated and parsed in chunks and cells go straight to the
// sink. Shared strings and styles are the only parts held in memory.
#include <charconv>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/issue.hpp"
#include "core/text.hpp"
#include "read/cell_values.hpp"
#include "read/format_readers.hpp"
#include "read/number_format_class.hpp"
#include "read/xml_stream.hpp"
#include "read/zip_archive.hpp"

namespace tonghop {
namespace {

struct Relationship {
  std::string type;    // last path segment of the relationship type: "worksheet", ...
  std::string target;  // resolved part name
};

// Relationship parts map r:id to a part; types are compared by their last segment so
// transitional and Strict URIs both match.
class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string base) : base_(std::move(base)) {}
  std::map<std::string, Relationship> rels;

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (local != "Relationship") return;
    const char* id = xml_attr(a, "Id");
    const char* type = xml_attr(a, "Type");
    const char* target = xml_attr(a, "Target");
    const char* mode = xml_attr(a, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    std::string_view t(type);
    auto slash = t.rfind('/');
    rels[id] = {std::string(t.substr(slash == std::string_view::npos ? 0 : slash + 1)),
                resolve_part(base_, target)};
  }
  void end_element(std::string_view, std::string_view) override {}

 private:
  std::string base_;
};

std::string folder_of(std::string_view part) {
  auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string rels_part_of(std::string_view part) {
  return folder_of(part) + "_rels/" +
         std::string(part.substr(part.rfind('/') == std::string_view::npos ? 0
                                                                           : part.rfind('/') + 1)) +
         ".rels";
}

std::map<std::string, Relationship> read_rels(const ZipArchive& zip, std::string_view owner) {
  RelsHandler h(folder_of(owner));
  auto part = owner.empty() ? std::string("_rels/.rels") : rels_part_of(owner);
  if (!zip.has(part)) return {};
  auto s = zip.open(part);
  parse_xml(s, h, part);
  return std::move(h.rels);
}

struct SheetEntry {
  std::string name;
  std::string rid;
  Visibility visibility = Visibility::Visible;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  bool full_calc_on_load = false;

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (local == "sheet") {
      SheetEntry e;
      if (const char* n = xml_attr(a, "name")) e.name = nfc(n);
      if (const char* id = xml_attr_ns(a, "relationships", "id")) e.rid = id;
      if (const char* st = xml_attr(a, "state")) {
        std::string_view s(st);
        if (s == "hidden") e.visibility = Visibility::Hidden;
        else if (s == "veryHidden") e.visibility = Visibility::VeryHidden;
      }
      sheets.push_back(std::move(e));
    } else if (local == "workbookPr") {
      if (const char* d = xml_attr(a, "date1904")) {
        std::string_view v(d);
        date1904 = v == "1" || v == "true";
      }
    } else if (local == "calcPr") {
      // Scripts write formulas with a placeholder result and this flag; Excel recalculates.
      if (const char* f = xml_attr(a, "fullCalcOnLoad")) {
        std::string_view v(f);
        full_calc_on_load = v == "1" || v == "true";
      }
    }
  }
  void end_element(std::string_view, std::string_view) override {}
};

class StylesHandler : public XmlHandler {
 public:
  std::map<unsigned, std::string> num_fmts;
  std::vector<std::string> fonts;
  struct Xf {
    unsigned num_fmt = 0;
    unsigned font = 0;
  };
  std::vector<Xf> xfs;

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (local == "numFmt") {
      const char* id = xml_attr(a, "numFmtId");
      const char* code = xml_attr(a, "formatCode");
      if (id && code) num_fmts[unsigned(std::strtoul(id, nullptr, 10))] = code;
    } else if (local == "fonts") {
      in_fonts_ = true;
    } else if (local == "font" && in_fonts_) {
      fonts.emplace_back();
      in_font_ = true;
    } else if (local == "name" && in_font_) {
      if (const char* v = xml_attr(a, "val")) fonts.back() = nfc(v);
    } else if (local == "cellXfs") {
      in_xfs_ = true;
    } else if (local == "xf" && in_xfs_) {
      Xf xf;
      if (const char* v = xml_attr(a, "numFmtId")) xf.num_fmt = unsigned(std::strtoul(v, nullptr, 10));
      if (const char* v = xml_attr(a, "fontId")) xf.font = unsigned(std::strtoul(v, nullptr, 10));
      xfs.push_back(xf);
    }
  }
  void end_element(std::string_view, std::string_view local) override {
    if (local == "fonts") in_fonts_ = false;
    else if (local == "font") in_font_ = false;
    else if (local == "cellXfs") in_xfs_ = false;
  }

  std::vector<CellStyle> resolve() const {
    std::vector<CellStyle> out;
    out.reserve(xfs.size());
    for (const auto& xf : xfs) {
      auto it = num_fmts.find(xf.num_fmt);
      out.push_back(make_cell_style(
          it != num_fmts.end() ? it->second : std::string(builtin_number_format(xf.num_fmt)),
          xf.font < fonts.size() ? fonts[xf.font] : std::string()));
    }
    return out;
  }

 private:
  bool in_fonts_ = false, in_font_ = false, in_xfs_ = false;
};

// <si> items: plain <t>, or rich-text runs <r><t>; phonetic runs <rPh> are not text.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::vector<std::string>& out, std::uint64_t budget)
      : out_(out), budget_(budget) {}

  void start_element(std::string_view, std::string_view local, const char**) override {
    if (local == "si" || local == "sstItem") {  // sstItem: Excel 2007 beta
      cur_.clear();
      in_si_ = true;
    } else if (local == "rPh") {
      ++in_rph_;
    } else if (local == "t" && in_si_ && in_rph_ == 0) {
      want_text = true;
    }
  }
  void end_element(std::string_view, std::string_view local) override {
    if (local == "t") {
      want_text = false;
    } else if (local == "rPh") {
      --in_rph_;
    } else if (local == "si" || local == "sstItem") {
      unescape_ooxml(cur_);
      clean_text_in_place(cur_);
      used_ += cur_.size();
      if (used_ > budget_)
        throw_limit("text-size", budget_,
                    Text("bảng chuỗi dùng chung quá lớn", "the shared string table is too large"));
      out_.push_back(std::move(cur_));
      cur_.clear();
      in_si_ = false;
    }
  }
  void characters(std::string_view s) override { cur_.append(s); }

 private:
  std::vector<std::string>& out_;
  std::uint64_t budget_;
  std::uint64_t used_ = 0;
  std::string cur_;
  bool in_si_ = false;
  int in_rph_ = 0;
};

bool parse_double(std::string_view s, double& out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool flag(const char* v) {
  return v && (std::string_view(v) == "1" || std::string_view(v) == "true");
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(WorkbookSink& sink, const std::vector<std::string>& sst,
               const std::vector<CellStyle>& styles, bool date1904, bool untrusted_results)
      : sink_(sink), sst_(sst), styles_(styles), date1904_(date1904), untrusted_results_(untrusted_results) {}

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (in_cell_) {
      if (local == "v") {
        target_ = &value_;
        have_value_ = true;
        want_text = true;
      } else if (local == "f") {
        is_formula_ = true;
        const char* t = xml_attr(a, "t");
        const char* si = xml_attr(a, "si");
        if (t && std::string_view(t) == "shared" && si) shared_ = std::int32_t(std::strtol(si, nullptr, 10));
        target_ = &formula_;
        want_text = true;
      } else if (local == "is") {
        in_is_ = true;
        have_value_ = true;
      } else if (local == "rPh") {
        ++in_rph_;
        want_text = false;
      } else if (local == "t" && in_is_ && in_rph_ == 0) {
        // Kept apart from <v>: a cell may carry both, and Excel shows the inline string.
        target_ = &inline_;
        have_inline_ = true;
        want_text = true;
      }
      return;
    }
    if (local == "row") {
      const char* r = xml_attr(a, "r");
      unsigned long n = r ? std::strtoul(r, nullptr, 10) : 0;
      row_ = (n >= 1 && n <= kMaxRows) ? std::uint32_t(n - 1) : (started_ ? row_ + 1 : 0);
      if (r && (n < 1 || n > kMaxRows)) out_of_grid(r);
      started_ = true;
      col_ = 0;
      if (flag(xml_attr(a, "hidden"))) sink_.hidden_rows(row_, row_);
    } else if (local == "col") {
      // <cols><col min="5" max="5" hidden="1"/>: 1-based, inclusive.
      const char* lo = xml_attr(a, "min");
      const char* hi = xml_attr(a, "max");
      unsigned long first = lo ? std::strtoul(lo, nullptr, 10) : 0, last = hi ? std::strtoul(hi, nullptr, 10) : first;
      if (flag(xml_attr(a, "hidden")) && first >= 1 && first <= kMaxCols && last >= first)
        sink_.hidden_columns(std::uint32_t(first - 1), std::uint32_t(std::min<unsigned long>(last, kMaxCols) - 1));
    } else if (local == "c") {
      begin_cell(a);
    } else if (local == "mergeCell") {
      if (const char* ref = xml_attr(a, "ref"))
        if (auto range = parse_range_ref(ref)) sink_.merged_range(*range);
    }
  }

  void end_element(std::string_view, std::string_view local) override {
    if (!in_cell_) return;
    if (local == "v" || local == "f" || (local == "t" && in_is_)) {
      want_text = false;
      target_ = nullptr;
    } else if (local == "rPh") {
      --in_rph_;
    } else if (local == "is") {
      in_is_ = false;
    } else if (local == "c") {
      end_cell();
    }
  }

  void characters(std::string_view s) override {
    if (target_) target_->append(s);
  }

 private:
  [[noreturn]] void out_of_grid(std::string_view ref) {
    throw_unreadable(Text("tham chiếu " + std::string(ref) + " nằm ngoài lưới bảng tính",
                          "reference " + std::string(ref) + " lies outside the grid"));
  }

  void begin_cell(const char** a) {
    in_cell_ = true;
    have_value_ = is_formula_ = false;
    shared_ = -1;
    in_is_ = false;
    in_rph_ = 0;
    value_.clear();
    inline_.clear();
    have_inline_ = false;
    formula_.clear();
    type_ = 'n';
    style_ = 0;
    if (const char* r = xml_attr(a, "r")) {
      auto ref = parse_cell_ref(r);
      if (!ref || !ref->has_col) out_of_grid(r);
      cur_col_ = ref->col;
      cur_row_ = ref->has_row ? ref->row : row_;
      if (!started_) {
        started_ = true;
        row_ = cur_row_;
      }
    } else {
      cur_row_ = row_;
      cur_col_ = col_;
    }
    col_ = cur_col_ + 1;
    if (const char* t = xml_attr(a, "t")) {
      std::string_view tv(t);
      if (tv == "s") type_ = 's';
      else if (tv == "str") type_ = 'r';
      else if (tv == "inlineStr") type_ = 'i';
      else if (tv == "b") type_ = 'b';
      else if (tv == "e") type_ = 'e';
      else if (tv == "d") type_ = 'd';
    }
    if (const char* s = xml_attr(a, "s")) style_ = std::uint32_t(std::strtoul(s, nullptr, 10));
  }

  void end_cell() {
    in_cell_ = false;
    want_text = false;
    target_ = nullptr;
    Cell c;
    c.row = cur_row_;
    c.col = cur_col_;
    const CellStyle* style = style_ < styles_.size() ? &styles_[style_] : nullptr;
    if (style) {
      const auto& st = styles_[style_];
      c.format_class = st.format_class;
      c.number_format = st.number_format;
      c.font = st.font;
    } else if (!styles_.empty()) {
      c.font = styles_[0].font;
    }
    c.is_formula = is_formula_;
    if (is_formula_) {
      c.formula = formula_;
      c.shared_formula = shared_;
      c.result_untrusted = untrusted_results_;
    }
    if (type_ == 'i' && have_inline_) value_ = std::move(inline_);
    if (!have_value_ || (value_.empty() && type_ != 'r' && type_ != 'i')) {
      if (!is_formula_) return;  // a styled blank
      c.formula_without_value = true;
      sink_.cell(c);
      return;
    }
    switch (type_) {
      case 's': {
        double idx = -1;
        if (!parse_double(value_, idx) || idx < 0 || idx >= double(sst_.size()))
          throw_unreadable(Text("ô " + cell_ref(c.row, c.col) +
                                    " trỏ tới chuỗi dùng chung không tồn tại (" + value_ + ")",
                                "cell " + cell_ref(c.row, c.col) +
                                    " points to a missing shared string (" + value_ + ")"));
        c.type = CellType::Text;
        c.text = sst_[std::size_t(idx)];
        break;
      }
      case 'r':
      case 'i':
        unescape_ooxml(value_);
        clean_text_in_place(value_);
        c.type = CellType::Text;
        c.text = value_;
        break;
      case 'b':
        c.type = CellType::Boolean;
        c.number = (value_ == "1" || value_ == "true" || value_ == "TRUE") ? 1 : 0;
        break;
      case 'e':
        c.type = CellType::Error;
        c.text = value_;
        break;
      case 'd': {
        auto serial = iso_to_serial(value_);
        if (!serial) {
          c.type = CellType::Text;
          c.text = value_;
          break;
        }
        set_date(c, *serial, iso_);
        break;
      }
      default: {
        double v;
        if (!parse_double(value_, v)) {
          // A number cell holding something else: keep the text rather than drop it.
          clean_text_in_place(value_);
          c.type = CellType::Text;
          c.text = value_;
        } else {
          set_number(c, v, style, date1904_, iso_);
        }
      }
    }
    // t="str" with an empty value and no formula holds nothing (an empty shared or
    // inline string is a value, as Excel and openpyxl keep it).
    if (type_ == 'r' && c.text.empty() && !is_formula_) return;
    sink_.cell(c);
  }

  WorkbookSink& sink_;
  const std::vector<std::string>& sst_;
  const std::vector<CellStyle>& styles_;
  bool date1904_;
  bool untrusted_results_;
  std::uint32_t row_ = 0, col_ = 0;
  bool started_ = false;
  // The cell being read
  bool in_cell_ = false, in_is_ = false, have_value_ = false, is_formula_ = false, have_inline_ = false;
  int in_rph_ = 0;
  char type_ = 'n';
  std::int32_t shared_ = -1;
  std::uint32_t style_ = 0;
  std::uint32_t cur_row_ = 0, cur_col_ = 0;
  std::string value_, inline_, formula_, iso_;
  std::string* target_ = nullptr;
};

// docProps/custom.xml: <property name="..."><vt:lpwstr>value</vt:lpwstr></property>.
class CustomPropertiesHandler : public XmlHandler {
 public:
  std::vector<std::pair<std::string, std::string>> values;
  CustomPropertiesHandler() { want_text = true; }
  void start_element(std::string_view, std::string_view local, const char** attrs) override {
    if (local == "property") {
      const char* n = xml_attr(attrs, "name");
      name_ = n ? n : "";
      depth_ = 1;
      text_.clear();
    } else if (depth_) {
      ++depth_;
    }
  }
  void end_element(std::string_view, std::string_view local) override {
    if (local == "property") {
      if (!name_.empty()) values.emplace_back(name_, text_);
      depth_ = 0;
    } else if (depth_) {
      --depth_;
    }
  }
  void characters(std::string_view s) override {
    if (depth_ > 1) text_ += s;
  }

 private:
  std::string name_, text_;
  int depth_ = 0;
};

// Read with the workbook, so nothing opens the package again for them (a form made by
// tonghop template carries its identity there). A damaged part only loses them.
std::vector<std::pair<std::string, std::string>> read_custom_properties(const ZipArchive& zip) {
  try {
    if (auto part = zip.read_if_present("docProps/custom.xml")) {
      CustomPropertiesHandler props;
      MemorySource src(*part);
      parse_xml(src, props, "docProps/custom.xml");
      return std::move(props.values);
    }
  } catch (const InputError&) {
  }
  return {};
}

std::string find_workbook_part(const ZipArchive& zip) {
  try {
    for (const auto& [id, rel] : read_rels(zip, "")) {
      (void)id;
      if (rel.type == "officeDocument") return rel.target;
    }
  } catch (const InputError&) {
    // A damaged package index still leaves the workbook where Excel always puts it.
  }
  if (zip.has("xl/workbook.xml")) return "xl/workbook.xml";
  throw_unreadable(Text("gói OOXML không có sổ làm việc (thiếu xl/workbook.xml)",
                        "the OOXML package has no workbook (xl/workbook.xml is missing)"));
}

}  // namespace

void read_xlsx(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits) {
  auto wb_part = find_workbook_part(zip);
  if (wb_part.size() >= 4 && wb_part.substr(wb_part.size() - 4) == ".bin")
    throw_unsupported(Text("Sổ làm việc nhị phân Excel (.xlsb)", "Excel Binary Workbook (.xlsb)"));
  auto rels = read_rels(zip, wb_part);

  WorkbookHandler wb;
  {
    auto s = zip.open(wb_part);
    parse_xml(s, wb, wb_part);
  }

  std::vector<std::string> sst;
  std::vector<CellStyle> styles;
  for (const auto& [id, rel] : rels) {
    (void)id;
    if (rel.type == "sharedStrings" && zip.has(rel.target)) {
      SharedStringsHandler h(sst, limits.text_bytes);
      auto s = zip.open(rel.target);
      parse_xml(s, h, rel.target);
    } else if (rel.type == "styles" && zip.has(rel.target)) {
      StylesHandler h;
      auto s = zip.open(rel.target);
      parse_xml(s, h, rel.target);
      styles = h.resolve();
    }
  }

  WorkbookInfo info;
  info.format = FileFormat::Xlsx;
  info.date1904 = wb.date1904;
  info.recalc_on_load = wb.full_calc_on_load;
  info.custom_properties = read_custom_properties(zip);
  sink.begin_workbook(info);
  std::uint32_t index = 0;
  for (const auto& entry : wb.sheets) {
    auto it = rels.find(entry.rid);
    // Chart sheets hold no cells; macro and dialog sheets are grids like worksheets.
    if (it == rels.end()) continue;
    const auto& type = it->second.type;
    if (type != "worksheet" && type != "xlMacrosheet" && type != "xlIntlMacrosheet" &&
        type != "dialogsheet")
      continue;
    SheetInfo si{entry.name, index++, entry.visibility};
    sink.begin_sheet(si);
    SheetHandler h(sink, sst, styles, wb.date1904, wb.full_calc_on_load);
    auto s = zip.open(it->second.target);  // a missing sheet part is a damaged file
    parse_xml(s, h, it->second.target);
    sink.end_sheet();
  }
  sink.end_workbook();
}

}  // namespace tonghop
