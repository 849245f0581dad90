// The fuzz targets as plain functions: the libFuzzer binaries (fuzz_main.cpp) call them,
// and the regression test replays every input under tests/data/fuzz-regressions through
// them, so a crash found once is checked by every build (the sanitizer build included).
#include "fuzz_targets.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

#include "core/issue.hpp"
#include "core/vn_number.hpp"
#include "core/workbook.hpp"
#include "fuzz_support.hpp"
#include "plan/target.hpp"
#include "plan/timeframe.hpp"
#include "read/cfb.hpp"
#include "read/format_readers.hpp"
#include "read/reader.hpp"
#include "read/zip_archive.hpp"
#include "recognise/table.hpp"

namespace tonghop::fuzz {
namespace {

// One reader over one input; only InputError (a clean refusal) may leave a reader, any
// other exception or crash is a finding.
template <class Read>
void read_one(Read&& read) {
  WorkbookCollector collector;
  auto limits = fuzz_limits();
  GuardedSink sink(collector, limits);
  try {
    read(sink, limits);
  } catch (const InputError&) {
    return;
  }
  // What the later stages do first with every cell: its displayed text.
  auto book = collector.take();
  std::size_t n = 0;
  for (const auto& s : book.sheets)
    for (const auto& c : s.cells) n += display_text(c).size();
  (void)n;
}

std::uint32_t take_number(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc()) {
    s = {};
    return 0;
  }
  s.remove_prefix(std::size_t(p - s.data()));
  return v % 64;
}

void xlsx(const std::uint8_t* data, std::size_t size) {
  const auto& path = package_path(data, size);
  read_one([&](WorkbookSink& sink, const ReadLimits& limits) {
    ZipArchive zip(path, limits);
    read_xlsx(zip, sink, limits);
  });
}

void ods(const std::uint8_t* data, std::size_t size) {
  const auto& path = package_path(data, size);
  read_one([&](WorkbookSink& sink, const ReadLimits& limits) {
    ZipArchive zip(path, limits);
    read_ods(zip, sink, limits);
  });
}

void docx(const std::uint8_t* data, std::size_t size) {
  const auto& path = package_path(data, size);
  read_one([&](WorkbookSink& sink, const ReadLimits& limits) {
    ZipArchive zip(path, limits);
    read_docx(zip, sink, limits);
  });
}

void xls(const std::uint8_t* data, std::size_t size) {
  const auto& path = write_input(data, size, ".xls");
  read_one([&](WorkbookSink& sink, const ReadLimits& limits) { read_cfb(path, sink, limits); });
}

// The compound-file container alone, in memory: every root stream read whole.
void cfb(const std::uint8_t* data, std::size_t size) {
  try {
    CompoundFile ole(cfb_memory_source(std::string(reinterpret_cast<const char*>(data), size)), fuzz_limits());
    for (const auto& e : ole.root_children()) {
      if (e.type != 2) continue;
      auto s = ole.open(e);
      auto bytes = s.read_all();
      // A stream never holds more than its size, and reads past it are refused.
      std::uint8_t extra;
      if (bytes.size() != s.size() || s.read(&extra, 1)) std::abort();
    }
  } catch (const InputError&) {
  }
}

void csv(const std::uint8_t* data, std::size_t size) {
  const auto& path = write_input(data, size, ".csv");
  read_one([&](WorkbookSink& sink, const ReadLimits& limits) { read_csv(path, "input", sink, limits); });
}

void target(std::string_view in) { (void)to_string(parse_target(in).kind); }

void timeframe(std::string_view in) {
  auto half = in.substr(0, in.size() / 2);
  auto a = parse_timeframe(half);
  auto b = parse_timeframe(in.substr(half.size()));
  (void)combine_timeframes(a, b).understood();
}

void vn_number(std::string_view in) {
  auto n = parse_vn_number(in);
  // A parsed token is made of digits, separators and a sign: never NaN.
  if (n && n->value != n->value) std::abort();
}

// Lines are rows, tabs separate cells, "=" starts a number, and a line "@m r c h w ..."
// lists merged ranges (the bands of real headers are merged).
void table(std::string_view in) {
  static const LabelRoles roles = LabelRoles::load_default();
  Workbook book;
  book.sheets.push_back({});
  auto& sheet = book.sheets.back();
  sheet.info.name = "Sheet1";
  std::uint32_t row = 0;
  while (!in.empty() && row < 200) {
    auto eol = in.find('\n');
    auto line = in.substr(0, eol);
    in = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
    if (line.rfind("@m", 0) == 0) {
      line.remove_prefix(2);
      while (!line.empty()) {
        CellRange r;
        r.first_row = take_number(line);
        r.first_col = take_number(line);
        r.last_row = r.first_row + take_number(line) % 4;
        r.last_col = r.first_col + take_number(line) % 8;
        sheet.merges.push_back(r);
      }
      continue;
    }
    std::uint32_t col = 0;
    while (col < 64) {
      auto tab = line.find('\t');
      auto field = line.substr(0, tab);
      if (!field.empty()) {
        StoredCell c;
        c.row = row;
        c.col = col;
        if (field.front() == '=') {
          c.type = CellType::Number;
          c.number = std::strtod(std::string(field.substr(1)).c_str(), nullptr);
        } else {
          c.type = CellType::Text;
          c.text = std::string(field);
        }
        sheet.cells.push_back(std::move(c));
      }
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
      ++col;
    }
    ++row;
  }
  for (const auto& t : recognise_tables(book, roles)) {
    SheetView view(book.sheets[t.sheet]);
    for (const auto& r : t.rows)
      for (const auto& c : t.columns) (void)view.text(r.row, c.col);
  }
}

}  // namespace

const std::vector<std::string_view>& target_names() {
  static const std::vector<std::string_view> names = {"xlsx", "ods", "docx", "xls", "cfb", "csv",
                                                       "target", "timeframe", "vn_number", "table"};
  return names;
}

bool run_target(std::string_view name, const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (name == "xlsx") xlsx(data, size);
  else if (name == "ods") ods(data, size);
  else if (name == "docx") docx(data, size);
  else if (name == "xls") xls(data, size);
  else if (name == "cfb") cfb(data, size);
  else if (name == "csv") csv(data, size);
  else if (name == "target") target(text);
  else if (name == "timeframe") timeframe(text);
  else if (name == "vn_number") vn_number(text);
  else if (name == "table") table(text);
  else return false;
  return true;
}

}  // namespace tonghop::fuzz
