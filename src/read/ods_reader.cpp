// .ods (OpenDocument spreadsheet) through libzip + expat, streaming content.xml.
// Repeat counts can be in the billions in real files: empty repeats only move the cursor,
// non-empty ones are expanded up to the grid edge and count against the cell budget.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/issue.hpp"
#include "core/text.hpp"
#include "read/format_readers.hpp"
#include "read/xml_stream.hpp"
#include "read/zip_archive.hpp"

namespace tonghop {
namespace {

struct OdsStyle {
  std::string parent;
  std::string data_style;
  std::string font_face;  // style:font-name, a font-face declaration name
  std::string font_family;  // fo:font-family, when given directly
  bool hidden_table = false;
};

// Styles of both styles.xml and content.xml (automatic styles), data styles, font faces.
struct StyleSheet {
  std::map<std::string, OdsStyle> styles;
  std::map<std::string, FormatClass> data_styles;
  std::map<std::string, std::string> font_faces;  // name -> family
  std::string default_cell_style_font;

  FormatClass format_class(const std::string& style_name) const {
    std::string name = style_name;
    for (int depth = 0; depth < 16 && !name.empty(); ++depth) {
      auto it = styles.find(name);
      if (it == styles.end()) break;
      if (!it->second.data_style.empty()) {
        auto d = data_styles.find(it->second.data_style);
        return d == data_styles.end() ? FormatClass::Other : d->second;
      }
      name = it->second.parent;
    }
    return FormatClass::General;
  }

  std::string font(const std::string& style_name) const {
    std::string name = style_name.empty() ? "Default" : style_name;
    for (int depth = 0; depth < 16 && !name.empty(); ++depth) {
      auto it = styles.find(name);
      if (it == styles.end()) break;
      if (!it->second.font_face.empty()) {
        auto f = font_faces.find(it->second.font_face);
        return f == font_faces.end() ? it->second.font_face : f->second;
      }
      if (!it->second.font_family.empty()) return it->second.font_family;
      name = it->second.parent.empty() && name != "Default" ? "Default" : it->second.parent;
    }
    return default_cell_style_font;
  }
};

std::string unquote_family(std::string_view f) {
  if (f.size() >= 2 && (f.front() == '\'' || f.front() == '"') && f.back() == f.front())
    f = f.substr(1, f.size() - 2);
  return std::string(f);
}

// Collects styles; used for styles.xml and for the head of content.xml.
class StyleCollector {
 public:
  explicit StyleCollector(StyleSheet& sheet) : sheet_(sheet) {}

  bool start(std::string_view local, const char** a) {
    if (local == "font-face") {
      const char* n = xml_attr(a, "name");
      const char* f = xml_attr(a, "font-family");
      if (n) sheet_.font_faces[n] = unquote_family(f ? f : n);
      return true;
    }
    if (local == "style" || local == "default-style") {
      const char* family = xml_attr(a, "family");
      if (!family) return true;
      std::string_view fam(family);
      if (fam != "table-cell" && fam != "table") return true;
      current_ = local == "default-style" ? "Default" : "";
      if (local == "style") {
        const char* n = xml_attr(a, "name");
        if (!n) return true;
        current_ = n;
      }
      // A named "Default" style and the default-style share one slot, named style wins.
      auto& st = sheet_.styles[current_];
      if (const char* p = xml_attr(a, "parent-style-name")) st.parent = p;
      if (const char* d = xml_attr(a, "data-style-name")) st.data_style = d;
      in_style_ = true;
      return true;
    }
    if (in_style_ && local == "text-properties") {
      auto& st = sheet_.styles[current_];
      if (const char* f = xml_attr(a, "font-name")) st.font_face = f;
      else if (const char* ff = xml_attr(a, "font-family")) st.font_family = unquote_family(ff);
      return true;
    }
    if (in_style_ && local == "table-properties") {
      if (const char* d = xml_attr(a, "display"))
        sheet_.styles[current_].hidden_table = std::string_view(d) == "false";
      return true;
    }
    FormatClass cls;
    if (local == "number-style" || local == "currency-style" || local == "boolean-style")
      cls = FormatClass::Other;
    else if (local == "percentage-style")
      cls = FormatClass::Percent;
    else if (local == "date-style" || local == "time-style")
      cls = FormatClass::Date;
    else if (local == "text-style")
      cls = FormatClass::Text;
    else
      return false;
    if (const char* n = xml_attr(a, "name")) sheet_.data_styles[n] = cls;
    return true;
  }

  void end(std::string_view local) {
    if (local == "style" || local == "default-style") in_style_ = false;
  }

 private:
  StyleSheet& sheet_;
  std::string current_;
  bool in_style_ = false;
};

class StylesPartHandler : public XmlHandler {
 public:
  explicit StylesPartHandler(StyleSheet& s) : collector_(s) {}
  void start_element(std::string_view, std::string_view local, const char** a) override {
    collector_.start(local, a);
  }
  void end_element(std::string_view, std::string_view local) override { collector_.end(local); }

 private:
  StyleCollector collector_;
};

std::uint64_t repeat_of(const char** a, const char* name) {
  const char* r = xml_attr(a, name);
  if (!r) return 1;
  auto v = std::strtoull(r, nullptr, 10);
  return v == 0 ? 1 : v;
}

struct PendingCell {
  std::uint32_t col = 0;
  std::uint64_t repeat = 1;
  CellType type = CellType::Empty;
  double number = 0;
  std::string text;
  std::string formula;
  bool is_formula = false, without_value = false;
  FormatClass format_class = FormatClass::General;
  std::string font;
};

class ContentHandler : public XmlHandler {
 public:
  ContentHandler(WorkbookSink& sink, StyleSheet& styles, const ReadLimits& limits)
      : sink_(sink), styles_(styles), collector_(styles), text_budget_(limits.text_bytes),
        cell_budget_(limits.cells) {}

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    if (!in_body_) {
      if (local == "body") in_body_ = true;
      else collector_.start(local, a);
      return;
    }
    if (in_cell_) {
      cell_child_start(local, a);
      return;
    }
    if (local == "table" && !in_table_) {
      begin_table(a);
    } else if (!in_table_) {
      return;
    } else if (local == "table-column") {
      auto n = repeat_of(a, "number-columns-repeated");
      if (hidden(a) && column_cursor_ < kMaxCols)
        sink_.hidden_columns(std::uint32_t(column_cursor_),
                             std::uint32_t(std::min<std::uint64_t>(column_cursor_ + n, kMaxCols) - 1));
      const char* st = xml_attr(a, "default-cell-style-name");
      if (st && std::string_view(st) != "Default")
        column_styles_.push_back({column_cursor_, column_cursor_ + n, st});
      column_cursor_ += n;
    } else if (local == "table-row") {
      row_repeat_ = repeat_of(a, "number-rows-repeated");
      row_hidden_ = hidden(a);
      const char* st = xml_attr(a, "default-cell-style-name");
      row_style_ = st ? st : "";
      col_ = 0;
      pending_.clear();
    } else if (local == "table-cell" || local == "covered-table-cell") {
      begin_cell(local == "covered-table-cell", a);
    } else if (local == "shapes" || local == "named-expressions" || local == "table-source" ||
               local == "scenario" || local == "forms") {
      skip_depth_ = 1;
    }
  }

  void end_element(std::string_view, std::string_view local) override {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    if (!in_body_) {
      collector_.end(local);
      return;
    }
    if (in_cell_) {
      if (local == "table-cell" || local == "covered-table-cell") end_cell();
      else cell_child_end(local);
      return;
    }
    if (local == "table-row" && in_table_) {
      flush_row();
    } else if (local == "table" && in_table_) {
      in_table_ = false;
      for (const auto& m : merges_) sink_.merged_range(m);
      sink_.end_sheet();
    }
  }

  void characters(std::string_view s) override {
    if (para_depth_ > 0) {
      cur_.text.append(s);
      if (cur_.text.size() > text_budget_)
        throw_limit("text-size", text_budget_, Text("một ô có quá nhiều chữ", "one cell holds too much text"));
    }
  }

 private:
  void begin_table(const char** a) {
    in_table_ = true;
    SheetInfo si;
    if (const char* n = xml_attr(a, "name")) si.name = nfc(n);
    si.index = sheet_index_++;
    if (const char* st = xml_attr(a, "style-name")) {
      auto it = styles_.styles.find(st);
      if (it != styles_.styles.end() && it->second.hidden_table)
        si.visibility = Visibility::Hidden;
    }
    row_ = 0;
    column_cursor_ = 0;
    column_styles_.clear();
    merges_.clear();
    sink_.begin_sheet(si);
  }

  std::string column_style(std::uint64_t col) const {
    for (const auto& cs : column_styles_)
      if (col >= cs.from && col < cs.to) return cs.style;
    return {};
  }

  void begin_cell(bool covered, const char** a) {
    in_cell_ = true;
    covered_ = covered;
    cur_ = PendingCell{};
    cur_.col = col_ > kMaxCols ? kMaxCols : std::uint32_t(col_);
    cur_.repeat = repeat_of(a, "number-columns-repeated");
    paragraphs_ = 0;
    if (covered) return;

    auto span_c = repeat_of(a, "number-columns-spanned");
    auto span_r = repeat_of(a, "number-rows-spanned");
    if ((span_c > 1 || span_r > 1) && col_ < kMaxCols && row_ < kMaxRows) {
      CellRange m{std::uint32_t(row_), std::uint32_t(col_),
                  std::uint32_t(std::min<std::uint64_t>(row_ + span_r - 1, kMaxRows - 1)),
                  std::uint32_t(std::min<std::uint64_t>(col_ + span_c - 1, kMaxCols - 1))};
      merges_.push_back(m);
    }

    const char* vt = xml_attr(a, "value-type");
    const char* calc = xml_attr_ns(a, "calcext:1.0", "value-type");
    if (const char* f = xml_attr(a, "formula")) {
      std::string_view fs(f);
      if (fs.substr(0, 3) == "of:") fs.remove_prefix(3);
      if (!fs.empty() && fs.front() == '=') fs.remove_prefix(1);
      cur_.is_formula = true;
      cur_.formula = fs;
    }
    std::string style;
    if (const char* st = xml_attr(a, "style-name")) style = st;
    else if (!row_style_.empty()) style = row_style_;
    else style = column_style(col_);
    cur_.format_class = styles_.format_class(style);
    cur_.font = styles_.font(style);

    std::string_view type = vt ? vt : "";
    if (calc && std::string_view(calc) == "error") type = "error";
    if (type == "float" || type == "currency" || type == "percentage") {
      const char* v = xml_attr(a, "value");
      cur_.number = v ? std::strtod(v, nullptr) : 0;
      cur_.type = CellType::Number;
      if (type == "percentage") cur_.format_class = FormatClass::Percent;
    } else if (type == "date" || type == "time") {
      const char* v = xml_attr(a, type == "date" ? "date-value" : "time-value");
      auto serial = v ? iso_to_serial(v) : std::nullopt;
      if (serial) {
        cur_.type = CellType::Date;
        cur_.number = *serial;
        cur_.text = serial_to_iso(*serial);
        if (cur_.format_class != FormatClass::Date) cur_.format_class = FormatClass::Date;
      } else if (v) {
        cur_.type = CellType::Text;
        cur_.text = v;
      }
      value_from_attr_ = true;
    } else if (type == "boolean") {
      const char* v = xml_attr(a, "boolean-value");
      cur_.type = CellType::Boolean;
      cur_.number = v && (std::string_view(v) == "true" || std::string_view(v) == "1") ? 1 : 0;
    } else if (type == "string") {
      cur_.type = CellType::Text;
      if (const char* sv = xml_attr(a, "string-value")) {
        cur_.text = sv;
        value_from_attr_ = true;
      }
    } else if (type == "error") {
      cur_.type = CellType::Error;
    } else {
      cur_.type = CellType::Empty;  // text:p content may still make it text
    }
    if (cur_.type == CellType::Number || cur_.type == CellType::Boolean) value_from_attr_ = true;
  }

  void cell_child_start(std::string_view local, const char**a) {
    if (local == "annotation") {
      skip_depth_ = 1;
      return;
    }
    if (covered_ || value_from_attr_) return;
    if (local == "p" || local == "h") {
      if (para_depth_ == 0 && paragraphs_++ > 0) cur_.text += '\n';
      ++para_depth_;
      want_text = true;
    } else if (para_depth_ > 0) {
      if (local == "s") cur_.text.append(std::size_t(std::min<std::uint64_t>(repeat_of(a, "c"), 1024)), ' ');
      else if (local == "tab") cur_.text += '\t';
      else if (local == "line-break") cur_.text += '\n';
    }
  }

  void cell_child_end(std::string_view local) {
    if ((local == "p" || local == "h") && para_depth_ > 0) {
      if (--para_depth_ == 0) want_text = false;
    }
  }

  void end_cell() {
    in_cell_ = false;
    want_text = false;
    para_depth_ = 0;
    bool had_attr_value = value_from_attr_;
    value_from_attr_ = false;
    auto advance = cur_.repeat;
    if (!covered_) {
      if (cur_.type == CellType::Empty && !cur_.text.empty() && !had_attr_value)
        cur_.type = CellType::Text;
      if (cur_.type == CellType::Empty && cur_.is_formula) cur_.without_value = true;
      bool keep = cur_.type != CellType::Empty || cur_.is_formula;
      if (keep && col_ < kMaxCols) {
        clean_text_in_place(cur_.text);
        cur_.repeat = std::min<std::uint64_t>(cur_.repeat, kMaxCols - col_);
        pending_.push_back(std::move(cur_));
      }
    }
    col_ += advance;
  }

  // table:visibility="collapse" (hidden) or "filter" (hidden by a filter).
  static bool hidden(const char** a) {
    const char* v = xml_attr(a, "visibility");
    return v && std::string_view(v) != "visible";
  }

  void flush_row() {
    auto repeat = row_repeat_;
    if (row_hidden_ && row_ < kMaxRows)
      sink_.hidden_rows(std::uint32_t(row_), std::uint32_t(std::min<std::uint64_t>(row_ + repeat, kMaxRows) - 1));
    if (!pending_.empty() && row_ < kMaxRows) {
      auto rows = std::min<std::uint64_t>(repeat, kMaxRows - row_);
      // Refuse a repeat that would blow the budget before expanding it, not after.
      std::uint64_t per_row = 0;
      for (const auto& p : pending_) per_row += p.repeat;
      if (per_row > cell_budget_ || rows > cell_budget_ / per_row ||
          emitted_ + rows * per_row > cell_budget_)
        throw_limit("cells", cell_budget_,
                    Text("các ô lặp lại (number-rows/columns-repeated) tạo ra quá nhiều ô",
                         "repeated cells (number-rows/columns-repeated) make too many cells"));
      emitted_ += rows * per_row;
      for (std::uint64_t r = 0; r < rows; ++r) {
        for (const auto& p : pending_) {
          Cell c;
          c.row = std::uint32_t(row_ + r);
          c.type = p.type;
          c.number = p.number;
          c.text = p.text;
          c.is_formula = p.is_formula;
          c.formula = p.formula;
          c.formula_without_value = p.without_value;
          c.format_class = p.format_class;
          c.font = p.font;
          for (std::uint64_t k = 0; k < p.repeat; ++k) {
            c.col = std::uint32_t(p.col + k);
            sink_.cell(c);
          }
        }
      }
    }
    row_ += repeat;
    pending_.clear();
  }

  WorkbookSink& sink_;
  StyleSheet& styles_;
  StyleCollector collector_;
  std::uint64_t text_budget_;
  std::uint64_t cell_budget_;
  std::uint64_t emitted_ = 0;
  int skip_depth_ = 0;
  bool in_body_ = false, in_table_ = false, in_cell_ = false, covered_ = false;
  bool value_from_attr_ = false;
  int para_depth_ = 0, paragraphs_ = 0;
  std::uint32_t sheet_index_ = 0;
  std::uint64_t row_ = 0, col_ = 0, row_repeat_ = 1, column_cursor_ = 0;
  bool row_hidden_ = false;
  std::string row_style_;
  struct ColumnStyle {
    std::uint64_t from, to;
    std::string style;
  };
  std::vector<ColumnStyle> column_styles_;
  std::vector<CellRange> merges_;
  std::vector<PendingCell> pending_;
  PendingCell cur_;
};

}  // namespace

void read_ods(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits) {
  if (auto manifest = zip.read_if_present("META-INF/manifest.xml"))
    if (manifest->find("encryption-data") != std::string::npos)
      throw_encrypted(Text("OpenDocument"));
  StyleSheet styles;
  if (zip.has("styles.xml")) {
    StylesPartHandler h(styles);
    auto s = zip.open("styles.xml");
    parse_xml(s, h, "styles.xml");
  }
  styles.default_cell_style_font = styles.font("Default");
  WorkbookInfo info;
  info.format = FileFormat::Ods;
  sink.begin_workbook(info);
  ContentHandler h(sink, styles, limits);
  auto s = zip.open("content.xml");
  parse_xml(s, h, "content.xml");
  sink.end_workbook();
}

}  // namespace tonghop
