// tonghop consolidate: the check, then the consolidated yearly workbook in the city's
// layout.
#include "cli/check_args.hpp"
#include "cli/cli.hpp"
#include "consolidate/previous_year.hpp"
#include "consolidate/year_report.hpp"
#include "core/issue_render.hpp"
#include "write/consolidated_writer.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop consolidate --plan ke-hoach/an-duong-2026-2030.xlsx --year 2026 -o tong-hop-2026.xlsx bao-cao/\n"
    "  tonghop consolidate --plan ke-hoach.xlsx --year 2026 --receipts so-nhan.csv -o th.xlsx bao-cao/\n"
    "  tonghop consolidate --plan ke-hoach.xlsx --year 2026 --template mau-thanh-pho.toml -o th.xlsx bao-cao/\n"
    "  tonghop consolidate --plan ke-hoach.xlsx --year 2027 --previous tong-hop-2026.xlsx -o th-2027.xlsx bao-cao/\n\n"
    "Cách dùng: tonghop consolidate --plan KẾ_HOẠCH --year NĂM -o TỆP.xlsx [TÙY CHỌN] TỆP|THƯ_MỤC...\n\n"
    "Kiểm tra các báo cáo như tonghop check rồi lập sổ tổng hợp năm theo mẫu (mặc định\n"
    "templates/commune-yearly.toml): Tổng hợp, Biểu 01 Chỉ tiêu, Biểu 02 Nhiệm vụ, Đơn vị báo cáo,\n"
    "Lỗi kiểm tra. Mọi số suy ra là công thức kèm giá trị đã tính. Chỉ tiêu theo xu hướng (\"Giảm\n"
    "hàng năm\", tốc độ tăng) được đánh giá so với sổ tổng hợp năm trước (--previous); không có\n"
    "thì ghi rõ là chưa đánh giá được. Tệp được ghi ra tệp tạm rồi\n"
    "đổi tên: chạy lỗi không để lại tệp dở. Có lỗi trong báo cáo: vẫn ghi sổ, mã thoát 1;\n"
    "--strict: không ghi. Mã thoát: 0, 1 có lỗi, 2 sai cách dùng, 3 có tệp không đọc được,\n"
    "4 không ghi được sổ.\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop consolidate --plan plans/an-duong-2026-2030.xlsx --year 2026 -o summary-2026.xlsx reports/\n"
    "  tonghop consolidate --plan plan.xlsx --year 2026 --receipts receipts.csv -o out.xlsx reports/\n"
    "  tonghop consolidate --plan plan.xlsx --year 2026 --template city-form.toml -o out.xlsx reports/\n"
    "  tonghop consolidate --plan plan.xlsx --year 2027 --previous summary-2026.xlsx -o out-2027.xlsx reports/\n\n"
    "Usage: tonghop consolidate --plan PLAN --year YEAR -o FILE.xlsx [OPTIONS] FILE|FOLDER...\n\n"
    "Checks the reports as tonghop check does, then writes the consolidated yearly workbook in a\n"
    "layout (default templates/commune-yearly.toml): summary, indicators, tasks, units,\n"
    "issues. Every derived figure is a formula with its computed value. Trend targets (\"Giảm\n"
    "hàng năm\", growth rates) are judged against last year's consolidated workbook\n"
    "(--previous); without it they are plainly not assessed. The file is written\n"
    "to a temporary file and renamed: a failed run leaves no half-written workbook. Reports\n"
    "with errors: the workbook is still written and the exit code is 1; --strict refuses.\n"
    "Exit codes: 0, 1 errors, 2 usage error, 3 a file could not be read, 4 the workbook could\n"
    "not be written.\n";

}  // namespace

int consolidate_command(const std::vector<std::string>& args, Streams io) {
  CommandOptions opts;
  opts.add("output,o", po::value<std::string>(), Text("TỆP.xlsx", "FILE.xlsx"), Text("sổ tổng hợp cần ghi", "the workbook to write"));
  add_check_options(opts);
  opts.add("template", po::value<std::string>()->default_value("commune-yearly"), Text("TÊN|TỆP", "NAME|FILE"),
           Text("mẫu sổ tổng hợp (mặc định commune-yearly)", "the workbook's layout (default commune-yearly)"))
      .add("previous", po::value<std::string>(), Text("SỔ_NĂM_TRƯỚC.xlsx", "LAST_YEAR.xlsx"),
           Text("sổ tổng hợp năm trước, để đánh giá chỉ tiêu theo xu hướng",
                "last year's consolidated workbook, to judge trend targets"))
      .add("strict", po::bool_switch(), Text(""),
           Text("không ghi sổ khi báo cáo có lỗi", "write nothing when a report has errors"));
  // One output, the workbook: no --format.
  add_common_options(opts, false);
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  CheckRun run;
  std::string out, previous_path;
  bool strict = false;
  std::optional<Layout> layout;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("output")) throw UsageError{Text("cần -o TỆP.xlsx", "-o FILE.xlsx is needed")};
    if (!vm.count("year")) throw UsageError{Text("cần --year NĂM", "--year YEAR is needed")};
    out = vm["output"].as<std::string>();
    strict = vm["strict"].as<bool>();
    if (vm.count("previous")) previous_path = vm["previous"].as<std::string>();
    run = read_check_options(vm, opt);
    try {
      layout = Layout::find(vm["template"].as<std::string>());
    } catch (const ConfigError& e) {
      throw config_usage_error(e);
    }
  } catch (const UsageError& e) {
    io.err << "tonghop consolidate: " << e.message.in(lang) << "\n\n" << (lang == Lang::Vi ? kUsageVi : kUsageEn);
    return int(ExitCode::Usage);
  }
  PlanResult plan;
  if (int code = load_plan(run, opt, io.err, plan)) return code;
  bool vi = lang == Lang::Vi;
  std::optional<PreviousYear> previous;
  if (!previous_path.empty()) {
    int last = run.options.period.year - 1;
    auto prev = read_previous_year(plan.plan, previous_path, last, *run.context, run.options.limits);
    if (!prev.readable || prev.previous.values.empty()) {
      io.err << "tonghop consolidate: --previous " << previous_path
             << (vi ? ": không lấy được số liệu chỉ tiêu năm " : ": no indicator values for ") << last << "\n";
      for (const auto& i : prev.issues) write_issue_text(io.err, i, lang, "  ");
      if (prev.issues.empty())
        io.err << (vi ? "  Cần sổ tổng hợp năm trước do tonghop lập (có Biểu 01 Chỉ tiêu).\n"
                      : "  Give last year's consolidated workbook made by tonghop (with its indicators sheet).\n");
      return int(prev.readable ? ExitCode::Usage : ExitCode::Unreadable);
    }
    previous = std::move(prev.previous);
  }
  // Streamed: each file's result waits on disk, read back as the workbook is written.
  StreamedCheck check(plan.plan, run.files, run.options, *run.context);
  StreamedCheck::Totals totals;
  auto year = consolidate(plan.plan, check, previous ? &*previous : nullptr, &totals);
  const ExitCode outcome = exit_code(totals.unreadable, totals.errors > 0);
  std::size_t errors = totals.errors, warnings = totals.warnings, files = check.size();
  if (strict && errors) {
    io.err << (vi ? "tonghop consolidate: các báo cáo có " : "tonghop consolidate: the reports have ") << errors
           << (vi ? " lỗi; --strict: không ghi sổ tổng hợp (xem tonghop check).\n"
                  : " errors; --strict: no workbook written (see tonghop check).\n");
    return int(outcome);
  }
  try {
    for (const auto& n : write_consolidated(out, plan.plan, year, *layout, WriteOptions::for_year(run.options.period.year)))
      io.err << (vi ? "cảnh báo: " : "warning: ") << n.text(!vi) << "\n";
  } catch (const std::exception& e) {
    io.err << (vi ? "tonghop consolidate: không ghi được " : "tonghop consolidate: cannot write ") << out << ": "
           << error_text(e, !vi) << "\n";
    return int(ExitCode::Internal);
  }
  io.out << (vi ? "Đã ghi " : "Written ") << out << (vi ? ": " : ": ") << files
         << (vi ? " tệp báo cáo, " : " reports, ") << errors << (vi ? " lỗi, " : " errors, ")
         << warnings << (vi ? " cảnh báo (chi tiết ở trang Lỗi kiểm tra).\n"
                                                   : " warnings (details on the issues sheet).\n");
  return int(outcome);
}

}  // namespace tonghop::cli
