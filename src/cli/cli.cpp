#include "cli/cli.hpp"

#include <exception>

#include "core/issue.hpp"
#include "cli/options.hpp"

namespace tonghop::cli {
namespace {

struct Command {
  std::string_view name;
  int (*run)(const std::vector<std::string>&, Streams);
  std::string_view summary_vi, summary_en;
};

constexpr Command kCommands[] = {
    {"inspect", inspect_command, "xem bộ đọc thấy gì trong tệp: trang tính, ô, kiểu, định dạng, phông chữ",
     "show what the reader sees: sheets, cells, types, formats, fonts"},
    {"check", check_command, "kiểm tra báo cáo của các đơn vị theo kế hoạch: lỗi theo từng ô, ai chưa gửi",
     "check the units' reports against the plan: problems by cell, who has not sent"},
    {"consolidate", consolidate_command, "kiểm tra rồi lập sổ tổng hợp năm theo mẫu (công thức, tiêu đề hành chính)",
     "check, then write the consolidated yearly workbook in a layout (formulas, official header)"},
    {"template", template_command, "ghi biểu mẫu báo cáo cho từng đơn vị: ô nhập, danh sách chọn, tự kiểm tra",
     "write each unit's fill-in form: input cells, dropdowns, self-check"},
    {"serve", serve_command, "mở trang làm việc của văn phòng: tải lên, kết quả, đơn vị, lịch sử, tổng hợp",
     "the office's web page: upload, results, units, history, consolidation"},
    {"plan", plan_command, "đọc các phụ lục của kế hoạch: chỉ tiêu, nhiệm vụ, đơn vị, lỗi trong kế hoạch",
     "read a plan's annex tables: indicators, tasks, units, the plan's defects"},
};

void usage(std::ostream& os, Lang lang) {
  if (lang == Lang::Vi) {
    os << "tonghop " TONGHOP_VERSION " - tổng hợp báo cáo thực hiện kế hoạch của xã, phường\n\n"
          "Ví dụ:\n"
          "  tonghop plan ke-hoach/an-duong-2026-2030.xlsx\n"
          "  tonghop check --plan ke-hoach/an-duong-2026-2030.xlsx --year 2026 bao-cao/\n"
          "  tonghop inspect bao-cao/phong-vhxh.xlsx\n"
          "  tonghop inspect --format json bao-cao/\n\n"
          "Cách dùng: tonghop LỆNH [TÙY CHỌN] ...\n\nCác lệnh:\n";
  } else {
    os << "tonghop " TONGHOP_VERSION " - consolidates communes' plan progress reports\n\n"
          "Examples:\n"
          "  tonghop plan plans/an-duong-2026-2030.xlsx\n"
          "  tonghop check --plan plans/an-duong-2026-2030.xlsx --year 2026 reports/\n"
          "  tonghop inspect reports/phong-vhxh.xlsx\n"
          "  tonghop inspect --format json reports/\n\n"
          "Usage: tonghop COMMAND [OPTIONS] ...\n\nCommands:\n";
  }
  for (const auto& c : kCommands)
    os << "  " << c.name << "  " << (lang == Lang::Vi ? c.summary_vi : c.summary_en) << "\n";
  os << (lang == Lang::Vi ? "\n`tonghop LỆNH --help` cho hướng dẫn từng lệnh; --lang en for English.\n"
                          : "\n`tonghop COMMAND --help` for a command's usage; --lang vi cho tiếng Việt.\n");
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Lang lang = lang_from_args(args);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? err : out, lang);
    return int(args.empty() ? ExitCode::Usage : ExitCode::Ok);
  }
  if (args[0] == "--version") {
    out << "tonghop " TONGHOP_VERSION "\n";
    return int(ExitCode::Ok);
  }
  for (const auto& c : kCommands) {
    if (c.name != args[0]) continue;
    try {
      return c.run(std::vector<std::string>(args.begin() + 1, args.end()), Streams{out, err});
    } catch (const std::exception& e) {
      err << (lang == Lang::Vi ? "tonghop: lỗi nội bộ: " : "tonghop: internal error: ") << e.what()
          << "\n";
      return int(ExitCode::Internal);
    }
  }
  err << (lang == Lang::Vi ? "tonghop: không có lệnh '" : "tonghop: no command '") << args[0] << "'\n\n";
  usage(err, lang);
  return int(ExitCode::Usage);
}

}  // namespace tonghop::cli
