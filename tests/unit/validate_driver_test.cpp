// The check driver: a file's result crosses from its checking process unchanged, and the
// number of processes (--jobs) changes nothing in the report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/cli.hpp"
#include "read/isolated.hpp"
#include "test_util.hpp"
#include "validate/check_json.hpp"
#include "validate/driver.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace fs = std::filesystem;

namespace {

std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

const CheckContext& ctx() {
  static CheckContext c{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return c;
}
const Plan& plan() {
  static Plan p = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), ctx().roles, ctx().units).plan;
  return p;
}
// Every sample report plus files the reader refuses or reads with its own issues.
std::vector<std::string> inputs() {
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(samples("bao-cao"))) files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  for (auto name : {"bad_truncated.xlsx", "report_hidden.xlsx", "formula_no_results.xlsx", "report_hidden.xls"})
    files.push_back(std::string(TONGHOP_TEST_DATA) + "/" + name);
  return files;
}
std::string json(const CheckReport& r) {
  std::ostringstream os;
  write_check_json(os, plan(), r, Lang::En);
  return os.str();
}

}  // namespace

// A long report's result crosses in parts of about a megabyte, each read back as it comes:
// neither process holds its bytes whole, and the parts put together are the bytes.
TEST(CheckDriver, ALongResultCrossesInParts) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  PlanItems items(plan(), ctx().matcher);
  auto one = check_file(samples("bao-cao/") + fs::directory_iterator(samples("bao-cao"))->path().filename().string(),
                        plan(), items, opt, ctx());
  ASSERT_FALSE(one.rows.empty());
  FileResult big = one;
  while (big.rows.size() < 30000) big.rows.insert(big.rows.end(), one.rows.begin(), one.rows.end());
  while (big.issues.size() < 5000) big.issues.push_back(make_issue_at(IssueCode::DuplicateRow, big.path, "Biểu 01", 7, 1, "1",
                                                                      {{"name", "Tổng giá trị sản phẩm"}, {"first", "8"}}));
  auto whole = serialise_file_result(big);
  std::vector<std::string> parts;
  serialise_file_result(big, [&](std::string_view part) { parts.emplace_back(part); });
  ASSERT_GT(parts.size(), 2u);
  std::string joined;
  for (const auto& p : parts) {
    EXPECT_LT(p.size(), (std::size_t(1) << 20) + 4096);
    joined += p;
  }
  EXPECT_EQ(joined, whole);
  // Read back a few bytes at a time: the same result.
  std::size_t at = 0;
  ByteReader r([&](std::string& buffer) {
    if (at >= whole.size()) return false;
    auto n = std::min<std::size_t>(777, whole.size() - at);
    buffer.append(whole, at, n);
    at += n;
    return true;
  });
  auto back = deserialise_file_result(r);
  EXPECT_EQ(at, whole.size());
  EXPECT_EQ(serialise_file_result(back), whole);
  // Cut short: refused, not read as a shorter result.
  std::string cut = whole.substr(0, whole.size() / 2);
  std::size_t at2 = 0;
  ByteReader short_reader([&](std::string& buffer) {
    if (at2 >= cut.size()) return false;
    buffer.append(cut, at2, 4096);
    at2 += 4096;
    return true;
  });
  EXPECT_THROW(deserialise_file_result(short_reader), std::runtime_error);
}

// The compact forms a file's result is written in: counts in as few bytes as they need,
// English written once when it is the Vietnamese, an issue's file only when it is another's.
TEST(CheckDriver, CompactFormsReadBackAsWritten) {
  ByteWriter w;
  const std::uint64_t counts[] = {0, 1, 127, 128, 300, 16383, 16384, std::uint64_t(1) << 32, ~std::uint64_t(0)};
  for (auto n : counts) w.count(n);
  const Text texts[] = {Text("Hoàn thành"), Text("a", ""), Text("", ""), Text("", "x"), Text("đạt", "met")};
  for (const auto& t : texts) w.short_text(t);
  w.short_str(std::string(300, 'x'));
  ByteReader r(w.out);
  for (auto n : counts) EXPECT_EQ(r.count(), n);
  for (const auto& t : texts) {
    auto back = r.short_text();
    EXPECT_EQ(back.vi, t.vi);
    EXPECT_EQ(back.en, t.en);
  }
  EXPECT_EQ(r.short_str(), std::string(300, 'x'));
  EXPECT_EQ(r.left(), 0u);
  EXPECT_LT(w.out.size(), 9u * 2 + 8 + 5 * 8 + 40 + 302);  // small counts take a byte
  ByteWriter bad;
  bad.out = std::string(11, '\x80');  // a count that never ends
  ByteReader br(bad.out);
  EXPECT_THROW(br.count(), std::runtime_error);

  FileResult fr;
  fr.path = "/bao-cao/phong-vhxh.xlsx";
  fr.issues.push_back(make_issue_at(IssueCode::DuplicateRow, fr.path, "Biểu 01", 7, 1, "1",
                                    {{"name", "Tổng giá trị sản phẩm"}, {"first", Text("8", "eight")}}));
  fr.issues.push_back(make_issue_at(IssueCode::InvalidDate, "/so-nhan.xlsx", "Sổ", 2, 1, "", {{"value", "31/2"}}));
  auto back = deserialise_file_result(serialise_file_result(fr));
  ASSERT_EQ(back.issues.size(), 2u);
  EXPECT_EQ(back.issues[0].where.file, fr.path);
  EXPECT_EQ(back.issues[1].where.file, "/so-nhan.xlsx");
  EXPECT_EQ(back.issues[0].params.at("first").en, "eight");
  EXPECT_EQ(back.issues[0].params.at("name").en, "Tổng giá trị sản phẩm");
  EXPECT_EQ(back.issues[1].where.row, std::optional<std::uint32_t>(2));
}

TEST(CheckDriver, FileResultsCrossThePipeUnchanged) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.keep_workbooks = true;
  PlanItems items(plan(), ctx().matcher);
  CheckReport here, crossed;
  for (const auto& path : inputs()) {
    auto fr = check_file(path, plan(), items, opt, ctx());
    auto back = deserialise_file_result(serialise_file_result(fr));
    ASSERT_EQ(fr.workbook != nullptr, back.workbook != nullptr) << path;
    if (fr.workbook) {
      EXPECT_EQ(serialise_workbook(*fr.workbook), serialise_workbook(*back.workbook)) << path;
      ASSERT_FALSE(back.workbook->sheets.empty()) << path;
    }
    EXPECT_EQ(fr.usable, back.usable) << path;
    EXPECT_EQ(fr.superseded, back.superseded) << path;
    ASSERT_EQ(fr.rows.size(), back.rows.size()) << path;
    for (std::size_t i = 0; i < fr.rows.size(); ++i) {
      const auto &a = fr.rows[i], &b = back.rows[i];
      EXPECT_EQ(a.evidence, b.evidence);
      EXPECT_EQ(a.reading, b.reading);
      EXPECT_EQ(a.result, b.result);
      EXPECT_EQ(a.note, b.note);
      EXPECT_EQ(a.actual.shown.vi, b.actual.shown.vi);
      EXPECT_EQ(a.actual.detail, b.actual.detail);
      EXPECT_EQ(a.actual.progress, b.actual.progress);
      EXPECT_EQ(a.closest, b.closest);
      EXPECT_EQ(a.runner_up_score, b.runner_up_score);
    }
    here.files.push_back(std::move(fr));
    crossed.files.push_back(std::move(back));
  }
  EXPECT_GT(here.files.size(), 8u);
  EXPECT_EQ(json(here), json(crossed));
  // The rows carry something to compare.
  EXPECT_NE(json(here).find("\"written\""), std::string::npos);
}

TEST(CheckDriver, AnyNumberOfJobsGivesTheSameReport) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.jobs = 1;
  auto one = json(check_submissions(plan(), inputs(), opt, ctx()));
  for (std::size_t jobs : {2, 3, 64}) {
    opt.jobs = jobs;
    auto report = check_submissions(plan(), inputs(), opt, ctx());
    ASSERT_EQ(report.files.size(), inputs().size());
    for (std::size_t i = 0; i < report.files.size(); ++i) EXPECT_EQ(report.files[i].path, inputs()[i]);
    EXPECT_EQ(json(report), one) << jobs << " jobs";
  }
  // The refused file is refused, not lost.
  EXPECT_NE(one.find("bad_truncated.xlsx"), std::string::npos);
}

// tonghop check streams: every file's result waits on disk, completeness is decided on a
// summary of each file, and the results read back are what the check held in memory gives,
// with the issues across files (duplicate, late, missing items, conflicting figures).
TEST(CheckDriver, StreamedCheckGivesTheReportOfTheCheckInMemory) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.jobs = 2;
  auto files = inputs();
  // One unit twice, so that the older file is superseded, a report received late, and two
  // units giving one indicator two figures.
  files.push_back(files.front());
  auto dir = fs::temp_directory_path() / "tonghop-streamed-check";
  fs::create_directories(dir);
  for (auto [name, csv] : {std::pair{"cong-an.csv", "CÔNG AN PHƯỜNG\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n"
                                                    "3,Tỷ lệ gia đình văn hóa,%,95\n"},
                           std::pair{"phong-vhxh.csv", "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n"
                                                       "1,Tỷ lệ gia đình văn hóa,%,91\n"}}) {
    std::ofstream((dir / name).string()) << csv;
    files.push_back((dir / name).string());
  }
  opt.received[files.front()] = default_deadline(2026) + 3;
  auto held = json(check_submissions(plan(), files, opt, ctx()));
  StreamedCheck streamed(plan(), files, opt, ctx());
  ASSERT_EQ(streamed.size(), files.size());
  for (int pass = 0; pass < 2; ++pass) {  // read back as often as asked
    std::ostringstream os;
    {
      CheckJsonWriter w(os, plan(), streamed.report.period, Lang::En);
      auto totals = streamed.each([&](const FileResult& f) { w.file(f); });
      w.finish(streamed.report, streamed.size(), totals.errors, totals.warnings);
      EXPECT_TRUE(totals.unreadable);  // bad_truncated.xlsx
      EXPECT_GT(totals.errors, 0u);
    }
    EXPECT_EQ(os.str(), held) << "pass " << pass;
  }
  // A part at a time (as tonghop check writes its JSON): the same bytes.
  std::ostringstream os;
  {
    CheckJsonWriter w(os, plan(), streamed.report.period, Lang::En);
    std::size_t heads = 0, ends = 0;
    auto totals = streamed.each_part([&](ResultPart& p) {
      heads += p.kind == ResultPart::Kind::Head, ends += p.kind == ResultPart::Kind::End;
      w.part(p);
    });
    EXPECT_EQ(heads, files.size());
    EXPECT_EQ(ends, files.size());
    w.finish(streamed.report, streamed.size(), totals.errors, totals.warnings);
  }
  EXPECT_EQ(os.str(), held);
  for (auto code : {"duplicate-submission", "late-submission", "missing-item", "conflicting-values"})
    EXPECT_NE(held.find(std::string("\"") + code + "\""), std::string::npos) << code;
}

namespace {

// What a sink is handed, in order.
struct Recorded : ResultSink {
  std::vector<RowResult> all_rows;
  std::vector<Issue> all_issues;
  std::size_t row_batches = 0;
  void rows(std::vector<RowResult>& batch) override {
    row_batches += !batch.empty();
    all_rows.insert(all_rows.end(), batch.begin(), batch.end());
    batch.clear();
  }
  void issues(std::vector<Issue>& batch) override {
    all_issues.insert(all_issues.end(), batch.begin(), batch.end());
    batch.clear();
  }
};

// A long unit report: the plan's indicators written again and again (every repeat a
// duplicate of the row that came first, far above it), rows matching no item, empty values,
// and figures that miss their targets.
std::string long_report(std::size_t rows) {
  std::string csv = "PHÒNG VĂN HÓA - XÃ HỘI\nBÁO CÁO NĂM 2026\nSTT,Chỉ tiêu,ĐVT,TH\n";
  const auto& ind = plan().indicators;
  for (std::size_t k = 0; k < rows; ++k) {
    const auto& i = ind[(k * 7) % ind.size()];
    std::string name = k % 13 == 5 ? "Việc khác số " + std::to_string(k) : i.name;
    std::string value = k % 11 == 3 ? "" : std::to_string(k % 97);
    csv += std::to_string(k + 1) + ",\"" + name + "\"," + i.unit_of_measure + "," + value + "\n";
  }
  return csv;
}

}  // namespace

// A checking worker hands a file's rows and issues on as they are found (a long report's are
// never all held): what it hands on, in order, is what the check holding them gives, for a
// long table whose later rows repeat earlier ones, with the reading's issues first and the
// receipt's note last.
TEST(CheckDriver, RowsAndIssuesHandedOnAsFoundAreTheResultHeldWhole) {
  auto dir = fs::temp_directory_path() / "tonghop-sink-check";
  fs::create_directories(dir);
  auto path = (dir / "phong-vhxh.csv").string();
  std::ofstream(path) << long_report(12000);
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  PlanItems items(plan(), ctx().matcher);
  auto whole = check_file(path, plan(), items, opt, ctx());
  Recorded sink;
  auto head = check_file(path, plan(), items, opt, ctx(), {}, &sink);
  EXPECT_TRUE(head.rows.empty());
  EXPECT_TRUE(head.issues.empty());
  EXPECT_GT(sink.row_batches, 2u);  // in batches, not at the end
  head.rows = sink.all_rows, head.issues = sink.all_issues;
  EXPECT_EQ(serialise_file_result(head), serialise_file_result(whole));
  // The file has what the test is about.
  ASSERT_GT(whole.rows.size(), 10000u);
  std::size_t repeats = 0;
  for (const auto& r : whole.rows) repeats += r.item && !r.counts;
  EXPECT_GT(repeats, 9000u);
  EXPECT_EQ(whole.issues.back().code, IssueCode::ReceiptFromFileTime);
  std::set<IssueCode> codes;
  for (const auto& i : whole.issues) codes.insert(i.code);
  for (auto c : {IssueCode::DuplicateRow, IssueCode::MissingValue, IssueCode::TargetNotMet})
    EXPECT_TRUE(codes.count(c)) << to_string(c);
  // And through the workers and the files they write: the result held whole, whatever the
  // number of workers.
  CheckReport here;
  here.period = opt.period;
  here.files.push_back(whole);
  complete_report(here, plan(), default_deadline(2026));
  for (std::size_t jobs : {1, 2}) {
    opt.jobs = jobs;
    EXPECT_EQ(json(check_submissions(plan(), {path}, opt, ctx())), json(here)) << jobs << " jobs";
  }
  fs::remove_all(dir);
}

// Where no worker can be started (Windows), every file is checked in this process: its rows
// and issues still go to the check's temporary files as they are found (a long report is not
// held whole), and the bytes are the workers'. Also a file whose reading fails.
TEST(CheckDriver, FilesCheckedInThisProcessGiveTheWorkersBytes) {
  auto dir = fs::temp_directory_path() / "tonghop-in-process";
  fs::create_directories(dir);
  auto files = inputs();  // (bad_truncated.xlsx among them)
  auto path = (dir / "phong-vhxh.csv").string();
  std::ofstream(path) << long_report(9000);  // more than two batches of rows and of issues
  files.push_back(path);
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto streamed_json = [&](const CheckOptions& o) {
    StreamedCheck streamed(plan(), files, o, ctx());
    std::ostringstream os;
    CheckJsonWriter w(os, plan(), streamed.report.period, Lang::En);
    auto totals = streamed.each_part([&](ResultPart& p) { w.part(p); });
    w.finish(streamed.report, streamed.size(), totals.errors, totals.warnings);
    return os.str();
  };
  opt.jobs = 2;
  auto workers = streamed_json(opt);
  auto held = json(check_submissions(plan(), files, opt, ctx()));
  EXPECT_EQ(workers, held);
  opt.in_process = true;
  EXPECT_EQ(streamed_json(opt), workers);
  EXPECT_EQ(json(check_submissions(plan(), files, opt, ctx())), workers);
  // The files are what the test is about: the long report's rows and a refused file.
  EXPECT_NE(workers.find("duplicate-row"), std::string::npos);
  EXPECT_NE(workers.find("bad_truncated.xlsx"), std::string::npos);
  EXPECT_GT(std::count(workers.begin(), workers.end(), '\n'), 9000);
  fs::remove_all(dir);
}

// tonghop check's text is written as a file's parts are read back (rows in batches, then
// issues in batches): a long report's block still lists every issue, errors before warnings
// before notes, then every row's explanation, then its figures.
TEST(CheckDriver, TextOfALongReportWrittenAsItsPartsCome) {
  auto dir = fs::temp_directory_path() / "tonghop-text-parts";
  fs::create_directories(dir);
  auto path = (dir / "phong-vhxh.csv").string();
  std::ofstream(path) << long_report(6000);
  std::ostringstream out, err;
  cli::run({"check", "--plan", samples("ke-hoach/an-duong-2026-2030.xlsx"), "--year", "2026", "--lang", "en",
            "--explain", path},
           out, err);
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto held = check_submissions(plan(), {path}, opt, ctx());
  const auto& f = held.files.at(0);
  std::size_t errors = 0, warnings = 0;
  for (const auto& i : f.issues) errors += i.severity == Severity::Error, warnings += i.severity == Severity::Warning;
  ASSERT_GT(f.issues.size(), 4096u);  // more than one batch of issues
  ASSERT_GT(errors + warnings, 0u);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<int> severities;  // of the issue lines, in order
  std::size_t explained = 0, heads = 0, last_issue = 0, first_explained = 0, n = 0, figures = 0;
  while (std::getline(lines, line) && line.rfind("Units expected", 0) != 0) {  // (the run's own issues follow)
    ++n;
    if (line.rfind("file: ", 0) == 0)
      EXPECT_NE(line.find(": " + std::to_string(errors) + " errors, " + std::to_string(warnings) + " warnings"),
                std::string::npos) << line;
    for (auto [label, rank] : {std::pair{"  error [", 0}, std::pair{"  warning [", 1}, std::pair{"  info [", 2}})
      if (line.rfind(label, 0) == 0) severities.push_back(rank), last_issue = n;
    heads += line.rfind("  how each row matched", 0) == 0;
    bool explanation = line.rfind("    ", 0) == 0 && line.size() > 4 && line[4] != ' ' && line.rfind("    →", 0) != 0;
    if (explanation && line.find(" row ") != std::string::npos && line.back() == '"') {
      ++explained;
      if (!first_explained) first_explained = n;
    }
    if (line.rfind("  indicators: ", 0) == 0) figures = n;
  }
  EXPECT_EQ(severities.size(), f.issues.size());
  EXPECT_TRUE(std::is_sorted(severities.begin(), severities.end()));
  EXPECT_EQ(heads, 1u);
  EXPECT_EQ(explained, f.rows.size());
  EXPECT_GT(first_explained, last_issue);
  EXPECT_GT(figures, first_explained);
  fs::remove_all(dir);
}

// A worker reads each file itself, under the read limits until it has read it: a reader that
// crashes or hangs there refuses that file as the isolated reader would (the same message),
// a new worker takes the place of the lost one, and the other files are checked.
TEST(CheckDriver, AReaderCrashOrHangInAFilesProcessRefusesThatFileOnly) {
  auto files = inputs();
  const std::string victim = files.front();
  for (auto [fault, says] : {std::pair{"crash:", "failed accessing memory or went over the memory limit (SIGSEGV) while reading this file"}, std::pair{"hang:", "reading took over 1 seconds"}}) {
    ::setenv("TONGHOP_TEST_READER_FAULT", (fault + fs::path(victim).filename().string()).c_str(), 1);
    CheckOptions opt;
    opt.period = {2026, PeriodKind::Year};
    opt.limits.read_seconds = 1;
    for (std::size_t jobs : {1, 2}) {
      opt.jobs = jobs;
      auto report = check_submissions(plan(), files, opt, ctx());
      ::unsetenv("TONGHOP_TEST_READER_FAULT");
      ASSERT_EQ(report.files.size(), files.size());
      const auto& f = report.files.front();
      EXPECT_FALSE(f.readable) << fault;
      ASSERT_FALSE(f.issues.empty());
      EXPECT_EQ(f.issues.front().code, IssueCode::ReaderFailed);
      EXPECT_NE(f.issues.front().message(Lang::En).find(says), std::string::npos) << f.issues.front().message(Lang::En);
      EXPECT_TRUE(report.files[1].readable);
      EXPECT_FALSE(report.files[1].rows.empty());
      ::setenv("TONGHOP_TEST_READER_FAULT", (fault + fs::path(victim).filename().string()).c_str(), 1);
    }
    ::unsetenv("TONGHOP_TEST_READER_FAULT");
  }
}

// The workers check file after file in one process: the words a file brings are forgotten
// after it, so the next file numbers its own new words as a fresh process would, and a
// forgotten word's cached weight is not taken for the different word that gets its id.
TEST(CheckDriver, WordsFirstSeenInAFileAreForgottenAfterIt) {
  auto m = NameMatcher::load_default();
  ItemIndex index(m, {Candidate{0, "1", "Tỷ lệ hộ nghèo", {}}});
  const auto before = m.word_count();
  int unseen = m.id("zzqx");
  EXPECT_EQ(std::size_t(unseen), before);
  double unseen_weight = index.weight(unseen);
  m.forget_words_from(before);
  index.forget_words_from(before);
  EXPECT_EQ(m.word_count(), before);
  int weak = m.id("thoi");  // a weak word: weighs less than an unseen one
  EXPECT_EQ(weak, unseen);
  EXPECT_EQ(m.word(weak), "thoi");
  EXPECT_LT(index.weight(weak), unseen_weight);
  EXPECT_EQ(m.id("zzqx"), unseen + 1);
}

// A file's rows are matched and scored the same (to the last bit) whether the worker checks
// it first or after every other file.
TEST(CheckDriver, AFileCheckedAfterOthersIsCheckedAsAlone) {
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  opt.jobs = 1;
  auto files = inputs();
  auto all = check_submissions(plan(), files, opt, ctx());
  ASSERT_EQ(all.files.size(), files.size());
  for (std::size_t k = 0; k < files.size(); ++k) {
    auto alone = check_submissions(plan(), {files[k]}, opt, ctx());
    const auto& a = alone.files.at(0).rows;
    const auto& b = all.files[k].rows;
    ASSERT_EQ(a.size(), b.size()) << files[k];
    for (std::size_t r = 0; r < a.size(); ++r) {
      EXPECT_EQ(a[r].item, b[r].item) << files[k] << " row " << a[r].row;
      EXPECT_EQ(a[r].score, b[r].score) << files[k] << " row " << a[r].row;
      EXPECT_EQ(a[r].closest, b[r].closest) << files[k] << " row " << a[r].row;
      EXPECT_EQ(a[r].runner_up_score, b[r].runner_up_score) << files[k] << " row " << a[r].row;
    }
  }
}
