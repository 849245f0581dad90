// Lỗi kiểm tra: every issue of the check with its file, sheet and cell. A problem repeated
// in one sheet is one line with its count and cells; errors first; a list longer than a
// sheet holds continues on "Lỗi kiểm tra (2)".
//
// The issues come file by file (YearReport::each_issues); a group never spans two files,
// so each file's issues are grouped on their own. Error lines are written at once; warning
// and note lines wait in a temporary store (memory, then a file past a few hundred KiB)
// until every error is written, so the year's issues are never held whole.
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>

#include "consolidate/issue_groups.hpp"
#include "core/byte_codec.hpp"
#include "core/platform.hpp"
#include "write/consolidated_sheets.hpp"

namespace tonghop {
namespace {

// One line of the sheet, as its cells' texts.
struct IssueLine {
  std::string file, sheet, cell, severity, code, message;
  std::uint64_t count = 0;
};

// Lines kept in order: in memory up to kInMemory bytes, then appended to a temporary file.
class LineStore {
 public:
  ~LineStore() {
    if (file_.is_open()) file_.close();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(platform::path_from_utf8(dir_), ec);
    }
  }
  void add(const IssueLine& l) {
    ByteWriter w;
    w.out.swap(buffer_);
    w.str(l.file), w.str(l.sheet), w.str(l.cell), w.str(l.severity), w.str(l.code), w.str(l.message), w.pod(l.count);
    w.out.swap(buffer_);
    if (buffer_.size() > kInMemory) flush();
  }
  void each(const std::function<void(const IssueLine&)>& use) {
    if (file_.is_open()) {
      flush();
      file_.seekg(0);
      std::string chunk;
      // Buffers were flushed holding whole records: read back one buffer at a time.
      for (auto length : lengths_) {
        chunk.resize(length);
        if (!file_.read(chunk.data(), std::streamsize(length))) throw WriteError("cannot read back " + dir_);
        read(chunk, use);
      }
    }
    read(buffer_, use);
  }

 private:
  static constexpr std::size_t kInMemory = 256 * 1024;

  static void read(std::string_view bytes, const std::function<void(const IssueLine&)>& use) {
    ByteReader r(bytes);
    while (r.left()) {
      IssueLine l;
      l.file = r.str(), l.sheet = r.str(), l.cell = r.str(), l.severity = r.str(), l.code = r.str();
      l.message = r.str(), l.count = r.pod<std::uint64_t>();
      use(l);
    }
  }
  void flush() {
    if (buffer_.empty()) return;
    if (!file_.is_open()) {
      auto dir = platform::make_temp_dir("tonghop-issues");
      if (!dir) throw WriteError("cannot create a temporary folder for the issues sheet");
      dir_ = *dir;
      file_.open(platform::path_from_utf8(dir_) / "lines", std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
      if (!file_) throw WriteError("cannot create a temporary file in " + dir_);
    }
    if (!file_.write(buffer_.data(), std::streamsize(buffer_.size()))) throw WriteError("cannot write in " + dir_);
    lengths_.push_back(buffer_.size());
    buffer_.clear();
  }

  std::string buffer_, dir_;
  std::fstream file_;
  std::vector<std::size_t> lengths_;  // of the flushed buffers, each whole records
};

int rank(Severity s) { return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2; }

}  // namespace

DetailSheets write_issues(ConsolidatedBook& b) {
  const auto& t = b.layout.issues;
  bool has_count = t.column_of(Field::Count) >= 0;
  std::unique_ptr<TableWriter> w;
  ContinuedTable table(b, t.sheet, lxw_col_t(t.columns.size()), [&](xlsx::Sheet& ws) {
    if (w) w->set_sheet(ws);
    else w = std::make_unique<TableWriter>(b, ws, t);
    return w->header(b.header_block(ws, t, lxw_col_t(t.columns.size())));
  });
  auto write = [&](const IssueLine& l) {
    auto [ws, row] = table.next();
    for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
      switch (t.columns[c].id) {
        case Field::File: w->text(row, c, l.file); break;
        case Field::Sheet: w->text(row, c, l.sheet); break;
        case Field::Cell: w->text(row, c, l.cell); break;
        case Field::Count: ws->number(row, c, double(l.count), b.body); break;
        case Field::Severity: w->text(row, c, l.severity); break;
        case Field::IssueCode: w->text(row, c, l.code); break;
        case Field::Message: w->text(row, c, l.message); break;
        default: break;
      }
    }
    w->fit_row(row);
  };
  std::array<LineStore, 2> later;  // warnings, notes
  IssueLine line;
  b.year.each_issues([&](const std::vector<Issue>& issues) {
    for (const auto& g : group_issues(issues)) {
      const Issue& i = *g.first;
      line.file = platform::file_name(i.where.file);
      line.sheet = i.where.sheet;
      // Up to a few hundred references: more would only make the row unreadable.
      line.cell = g.count > 1 ? cells_text(g, 400) : i.cell();
      line.count = g.count;
      line.severity = i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin";
      line.code = std::string(to_string(i.code));
      line.message = i.message(Lang::Vi);
      if (g.count > 1)
        line.message += has_count ? " (và " + thousands_vi(g.count - 1) + " chỗ khác cùng loại)"
                                  : " (" + thousands_vi(g.count) + " lần)";
      if (int r = rank(i.severity)) later[std::size_t(r - 1)].add(line);
      else write(line);
    }
  });
  for (auto& store : later) store.each(write);
  DetailSheets out;
  out.sheets = table.finish();
  out.items = b.year.issue_count();
  out.rows = table.rows();
  return out;
}

}  // namespace tonghop
