#include "cli/check_args.hpp"

#include <algorithm>
#include <chrono>

#include "core/date.hpp"
#include "core/issue_render.hpp"
#include "read/reader.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {

int current_year() {
  auto now = std::chrono::system_clock::now();
  return int(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
}

void add_check_options(CommandOptions& opts) {
  opts.add("plan", po::value<std::string>(), Text("KẾ_HOẠCH", "PLAN"),
           Text("sổ kế hoạch (các phụ lục chỉ tiêu, nhiệm vụ)", "the plan workbook (its indicator and task annexes)"))
      .add("year", po::value<int>(), Text("NĂM", "YEAR"), Text("năm tổng hợp (mặc định năm nay)", "the year consolidated (default this year)"))
      .add("period", po::value<std::string>()->default_value("year"), Text("year|h1|q1|q2|q3|q4|9m"),
           Text("kỳ báo cáo (mặc định year: cả năm)", "the reporting period (default year)"))
      .add("unit", po::value<std::vector<std::string>>()->composing(), Text("TỆP=ĐƠN_VỊ", "FILE=UNIT"),
           Text("đơn vị gửi tệp, khi tiêu đề và tên tệp không cho biết", "the unit that sent a file, when its header and name do not say"))
      .add("units", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("tên đơn vị và cách viết (mặc định templates/units.toml)", "unit names and spellings (default templates/units.toml)"))
      .add("aliases", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("cách viết đã học: tên chỉ tiêu/nhiệm vụ, đơn vị, tên tệp (docs/aliases.md)",
                "what the office taught: item names, unit spellings, file-name abbreviations (docs/aliases.md)"))
      .add("received", po::value<std::vector<std::string>>()->composing(), Text("TỆP=NGÀY", "FILE=DATE"),
           Text("ngày nhận một tệp (2026-12-03 hoặc 03/12/2026)", "when a file came in (2026-12-03 or 03/12/2026)"))
      .add("receipts", po::value<std::string>(), Text("SỔ", "BOOK"),
           Text("sổ nhận báo cáo: cột A tên tệp, cột B ngày nhận", "the receipts book: file name in column A, date in B"))
      .add("deadline", po::value<std::string>(), Text("NGÀY", "DATE"),
           Text("hạn nộp (mặc định 3/12 của năm)", "the deadline (default 3 December of the year)"))
      .add("jobs,j", po::value<unsigned>(), Text("N"),
           Text("số tệp kiểm tra cùng lúc (mặc định số nhân của máy); kết quả như nhau với mọi N",
                "files checked at once (default the machine's cores); the same result for any N"))
      .inputs();
}

CheckRun read_check_options(const po::variables_map& vm, const CommonOptions& opt) {
  CheckRun run;
  auto& check = run.options;
  if (!vm.count("plan")) throw UsageError{Text("cần --plan TỆP_KẾ_HOẠCH", "--plan PLAN_FILE is needed")};
  if (!vm.count("input")) throw UsageError{Text("cần ít nhất một tệp báo cáo hoặc thư mục", "at least one report file or folder is needed")};
  run.plan_path = vm["plan"].as<std::string>();
  check.period.year = vm.count("year") ? vm["year"].as<int>() : current_year();
  auto kind = period_kind_from_string(vm["period"].as<std::string>());
  if (!kind)
    throw UsageError{Text("--period phải là year, h1, q1, q2, q3, q4 hoặc 9m", "--period must be year, h1, q1, q2, q3, q4 or 9m")};
  check.period.kind = *kind;
  check.limits = opt.limits;
  check.jobs = default_jobs();
  if (vm.count("jobs")) {
    check.jobs = vm["jobs"].as<unsigned>();
    if (check.jobs < 1 || check.jobs > 256)
      throw UsageError{Text("--jobs phải từ 1 đến 256", "--jobs must be from 1 to 256")};
  }
  if (vm.count("unit"))
    for (const auto& a : vm["unit"].as<std::vector<std::string>>()) {
      auto eq = a.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == a.size())
        throw UsageError{Text("--unit cần dạng TỆP=ĐƠN_VỊ, không phải '" + a + "'", "--unit needs FILE=UNIT, not '" + a + "'")};
      check.unit_of[a.substr(0, eq)] = a.substr(eq + 1);
    }
  auto date_or_fail = [&](const std::string& text, const std::string& what) {
    auto d = parse_typed_date(text);
    if (d.status == TypedDate::Status::NoSuchDay)
      throw UsageError{Text(what + ": ngày '" + text + "' không có thật (tháng " + std::to_string(d.month) + "/" +
                                std::to_string(d.year) + " không có ngày " + std::to_string(d.day) + ")",
                            what + ": the date '" + text + "' does not exist (" + std::to_string(d.month) + "/" +
                                std::to_string(d.year) + " has no day " + std::to_string(d.day) + ")")};
    if (!d)
      throw UsageError{Text(what + ": không hiểu ngày '" + text + "' (ghi ngày/tháng/năm, ví dụ 03/12/2026)",
                            what + ": the date '" + text + "' is not understood (write it day first, e.g. 03/12/2026)")};
    return d.serial;
  };
  if (vm.count("received"))
    for (const auto& a : vm["received"].as<std::vector<std::string>>()) {
      auto eq = a.find('=');
      if (eq == std::string::npos) throw UsageError{Text("--received cần dạng TỆP=NGÀY", "--received needs FILE=DATE")};
      check.received[a.substr(0, eq)] = date_or_fail(a.substr(eq + 1), "--received");
    }
  if (vm.count("receipts")) {
    // A receipts book kept by the office: file name in column A, date in B.
    WorkbookCollector sink;
    try {
      read_workbook(vm["receipts"].as<std::string>(), sink, opt.limits);
    } catch (const InputError& e) {
      throw UsageError{Text("--receipts: " + e.issue().message(Lang::Vi), "--receipts: " + e.issue().message(Lang::En))};
    }
    auto book = read_receipts_book(sink.take(), vm["receipts"].as<std::string>());
    for (const auto& [file, day] : book.received) check.received.emplace(file, day);  // --received first
    for (const auto& file : book.unknown)
      if (!check.received.count(file)) check.receipt_unknown.insert(file);
    check.receipt_issues = std::move(book.issues);
  }
  if (vm.count("deadline")) check.deadline = date_or_fail(vm["deadline"].as<std::string>(), "--deadline") + 0.99999;
  run.files = expand_inputs(vm["input"].as<std::vector<std::string>>());
  if (run.files.empty()) throw UsageError{Text("thư mục không có bảng tính nào", "the folder holds no spreadsheet")};
  run.context.emplace(read_context(vm));
  return run;
}

CheckContext read_context(const po::variables_map& vm) {
  try {
    auto aliases = vm.count("aliases") ? AliasStore::load(vm["aliases"].as<std::string>()) : AliasStore{};
    auto units = vm.count("units") ? UnitRegistry::load(vm["units"].as<std::string>()) : UnitRegistry::load_default();
    aliases.teach(units);
    return CheckContext{LabelRoles::load_default(), std::move(units), NameMatcher::load_default(), std::move(aliases)};
  } catch (const ConfigError& e) {
    throw config_usage_error(e);
  }
}

ExitCode exit_code(const CheckReport& report) {
  bool unreadable = std::any_of(report.files.begin(), report.files.end(), [](const FileResult& f) { return !f.readable; });
  return exit_code(unreadable, report.count(Severity::Error) > 0);
}

int load_plan(const CheckRun& run, const CommonOptions& opt, std::ostream& err, PlanResult& out) {
  Workbook plan_book;
  if (!load_or_report(run.plan_path, opt, err, plan_book, Text("kế hoạch", "plan"))) return int(ExitCode::Unreadable);
  out = build_plan(plan_book, run.context->roles, run.context->units);
  if (out.plan.indicators.empty() && out.plan.tasks.empty()) {
    for (const auto& i : out.issues) write_issue_text(err, i, opt.lang, "");
    return int(ExitCode::DataErrors);
  }
  return int(ExitCode::Ok);
}

}  // namespace tonghop::cli
