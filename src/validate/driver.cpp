#include "validate/driver.hpp"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <functional>
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

// A file read (or refused), when it came in, then checked.
FileResult check_loaded(const std::string& path, LoadedSubmission loaded, const Plan& plan, const PlanItems& items,
                        const CheckOptions& opt, const CheckContext& ctx) {
  std::vector<Issue> notes;
  auto meta = submission_meta(path, opt, loaded.workbook != nullptr, notes);
  if (loaded.workbook) meta.form = read_form_identity(path, *loaded.workbook, opt.limits);
  FileResult fr;
  if (loaded.workbook) {
    fr = check_workbook(*loaded.workbook, meta, plan, items, opt.period, ctx);
    if (opt.keep_workbooks) fr.workbook = loaded.workbook;
  } else {
    fr.path = path;
    fr.readable = false;
    fr.received = meta.received;
    fr.received_source = meta.received_source;
  }
  fr.issues.insert(fr.issues.begin(), loaded.issues.begin(), loaded.issues.end());
  fr.issues.insert(fr.issues.end(), notes.begin(), notes.end());
  return fr;
}

}  // namespace

FileResult check_file(const std::string& path, const Plan& plan, const PlanItems& items, const CheckOptions& opt,
                      const CheckContext& ctx, const std::function<void()>& read_here) {
  return check_loaded(path, load_submission(path, opt.limits, read_here), plan, items, opt, ctx);
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

void serialise_file_result(const FileResult& f, const std::function<void(std::string_view)>& chunk) {
  // A long report's bytes go out a megabyte at a time, never all held (nor doubled) here.
  constexpr std::size_t kChunk = std::size_t(1) << 20;
  ByteWriter w;
  auto pass = [&](bool last) {
    if (w.out.empty() || (!last && w.out.size() < kChunk)) return;
    chunk(w.out);
    w.out.clear();
  };
  const auto& [path, readable, unit, unit_source, commune, period, received, received_source, late, usable,
               superseded, rows, issues, workbook] = f;
  w.str(path), w.pod(readable), w.str(unit), w.pod(unit_source), w.str(commune), w.opt(period), w.opt(received);
  w.pod(received_source), w.pod(late), w.pod(usable), w.pod(superseded);
  w.pod<std::uint64_t>(rows.size());
  for (const auto& row : rows) put(w, row), pass(false);
  w.pod<std::uint64_t>(issues.size());
  for (const auto& i : issues) put(w, i, path), pass(false);
  w.pod(workbook != nullptr);
  if (workbook) w.str(serialise_workbook(*workbook));
  pass(true);
}

std::string serialise_file_result(const FileResult& f) {
  std::string out;
  serialise_file_result(f, [&](std::string_view bytes) { out += bytes; });
  return out;
}

FileResult deserialise_file_result(ByteReader& r) {
  FileResult f;
  auto& [path, readable, unit, unit_source, commune, period, received, received_source, late, usable, superseded,
         rows, issues, workbook] = f;
  path = r.str(), readable = r.pod<bool>(), unit = r.str(), unit_source = r.pod<UnitSource>(), commune = r.str();
  period = r.opt<Period>(), received = r.opt<double>(), received_source = r.pod<ReceiptSource>();
  late = r.pod<bool>(), usable = r.pod<bool>(), superseded = r.pod<bool>();
  rows.resize(r.pod<std::uint64_t>());
  SharedTexts sheets;
  for (auto& row : rows) get(r, row, sheets);
  for (auto n = r.pod<std::uint64_t>(); n > 0; --n) issues.push_back(get_issue(r, path));
  if (r.pod<bool>()) workbook = std::make_shared<Workbook>(deserialise_workbook(r.str()));
  return f;
}

FileResult deserialise_file_result(std::string_view bytes) {
  ByteReader r(bytes);
  return deserialise_file_result(r);
}

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

// Where the files' results go as they come in, each at its file's index.
class ResultStore {
 public:
  virtual ~ResultStore() = default;
  // A result made in this process: checked here, refused, or a worker that failed.
  virtual void held(std::size_t index, FileResult fr) = 0;
  // A worker's result: its summary, then its serialised form, chunk after chunk (`chunk`
  // false at the end, or when the worker stopped: `held` then follows with the failure).
  virtual void received(std::size_t index, FileSummary summary, const std::function<bool(std::string&)>& chunk) = 0;
};

// How a file is checked: read and checked (read_here: called once the file is read, for the
// read limits to be lifted), or refused with the issue of a reading that did not come back;
// then the caches put back (FileState::restore).
struct FileChecker {
  std::function<FileResult(const std::string& path, const std::function<void()>& read_here)> check;
  std::function<FileResult(const std::string& path, Issue refused)> refuse;
  std::function<void()> restore;
};

// Files are checked by a few long-lived worker processes (--jobs), forked before the first
// file, each checking file after file as the parent hands them out, its caches put back after
// each (FileState), so that --jobs N gives the bytes of --jobs 1. While a worker reads a file
// its address space is limited (ReadLimits::read_memory) and the parent holds it to the
// deadline (read_seconds): a reader that crashes, hangs or runs away ends that worker only,
// the file is refused as the isolated reader refuses it, and a new worker takes its place.
//
// Parent -> worker: a file's index (uint64). Worker -> parent: 'D' once the file is read,
// then 'R' (result): its summary (length, bytes), then its serialised form in chunks (length,
// bytes; a zero length ends it), so that neither process holds the serialised form of a long
// report whole; or 'F' (failed), length, the reason.
class CheckWorkers {
 public:
  CheckWorkers(unsigned n, const std::vector<std::string>& files, const FileChecker& check, const ReadLimits& limits)
      : files_(files), check_(check), limits_(limits) {
    for (unsigned i = 0; i < n; ++i)
      if (!spawn()) break;  // none on Windows: the files are checked here
  }
  CheckWorkers(const CheckWorkers&) = delete;
  CheckWorkers& operator=(const CheckWorkers&) = delete;
  ~CheckWorkers() {
    for (auto& w : workers_) stop(w);
  }

  // Every file checked, each result handed to `store` as it comes in (in any order of the
  // files; a file's result may be handed over twice, the second replacing the first, when a
  // worker stops while sending it).
  void run(ResultStore& store) {
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
        // No worker left (they could not be started): the rest here.
        for (; next < files.size(); ++next) {
          held(next, check_.check(files[next], {}));
          check_.restore();
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
        if (!ok) {
          lose(w, false);
          continue;
        }
        std::size_t index = w.busy;
        if (status == 'R') {
          // The chunks, read as the store takes them.
          bool broken = false;
          auto chunk = [&](std::string& into) {
            if (broken || !read_message(w.fd, into)) {
              broken = true;
              return false;
            }
            return !into.empty();
          };
          std::optional<FileSummary> summary;
          try {
            summary = deserialise_summary(bytes);
          } catch (const std::exception&) {
            broken = true;  // what follows cannot be told apart: the worker is replaced
          }
          if (summary) store.received(index, std::move(*summary), chunk);
          if (broken) {
            lose(w, false);
            continue;
          }
          if (!have[index]) have[index] = true, ++emitted;
        } else {
          held(index, check_failed(files[index], bytes));
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
    long pid = platform::fork_process();
    if (pid < 0) {
      platform::close_channel(fds[0]), platform::close_channel(fds[1]);
      return false;
    }
    if (pid == 0) {
      platform::close_channel(fds[0]);
      for (const auto& other : workers_)
        if (other.pid > 0) platform::close_channel(other.fd);  // the siblings' ends
      serve(fds[1]);
    }
    platform::close_channel(fds[1]);
    w = Worker{};
    w.pid = pid, w.fd = fds[0];
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

  // The worker: file after file, each read under the read limits, checked, its result sent.
  [[noreturn]] void serve(int fd) {
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
      std::optional<FileResult> result;
      std::string failed;
      try {
        result = check_.check(files_[i], read_done);
      } catch (const std::bad_alloc&) {
        failed = "out of memory";
      } catch (const std::exception& e) {
        failed = e.what();
      }
      read_done();
      check_.restore();
      if (!sent) break;
      if (!result) {
        if (!write_channel(fd, "F") || !write_message(fd, failed)) break;
        continue;
      }
      bool ok = write_channel(fd, "R") && write_message(fd, serialise_summary(summarise(*result)));
      if (ok)
        serialise_file_result(*result, [&](std::string_view chunk) { ok = ok && write_message(fd, chunk); });
      if (!ok || !write_message(fd, {})) break;
    }
    platform::exit_now(0);
  }

  const std::vector<std::string>& files_;
  const FileChecker& check_;
  const ReadLimits& limits_;
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
      [&](const std::string& path, const std::function<void()>& read_here) {
        return check_file(path, plan, items, opt, ctx, read_here);
      },
      [&](const std::string& path, Issue refused) {
        return check_loaded(path, LoadedSubmission{nullptr, {std::move(refused)}}, plan, items, opt, ctx);
      },
      [&] { state.restore(); }};
  CheckWorkers workers(unsigned(std::clamp<std::size_t>(opt.jobs, 1, std::max<std::size_t>(files.size(), 1))), files,
                       check, opt.limits);
  workers.run(store);
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
    Held(std::vector<FileResult>& f, const std::vector<std::string>& p) : files(f), paths(p) {}
    void held(std::size_t i, FileResult fr) override { files[i] = std::move(fr); }
    void received(std::size_t i, FileSummary, const std::function<bool(std::string&)>& chunk) override {
      std::string bytes, part;
      while (chunk(part)) bytes += part;
      try {
        files[i] = deserialise_file_result(bytes);
      } catch (const std::exception& e) {
        files[i] = check_failed(paths[i], e.what());
      }
    }
  } store(report.files, files);
  report.files.resize(files.size());
  check_each(plan, files, opt, ctx, store);
  report.issues.insert(report.issues.end(), opt.receipt_issues.begin(), opt.receipt_issues.end());
  complete_report(report, plan, deadline_of(opt));
  return report;
}

StreamedCheck::StreamedCheck(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                             const CheckContext& ctx)
    : plan_(plan), deadline_(deadline_of(opt)) {
  report.period = opt.period;
  auto dir = platform::make_temp_dir("tonghop-check");
  if (!dir) throw std::runtime_error("cannot create a temporary folder for the check's results");
  dir_ = *dir;
  spill_.open(platform::path_from_utf8(dir_) / "results", std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
  if (!spill_) throw std::runtime_error("cannot create a temporary file in " + dir_);
  // Each result written to the spill as it comes in, a worker's chunk by chunk; only its
  // summary kept.
  struct Spill : ResultStore {
    StreamedCheck& c;
    std::uint64_t end = 0;
    explicit Spill(StreamedCheck& check) : c(check) {}
    void write(std::string_view bytes) {
      if (!c.spill_.write(bytes.data(), std::streamsize(bytes.size())))
        throw std::runtime_error("cannot write the check's results in " + c.dir_);
    }
    void held(std::size_t i, FileResult fr) override {
      auto start = end;
      serialise_file_result(fr, [&](std::string_view bytes) { write(bytes), end += bytes.size(); });
      c.summaries_[i] = summarise(fr);
      c.spilled_[i] = {start, end - start};
    }
    void received(std::size_t i, FileSummary s, const std::function<bool(std::string&)>& chunk) override {
      auto start = end;
      std::string part;
      while (chunk(part)) write(part), end += part.size();
      c.summaries_[i] = std::move(s);
      c.spilled_[i] = {start, end - start};
    }
  } store(*this);
  summaries_.resize(files.size());
  spilled_.resize(files.size());
  check_each(plan, files, opt, ctx, store);
  if (!spill_.flush()) throw std::runtime_error("cannot write the check's results in " + dir_);
  report.issues.insert(report.issues.end(), opt.receipt_issues.begin(), opt.receipt_issues.end());
  complete_summaries(summaries_, report, plan, deadline_);
}

StreamedCheck::~StreamedCheck() {
  spill_.close();
  std::error_code ec;
  std::filesystem::remove_all(platform::path_from_utf8(dir_), ec);
}

StreamedCheck::Totals StreamedCheck::each(const std::function<void(FileResult&)>& use) const {
  Totals t;
  auto count = [&](const std::vector<Issue>& issues) {
    for (const auto& i : issues) t.errors += i.severity == Severity::Error, t.warnings += i.severity == Severity::Warning;
  };
  ConflictFinder conflicts;
  // A reading of its own: the consolidated workbook's long sheets read the results back at
  // the same time, each in its own thread.
  std::ifstream spill(platform::path_from_utf8(dir_) / "results", std::ios::binary);
  if (!spill) throw std::runtime_error("cannot read the check's results in " + dir_);
  std::uint64_t at = 0;
  for (std::size_t k = 0; k < summaries_.size(); ++k) {
    // The results lie as they came in: mostly one after the other, in the order of the files.
    auto [offset, length] = spilled_[k];
    if (offset != at && !spill.seekg(std::streamoff(offset)))
      throw std::runtime_error("cannot read the check's results in " + dir_);
    at = offset + length;
    // Read a megabyte at a time as the result is decoded, never its bytes whole.
    ByteReader r([&, left = length](std::string& buffer) mutable {
      if (left == 0) return false;
      auto n = std::min<std::uint64_t>(left, std::uint64_t(1) << 20);
      auto end = buffer.size();
      buffer.resize(end + n);
      if (!spill.read(buffer.data() + end, std::streamsize(n)))
        throw std::runtime_error("cannot read the check's results in " + dir_);
      left -= n;
      return true;
    });
    auto f = deserialise_file_result(r);
    apply_summary(f, summaries_[k], deadline_, plan_, conflicts);
    count(f.issues);
    t.unreadable |= !f.readable;
    use(f);
  }
  count(report.issues);
  return t;
}

}  // namespace tonghop
