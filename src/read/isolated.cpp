#include "read/isolated.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "core/byte_codec.hpp"
#include "core/issue.hpp"
#include "core/platform.hpp"
#include "read/reader.hpp"

namespace tonghop {
namespace {

using Writer = ByteWriter;
using Reader = ByteReader;

// Structured bindings list every field: adding one to these structs stops the build here
// until it is carried across the pipe too.
void put(Writer& w, const WorkbookInfo& info) {
  const auto& [format, date1904, encoding, delimiter, converted_from, recalc_on_load, custom_properties] = info;
  w.pod(format), w.pod(date1904), w.str(encoding), w.pod(delimiter), w.str(converted_from), w.pod(recalc_on_load);
  w.pod<std::uint64_t>(custom_properties.size());
  for (const auto& [name, value] : custom_properties) w.str(name), w.str(value);
}
void get(Reader& r, WorkbookInfo& info) {
  auto& [format, date1904, encoding, delimiter, converted_from, recalc_on_load, custom_properties] = info;
  format = r.pod<FileFormat>(), date1904 = r.pod<bool>(), encoding = r.str(), delimiter = r.pod<char>(),
  converted_from = r.str(), recalc_on_load = r.pod<bool>();
  custom_properties.resize(r.pod<std::uint64_t>());
  for (auto& [name, value] : custom_properties) name = r.str(), value = r.str();
}
void put(Writer& w, const StoredCell& c) {
  const auto& [row, col, number, text, formula, number_format, font, shared_formula, type, format_class, is_formula,
               formula_without_value, result_untrusted, result_computed] = c;
  w.pod(row), w.pod(col), w.pod(type), w.pod(number), w.str(text), w.str(formula), w.pod(is_formula),
      w.pod(formula_without_value), w.pod(result_untrusted), w.pod(shared_formula), w.pod(result_computed),
      w.pod(format_class), w.str(number_format), w.str(font);
}
// `shared`: the sheet's formats and fonts, `texts` its texts that repeat, each allocated once.
void get(Reader& r, StoredCell& c, SharedTexts& shared, SharedTexts& texts) {
  auto& [row, col, number, text, formula, number_format, font, shared_formula, type, format_class, is_formula,
         formula_without_value, result_untrusted, result_computed] = c;
  row = r.pod<std::uint32_t>(), col = r.pod<std::uint32_t>(), type = r.pod<CellType>(), number = r.pod<double>();
  text = texts(r.str()), formula = SharedText(r.str()), is_formula = r.pod<bool>(), formula_without_value = r.pod<bool>();
  result_untrusted = r.pod<bool>(), shared_formula = r.pod<std::int32_t>(), result_computed = r.pod<bool>();
  format_class = r.pod<FormatClass>(), number_format = shared(r.str()), font = shared(r.str());
}
void put(Writer& w, const Sheet& s) {
  const auto& [info, cells, merges, hidden_rows, hidden_columns] = s;
  const auto& [name, index, visibility] = info;
  w.str(name), w.pod(index), w.pod(visibility);
  w.pod<std::uint64_t>(cells.size());
  for (const auto& c : cells) put(w, c);
  w.pod<std::uint64_t>(merges.size());
  for (const auto& m : merges) w.pod(m);
  for (const auto* spans : {&hidden_rows, &hidden_columns}) {
    w.pod<std::uint64_t>(spans->size());
    for (const auto& span : *spans) w.pod(span);
  }
}
void get(Reader& r, Sheet& s) {
  auto& [info, cells, merges, hidden_rows, hidden_columns] = s;
  auto& [name, index, visibility] = info;
  name = r.str(), index = r.pod<std::uint32_t>(), visibility = r.pod<Visibility>();
  cells.resize(r.pod<std::uint64_t>());
  SharedTexts shared, texts(std::size_t(1) << 16);
  for (auto& c : cells) get(r, c, shared, texts);
  merges.resize(r.pod<std::uint64_t>());
  for (auto& m : merges) m = r.pod<CellRange>();
  for (auto* spans : {&hidden_rows, &hidden_columns}) {
    spans->resize(r.pod<std::uint64_t>());
    for (auto& span : *spans) span = r.pod<Span>();
  }
}

void put(Writer& w, const Issue& i) { w.issue(i); }
Issue get_issue(Reader& r) { return r.issue(); }

InputError failed(const std::string& path, Text what) {
  return InputError(make_issue(IssueCode::ReaderFailed, Location{path, "", {}, {}, ""}, {{"what", std::move(what)}}));
}

// Test hook: TONGHOP_TEST_READER_FAULT="crash:NAME" or "hang:NAME" makes the child crash or
// hang on a file whose path ends in NAME (the batch-isolation tests; unset in real runs).
void test_fault(const std::string& path) {
  const char* f = std::getenv("TONGHOP_TEST_READER_FAULT");
  if (!f) return;
  std::string_view spec(f);
  auto colon = spec.find(':');
  if (colon == std::string_view::npos) return;
  auto name = spec.substr(colon + 1);
  if (name.empty() || path.size() < name.size() || path.compare(path.size() - name.size(), name.size(), name) != 0)
    return;
  if (spec.substr(0, colon) == "crash") {
    // The default action, as a real crash has it: a sanitizer's handler would turn the
    // signal into an exit code and the crash would not be seen as one.
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
  if (spec.substr(0, colon) == "hang")
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

// What the child sends: the workbook ('W'), a refusal ('E'), out of memory ('M') or another
// failure ('X').
std::string read_in_child(const std::string& path, const ReadLimits& limits) {
  Writer w;
  try {
    test_fault(path);
    auto book = load_workbook(path, limits);
    w.pod('W');
    w.str(book.path);
    put(w, book.info);
    w.pod<std::uint64_t>(book.sheets.size());
    for (const auto& s : book.sheets) put(w, s);
    w.pod<std::uint64_t>(book.issues.size());
    for (const auto& i : book.issues) put(w, i);
  } catch (const InputError& e) {
    w.out.clear();
    w.pod('E');
    put(w, e.issue());
  } catch (const std::bad_alloc&) {
    w.out.clear();
    w.pod('M');
  } catch (const std::exception& e) {
    w.out.clear();
    w.pod('X');
    w.str(e.what());
  }
  return w.out;
}

}  // namespace

std::string serialise_workbook(const Workbook& book) {
  Writer w;
  w.str(book.path);
  put(w, book.info);
  w.pod<std::uint64_t>(book.sheets.size());
  for (const auto& s : book.sheets) put(w, s);
  w.pod<std::uint64_t>(book.issues.size());
  for (const auto& i : book.issues) put(w, i);
  return w.out;
}

Workbook deserialise_workbook(std::string_view bytes) {
  Reader r(bytes);
  Workbook book;
  book.path = r.str();
  get(r, book.info);
  book.sheets.resize(r.pod<std::uint64_t>());
  for (auto& s : book.sheets) get(r, s);
  for (auto n = r.pod<std::uint64_t>(); n > 0; --n) book.issues.push_back(get_issue(r));
  return book;
}

namespace {

Text memory_text(const ReadLimits& limits) {
  return Text("cần quá " + std::to_string(limits.read_memory >> 20) + " MiB bộ nhớ; --limit read-memory=N để cho thêm",
              "it needs over " + std::to_string(limits.read_memory >> 20) +
                  " MiB of memory; --limit read-memory=N allows more");
}
Text internal_text(const std::string& what) { return Text("lỗi nội bộ: " + what, "internal error: " + what); }

}  // namespace

InputError reading_failed(const std::string& path, const platform::ChildResult& run, const ReadLimits& limits) {
  using Status = platform::ChildResult::Status;
  if (run.status == Status::TimedOut)
    return failed(path, Text("đọc quá " + std::to_string(limits.read_seconds) + " giây; --limit read-seconds=N để cho thêm thời gian",
                             "reading took over " + std::to_string(limits.read_seconds) +
                                 " seconds; --limit read-seconds=N allows more"));
  if (run.status == Status::Signalled) {
    // The signal's name alone means nothing to the office: say what happened and what to do,
    // and keep the name in brackets for whoever investigates.
    const bool memory = run.signal == "SIGSEGV" || run.signal == "SIGBUS" || run.signal == "SIGKILL";
    const std::string vi = memory ? "trình đọc gặp lỗi truy cập bộ nhớ hoặc vượt giới hạn bộ nhớ"
                                  : "trình đọc gặp lỗi và bị dừng";
    const std::string en = memory ? "the reader failed accessing memory or went over the memory limit"
                                  : "the reader failed and was stopped";
    return failed(path, Text(vi + " (" + run.signal + ") khi đọc tệp này; tệp có thể bị hỏng: hãy mở bằng Excel, lưu lại (Save As .xlsx) rồi gửi lại",
                             en + " (" + run.signal + ") while reading this file; the file may be damaged: open it in Excel, save it again (Save As .xlsx) and send it again"));
  }
  return failed(path, Text("tiến trình đọc kết thúc bất thường", "the reading process ended abnormally"));
}

Workbook load_workbook_guarded(const std::string& path, const ReadLimits& limits) {
  try {
    test_fault(path);
    return load_workbook(path, limits);
  } catch (const InputError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw failed(path, memory_text(limits));
  } catch (const std::exception& e) {
    throw failed(path, internal_text(e.what()));
  }
}

Workbook load_workbook_isolated(const std::string& path, const ReadLimits& limits) {
  auto run = platform::run_in_child([&] { return read_in_child(path, limits); }, limits.read_seconds, limits.read_memory);
  using Status = platform::ChildResult::Status;
  if (run.status == Status::Unavailable) return load_workbook(path, limits);
  if (run.status != Status::Done) throw reading_failed(path, run, limits);
  const std::string& bytes = run.bytes;
  try {
    Reader r(bytes);
    switch (r.pod<char>()) {
      case 'W': {
        auto book = deserialise_workbook(bytes.substr(1));
        return book;
      }
      case 'E':
        throw InputError(get_issue(r));
      case 'M':
        throw failed(path, memory_text(limits));
      default:
        throw failed(path, internal_text(r.str()));
    }
  } catch (const std::runtime_error& e) {
    throw failed(path, Text(e.what()));
  }
}

}  // namespace tonghop
