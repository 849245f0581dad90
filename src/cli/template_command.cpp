// tonghop template: each unit's fill-in form for a period.
#include <filesystem>

#include "cli/check_args.hpp"
#include "cli/cli.hpp"
#include "consolidate/previous_year.hpp"
#include "core/date.hpp"
#include "core/issue_render.hpp"
#include "core/text.hpp"
#include "write/consolidated_writer.hpp"
#include "write/template_writer.hpp"
#include "core/platform.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop template --plan ke-hoach/an-duong-2026-2030.xlsx --year 2026 --all -o bieu-mau/\n"
    "  tonghop template --plan ke-hoach.xlsx --year 2026 --period h1 --unit \"Công an phường\" -o bieu-mau/\n"
    "  tonghop template --plan ke-hoach.xlsx --year 2027 --all --previous tong-hop-2026.xlsx --deadline 01/12/2027 -o bm/\n\n"
    "Cách dùng: tonghop template --plan KẾ_HOẠCH --year NĂM [--period year|h1|q1..q4|9m]\n"
    "                            (--unit ĐƠN_VỊ | --all) -o THƯ_MỤC [--layout TÊN|TỆP]\n"
    "                            [--password MẬT_KHẨU] [--deadline NGÀY] [--previous SỔ_NĂM_TRƯỚC.xlsx]\n\n"
    "Ghi cho mỗi đơn vị một biểu mẫu .xlsx chỉ gồm các chỉ tiêu và nhiệm vụ được giao: ô nhập mở\n"
    "khóa, danh sách chọn, kiểm tra dữ liệu, cột \"Kiểm tra\" tự báo lỗi, ô đếm số dòng còn phải sửa.\n"
    "Trang tính được khóa (không mật khẩu, trừ khi có --password). Biểu mẫu mang mã nhận diện để\n"
    "tonghop check đọc lại chính xác. Mã thoát: 0, 2 sai cách dùng, 3 không đọc được kế hoạch,\n"
    "4 không ghi được tệp.\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop template --plan plans/an-duong-2026-2030.xlsx --year 2026 --all -o forms/\n"
    "  tonghop template --plan plan.xlsx --year 2026 --period h1 --unit \"Công an phường\" -o forms/\n"
    "  tonghop template --plan plan.xlsx --year 2027 --all --previous summary-2026.xlsx --deadline 01/12/2027 -o forms/\n\n"
    "Usage: tonghop template --plan PLAN --year YEAR [--period year|h1|q1..q4|9m]\n"
    "                        (--unit UNIT | --all) -o FOLDER [--layout NAME|FILE]\n"
    "                        [--password PASSWORD] [--deadline DATE] [--previous LAST_YEAR.xlsx]\n\n"
    "Writes one .xlsx form per unit holding only the indicators and tasks assigned to it: unlocked\n"
    "input cells, dropdowns, data validation, a \"Kiểm tra\" column that flags each row's problems\n"
    "and a count of what remains. Sheets are protected (no password unless --password). Each form\n"
    "carries its identity so tonghop check reads it back exactly. Exit codes: 0, 2 usage error,\n"
    "3 the plan could not be read, 4 a form could not be written.\n";

}  // namespace

int template_command(const std::vector<std::string>& args, Streams io) {
  CommandOptions opts;
  opts.add("plan", po::value<std::string>(), Text("KẾ_HOẠCH", "PLAN"), Text("tệp kế hoạch (phụ lục)", "the plan workbook"))
      .add("year", po::value<int>(), Text("NĂM", "YEAR"), Text("năm báo cáo", "the reporting year"))
      .add("period", po::value<std::string>()->default_value("year"), Text("KỲ", "PERIOD"),
           Text("kỳ báo cáo: year, h1, q1..q4, 9m (mặc định year)", "the period: year, h1, q1..q4, 9m (default year)"))
      .add("unit", po::value<std::string>(), Text("ĐƠN_VỊ", "UNIT"), Text("biểu mẫu của một đơn vị", "one unit's form"))
      .add("all", po::bool_switch(), Text(""), Text("biểu mẫu của mọi đơn vị trong kế hoạch", "every unit's form"))
      .add("units", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("tên và cách viết tên đơn vị", "unit names and spellings"))
      .add("aliases", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("cách viết đã học, gồm cách viết tên đơn vị (docs/aliases.md)",
                "what the office taught, unit spellings included (docs/aliases.md)"))
      .add("output,o", po::value<std::string>(), Text("THƯ_MỤC", "FOLDER"), Text("thư mục ghi biểu mẫu", "the folder to write to"))
      .add("layout", po::value<std::string>()->default_value("commune-yearly"), Text("TÊN|TỆP", "NAME|FILE"),
           Text("mẫu lấy phông chữ, tiêu đề hành chính (mặc định commune-yearly)",
                "the layout giving fonts and the header block (default commune-yearly)"))
      .add("password", po::value<std::string>(), Text("MẬT_KHẨU", "PASSWORD"),
           Text("mật khẩu khóa trang tính (mặc định không có)", "the sheets' protection password (default none)"))
      .add("deadline", po::value<std::string>(), Text("NGÀY", "DATE"),
           Text("hạn gửi ghi trong hướng dẫn (mặc định 03/12 của năm)", "the deadline the guide shows (default 3 December)"))
      .add("previous", po::value<std::string>(), Text("SỔ_NĂM_TRƯỚC.xlsx", "LAST_YEAR.xlsx"),
           Text("sổ tổng hợp năm trước: cột thực hiện năm trước", "last year's consolidated workbook: last year's column"));
  add_common_options(opts, false);
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  CheckRun run;
  std::string out_dir, unit, previous_path;
  bool all = false;
  FormOptions form;
  std::optional<Layout> layout;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("plan")) throw UsageError{Text("cần --plan TỆP_KẾ_HOẠCH", "--plan PLAN_FILE is needed")};
    if (!vm.count("year")) throw UsageError{Text("cần --year NĂM", "--year YEAR is needed")};
    if (!vm.count("output")) throw UsageError{Text("cần -o THƯ_MỤC", "-o FOLDER is needed")};
    all = vm["all"].as<bool>();
    if (vm.count("unit") == all)
      throw UsageError{Text("cần đúng một trong --unit ĐƠN_VỊ hoặc --all", "exactly one of --unit UNIT or --all is needed")};
    if (vm.count("unit")) unit = vm["unit"].as<std::string>();
    run.plan_path = vm["plan"].as<std::string>();
    form.period.year = vm["year"].as<int>();
    if (form.period.year < 1900 || form.period.year > 9999)
      throw UsageError{Text("--year phải là một năm, ví dụ 2026", "--year must be a year, such as 2026")};
    auto kind = period_kind_from_string(vm["period"].as<std::string>());
    if (!kind)
      throw UsageError{Text("--period phải là year, h1, q1, q2, q3, q4 hoặc 9m", "--period must be year, h1, q1, q2, q3, q4 or 9m")};
    form.period.kind = *kind;
    out_dir = vm["output"].as<std::string>();
    if (vm.count("password")) form.password = vm["password"].as<std::string>();
    if (vm.count("deadline")) {
      auto d = parse_receipt_date(vm["deadline"].as<std::string>());
      if (!d)
        throw UsageError{Text("--deadline: không hiểu ngày '" + vm["deadline"].as<std::string>() + "' (dùng 2026-12-03 hoặc 03/12/2026)",
                              "--deadline: the date '" + vm["deadline"].as<std::string>() + "' is not understood (use 2026-12-03 or 03/12/2026)")};
      auto iso = serial_to_iso(*d);  // YYYY-MM-DD...
      form.deadline = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
    }
    if (vm.count("previous")) previous_path = vm["previous"].as<std::string>();
    run.context.emplace(read_context(vm));
    try {
      layout = Layout::find(vm["layout"].as<std::string>());
    } catch (const ConfigError& e) {
      throw config_usage_error(e);
    }
  } catch (const UsageError& e) {
    io.err << "tonghop template: " << e.message.in(lang) << "\n\n";
    write_help(io.err, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
    return int(ExitCode::Usage);
  }
  bool vi = lang == Lang::Vi;
  PlanResult plan;
  if (int code = load_plan(run, opt, io.err, plan)) return code;
  std::vector<std::string> units;
  if (all) {
    for (const auto& u : plan.plan.units) units.push_back(u.name);
  } else {
    auto r = run.context->units.resolve(unit);
    std::string name = r.name.empty() ? unit : r.name;
    bool known = false;
    for (const auto& u : plan.plan.units) known |= u.name == name || fold_key(u.name) == fold_key(unit);
    for (const auto& u : plan.plan.units)
      if (fold_key(u.name) == fold_key(unit)) name = u.name;
    if (!known) {
      io.err << (vi ? "tonghop template: kế hoạch không giao chỉ tiêu hay nhiệm vụ nào cho \""
                    : "tonghop template: the plan assigns no indicator or task to \"")
             << unit << "\".\n" << (vi ? "Các đơn vị của kế hoạch:\n" : "The plan's units:\n");
      for (const auto& u : plan.plan.units) io.err << "  " << u.name << "\n";
      return int(ExitCode::Usage);
    }
    units.push_back(name);
  }
  std::optional<PreviousYear> previous;
  if (!previous_path.empty()) {
    int last = form.period.year - 1;
    auto prev = read_previous_year(plan.plan, previous_path, last, *run.context, opt.limits);
    if (!prev.readable || prev.previous.values.empty()) {
      io.err << "tonghop template: --previous " << previous_path
             << (vi ? ": không lấy được số liệu chỉ tiêu năm " : ": no indicator values for ") << last << "\n";
      for (const auto& i : prev.issues) write_issue_text(io.err, i, lang, "  ");
      return int(prev.readable ? ExitCode::Usage : ExitCode::Unreadable);
    }
    previous = std::move(prev.previous);
    form.previous = &*previous;
  }
  std::error_code ec;
  std::filesystem::create_directories(platform::path_from_utf8(out_dir), ec);
  if (!std::filesystem::is_directory(platform::path_from_utf8(out_dir), ec)) {
    io.err << (vi ? "tonghop template: không tạo được thư mục " : "tonghop template: cannot create the folder ")
           << out_dir << (ec ? ": " + ec.message() : "") << "\n";
    return int(ExitCode::Internal);
  }
  form.document_time = WriteOptions::for_year(form.period.year).document_time;
  std::set<std::string> used;
  for (const auto& u : units) {
    form.unit = u;
    std::string name = form_file_name(u, form.period);
    // Two units folding to one file name keep apart.
    std::string stem = name.substr(0, name.size() - 5);
    for (int n = 2; !used.insert(name).second; ++n) name = stem + "-" + std::to_string(n) + ".xlsx";
    auto path = platform::utf8_of(platform::path_from_utf8(out_dir) / platform::path_from_utf8(name));
    try {
      write_form(path, plan.plan, *layout, form);
    } catch (const std::exception& e) {
      io.err << (vi ? "tonghop template: không ghi được " : "tonghop template: cannot write ") << path << ": "
             << error_text(e, !vi) << "\n";
      return int(ExitCode::Internal);
    }
    io.out << path << "  " << u << "\n";
  }
  io.out << (vi ? "Đã ghi " : "Written ") << units.size() << (vi ? " biểu mẫu vào " : " forms into ") << out_dir << "\n";
  return int(ExitCode::Ok);
}

}  // namespace tonghop::cli
