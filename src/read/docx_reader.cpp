// .docx through libzip + expat: word/document.xml streamed into a small tree of blocks
// (paragraphs, tables, cells holding blocks), then flattened into DocxDocument. Tracked
// changes are read as accepted (insertions kept, deletions and moved-away text dropped),
// field results and hyperlink texts kept, field codes dropped.
#include "read/docx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/issue.hpp"
#include "core/text.hpp"
#include "read/convert.hpp"
#include "read/format_detect.hpp"
#include "read/format_readers.hpp"
#include "read/reader.hpp"
#include "read/xml_stream.hpp"
#include "read/zip_archive.hpp"

namespace tonghop {
namespace {

constexpr int kMaxNesting = 32;          // tables inside tables
constexpr std::uint32_t kMaxSpan = 1000;  // gridSpan / gridBefore taken at most this wide

int int_attr(const char** a, std::string_view name, int fallback) {
  const char* v = xml_attr(a, name);
  if (!v) return fallback;
  int out = fallback;
  std::string_view s(v);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() ? out : fallback;
}

std::string str_attr(const char** a, std::string_view name) {
  const char* v = xml_attr(a, name);
  return v ? v : "";
}

// w:val="0"/"false"/"off" switch a toggle property off; no w:val means on.
bool toggle_on(const char** a) {
  const char* v = xml_attr(a, "val");
  if (!v) return true;
  std::string_view s(v);
  return !(s == "0" || s == "false" || s == "off");
}

// ---- styles.xml: heading levels and list numbering that paragraph styles carry --------

struct StyleDef {
  std::string based_on;
  int heading = 0;  // 1..9
  std::optional<int> num_id, ilvl;
};

class StylesHandler : public XmlHandler {
 public:
  std::map<std::string, StyleDef> styles;

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (local == "style") {
      current_ = str_attr(a, "styleId");
      in_style_ = !current_.empty();
      if (in_style_) styles[current_];
      return;
    }
    if (!in_style_) return;
    auto& s = styles[current_];
    if (local == "name") {
      auto n = fold_key(str_attr(a, "val"));
      // "heading 1", and the Vietnamese Word's "Tiêu đề 1".
      for (std::string_view prefix : {"heading ", "tieu de "})
        if (n.rfind(prefix, 0) == 0 && n.size() == prefix.size() + 1 && n.back() >= '1' && n.back() <= '9')
          s.heading = n.back() - '0';
    } else if (local == "basedOn") {
      s.based_on = str_attr(a, "val");
    } else if (local == "outlineLvl") {
      int v = int_attr(a, "val", 9);
      if (v >= 0 && v < 9 && s.heading == 0) s.heading = v + 1;
    } else if (local == "numId") {
      s.num_id = int_attr(a, "val", 0);
    } else if (local == "ilvl") {
      s.ilvl = int_attr(a, "val", 0);
    }
  }
  void end_element(std::string_view, std::string_view local) override {
    if (local == "style") in_style_ = false;
  }

 private:
  std::string current_;
  bool in_style_ = false;
};

// ---- numbering.xml: list labels as Word renders them ----------------------------------

struct Level {
  int start = 1;
  std::string format = "decimal";
  std::string text;  // "%1.", "%1.%2.", "%1)", a bullet character
  bool legal = false;
};

struct AbstractNum {
  std::map<int, Level> levels;
};

struct NumInstance {
  int abstract_id = -1;
  std::map<int, int> start_override;
};

class NumberingHandler : public XmlHandler {
 public:
  std::map<int, AbstractNum> abstracts;
  std::map<int, NumInstance> nums;

  void start_element(std::string_view, std::string_view local, const char** a) override {
    if (local == "abstractNum") {
      abstract_ = int_attr(a, "abstractNumId", -1);
      num_ = -1;
    } else if (local == "num") {
      num_ = int_attr(a, "numId", -1);
      abstract_ = -1;
      if (num_ >= 0) nums[num_];
    } else if (local == "abstractNumId" && num_ >= 0) {
      nums[num_].abstract_id = int_attr(a, "val", -1);
    } else if (local == "lvlOverride") {
      override_lvl_ = int_attr(a, "ilvl", 0);
    } else if (local == "startOverride" && num_ >= 0) {
      nums[num_].start_override[override_lvl_] = int_attr(a, "val", 1);
    } else if (local == "lvl") {
      lvl_ = int_attr(a, "ilvl", 0);
      if (abstract_ >= 0) abstracts[abstract_].levels[lvl_];
    } else if (abstract_ >= 0 && lvl_ >= 0) {
      auto& l = abstracts[abstract_].levels[lvl_];
      if (local == "start") l.start = int_attr(a, "val", 1);
      else if (local == "numFmt") l.format = str_attr(a, "val");
      else if (local == "lvlText") l.text = str_attr(a, "val");
      else if (local == "isLgl") l.legal = toggle_on(a);
    }
  }
  void end_element(std::string_view, std::string_view local) override {
    if (local == "abstractNum") abstract_ = -1;
    else if (local == "num") num_ = -1;
    else if (local == "lvl") lvl_ = -1;
  }

 private:
  int abstract_ = -1, num_ = -1, lvl_ = -1, override_lvl_ = 0;
};

std::string roman(int n, bool upper_case) {
  static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                       {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                       {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                       {1, "i"}};
  std::string out;
  if (n <= 0 || n >= 4000) return std::to_string(n);
  for (const auto& [v, s] : table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  if (upper_case)
    for (auto& c : out) c = char(c - 'a' + 'A');
  return out;
}

std::string letters(int n, bool upper_case) {
  // Word's letters: a..z, then aa..zz, aaa..
  if (n <= 0) return std::to_string(n);
  char c = char((upper_case ? 'A' : 'a') + (n - 1) % 26);
  return std::string(std::size_t((n - 1) / 26 % 50 + 1), c);
}

std::string format_counter(int n, const std::string& fmt) {
  if (fmt == "lowerLetter") return letters(n, false);
  if (fmt == "upperLetter") return letters(n, true);
  if (fmt == "lowerRoman") return roman(n, false);
  if (fmt == "upperRoman") return roman(n, true);
  if (fmt == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  if (fmt == "none") return "";
  return std::to_string(n);  // decimal and the formats Vietnamese plans never use
}

class Numbering {
 public:
  Numbering(NumberingHandler defs) : defs_(std::move(defs)) {}

  // The label of the next paragraph of list num_id at level ilvl ("2.", "b)", "II.").
  std::string next(int num_id, int ilvl) {
    auto n = defs_.nums.find(num_id);
    if (num_id == 0 || n == defs_.nums.end()) return {};
    auto a = defs_.abstracts.find(n->second.abstract_id);
    if (a == defs_.abstracts.end()) return {};
    ilvl = std::clamp(ilvl, 0, 8);
    auto& counters = counters_[n->second.abstract_id];
    auto level_of = [&](int l) -> const Level& {
      static const Level fallback;
      auto it = a->second.levels.find(l);
      return it == a->second.levels.end() ? fallback : it->second;
    };
    // A list instance that restarts numbering does so at its first paragraph.
    if (started_.insert(num_id).second)
      for (const auto& [l, v] : n->second.start_override) counters.erase(l), overrides_[{n->second.abstract_id, l}] = v;
    auto start_of = [&](int l) {
      auto o = overrides_.find({n->second.abstract_id, l});
      return o != overrides_.end() ? o->second : level_of(l).start;
    };
    if (counters.count(ilvl)) ++counters[ilvl];
    else counters[ilvl] = start_of(ilvl);
    for (auto it = counters.upper_bound(ilvl); it != counters.end();) it = counters.erase(it);
    const Level& lvl = level_of(ilvl);
    if (lvl.format == "bullet") {
      bool ascii = !lvl.text.empty() && std::all_of(lvl.text.begin(), lvl.text.end(), [](char c) {
        return c > ' ' && c < 0x7F;
      });
      return ascii ? lvl.text : "-";
    }
    std::string out;
    for (std::size_t i = 0; i < lvl.text.size(); ++i) {
      char c = lvl.text[i];
      if (c == '%' && i + 1 < lvl.text.size() && lvl.text[i + 1] >= '1' && lvl.text[i + 1] <= '9') {
        int l = lvl.text[++i] - '1';
        int value = counters.count(l) ? counters[l] : start_of(l);
        out += format_counter(value, lvl.legal && l != ilvl ? "decimal" : level_of(l).format);
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  NumberingHandler defs_;
  std::map<int, std::map<int, int>> counters_;  // abstract list -> level -> current value
  std::map<std::pair<int, int>, int> overrides_;
  std::set<int> started_;
};

// ---- document.xml as a tree of blocks --------------------------------------------------

struct TableNode;

struct Block {
  std::optional<DocxParagraph> paragraph;
  std::unique_ptr<TableNode> table;
};

enum class VMerge { None, Restart, Continue };

struct CellNode {
  std::uint32_t span = 1;
  VMerge vmerge = VMerge::None;
  bool hmerge_continue = false;
  std::vector<Block> blocks;
};

struct RowNode {
  std::uint32_t grid_before = 0;
  bool deleted = false;
  std::vector<CellNode> cells;
};

struct TableNode {
  std::uint32_t grid_columns = 0;
  std::vector<RowNode> rows;
};

struct ParagraphBuild {
  std::string text;
  std::string style;
  std::optional<int> num_id, ilvl, outline;
};

class DocumentHandler : public XmlHandler {
 public:
  DocumentHandler(const std::map<std::string, StyleDef>& styles, Numbering& numbering, std::uint64_t text_budget)
      : styles_(styles), numbering_(numbering), text_budget_(text_budget) {
    containers_.push_back(&body_);
  }

  std::vector<Block> take() { return std::move(body_); }

  void start_element(std::string_view, std::string_view local, const char** a) override {
    path_.emplace_back(local);
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    const std::string& parent = path_.size() >= 2 ? path_[path_.size() - 2] : empty_;
    // Deleted text, text moved away, earlier formatting of a tracked change, the VML
    // copy of a drawing, comments: none of it is the document's accepted text.
    bool change_record = local.size() > 6 && local.substr(local.size() - 6) == "Change";
    if (local == "del" && parent == "trPr") {
      if (!tables_.empty() && !tables_.back()->rows.empty()) tables_.back()->rows.back().deleted = true;
      skip_ = 1;
      return;
    }
    if (local == "del" || local == "moveFrom" || change_record || local == "Fallback" ||
        local == "instrText" || local == "delText" || local == "delInstrText" || local == "commentReference" ||
        local == "footnoteReference" || local == "endnoteReference") {
      skip_ = 1;
      return;
    }
    if (local == "p") {
      paras_.emplace_back();
    } else if (local == "t" && !paras_.empty()) {
      want_text = true;
    } else if ((local == "tab" && parent == "r") || local == "ptab") {
      append("\t");
    } else if ((local == "br" && parent == "r") || local == "cr") {
      const char* type = xml_attr(a, "type");
      if (!type || std::string_view(type) == "textWrapping") append("\n");
    } else if (local == "noBreakHyphen") {
      append("-");
    } else if (local == "pStyle" && parent == "pPr" && !paras_.empty()) {
      paras_.back().style = str_attr(a, "val");
    } else if (local == "numId" && parent == "numPr" && !paras_.empty()) {
      paras_.back().num_id = int_attr(a, "val", 0);
    } else if (local == "ilvl" && parent == "numPr" && !paras_.empty()) {
      paras_.back().ilvl = int_attr(a, "val", 0);
    } else if (local == "outlineLvl" && parent == "pPr" && !paras_.empty()) {
      paras_.back().outline = int_attr(a, "val", 9);
    } else if (local == "tbl") {
      if (tables_.size() >= std::size_t(kMaxNesting))
        throw_unreadable(Text("văn bản có bảng lồng trong bảng quá " + std::to_string(kMaxNesting) + " tầng",
                              "the document nests tables more than " + std::to_string(kMaxNesting) + " deep"));
      auto& block = containers_.back()->emplace_back();
      block.table = std::make_unique<TableNode>();
      tables_.push_back(block.table.get());
    } else if (tables_.empty()) {
      return;
    } else if (local == "gridCol" && parent == "tblGrid") {
      ++tables_.back()->grid_columns;
    } else if (local == "tr") {
      tables_.back()->rows.emplace_back();
    } else if (local == "gridBefore" && parent == "trPr" && !tables_.back()->rows.empty()) {
      tables_.back()->rows.back().grid_before = std::uint32_t(std::clamp(int_attr(a, "val", 0), 0, int(kMaxSpan)));
    } else if (local == "tc" && !tables_.back()->rows.empty()) {
      auto& cell = tables_.back()->rows.back().cells.emplace_back();
      containers_.push_back(&cell.blocks);
      cells_.push_back(&cell);
    } else if (local == "gridSpan" && parent == "tcPr" && !cells_.empty()) {
      cells_.back()->span = std::uint32_t(std::clamp(int_attr(a, "val", 1), 1, int(kMaxSpan)));
    } else if (local == "vMerge" && parent == "tcPr" && !cells_.empty()) {
      const char* v = xml_attr(a, "val");
      cells_.back()->vmerge = v && std::string_view(v) == "restart" ? VMerge::Restart : VMerge::Continue;
    } else if (local == "hMerge" && parent == "tcPr" && !cells_.empty()) {
      const char* v = xml_attr(a, "val");
      cells_.back()->hmerge_continue = !(v && std::string_view(v) == "restart");
    }
  }

  void end_element(std::string_view, std::string_view local) override {
    path_.pop_back();
    if (skip_ > 0) {
      --skip_;
      return;
    }
    if (local == "t") {
      want_text = false;
    } else if (local == "p" && !paras_.empty()) {
      auto p = finish(std::move(paras_.back()));
      paras_.pop_back();
      containers_.back()->emplace_back().paragraph = std::move(p);
    } else if (local == "tc" && !cells_.empty() && containers_.size() > 1) {
      cells_.pop_back();
      containers_.pop_back();
    } else if (local == "tbl" && !tables_.empty()) {
      tables_.pop_back();
    }
  }

  void characters(std::string_view s) override { append(s); }

 private:
  void append(std::string_view s) {
    if (paras_.empty()) return;
    paras_.back().text.append(s);
    used_ += s.size();
    if (used_ > text_budget_)
      throw_limit("text-size", text_budget_, Text("văn bản có quá nhiều chữ", "the document holds too much text"));
  }

  DocxParagraph finish(ParagraphBuild b) {
    DocxParagraph p;
    // Properties the paragraph's style carries (and the styles it is based on).
    std::optional<int> num_id = b.num_id, ilvl = b.ilvl;
    int heading = b.outline && *b.outline >= 0 && *b.outline < 9 ? *b.outline + 1 : 0;
    std::string style = b.style;
    for (int depth = 0; depth < 16 && !style.empty(); ++depth) {
      auto it = styles_.find(style);
      if (it == styles_.end()) break;
      if (!heading) heading = it->second.heading;
      if (!num_id && it->second.num_id) num_id = it->second.num_id;
      if (!ilvl && it->second.ilvl) ilvl = it->second.ilvl;
      style = it->second.based_on;
    }
    p.heading = heading;
    if (num_id && *num_id > 0) p.label = numbering_.next(*num_id, ilvl.value_or(0));
    std::string text = std::move(b.text);
    for (auto& c : text)
      if (c == '\t') c = ' ';
    clean_text_in_place(text);
    p.text = trim_lines(text);
    if (!p.label.empty()) p.text = p.text.empty() ? p.label : p.label + " " + p.text;
    return p;
  }

  // Spaces at the ends of lines and runs of spaces inside them, as Word shows them.
  static std::string trim_lines(const std::string& s) {
    std::string out;
    std::size_t i = 0;
    while (i <= s.size()) {
      auto j = s.find('\n', i);
      if (j == std::string::npos) j = s.size();
      std::string line;
      for (std::size_t k = i; k < j; ++k) {
        if (s[k] == ' ' && (line.empty() || line.back() == ' ')) continue;
        line += s[k];
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (!out.empty() || !line.empty()) out += (out.empty() ? "" : "\n") + line;
      i = j + 1;
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  const std::map<std::string, StyleDef>& styles_;
  Numbering& numbering_;
  std::uint64_t text_budget_, used_ = 0;
  std::vector<Block> body_;
  std::vector<std::vector<Block>*> containers_;
  std::vector<TableNode*> tables_;
  std::vector<CellNode*> cells_;
  std::vector<ParagraphBuild> paras_;
  std::vector<std::string> path_;
  const std::string empty_;
  int skip_ = 0;
};

// ---- the tree flattened ----------------------------------------------------------------

// A nested table inside a cell of a real table: its rows as lines, cells joined by " | ".
void nested_text(const TableNode& t, std::vector<std::string>& lines);

void cell_lines(const std::vector<Block>& blocks, std::vector<std::string>& lines) {
  for (const auto& b : blocks) {
    if (b.paragraph) {
      if (!b.paragraph->text.empty()) lines.push_back(b.paragraph->text);
    } else if (b.table) {
      nested_text(*b.table, lines);
    }
  }
}

std::string join(const std::vector<std::string>& lines, std::string_view sep) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : std::string(sep)) + l;
  return out;
}

void nested_text(const TableNode& t, std::vector<std::string>& lines) {
  for (const auto& r : t.rows) {
    if (r.deleted) continue;
    std::vector<std::string> cells;
    for (const auto& c : r.cells) {
      if (c.vmerge == VMerge::Continue || c.hmerge_continue) continue;
      std::vector<std::string> inner;
      cell_lines(c.blocks, inner);
      auto text = join(inner, " ");
      if (!text.empty()) cells.push_back(text);
    }
    if (!cells.empty()) lines.push_back(join(cells, " | "));
  }
}

// A table used only to lay out what it holds: one cell (borderless boxes around a whole
// annex are common), holding a table.
const CellNode* layout_wrapper(const TableNode& t) {
  const CellNode* only = nullptr;
  for (const auto& r : t.rows) {
    if (r.deleted) continue;
    for (const auto& c : r.cells) {
      if (only) return nullptr;
      only = &c;
    }
  }
  if (!only) return nullptr;
  bool has_table = std::any_of(only->blocks.begin(), only->blocks.end(), [](const Block& b) { return bool(b.table); });
  return has_table ? only : nullptr;
}

DocxTable grid_of(const TableNode& t) {
  DocxTable out;
  // Open vertical merges by grid column: (row index, cell index) of their first cell.
  std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> open;
  std::uint32_t width = t.grid_columns;
  for (const auto& r : t.rows) {
    if (r.deleted) continue;
    std::vector<DocxCell> row;
    std::uint32_t col = r.grid_before;
    std::set<std::uint32_t> continued;
    for (const auto& c : r.cells) {
      std::vector<std::string> lines;
      cell_lines(c.blocks, lines);
      auto text = join(lines, "\n");
      if (c.hmerge_continue && !row.empty()) {  // legacy horizontal merge: widens the cell before
        ++row.back().span;
        if (!text.empty()) row.back().text += (row.back().text.empty() ? "" : "\n") + text;
        ++col;
        continue;
      }
      if (c.vmerge == VMerge::Continue) {
        auto it = open.find(col);
        if (it != open.end()) {
          auto& first = out.rows[it->second.first][it->second.second];
          first.rows = std::uint32_t(out.rows.size() - it->second.first + 1);
          // Word shows only the first cell's text; anything typed below is kept, not lost.
          if (!text.empty()) first.text += (first.text.empty() ? "" : "\n") + text;
          continued.insert(col);
          col += c.span;
          continue;
        }
      }
      DocxCell cell;
      cell.col = col;
      cell.span = c.span;
      cell.text = std::move(text);
      if (c.vmerge != VMerge::None) {
        open[col] = {out.rows.size(), row.size()};
        continued.insert(col);
      }
      row.push_back(std::move(cell));
      col += c.span;
      if (col > kMaxCols) break;
    }
    // A merge ends where a row has no continuation in its column.
    for (auto it = open.begin(); it != open.end();) it = continued.count(it->first) ? std::next(it) : open.erase(it);
    width = std::max(width, col);
    out.rows.push_back(std::move(row));
  }
  out.columns = std::min<std::uint32_t>(width, kMaxCols);
  return out;
}

void flatten(std::vector<Block>& blocks, DocxDocument& doc) {
  for (auto& b : blocks) {
    if (b.paragraph) {
      doc.paragraphs.push_back(std::move(*b.paragraph));
    } else if (b.table) {
      if (auto* wrapped = layout_wrapper(*b.table)) {
        flatten(const_cast<std::vector<Block>&>(wrapped->blocks), doc);
        continue;
      }
      auto t = grid_of(*b.table);
      t.paragraphs_before = doc.paragraphs.size();
      bool any = std::any_of(t.rows.begin(), t.rows.end(), [](const auto& r) {
        return std::any_of(r.begin(), r.end(), [](const DocxCell& c) { return !c.text.empty(); });
      });
      if (any) doc.tables.push_back(std::move(t));
    }
  }
}

// The issuing body's lines: the first cell of a masthead table, or the first paragraphs.
std::vector<std::string> masthead_of(const std::vector<Block>& body) {
  std::vector<std::string> lines;
  for (const auto& b : body) {
    if (b.table) {
      for (const auto& r : b.table->rows)
        for (const auto& c : r.cells) {
          std::vector<std::string> cl;
          cell_lines(c.blocks, cl);
          if (!cl.empty()) {
            cl.resize(std::min<std::size_t>(cl.size(), 3));
            return cl;
          }
        }
      return lines;
    }
    if (b.paragraph && !b.paragraph->text.empty()) {
      lines.push_back(b.paragraph->text);
      if (lines.size() == 2) return lines;
    }
  }
  return lines;
}

// Sheet names as Excel allows them: no []:*?/\, 31 characters, unique without case.
std::string sheet_name_from(const std::string& text) {
  std::string s;
  for (char c : text) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = ' ';
    if (c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && (s.empty() || s.back() == ' ')) continue;
    s += c;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\'')) s.pop_back();
  while (!s.empty() && s.front() == '\'') s.erase(s.begin());
  if (code_point_count(s) <= 31) return s;
  std::string cut;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    auto next = s.substr(0, j);
    if (code_point_count(next) > 31) break;
    cut = next;
    i = j + 1;
  }
  if (cut.empty()) {
    // One long word: cut at 31 characters.
    std::size_t n = 0, k = 0;
    while (k < s.size() && n < 31) {
      ++n;
      ++k;
      while (k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) ++k;
    }
    cut = s.substr(0, k);
  }
  return cut;
}

bool starts_with_key(const std::string& key, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes)
    if (key.rfind(p, 0) == 0) return true;
  return false;
}

// The name of table i: the annex heading above it ("PHỤ LỤC 1", "Biểu 02"), else the
// nearest heading, else the nearest short paragraph, else "Bảng N".
std::string table_name(const DocxDocument& doc, std::size_t i) {
  std::size_t from = i == 0 ? 0 : doc.tables[i - 1].paragraphs_before;
  std::size_t to = doc.tables[i].paragraphs_before;
  std::optional<std::string> annex, heading, nearest;
  int seen = 0;
  for (std::size_t k = to; k > from && seen < 8; --k) {
    const auto& p = doc.paragraphs[k - 1];
    if (p.text.empty()) continue;
    ++seen;
    auto key = fold_key(p.text);
    if (!annex && starts_with_key(key, {"phu luc", "bieu", "bang", "mau bieu", "mau so"}) && p.text.size() < 200)
      annex = p.text.substr(0, p.text.find('\n'));
    if (!heading && p.heading > 0 && p.text.size() < 200) heading = p.text;
    bool reference = p.text.front() == '(' || starts_with_key(key, {"kem theo", "don vi tinh", "dvt"});
    if (!nearest && !reference && code_point_count(p.text) <= 80) nearest = p.text;
  }
  std::string name = annex ? *annex : heading ? *heading : nearest ? *nearest : "";
  name = sheet_name_from(name);
  return name.empty() ? "Bảng " + std::to_string(i + 1) : name;
}

void name_tables(DocxDocument& doc) {
  std::set<std::string> used;
  for (std::size_t i = 0; i < doc.tables.size(); ++i) {
    auto base = table_name(doc, i);
    auto name = base;
    for (int n = 2; used.count(lower(name)); ++n) {
      auto suffix = " (" + std::to_string(n) + ")";
      name = sheet_name_from(base);
      while (code_point_count(name) + suffix.size() > 31 && !name.empty()) {
        name.pop_back();
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
      }
      name += suffix;
    }
    used.insert(lower(name));
    doc.tables[i].name = name;
  }
}

template <class Handler>
void parse_part(const ZipArchive& zip, std::string_view part, Handler& h) {
  if (!zip.has(part)) return;
  auto s = zip.open(part);
  parse_xml(s, h, part);
}

}  // namespace

void throw_word97_unsupported() {
  throw InputError(make_issue(
      IssueCode::UnsupportedFormat, {},
      {{"format", Text("văn bản Word 97-2003 (.doc)", "Word 97-2003 document (.doc)")},
       {"install", Text(" Với văn bản Word: mở bằng Word và lưu lại dưới dạng .docx, hoặc cài LibreOffice Writer "
                        "(apt-get install libreoffice-writer-nogui) để tonghop tự chuyển đổi.",
                        " For a Word document: open it in Word and save it as .docx, or install LibreOffice Writer "
                        "(apt-get install libreoffice-writer-nogui) and tonghop converts it itself.")}}));
}

DocxDocument read_docx_document(const ZipArchive& zip, const ReadLimits& limits) {
  StylesHandler styles;
  parse_part(zip, "word/styles.xml", styles);
  NumberingHandler numbering_defs;
  parse_part(zip, "word/numbering.xml", numbering_defs);
  Numbering numbering(std::move(numbering_defs));
  DocumentHandler doc_handler(styles.styles, numbering, limits.text_bytes);
  auto stream = zip.open("word/document.xml");
  parse_xml(stream, doc_handler, "word/document.xml");
  auto body = doc_handler.take();
  DocxDocument doc;
  doc.masthead = masthead_of(body);
  flatten(body, doc);
  name_tables(doc);
  return doc;
}

void read_docx(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits) {
  auto doc = read_docx_document(zip, limits);
  if (doc.tables.empty()) {
    // Where the plan's indicators probably are, so the message can point at them.
    std::string where;
    for (const auto& p : doc.paragraphs) {
      auto k = fold_key(p.text);
      if (code_point_count(p.text) < 120 && (k.find("chi tieu") != std::string::npos || k.rfind("phu luc", 0) == 0)) {
        where = p.text;
        break;
      }
    }
    Text at = where.empty() ? Text("") : Text(" (các chỉ tiêu có lẽ nằm ở mục \"" + where + "\", viết thành câu văn)",
                                              " (the indicators are probably under \"" + where + "\", written as sentences)");
    throw InputError(make_issue(IssueCode::DocumentWithoutTable, {},
                                {{"paragraphs", Text(std::to_string(doc.paragraphs.size()))}, {"where", at}}));
  }
  WorkbookInfo info;
  info.format = FileFormat::Docx;
  sink.begin_workbook(info);
  std::size_t prev = 0;
  for (std::size_t i = 0; i < doc.tables.size(); ++i) {
    const auto& t = doc.tables[i];
    SheetInfo si;
    si.name = t.name;
    si.index = std::uint32_t(i);
    sink.begin_sheet(si);
    // Title block: the issuing body, then the paragraphs just above the table (annex
    // number, title, "(Kèm theo ...)"), as a workbook pasted from the document has them.
    std::vector<std::string> title;
    bool masthead_is_this_table = i == 0 && !doc.masthead.empty() && t.paragraphs_before == 0;
    if (!masthead_is_this_table) title = doc.masthead;
    std::vector<std::string> above;
    for (std::size_t k = t.paragraphs_before; k > prev && above.size() < 6; --k) {
      const auto& p = doc.paragraphs[k - 1];
      if (!p.text.empty() && code_point_count(p.text) <= 300) above.push_back(p.text);
    }
    if (!title.empty() && !above.empty()) title.push_back("");
    title.insert(title.end(), above.rbegin(), above.rend());
    prev = t.paragraphs_before;
    std::uint32_t row = 0;
    for (const auto& line : title) {
      if (!line.empty()) {
        Cell c;
        c.row = row;
        c.col = 0;
        c.type = CellType::Text;
        c.text = line;
        sink.cell(c);
      }
      ++row;
    }
    if (!title.empty()) ++row;  // a blank row between the title block and the table
    std::vector<CellRange> merges;
    for (std::size_t r = 0; r < t.rows.size() && row + r < kMaxRows; ++r) {
      for (const auto& dc : t.rows[r]) {
        if (dc.col >= kMaxCols) continue;
        auto at_row = std::uint32_t(row + r);
        if (!dc.text.empty()) {
          Cell c;
          c.row = at_row;
          c.col = dc.col;
          c.type = CellType::Text;
          c.text = dc.text;
          sink.cell(c);
        }
        if (dc.span > 1 || dc.rows > 1)
          merges.push_back({at_row, dc.col, std::min<std::uint32_t>(at_row + dc.rows - 1, kMaxRows - 1),
                            std::min<std::uint32_t>(dc.col + dc.span - 1, kMaxCols - 1)});
      }
    }
    for (const auto& m : merges) sink.merged_range(m);
    sink.end_sheet();
  }
  sink.end_workbook();
}

DocxDocument load_docx_document(const std::string& path, const ReadLimits& limits) {
  try {
    auto container = sniff_file(path);
    if (container == Container::Cfb) {
      auto soffice = limits.allow_conversion ? find_libreoffice() : std::nullopt;
      if (!soffice) throw_word97_unsupported();
      TempDir tmp;
      auto docx = convert_with_libreoffice(*soffice, path, tmp.path(), unsigned(limits.convert_seconds), "docx");
      ZipArchive zip(docx, limits);
      return read_docx_document(zip, limits);
    }
    if (container != Container::Zip)
      throw_unreadable(Text("đây không phải văn bản Word (.docx)", "this is not a Word document (.docx)"));
    ZipArchive zip(path, limits);
    if (!zip.has("word/document.xml"))
      throw_unreadable(Text("gói ZIP không có phần word/document.xml nên không phải văn bản Word",
                            "the ZIP package has no word/document.xml part, so it is no Word document"));
    return read_docx_document(zip, limits);
  } catch (InputError& e) {
    if (e.issue().where.file.empty()) e.issue().where.file = path;
    throw;
  }
}

}  // namespace tonghop
