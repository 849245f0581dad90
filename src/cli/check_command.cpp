// tonghop check: every problem of the units' progress reports, with its cell, and who has
// not reported what.
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <chrono>

#include "cli/check_args.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "core/date.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "core/pipeline.hpp"
#include "core/platform.hpp"
#include "read/reader.hpp"
#include "validate/check_json.hpp"
#include "validate/driver.hpp"
#include "write/check_report_writer.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop check --plan ke-hoach/an-duong-2026-2030.xlsx --year 2026 bao-cao/\n"
    "  tonghop check --plan ke-hoach.xlsx --year 2026 --format json bao-cao/ > kiem-tra.json\n"
    "  tonghop check --plan ke-hoach.xlsx --unit bc1.xlsx=\"Công an phường\" bc1.xlsx\n"
    "  tonghop check --plan ke-hoach.xlsx --explain bao-cao/cong-an.xlsx\n"
    "  tonghop check --plan ke-hoach.xlsx --year 2026 --report sua-loi-2026.xlsx bao-cao/\n\n"
    "Cách dùng: tonghop check --plan KẾ_HOẠCH [TÙY CHỌN] TỆP|THƯ_MỤC...\n\n"
    "Đọc báo cáo của từng đơn vị theo đúng mẫu đơn vị dùng, nhận ra bảng, khớp từng dòng với\n"
    "chỉ tiêu/nhiệm vụ của kế hoạch, kiểm tra số liệu và cho biết đơn vị nào chưa gửi, chưa\n"
    "báo cáo nội dung nào. Mỗi lỗi kèm ô (ví dụ 'Biểu 01'!F12) và cách sửa. Ngày nhận: --received,\n"
    "sổ --receipts (cột A tệp, cột B ngày), nếu không thì thời gian sửa tệp; hạn mặc định 3/12.\n"
    "--report: ghi thêm một sổ Excel gửi lại đơn vị: bản sao bảng của từng đơn vị, ô có vấn đề\n"
    "được tô màu và có ghi chú nội dung, cùng trang tóm tắt có liên kết tới từng ô.\n"
    "Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi, 2 sai cách dùng, 3 có tệp\n"
    "không đọc được, 4 không ghi được sổ --report.\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop check --plan plans/an-duong-2026-2030.xlsx --year 2026 reports/\n"
    "  tonghop check --plan plan.xlsx --year 2026 --format json reports/ > check.json\n"
    "  tonghop check --plan plan.xlsx --unit r1.xlsx=\"Công an phường\" r1.xlsx\n"
    "  tonghop check --plan plan.xlsx --explain reports/cong-an.xlsx\n"
    "  tonghop check --plan plan.xlsx --year 2026 --report fixes-2026.xlsx reports/\n\n"
    "Usage: tonghop check --plan PLAN [OPTIONS] FILE|FOLDER...\n\n"
    "Reads each unit's report in its own layout, recognises the table, maps every row to a\n"
    "plan indicator or task, checks the figures, and says who has not sent or reported what.\n"
    "Every problem comes with its cell (e.g. 'Biểu 01'!F12) and how to fix it. Receipt dates:\n"
    "--received, a --receipts book (file in column A, date in B), else the file's modification\n"
    "time; the deadline defaults to 3 December.\n"
    "--report also writes a workbook to send back to the units: a copy of each unit's table\n"
    "with the problem cells coloured and a comment holding the message, and a summary sheet\n"
    "linking to each cell.\n"
    "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error, 3 a file could not\n"
    "be read, 4 the --report workbook could not be written.\n";

// Why a row matched what it matched (--explain), after a line saying what follows.
void write_explain_head(std::ostream& os, Lang lang) {
  os << (lang == Lang::Vi ? "  cách khớp từng dòng (ngưỡng " : "  how each row matched (threshold ")
     << format_number(kMatchThreshold) << "):\n";
}
void write_explain(std::ostream& os, const Plan& plan, const RowResult& row, Lang lang) {
  bool vi = lang == Lang::Vi;
  auto item = [&](const RowResult& row, std::size_t i) {
    const ItemRef ref{row.kind, i};
    if (i >= (row.kind == ItemKind::Task ? plan.tasks.size() : plan.indicators.size())) return std::string("-");
    const auto& code = plan.code_of(ref);
    const auto& name = plan.name_of(ref);
    return (code.empty() ? std::string() : code + " ") + "\"" + name + "\"";
  };
  os << "    " << row.sheet << (vi ? " hàng " : " row ") << row.row + 1 << " \"" << row.written << "\"\n      ";
  if (row.item)
    os << "→ " << item(row, *row.item) << (vi ? ", độ giống " : ", similarity ") << format_number(row.score)
       << (row.by_code ? (vi ? ", cùng số thứ tự" : ", same number") : "");
  else
    os << (vi ? "không khớp; gần nhất " : "no match; closest ") << item(row, row.closest) << " "
       << format_number(row.score);
  if (row.runner_up_score > 0)
    os << (vi ? "; kế tiếp " : "; next ") << item(row, row.runner_up) << " " << format_number(row.runner_up_score);
  os << "\n";
  if (!row.reading.empty()) os << (vi ? "      đọc theo dòng trên: \"" : "      read with the row above: \"") << row.reading << "\"\n";
  if (!row.evidence.empty()) os << (vi ? "      nhờ các từ: " : "      carried by: ") << row.evidence << "\n";
}

// A file's block starts: its name, unit and issue counts.
void write_file_head(std::ostream& os, const FileResult& f, std::uint64_t errors, std::uint64_t warnings, Lang lang) {
  bool vi = lang == Lang::Vi;
  os << (vi ? "tệp: " : "file: ") << f.path;
  if (!f.unit.empty()) {
    os << " - " << f.unit;
    if (f.unit_source == UnitSource::FileName) os << (vi ? " (theo tên tệp)" : " (from the file name)");
    if (f.unit_source == UnitSource::Option) os << (vi ? " (theo --unit)" : " (from --unit)");
    if (f.unit_source == UnitSource::Commune) os << (vi ? " (báo cáo của cả xã, phường)" : " (the commune's own report)");
    if (f.unit_source == UnitSource::Form) os << (vi ? " (theo biểu mẫu tonghop)" : " (from the tonghop form)");
  }
  os << ": " << errors << (vi ? " lỗi, " : " errors, ") << warnings << (vi ? " cảnh báo\n" : " warnings\n");
}

// What a file's rows give, counted as they come; its block's last lines.
struct RowFigures {
  std::size_t met = 0, not_met = 0, unknown = 0, indicators = 0, tasks = 0, done = 0, behind = 0;
  void add(const RowResult& row) {
    if (!row.item || !row.counts) return;
    if (row.kind == ItemKind::Task) {
      ++tasks;
      done += row.actual.status == Status::Done;
      behind += row.actual.status == Status::Behind || row.actual.status == Status::NotStarted;
      return;
    }
    ++indicators;
    met += row.assessment == Assessment::Met || row.assessment == Assessment::Exceeded;
    not_met += row.assessment == Assessment::NotMet;
    unknown += row.assessment == Assessment::Unknown;
  }
  void write(std::ostream& os, bool readable, Lang lang) const {
    bool vi = lang == Lang::Vi;
    if (readable && indicators)
      os << (vi ? "  chỉ tiêu: " : "  indicators: ") << indicators << " (" << (vi ? "đạt " : "met ") << met
         << (vi ? ", không đạt " : ", not met ") << not_met << (vi ? ", chưa đánh giá được " : ", not assessable ")
         << unknown << ")\n";
    if (readable && tasks)
      os << (vi ? "  nhiệm vụ: " : "  tasks: ") << tasks << " (" << (vi ? "hoàn thành " : "done ") << done
         << (vi ? ", chậm hoặc chưa làm " : ", behind or not started ") << behind << ")\n";
    os << "\n";
  }
};

// After the files: completeness and the totals.
void write_text_end(std::ostream& os, const CheckReport& r, std::size_t files, std::size_t errors,
                    std::size_t warnings, Lang lang) {
  bool vi = lang == Lang::Vi;
  os << (vi ? "Đơn vị phải báo cáo: " : "Units expected: ") << r.expected.size() << (vi ? ", đã gửi: " : ", sent: ")
     << r.submitted.size() << "\n";
  for (const auto& i : r.issues) write_issue_text(os, i, lang, "  ");
  os << (vi ? "Tổng: " : "Total: ") << files << (vi ? " tệp, " : " files, ") << errors
     << (vi ? " lỗi, " : " errors, ") << warnings << (vi ? " cảnh báo\n" : " warnings\n");
}

// Worst first: unreadable, errors, warnings, ok (in the order of the files within each).
// Each file's block goes to a temporary file of its status, and the four are copied out
// worst first.
StreamedCheck::Totals write_text(std::ostream& os, const Plan& plan, const StreamedCheck& check, Lang lang,
                                 bool explain) {
  auto dir = platform::make_temp_dir("tonghop-text");
  if (!dir) throw std::runtime_error("cannot create a temporary folder for the report");
  struct Remove {
    std::string dir;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove_all(platform::path_from_utf8(dir), ec);
    }
  } remove{*dir};
  std::array<std::fstream, 4> by_status;
  for (std::size_t s = 0; s < by_status.size(); ++s) {
    by_status[s].open(platform::path_from_utf8(*dir) / std::to_string(s),
                      std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
    if (!by_status[s]) throw std::runtime_error("cannot create a temporary file in " + *dir);
  }
  // A file's block written as its parts come (a long report's rows and issues are never all
  // held): its errors at once; its warnings, notes and the rows' explanations in temporary
  // files until its issues end (errors before warnings before notes, then the rows).
  std::array<std::fstream, 3> later;  // warnings, notes, explanations
  for (std::size_t k = 0; k < later.size(); ++k) {
    later[k].open(platform::path_from_utf8(*dir) / ("later-" + std::to_string(k)),
                  std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
    if (!later[k]) throw std::runtime_error("cannot create a temporary file in " + *dir);
  }
  auto copy_later = [&](std::fstream& from, std::ostream& to) {
    std::streamoff left = from.tellp();
    from.seekg(0);
    std::string buffer(std::size_t(1) << 16, '\0');
    while (left > 0 && from.read(buffer.data(), std::streamsize(std::min<std::streamoff>(left, std::streamoff(buffer.size()))))) {
      to.write(buffer.data(), from.gcount());
      left -= from.gcount();
    }
    if (left > 0) throw std::runtime_error("cannot read a temporary file in " + *dir);
  };
  StreamedCheck::Totals totals;
  std::fstream* out = nullptr;
  FileResult head;
  RowFigures figures;
  pipelined<ResultPart>(
      [&](const auto& push) { totals = check.each_part([&](ResultPart& p) { push(std::move(p)); }); },
      [&](ResultPart& p) {
        switch (p.kind) {
          case ResultPart::Kind::Head:
            head = std::move(p.file);
            out = &by_status[std::size_t(p.status)];
            write_file_head(*out, head, p.errors, p.warnings, lang);
            for (auto& l : later) l.seekp(0);
            figures = {};
            break;
          case ResultPart::Kind::Rows:
            for (const auto& row : p.file.rows) {
              figures.add(row);
              if (explain) write_explain(later[2], plan, row, lang);
            }
            break;
          case ResultPart::Kind::Issues:
            for (const auto& i : p.file.issues)
              write_issue_text(i.severity == Severity::Error     ? *out
                               : i.severity == Severity::Warning ? later[0]
                                                                 : later[1],
                               i, lang, "  ");
            break;
          case ResultPart::Kind::End:
            copy_later(later[0], *out), copy_later(later[1], *out);
            if (explain) write_explain_head(*out, lang), copy_later(later[2], *out);
            figures.write(*out, head.readable, lang);
            break;
        }
        if (!*out || !later[0] || !later[1] || !later[2])
          throw std::runtime_error("cannot write a temporary file in " + *dir);
      });
  for (std::size_t s = by_status.size(); s-- > 0;) {
    by_status[s].seekg(0);
    if (by_status[s].peek() != std::char_traits<char>::eof()) os << by_status[s].rdbuf();
  }
  write_text_end(os, check.report, check.size(), totals.errors, totals.warnings, lang);
  return totals;
}

}  // namespace

// The units' files as the check saw them (kept by it, read back one at a time), written
// with the problems marked.
std::vector<WriteNote> write_report(const std::string& out, const StreamedCheck& check, Lang lang) {
  return write_check_report(
      out,
      [&](const std::function<void(const ReportedFile&)>& use) {
        check.each([&](const FileResult& f) { use({f.path, f.unit, f.workbook.get(), f.issues}); });
      },
      check.report.issues, lang);
}

int check_command(const std::vector<std::string>& args, Streams io) {
  CommandOptions opts;
  add_check_options(opts);
  opts.add("explain", po::bool_switch(), Text(""),
           Text("cho biết vì sao mỗi dòng khớp với chỉ tiêu/nhiệm vụ đó", "why each row matched what it matched"))
      .add("report", po::value<std::string>(), Text("TỆP.xlsx", "FILE.xlsx"),
           Text("ghi sổ gửi lại đơn vị: bảng của từng đơn vị, ô có vấn đề được đánh dấu",
                "write a workbook for the units: their tables with the problem cells marked"));
  add_common_options(opts);
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  CheckRun run;
  bool explain = false;
  std::string report_path;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    run = read_check_options(vm, opt);
    explain = vm["explain"].as<bool>();
    if (vm.count("report")) report_path = vm["report"].as<std::string>();
    run.options.keep_workbooks = !report_path.empty();
  } catch (const UsageError& e) {
    io.err << "tonghop check: " << e.message.in(lang) << "\n\n" << (lang == Lang::Vi ? kUsageVi : kUsageEn);
    return int(ExitCode::Usage);
  }
  PlanResult plan;
  if (int code = load_plan(run, opt, io.err, plan)) return code;
  // Streamed: each file's result waits on disk until the output is written (with --report,
  // its workbook too: the copies are written one file at a time).
  StreamedCheck check(plan.plan, run.files, run.options, *run.context);
  StreamedCheck::Totals totals;
  if (opt.format == OutputFormat::Json) {
    CheckJsonWriter json(io.out, plan.plan, check.report.period, lang);
    // The results read back in a second thread while this one writes them, a part at a time.
    pipelined<ResultPart>(
        [&](const auto& push) { totals = check.each_part([&](ResultPart& p) { push(std::move(p)); }); },
        [&](ResultPart& p) { json.part(p); });
    json.finish(check.report, check.size(), totals.errors, totals.warnings);
  } else {
    totals = write_text(io.out, plan.plan, check, lang, explain);
  }
  if (!report_path.empty()) {
    try {
      for (const auto& n : write_report(report_path, check, lang))
        io.err << (lang == Lang::Vi ? "cảnh báo: " : "warning: ") << n.text(lang == Lang::En) << "\n";
    } catch (const std::exception& e) {
      io.err << (lang == Lang::Vi ? "tonghop check: không ghi được " : "tonghop check: cannot write ") << report_path
             << ": " << error_text(e, lang == Lang::En) << "\n";
      return int(ExitCode::Internal);
    }
    if (opt.format != OutputFormat::Json)
      io.out << (lang == Lang::Vi ? "Đã ghi sổ gửi lại đơn vị: " : "Workbook for the units written: ") << report_path << "\n";
  }
  return int(exit_code(totals.unreadable, totals.errors > 0));
}

}  // namespace tonghop::cli
