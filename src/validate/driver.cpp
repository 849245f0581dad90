#include "validate/driver.hpp"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <unordered_set>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "core/byte_codec.hpp"
#include "core/date.hpp"
#include "core/platform.hpp"
#include "core/json_writer.hpp"
#include "evaluate/evaluate.hpp"
#include "read/isolated.hpp"
#include "read/reader.hpp"
#include "validate/row_match.hpp"

namespace tonghop {

std::optional<double> parse_receipt_date(std::string_view text) {
  auto d = parse_typed_date(text);
  if (!d) return std::nullopt;
  return d.serial;
}

ReceiptsBook read_receipts_book(const Workbook& book, const std::string& path) {
  ReceiptsBook out;
  for (const auto& sheet : book.sheets)
    for (const auto& c : sheet.cells) {
      if (c.col != 0 || c.type != CellType::Text || c.text.empty()) continue;
      const auto* d = sheet.find(c.row, 1);
      if (!d) continue;
      if (d->type == CellType::Date || (d->type == CellType::Number && d->format_class == FormatClass::Date)) {
        out.received[c.text] = d->number;
        continue;
      }
      std::string typed = d->type == CellType::Number ? format_number(d->number) : d->text.str();
      if (typed.find_first_of("0123456789") == std::string::npos) continue;  // a header: "Ngày nhận"
      auto when = parse_typed_date(typed);
      if (when) {
        out.received[c.text] = when.serial;
        continue;
      }
      out.unknown.insert(c.text);
      Text problem = when.status == TypedDate::Status::NoSuchDay
                         ? Text("không có thật (tháng " + std::to_string(when.month) + "/" + std::to_string(when.year) +
                                    " không có ngày " + std::to_string(when.day) + ")",
                                "does not exist (" + std::to_string(when.month) + "/" + std::to_string(when.year) +
                                    " has no day " + std::to_string(when.day) + ")")
                         : Text("không đọc được", "cannot be read");
      out.issues.push_back(make_issue_at(
          IssueCode::InvalidDate, path, sheet.info.name, d->row, d->col, "",
          {{"value", typed},
           {"source", Text("sổ nhận " + platform::file_name(path),
                           "the receipts book " + platform::file_name(path))},
           {"problem", problem},
           {"effect", Text("chưa xét được tệp " + c.text + " nộp đúng hạn hay muộn",
                           "whether " + c.text + " came in on time is not judged")}}));
    }
  return out;
}

LoadedSubmission load_submission(const std::string& path, const ReadLimits& limits,
                                 const std::function<void()>& read_here) {
  LoadedSubmission out;
  auto book = std::make_shared<Workbook>();
  try {
    if (read_here) {
      *book = load_workbook_guarded(path, limits);
      read_here();
    } else {
      *book = load_workbook_isolated(path, limits);  // a reader crash refuses this file only
    }
  } catch (const InputError& e) {
    out.issues.push_back(e.issue());
    return out;
  }
  out.issues = book->issues;
  // Formulas without a trusted result: computed, or listed once per sheet as not assessable.
  auto listed = [](const std::vector<std::pair<std::uint32_t, std::uint32_t>>& cells) {
    std::string out;
    std::size_t shown = std::min<std::size_t>(cells.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + cell_ref(cells[i].first, cells[i].second);
    if (shown < cells.size()) out += ", …";
    return out;
  };
  auto ev = evaluate_formulas(*book);
  for (const auto& s : ev.computed)
    out.issues.push_back(make_issue_at(IssueCode::FormulaComputed, path, s.sheet, std::nullopt, std::nullopt, "",
                                       {{"count", std::to_string(s.cells.size())}, {"cells", listed(s.cells)}}));
  for (const auto& s : ev.unevaluated)
    out.issues.push_back(make_issue_at(IssueCode::FormulaWithoutValue, path, s.sheet, std::nullopt, std::nullopt, "",
                                       {{"count", std::to_string(s.cells.size())}, {"cells", listed(s.cells)},
                                        {"reason", s.reason}}));
  out.workbook = std::move(book);
  return out;
}

SubmissionMeta submission_meta(const std::string& path, const CheckOptions& opt, bool readable,
                               std::vector<Issue>& notes) {
  SubmissionMeta meta;
  meta.path = path;
  if (auto it = opt.unit_of.find(path); it != opt.unit_of.end()) meta.unit = it->second;
  auto name = platform::file_name(path);
  auto it = opt.received.find(path);
  if (it == opt.received.end()) it = opt.received.find(name);
  if (opt.receipt_unknown.count(path) || opt.receipt_unknown.count(name)) {
    // The office recorded it, with a date that cannot be used (reported with the book's
    // cell): not judged, rather than judged by the file's time.
  } else if (it != opt.received.end()) {
    meta.received = it->second;
    meta.received_source = ReceiptSource::Option;
  } else if (readable) {
    if (auto modified = platform::modified_seconds(path)) {
      meta.received = 25569.0 + double(*modified) / 86400.0;  // 1970-01-01 is serial 25569
      meta.received_source = ReceiptSource::FileTime;
      Location where;
      where.file = path;
      notes.push_back(
          make_issue(IssueCode::ReceiptFromFileTime, where, {{"received", serial_to_iso(*meta.received).substr(0, 16)}}));
    }
  }
  return meta;
}

namespace {

// A file read (or refused), when it came in, then checked. With a sink, the reading's issues
// go first, the notes last, as the result would hold them.
FileResult check_loaded(const std::string& path, LoadedSubmission loaded, const Plan& plan, const PlanItems& items,
                        const CheckOptions& opt, const CheckContext& ctx, ResultSink* sink = nullptr) {
  std::vector<Issue> notes;
  auto meta = submission_meta(path, opt, loaded.workbook != nullptr, notes);
  if (loaded.workbook) meta.form = read_form_identity(*loaded.workbook);
  if (sink) sink->issues(loaded.issues);
  FileResult fr;
  if (loaded.workbook) {
    fr = check_workbook(*loaded.workbook, meta, plan, items, opt.period, ctx, sink);
    if (opt.keep_workbooks) fr.workbook = loaded.workbook;
  } else {
    fr.path = path;
    fr.readable = false;
    fr.received = meta.received;
    fr.received_source = meta.received_source;
  }
  fr.issues.insert(fr.issues.begin(), loaded.issues.begin(), loaded.issues.end());
  fr.issues.insert(fr.issues.end(), notes.begin(), notes.end());
  if (sink) sink->issues(fr.issues);
  return fr;
}

}  // namespace

FileResult check_file(const std::string& path, const Plan& plan, const PlanItems& items, const CheckOptions& opt,
                      const CheckContext& ctx, const std::function<void()>& read_here, ResultSink* sink) {
  return check_loaded(path, load_submission(path, opt.limits, read_here), plan, items, opt, ctx, sink);
}

namespace {

// Structured bindings list every field: a field added to these structs stops the build
// here until it is carried across the pipe too.
void put(ByteWriter& w, const Value& v) {
  const auto& [kind, number, ambiguous, qualified, status, progress, detail, raw, shown] = v;
  w.pod(kind), w.pod(number), w.pod(ambiguous), w.pod(qualified), w.pod(status), w.opt(progress);
  w.short_str(detail), w.short_str(raw), w.short_text(shown);
}
void get(ByteReader& r, Value& v) {
  auto& [kind, number, ambiguous, qualified, status, progress, detail, raw, shown] = v;
  kind = r.pod<Value::Kind>(), number = r.pod<double>(), ambiguous = r.pod<bool>(), qualified = r.pod<bool>();
  status = r.pod<Status>(), progress = r.opt<double>(), detail = r.short_str(), raw = r.short_str();
  shown = r.short_text();
}
void put(ByteWriter& w, const RowResult& row) {
  const auto& [sheet, r, col, kind, item, written, score, closest, runner_up, runner_up_score, by_code, evidence,
               reading, actual, result, note, plan_value, assessment, counts] = row;
  w.short_str(sheet), w.pod(r), w.pod(col), w.pod(kind), w.opt(item), w.short_str(written), w.pod(score);
  w.count(closest), w.count(runner_up), w.pod(runner_up_score), w.pod(by_code), w.short_str(evidence);
  w.short_str(reading);
  put(w, actual);
  w.short_str(result), w.short_str(note), w.opt(plan_value), w.pod(assessment), w.pod(counts);
}
// `sheets`: the names of the file's sheets, each allocated once.
void get(ByteReader& rd, RowResult& row, SharedTexts& sheets) {
  auto& [sheet, r, col, kind, item, written, score, closest, runner_up, runner_up_score, by_code, evidence, reading,
         actual, result, note, plan_value, assessment, counts] = row;
  sheet = sheets(rd.short_str()), r = rd.pod<std::uint32_t>(), col = rd.pod<std::uint32_t>();
  kind = rd.pod<ItemKind>(), item = rd.opt<std::size_t>(), written = rd.short_str(), score = rd.pod<double>();
  closest = rd.count(), runner_up = rd.count(), runner_up_score = rd.pod<double>(), by_code = rd.pod<bool>();
  evidence = rd.short_str(), reading = rd.short_str();
  get(rd, actual);
  result = rd.short_str(), note = rd.short_str(), plan_value = rd.opt<double>(), assessment = rd.pod<Assessment>();
  counts = rd.pod<bool>();
}

// An issue of a file's result: its file written only when it is not the result's own.
void put(ByteWriter& w, const Issue& i, const std::string& path) {
  const auto& [code, severity, where, params] = i;
  const auto& [file, sheet, row, col, item] = where;
  w.pod(code), w.pod(severity);
  if (file == path) {
    w.count(0);
  } else {
    w.count(file.size() + 1);
    w.out.append(file);
  }
  w.short_str(sheet), w.opt(row), w.opt(col), w.short_str(item);
  w.count(params.size());
  for (const auto& [k, v] : params) w.short_str(k), w.short_text(v);
}
Issue get_issue(ByteReader& r, const std::string& path) {
  Issue i{};
  i.code = r.pod<IssueCode>(), i.severity = r.pod<Severity>();
  auto file = r.count();
  i.where.file = file == 0 ? path : r.bytes(file - 1);
  i.where.sheet = r.short_str(), i.where.row = r.opt<std::uint32_t>(), i.where.col = r.opt<std::uint32_t>();
  i.where.item = r.short_str();
  for (auto n = r.count(); n > 0; --n) {
    auto k = r.short_str();
    i.params[k] = r.short_text();
  }
  return i;
}

void put(ByteWriter& w, const FileSummary& s) {
  const auto& [path, unit, unit_source, period, received, readable, usable, reported, superseded, late, newer,
               added] = s;
  w.str(path), w.str(unit), w.pod(unit_source), w.opt(period), w.opt(received), w.pod(readable), w.pod(usable);
  w.pod<std::uint64_t>(reported.size());
  for (auto item : reported) w.pod(item);
  w.pod(superseded), w.pod(late), w.str(newer);
  w.pod<std::uint64_t>(added.size());
  for (const auto& i : added) w.issue(i);
}

std::string serialise_summary(const FileSummary& s) {
  ByteWriter w;
  put(w, s);
  return std::move(w.out);
}

FileSummary deserialise_summary(std::string_view bytes) {
  ByteReader r(bytes);
  FileSummary s;
  auto& [path, unit, unit_source, period, received, readable, usable, reported, superseded, late, newer, added] = s;
  path = r.str(), unit = r.str(), unit_source = r.pod<UnitSource>(), period = r.opt<Period>();
  received = r.opt<double>(), readable = r.pod<bool>(), usable = r.pod<bool>();
  reported.resize(r.pod<std::uint64_t>());
  for (auto& item : reported) item = r.pod<std::uint32_t>();
  superseded = r.pod<bool>(), late = r.pod<bool>(), newer = r.str();
  for (auto n = r.pod<std::uint64_t>(); n > 0; --n) added.push_back(r.issue());
  return s;
}

}  // namespace

namespace {

// Every field of a result but its rows, issues and workbook.
void put_head(ByteWriter& w, const FileResult& f) {
  const auto& [path, readable, unit, unit_source, commune, period, received, received_source, late, usable,
               superseded, rows, issues, workbook] = f;
  w.str(path), w.pod(readable), w.str(unit), w.pod(unit_source), w.str(commune), w.opt(period), w.opt(received);
  w.pod(received_source), w.pod(late), w.pod(usable), w.pod(superseded);
}
void get_head(ByteReader& r, FileResult& f) {
  auto& [path, readable, unit, unit_source, commune, period, received, received_source, late, usable, superseded,
         rows, issues, workbook] = f;
  path = r.str(), readable = r.pod<bool>(), unit = r.str(), unit_source = r.pod<UnitSource>(), commune = r.str();
  period = r.opt<Period>(), received = r.opt<double>(), received_source = r.pod<ReceiptSource>();
  late = r.pod<bool>(), usable = r.pod<bool>(), superseded = r.pod<bool>();
}

}  // namespace

void serialise_file_result(const FileResult& f, const std::function<void(std::string_view)>& chunk) {
  // A long report's bytes go out a megabyte at a time, never all held (nor doubled) here.
  constexpr std::size_t kChunk = std::size_t(1) << 20;
  ByteWriter w;
  auto pass = [&](bool last) {
    if (w.out.empty() || (!last && w.out.size() < kChunk)) return;
    chunk(w.out);
    w.out.clear();
  };
  put_head(w, f);
  w.pod<std::uint64_t>(f.rows.size());
  for (const auto& row : f.rows) put(w, row), pass(false);
  w.pod<std::uint64_t>(f.issues.size());
  for (const auto& i : f.issues) put(w, i, f.path), pass(false);
  w.pod(f.workbook != nullptr);
  if (f.workbook) w.str(serialise_workbook(*f.workbook));
  pass(true);
}

std::string serialise_file_result(const FileResult& f) {
  std::string out;
  serialise_file_result(f, [&](std::string_view bytes) { out += bytes; });
  return out;
}

FileResult deserialise_file_result(ByteReader& r) {
  FileResult f;
  get_head(r, f);
  f.rows.resize(r.pod<std::uint64_t>());
  SharedTexts sheets;
  for (auto& row : f.rows) get(r, row, sheets);
  for (auto n = r.pod<std::uint64_t>(); n > 0; --n) f.issues.push_back(get_issue(r, f.path));
  if (r.pod<bool>()) f.workbook = std::make_shared<Workbook>(deserialise_workbook(r.str()));
  return f;
}

FileResult deserialise_file_result(std::string_view bytes) {
  ByteReader r(bytes);
  return deserialise_file_result(r);
}

namespace {

// A file's result written out as it comes (a ResultSink): its rows to one temporary file, its
// issues to another, a megabyte at a time, and what its head needs gathered on the way. A
// checking worker writes its files' results so (the parent only reads them back); the parent
// writes so the results it makes itself.
class SpillWriter : public ResultSink {
 public:
  SpillWriter(std::string rows_path, std::string issues_path) {
    rows_.path = std::move(rows_path), issues_.path = std::move(issues_path);
  }

  // A file's result starts (what a result that did not end left unwritten is dropped).
  void begin(const std::string& path) {
    path_ = path;
    for (auto* o : {&rows_, &issues_}) o->w.out.clear(), o->start = o->at, o->count = 0;
    errors_ = warnings_ = 0;
    reported_.clear(), figures_.clear();
  }
  void rows(std::vector<RowResult>& batch) override {
    for (const auto& r : batch) {
      add_reported(reported_, r);
      add_figure(figures_, r);
      put(rows_.w, r);
      ++rows_.count;
      rows_.spill(false);
    }
    batch.clear();
  }
  void issues(std::vector<Issue>& batch) override {
    for (const auto& i : batch) {
      errors_ += i.severity == Severity::Error, warnings_ += i.severity == Severity::Warning;
      put(issues_.w, i, path_);
      ++issues_.count;
      issues_.spill(false);
    }
    batch.clear();
  }
  // The file's result ends: what `f` still holds written too (all of it when it was checked
  // without this sink), then where it lies and its summary.
  std::pair<SpilledResult, FileSummary> finish(FileResult& f) {
    rows(f.rows), issues(f.issues);
    if (f.workbook) rows_.w.str(serialise_workbook(*f.workbook));
    rows_.spill(true), issues_.spill(true);
    SpilledResult s;
    ByteWriter head;
    put_head(head, f);
    head.count(errors_), head.count(warnings_);
    head.count(figures_.size());
    for (const auto& g : figures_)
      head.count(g.item), head.pod(g.number), head.short_text(g.shown), head.short_str(g.sheet), head.pod(g.row);
    head.pod(f.workbook != nullptr);
    s.head = std::move(head.out);
    s.rows = {0, rows_.start, rows_.at - rows_.start, rows_.count};
    s.issues = {0, issues_.start, issues_.at - issues_.start, issues_.count};
    return {std::move(s), summarise(f, std::move(reported_))};
  }

 private:
  struct Out {
    std::string path;
    std::ofstream file;
    ByteWriter w;
    std::uint64_t at = 0, start = 0, count = 0;  // bytes written, where the file's result starts; its records
    void spill(bool all) {
      if (w.out.empty() || (!all && w.out.size() < (std::size_t(1) << 20))) return;
      if (!file.is_open()) file.open(platform::path_from_utf8(path), std::ios::binary | std::ios::trunc);
      if (!file.write(w.out.data(), std::streamsize(w.out.size())) || (all && !file.flush()))
        throw std::runtime_error("cannot write the check's results to " + path);
      at += w.out.size();
      w.out.clear();
    }
  };
  Out rows_, issues_;
  std::string path_;
  std::uint64_t errors_ = 0, warnings_ = 0;
  std::vector<std::uint32_t> reported_;
  std::vector<Figure> figures_;
};

// Results read back from the check's temporary files, each part through a ByteReader that
// refills a megabyte at a time.
class SpillReader {
 public:
  explicit SpillReader(const std::vector<std::string>& sources) : sources_(sources) {}
  ByteReader part(const SpilledResult::Part& p) {
    if (p.length == 0) return ByteReader(std::string_view());  // (its file may not have been made)
    auto& in = stream(p.source);
    if (!in.seekg(std::streamoff(p.offset))) fail(p.source);
    return ByteReader([this, &in, source = p.source, left = p.length](std::string& buffer) mutable {
      if (left == 0) return false;
      auto n = std::min<std::uint64_t>(left, std::uint64_t(1) << 20);
      auto end = buffer.size();
      buffer.resize(end + n);
      if (!in.read(buffer.data() + end, std::streamsize(n))) fail(source);
      left -= n;
      return true;
    });
  }

 private:
  std::ifstream& stream(std::uint32_t source) {
    auto& in = open_[source];
    if (!in) {
      in = std::make_unique<std::ifstream>(platform::path_from_utf8(sources_.at(source)), std::ios::binary);
      if (!*in) fail(source);
    }
    in->clear();
    return *in;
  }
  [[noreturn]] void fail(std::uint32_t source) {
    throw std::runtime_error("cannot read the check's results in " + sources_.at(source));
  }
  const std::vector<std::string>& sources_;
  std::map<std::uint32_t, std::unique_ptr<std::ifstream>> open_;
};

// What the head of a spilled result holds besides the result's own fields.
struct Head {
  FileResult file;
  std::uint64_t errors = 0, warnings = 0;
  std::vector<Figure> figures;
  bool workbook = false;
};
Head read_head(const std::string& bytes) {
  Head h;
  ByteReader r(bytes);
  get_head(r, h.file);
  h.errors = r.count(), h.warnings = r.count();
  h.figures.resize(r.count());
  for (auto& g : h.figures)
    g.item = r.count(), g.number = r.pod<double>(), g.shown = r.short_text(), g.sheet = r.short_str(),
    g.row = r.pod<std::uint32_t>();
  h.workbook = r.pod<bool>();
  return h;
}

// A spilled result read back in parts: `head` (completed by the caller), then rows and issues
// a batch at a time (each batch handed to `use` in `part.file`), then the end. `after` are
// issues that follow the file's own (the checks across files').
void read_parts(const SpilledResult& s, Head& head, SpillReader& in, std::vector<Issue> after,
                const std::function<void(ResultPart&)>& use) {
  constexpr std::size_t kBatch = 1024;  // (a reading thread's queue holds a few dozen)
  const std::string path = head.file.path;
  const bool superseded = head.file.superseded;
  ResultPart part;
  part.kind = ResultPart::Kind::Head;
  part.file = std::move(head.file);
  part.status = !part.file.readable ? FileStatus::Unreadable
                : head.errors         ? FileStatus::Errors
                : head.warnings       ? FileStatus::Warnings
                                      : FileStatus::Ok;
  part.errors = head.errors, part.warnings = head.warnings;
  use(part);
  std::shared_ptr<Workbook> workbook;
  {
    auto r = in.part(s.rows);
    SharedTexts sheets;
    for (auto left = s.rows.count; left > 0;) {
      part = ResultPart{ResultPart::Kind::Rows, {}, {}};
      part.file.rows.resize(std::min<std::uint64_t>(left, kBatch));
      for (auto& row : part.file.rows) {
        get(r, row, sheets);
        if (superseded) row.counts = false;  // a superseded file's rows do not count
      }
      left -= part.file.rows.size();
      use(part);
    }
    if (head.workbook) workbook = std::make_shared<Workbook>(deserialise_workbook(r.str()));
  }
  {
    auto r = in.part(s.issues);
    for (auto left = s.issues.count; left > 0;) {
      part = ResultPart{ResultPart::Kind::Issues, {}, {}};
      auto n = std::min<std::uint64_t>(left, kBatch);
      part.file.issues.reserve(n);
      for (std::uint64_t k = 0; k < n; ++k) part.file.issues.push_back(get_issue(r, path));
      left -= n;
      use(part);
    }
  }
  if (!after.empty()) {
    part = ResultPart{ResultPart::Kind::Issues, {}, {}};
    part.file.issues = std::move(after);
    use(part);
  }
  part = ResultPart{ResultPart::Kind::End, {}, {}};
  part.file.workbook = std::move(workbook);
  use(part);
}

// A file's parts put together.
class Assembled {
 public:
  // Gives each file whole to `use` once its end has come.
  explicit Assembled(std::function<void(FileResult&)> use) : use_(std::move(use)) {}
  void operator()(ResultPart& p) {
    switch (p.kind) {
      case ResultPart::Kind::Head: f_ = std::move(p.file); break;
      case ResultPart::Kind::Rows:
        f_.rows.insert(f_.rows.end(), std::make_move_iterator(p.file.rows.begin()),
                       std::make_move_iterator(p.file.rows.end()));
        break;
      case ResultPart::Kind::Issues:
        f_.issues.insert(f_.issues.end(), std::make_move_iterator(p.file.issues.begin()),
                         std::make_move_iterator(p.file.issues.end()));
        break;
      case ResultPart::Kind::End:
        f_.workbook = std::move(p.file.workbook);
        use_(f_);
        f_ = FileResult{};
        break;
    }
  }

 private:
  std::function<void(FileResult&)> use_;
  FileResult f_;
};

FileResult read_whole(const SpilledResult& s, SpillReader& in) {
  auto head = read_head(s.head);
  FileResult out;
  read_parts(s, head, in, {}, Assembled([&](FileResult& f) { out = std::move(f); }));
  return out;
}

}  // namespace

namespace {

using platform::read_channel;
using platform::write_channel;

// A file whose checking process did not come back: refused, the others go on.
FileResult check_failed(const std::string& path, const std::string& why) {
  FileResult fr;
  fr.path = path;
  fr.readable = false;
  fr.issues.push_back(make_issue(
      IssueCode::ReaderFailed, Location{path, "", {}, {}, ""},
      {{"what", Text("tiến trình kiểm tra dừng bất thường: " + why, "the checking process stopped abnormally: " + why)}}));
  return fr;
}

// What checking a file leaves behind in the plan's caches, put back after each file so that
// the next file starts from the state every file starts from (a file's result depends on
// that file alone, whichever process checked which files before it): the words first seen
// in the file forgotten (their ids, and so the order weights are summed in, would differ),
// and the rankings that involve them. Rankings of rows written only in words known before
// (the plan's words) come out the same in any process: they stay, for the files after it.
class FileState {
 public:
  FileState(const PlanItems& items, const NameMatcher& m)
      : items_(items), m_(m), first_new_word_(m.id("\x01")),  // a sentinel no text folds to
        words_(m.word_count()), evidence_(items.evidence) {
    for (const auto& entry : items_.ranked) known_.insert(entry.first);
  }

  // After a file's check, in the process that checked it.
  void restore() {
    if (items_.ranked.size() != known_.size())
      for (auto it = items_.ranked.begin(); it != items_.ranked.end();) {
        if (known_.count(it->first)) {
          ++it;
          continue;
        }
        auto p = m_.prepare(std::string_view(it->first).substr(it->first.find('\x1f') + 1));
        auto known_word = [&](int id) { return id < first_new_word_; };
        if (std::all_of(p.seq.begin(), p.seq.end(), known_word) &&
            std::all_of(p.numbers.begin(), p.numbers.end(), known_word)) {
          known_.insert(it->first);
          ++it;
        } else {
          it = items_.ranked.erase(it);
        }
      }
    if (items_.evidence.size() != evidence_.size()) items_.evidence = evidence_;
    m_.forget_words_from(words_);
    for (const auto* index : {items_.indicators.get(), items_.tasks.get()})
      if (index) index->forget_words_from(words_);
  }

 private:
  const PlanItems& items_;
  const NameMatcher& m_;
  int first_new_word_;
  std::size_t words_;
  std::unordered_map<std::string, SharedText> evidence_;
  // The keys of items_.ranked kept (nodes never move).
  std::unordered_set<std::string_view> known_;
};

// Where the files' results go as they come in, each at its file's index, and the temporary
// files the workers write them to.
class ResultStore {
 public:
  explicit ResultStore(std::string folder) : dir(std::move(folder)) {}
  virtual ~ResultStore() = default;
  // A result made in this process: checked here, refused, or a worker that failed.
  virtual void held(std::size_t index, FileResult fr) = 0;
  // A file checked in this process: a store that writes results aside lends its writer, so
  // that a long report's rows and issues are not held whole here either (nullptr: held whole).
  virtual SpillWriter* begin_here(const std::string& path) {
    (void)path;
    return nullptr;
  }
  // That file's result, its rows and issues already handed to the writer begin_here lent.
  virtual void end_here(std::size_t index, FileResult head) { held(index, std::move(head)); }
  // A worker's result: its summary and where the worker wrote it.
  virtual void received(std::size_t index, FileSummary summary, SpilledResult spilled) = 0;
  // A new temporary file's path, and its number (SpilledResult::Part::source).
  std::pair<std::string, std::uint32_t> add_source(const std::string& name) {
    sources.push_back(platform::utf8_of(platform::path_from_utf8(dir) / name));
    return {sources.back(), std::uint32_t(sources.size() - 1)};
  }
  const std::string dir;  // where they are
  std::vector<std::string> sources;
};

// How a file is checked: read and checked (read_here: called once the file is read, for the
// read limits to be lifted), or refused with the issue of a reading that did not come back;
// then the caches put back (FileState::restore).
struct FileChecker {
  std::function<FileResult(const std::string& path, const std::function<void()>& read_here, ResultSink* sink)> check;
  std::function<FileResult(const std::string& path, Issue refused)> refuse;
  std::function<void()> restore;
};

// Why `check` (a file's check) failed, as its result says it: empty when it did not throw.
template <class F>
std::string failure_of(F&& check) {
  try {
    check();
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

// Files are checked by a few long-lived worker processes (--jobs), forked before the first
// file, each checking file after file as the parent hands them out, its caches put back after
// each (FileState), so that --jobs N gives the bytes of --jobs 1. While a worker reads a file
// its address space is limited (ReadLimits::read_memory) and the parent holds it to the
// deadline (read_seconds): a reader that crashes, hangs or runs away ends that worker only,
// the file is refused as the isolated reader refuses it, and a new worker takes its place.
//
// A worker writes its files' rows and issues to temporary files of its own as it checks them
// (SpillWriter), so that neither process holds a long report's results whole.
//
// Parent -> worker: a file's index (uint64). Worker -> parent: 'D' once the file is read,
// then 'R' (result): its summary, its SpilledResult's head, then where its rows and issues
// lie in the worker's files (each: length, bytes); or 'F' (failed), length, the reason.
class CheckWorkers {
 public:
  CheckWorkers(unsigned n, const std::vector<std::string>& files, const FileChecker& check, const ReadLimits& limits,
               ResultStore& store)
      : files_(files), check_(check), limits_(limits), store_(store) {
    for (unsigned i = 0; i < n; ++i)
      if (!spawn()) break;  // none on Windows: the files are checked here
  }
  CheckWorkers(const CheckWorkers&) = delete;
  CheckWorkers& operator=(const CheckWorkers&) = delete;
  ~CheckWorkers() {
    for (auto& w : workers_) stop(w);
  }

  // Every file checked, each result handed to the store as it comes in (in any order of the
  // files).
  void run() {
    auto& store = store_;
    const auto& files = files_;
    std::vector<bool> have(files.size());
    std::size_t next = 0, emitted = 0;
    auto held = [&](std::size_t i, FileResult fr) {
      store.held(i, std::move(fr));
      if (!have[i]) have[i] = true, ++emitted;
    };
    auto give = [&](Worker& w) {
      if (next >= files.size() || w.pid <= 0) return;
      std::uint64_t i = next;
      if (!write_channel(w.fd, {reinterpret_cast<const char*>(&i), sizeof i})) {
        stop(w);
        return;
      }
      w.busy = i, w.working = true, w.read = false;
      w.deadline = Clock::now() + std::chrono::seconds(limits_.read_seconds);
      ++next;
    };
    // A worker that stopped (or was stopped) with a file: the file is refused as a reading
    // or a check that did not come back, and a new worker takes the others.
    auto lose = [&](Worker& w, bool timed_out) {
      bool working = w.working;
      std::size_t i = w.busy;
      if (timed_out) platform::kill_process(w.pid);
      auto end = stop(w);
      if (working) {
        using Status = platform::ChildResult::Status;
        platform::ChildResult run;
        run.status = timed_out ? Status::TimedOut : end.signalled ? Status::Signalled : Status::Failed;
        run.signal = end.signal_name;
        if (w.read) {
          held(i, check_failed(files[i], end.signalled ? end.signal_name : "worker"));
        } else {
          held(i, check_.refuse(files[i], reading_failed(files[i], run, limits_).issue()));
          check_.restore();  // refused here
        }
      }
      if (respawn(w)) give(w);
    };
    for (auto& w : workers_) give(w);
    while (emitted < files.size()) {
      std::vector<int> fds;
      std::vector<Worker*> who;
      auto now = Clock::now();
      auto wait = Clock::duration::max();
      for (auto& w : workers_)
        if (w.working) {
          fds.push_back(w.fd), who.push_back(&w);
          if (!w.read) wait = std::min(wait, w.deadline - now);
        }
      if (fds.empty()) {
        // No worker left (they could not be started): the rest here, each failure its file's
        // only, as in a worker.
        for (; next < files.size(); ++next) {
          std::optional<FileResult> head;
          auto failed = failure_of([&] { head = check_.check(files[next], {}, store.begin_here(files[next])); });
          check_.restore();
          if (head) {
            store.end_here(next, std::move(*head));
            if (!have[next]) have[next] = true, ++emitted;
          } else {
            held(next, check_failed(files[next], failed));
          }
        }
        break;
      }
      int timeout = wait == Clock::duration::max()
                        ? -1
                        : int(std::clamp<long long>(
                              std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1, 0, 1000));
      auto readable = platform::wait_readable(fds, timeout);
      if (readable.empty()) {
        for (auto* w : who) lose(*w, false);
        continue;
      }
      for (std::size_t k = 0; k < fds.size(); ++k) {
        Worker& w = *who[k];
        if (!readable[k]) {
          if (!w.read && Clock::now() >= w.deadline) lose(w, true);
          continue;
        }
        char status = 0;
        if (!read_channel(w.fd, &status, 1)) {
          lose(w, false);
          continue;
        }
        if (status == 'D') {
          w.read = true;
          continue;
        }
        std::string bytes;
        bool ok = (status == 'R' || status == 'F') && read_message(w.fd, bytes);
        std::size_t index = w.busy;
        if (ok && status == 'R') {
          SpilledResult spilled;
          std::string parts;
          ok = read_message(w.fd, spilled.head) && read_message(w.fd, parts);
          std::optional<FileSummary> summary;
          try {
            if (ok) {
              summary = deserialise_summary(bytes);
              ByteReader r(parts);
              for (auto* p : {&spilled.rows, &spilled.issues})
                *p = {w.sources[p == &spilled.rows ? 0 : 1], r.pod<std::uint64_t>(), r.pod<std::uint64_t>(),
                      r.pod<std::uint64_t>()};
            }
          } catch (const std::exception&) {
            ok = false;  // what follows cannot be told apart: the worker is replaced
          }
          if (ok) {
            store.received(index, std::move(*summary), std::move(spilled));
            if (!have[index]) have[index] = true, ++emitted;
          }
        } else if (ok) {
          held(index, check_failed(files[index], bytes));
        }
        if (!ok) {
          lose(w, false);
          continue;
        }
        w.working = false;
        give(w);
      }
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Worker {
    long pid = 0;
    int fd = -1;
    std::size_t busy = 0;
    bool working = false, read = false;
    Clock::time_point deadline;
    std::uint32_t sources[2] = {0, 0};  // the worker's temporary files: rows, issues
  };

  // A worker forked from this process: its caches as they are here, before any file.
  bool spawn() {
    Worker w;
    if (!start(w)) return false;
    workers_.push_back(w);
    return true;
  }
  bool respawn(Worker& w) { return start(w); }
  bool start(Worker& w) {
    int fds[2];  // [0] the parent's end, [1] the worker's
    if (!platform::make_channel(fds)) return false;
    // Its own temporary files, new with each worker (a stopped worker's are left as they are).
    auto name = "worker-" + std::to_string(store_.sources.size() / 2);
    auto [rows_path, rows_source] = store_.add_source(name + ".rows");
    auto [issues_path, issues_source] = store_.add_source(name + ".issues");
    long pid = platform::fork_process();
    if (pid < 0) {
      platform::close_channel(fds[0]), platform::close_channel(fds[1]);
      return false;
    }
    if (pid == 0) {
      platform::close_channel(fds[0]);
      for (const auto& other : workers_)
        if (other.pid > 0) platform::close_channel(other.fd);  // the siblings' ends
      serve(fds[1], SpillWriter(rows_path, issues_path));
    }
    platform::close_channel(fds[1]);
    w = Worker{};
    w.pid = pid, w.fd = fds[0];
    w.sources[0] = rows_source, w.sources[1] = issues_source;
    return true;
  }

  // length (uint64), bytes
  static bool read_message(int fd, std::string& bytes) {
    std::uint64_t length = 0;
    if (!read_channel(fd, reinterpret_cast<char*>(&length), sizeof length)) return false;
    bytes.resize(length);
    return read_channel(fd, bytes.data(), length);
  }
  static bool write_message(int fd, std::string_view bytes) {
    std::uint64_t length = bytes.size();
    return write_channel(fd, {reinterpret_cast<const char*>(&length), sizeof length}) && write_channel(fd, bytes);
  }

  static platform::ProcessEnd stop(Worker& w) {
    platform::ProcessEnd end;
    if (w.pid <= 0) return end;
    platform::close_channel(w.fd);
    end = platform::wait_process(w.pid);
    w.pid = 0, w.working = false;
    return end;
  }

  // The worker: file after file, each read under the read limits, checked, its result written
  // out and where it lies sent.
  [[noreturn]] void serve(int fd, SpillWriter out) {
    std::uint64_t i = 0;
    while (read_channel(fd, reinterpret_cast<char*>(&i), sizeof i) && i < files_.size()) {
      auto lift = platform::limit_address_space(limits_.read_memory);
      bool read = false, sent = true;
      auto read_done = [&] {
        if (read) return;
        read = true;
        lift();
        sent = write_channel(fd, "D");
      };
      std::optional<std::pair<SpilledResult, FileSummary>> result;
      auto failed = failure_of([&] {
        out.begin(files_[i]);
        auto head = check_.check(files_[i], read_done, &out);
        result = out.finish(head);
      });
      read_done();
      check_.restore();
      if (!sent) break;
      if (!result) {
        if (!write_channel(fd, "F") || !write_message(fd, failed)) break;
        continue;
      }
      const auto& [spilled, summary] = *result;
      ByteWriter parts;
      for (const auto* p : {&spilled.rows, &spilled.issues}) parts.pod(p->offset), parts.pod(p->length), parts.pod(p->count);
      if (!write_channel(fd, "R") || !write_message(fd, serialise_summary(summary)) || !write_message(fd, spilled.head) ||
          !write_message(fd, parts.out))
        break;
    }
    platform::exit_now(0);
  }

  const std::vector<std::string>& files_;
  const FileChecker& check_;
  const ReadLimits& limits_;
  ResultStore& store_;
  std::vector<Worker> workers_;
};

}  // namespace

unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

namespace {

// Every file checked in the worker processes, `done` called in the order of the files.
void check_each(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                const CheckContext& ctx, ResultStore& store) {
  PlanItems items(plan, ctx.matcher);
  // Rows that copy the plan's own names (the common case) ranked once here, before the
  // workers are forked, rather than once in every file's process. Their words are the
  // plan's, so this adds no word and changes no result.
  for (bool with_code : {true, false}) {
    std::vector<RowText> names;
    for (auto kind : {ItemKind::Indicator, ItemKind::Task})
      for (std::size_t i = 0; i < (kind == ItemKind::Task ? plan.tasks.size() : plan.indicators.size()); ++i)
        names.push_back({with_code ? plan.code_of({kind, i}) : "", plan.name_of({kind, i})});
    match_rows(plan, items, ctx.matcher, names, "");
  }
  FileState state(items, ctx.matcher);
  FileChecker check{
      [&](const std::string& path, const std::function<void()>& read_here, ResultSink* sink) {
        return check_file(path, plan, items, opt, ctx, read_here, sink);
      },
      [&](const std::string& path, Issue refused) {
        return check_loaded(path, LoadedSubmission{nullptr, {std::move(refused)}}, plan, items, opt, ctx);
      },
      [&] { state.restore(); }};
  CheckWorkers workers(
      opt.in_process ? 0u : unsigned(std::clamp<std::size_t>(opt.jobs, 1, std::max<std::size_t>(files.size(), 1))),
      files, check, opt.limits, store);
  workers.run();
}

std::string make_results_dir() {
  auto dir = platform::make_temp_dir("tonghop-check");
  if (!dir) throw std::runtime_error("cannot create a temporary folder for the check's results");
  return *dir;
}

void remove_results_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(platform::path_from_utf8(dir), ec);
}

double deadline_of(const CheckOptions& opt) { return opt.deadline ? *opt.deadline : default_deadline(opt.period.year); }

}  // namespace

CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx) {
  CheckReport report;
  report.period = opt.period;
  report.files.reserve(files.size());
  // Every result held: read back whole as it comes in.
  struct Held : ResultStore {
    std::vector<FileResult>& files;
    const std::vector<std::string>& paths;
    Held(const std::string& dir, std::vector<FileResult>& f, const std::vector<std::string>& p)
        : ResultStore(dir), files(f), paths(p) {}
    ~Held() override { remove_results_dir(dir); }
    void held(std::size_t i, FileResult fr) override { files[i] = std::move(fr); }
    void received(std::size_t i, FileSummary, SpilledResult spilled) override {
      try {
        SpillReader in(sources);
        files[i] = read_whole(spilled, in);
      } catch (const std::exception& e) {
        files[i] = check_failed(paths[i], e.what());
      }
    }
  } store(make_results_dir(), report.files, files);
  report.files.resize(files.size());
  check_each(plan, files, opt, ctx, store);
  report.issues.insert(report.issues.end(), opt.receipt_issues.begin(), opt.receipt_issues.end());
  complete_report(report, plan, deadline_of(opt));
  return report;
}

StreamedCheck::StreamedCheck(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                             const CheckContext& ctx)
    : plan_(plan), deadline_(deadline_of(opt)), dir_(make_results_dir()) {
  report.period = opt.period;
  // Where each result lies, and its summary: all that is kept of it here. The workers wrote
  // theirs; the results made here are written alike.
  struct Spill : ResultStore {
    StreamedCheck& c;
    std::optional<SpillWriter> own;
    std::uint32_t rows = 0, issues = 0;  // own's files
    explicit Spill(StreamedCheck& check) : ResultStore(check.dir_), c(check) {
      auto r = add_source("here.rows");
      auto i = add_source("here.issues");
      own.emplace(r.first, i.first);
      rows = r.second, issues = i.second;
    }
    void held(std::size_t i, FileResult fr) override {
      own->begin(fr.path);
      end_here(i, std::move(fr));
    }
    SpillWriter* begin_here(const std::string& path) override {
      own->begin(path);
      return &*own;
    }
    void end_here(std::size_t i, FileResult fr) override {
      auto [spilled, summary] = own->finish(fr);
      spilled.rows.source = rows, spilled.issues.source = issues;
      received(i, std::move(summary), std::move(spilled));
    }
    void received(std::size_t i, FileSummary s, SpilledResult spilled) override {
      c.summaries_[i] = std::move(s);
      c.spilled_[i] = std::move(spilled);
    }
  };
  try {
    Spill store(*this);
    summaries_.resize(files.size());
    spilled_.resize(files.size());
    check_each(plan, files, opt, ctx, store);
    sources_ = store.sources;
  } catch (...) {
    remove_results_dir(dir_);
    throw;
  }
  report.issues.insert(report.issues.end(), opt.receipt_issues.begin(), opt.receipt_issues.end());
  complete_summaries(summaries_, report, plan, deadline_);
}

StreamedCheck::~StreamedCheck() { remove_results_dir(dir_); }

StreamedCheck::Totals StreamedCheck::each_part(const std::function<void(ResultPart&)>& use) const {
  Totals t;
  ConflictFinder conflicts;
  // A reading of its own: the consolidated workbook's long sheets read the results back at
  // the same time, each in its own thread.
  SpillReader in(sources_);
  for (std::size_t k = 0; k < summaries_.size(); ++k) {
    auto head = read_head(spilled_[k].head);
    std::vector<Issue> added;
    apply_summary(head.file, head.figures, summaries_[k], deadline_, plan_, conflicts, added);
    for (const auto& i : added) head.errors += i.severity == Severity::Error, head.warnings += i.severity == Severity::Warning;
    t.errors += head.errors, t.warnings += head.warnings;
    t.unreadable |= !head.file.readable;
    read_parts(spilled_[k], head, in, std::move(added), use);
  }
  for (const auto& i : report.issues) t.errors += i.severity == Severity::Error, t.warnings += i.severity == Severity::Warning;
  return t;
}

StreamedCheck::Totals StreamedCheck::each(const std::function<void(FileResult&)>& use) const {
  return each_part(Assembled(use));
}

}  // namespace tonghop
