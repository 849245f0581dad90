// Checking report files on disk: each file loaded (legacy text converted), its receipt
// time taken from the office's record or the file's modification time, then checked by
// validate/check. The CLI's check and consolidate go through here; a caller holding
// workbooks already read calls check_workbook and complete_report itself.
//
//   CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(),
//                    NameMatcher::load_default()};
//   auto report = check_submissions(plan, {"bao-cao/phong-vhxh.xlsx"}, {2026}, ctx);
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/byte_codec.hpp"
#include "read/limits.hpp"
#include "validate/check.hpp"
#include "validate/completeness.hpp"

namespace tonghop {

// A receipt date as the office types it (core/date's parse_typed_date: "4/12/2026",
// "05.12.2026", "ngày 5 tháng 12 năm 2026", ISO ...) to a serial day; nullopt when it cannot
// be read or does not exist.
std::optional<double> parse_receipt_date(std::string_view text);

// The office's receipts book: file name in column A, date in column B (a date cell or the
// date as typed), on any sheet; a header row (no figure in B) is skipped.
struct ReceiptsBook {
  std::map<std::string, double> received;  // file name -> serial day
  // Files whose date in the book cannot be used: their lateness is not judged (never the
  // file's modification time instead).
  std::set<std::string> unknown;
  std::vector<Issue> issues;  // invalid-date, naming the book's cell
};
ReceiptsBook read_receipts_book(const Workbook& book, const std::string& path);

struct CheckOptions {
  Period period;                                // what is being consolidated
  std::map<std::string, std::string> unit_of;   // --unit FILE=NAME
  std::map<std::string, double> received;       // path or file name -> day (--received, --receipts)
  std::set<std::string> receipt_unknown;        // in the receipts book with an unusable date
  std::vector<Issue> receipt_issues;            // the book's invalid dates, reported with the run
  std::optional<double> deadline;               // default: 3 December of the year
  ReadLimits limits;
  bool keep_workbooks = false;                  // FileResult::workbook (check --report)
  // Files checked at once (--jobs), by as many worker processes; any number gives the same
  // result, in the order of the files.
  std::size_t jobs = 1;
  // Every file checked in this process, none in a worker: what happens where no worker can be
  // started (Windows has no fork). The results are the same bytes.
  bool in_process = false;
};

// --jobs' default: the machine's cores.
unsigned default_jobs();

// A file read for checking: the workbook (legacy text converted by the loader) and what
// reading it found (legacy-encoding, converted-file); or, when it cannot be read, why.
struct LoadedSubmission {
  std::shared_ptr<Workbook> workbook;  // null when unreadable
  std::vector<Issue> issues;
};
// `read_here`: the caller already reads under the read limits (a checking worker): read in
// this process, then call it (the limits are lifted).
LoadedSubmission load_submission(const std::string& path, const ReadLimits& limits,
                                 const std::function<void()>& read_here = {});

// When the file came in: as the office recorded it (by path, then by file name), else the
// file's modification time (with a receipt-from-file-time note in `notes`).
SubmissionMeta submission_meta(const std::string& path, const CheckOptions& opt, bool readable,
                               std::vector<Issue>& notes);

// One file read, dated and checked here, in this process (what a checking worker runs for
// each file; read_here as for load_submission). With a sink, its rows and issues go there as
// they are found, in the order the result would hold them, and the result holds none.
FileResult check_file(const std::string& path, const Plan& plan, const PlanItems& items, const CheckOptions& opt,
                      const CheckContext& ctx, const std::function<void()>& read_here = {},
                      ResultSink* sink = nullptr);

// The byte form a file's checking process sends back (exposed for the round-trip test).
std::string serialise_file_result(const FileResult& f);
// The same, handed to `chunk` a part at a time (a long report's bytes are never all held).
void serialise_file_result(const FileResult& f, const std::function<void(std::string_view)>& chunk);
FileResult deserialise_file_result(std::string_view bytes);
// The same read as the bytes come (ByteReader over a stream): never all held.
FileResult deserialise_file_result(ByteReader& r);

// Every file read and checked by opt.jobs worker processes (forked before the first file;
// what a file leaves in the plan's caches is put back after it, so that a file's result
// depends on that file alone), then completeness.
CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx);

// Where a file's result lies until it is read back: its head (every field but its rows and
// issues, and what the status and the checks across files need of those) and where its rows
// and its issues were written (`source`: one of the check's temporary files).
struct SpilledResult {
  struct Part {
    std::uint32_t source = 0;
    std::uint64_t offset = 0, length = 0, count = 0;
  };
  std::string head;
  Part rows, issues;
};

// A part of a file's result as read back (StreamedCheck::each_part): its head, then its rows,
// then its issues, a batch at a time and in their order, then its end.
struct ResultPart {
  enum class Kind { Head, Rows, Issues, End };
  Kind kind = Kind::Head;
  // Head: every field but the rows and issues (complete: late, superseded); Rows, Issues: a
  // batch of them (the checks across files' issues last); End: the workbook, when kept.
  FileResult file;
  FileStatus status = FileStatus::Ok;  // Head: the file's, every issue counted
  std::uint64_t errors = 0, warnings = 0;  // Head: its issues of each
};

// The same check with the files' results waiting in a temporary file instead of memory
// (tonghop check): memory is bounded by the files being checked and a summary of each
// (validate/completeness's FileSummary), not by the number of files.
class StreamedCheck {
 public:
  StreamedCheck(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                const CheckContext& ctx);
  ~StreamedCheck();
  StreamedCheck(const StreamedCheck&) = delete;
  StreamedCheck& operator=(const StreamedCheck&) = delete;

  CheckReport report;  // the period, completeness lists and issues; `files` stays empty
  std::size_t size() const { return summaries_.size(); }
  struct Totals {
    std::size_t errors = 0, warnings = 0;
    bool unreadable = false;
  };
  // Every file's result as check_submissions would have given it, in the order of the files,
  // read back one at a time; what they and report.issues hold in all. Threads may read them
  // back at the same time.
  Totals each(const std::function<void(FileResult&)>& use) const;
  // The same a part at a time: a long report's rows and issues are never all held.
  Totals each_part(const std::function<void(ResultPart&)>& use) const;

 private:
  const Plan& plan_;
  double deadline_ = 0;
  std::vector<FileSummary> summaries_;
  std::vector<SpilledResult> spilled_;
  std::string dir_;                   // a private temporary folder, removed with this
  std::vector<std::string> sources_;  // the files in dir_ the results were written to
};

}  // namespace tonghop
