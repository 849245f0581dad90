// tonghop plan: what tonghop understands of a plan's annex tables, and the plan's defects.
#include "plan/aliases.hpp"
#include <sstream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "plan/plan.hpp"
#include "plan/extract.hpp"
#include "plan/plan_json.hpp"
#include "read/docx_reader.hpp"
#include "read/format_detect.hpp"
#include "read/reader.hpp"
#include "write/annex_writer.hpp"
#include "core/platform.hpp"

#include <fstream>

namespace po = boost::program_options;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop plan ke-hoach/an-duong-2026-2030.xlsx\n"
    "  tonghop plan --format json ke-hoach/an-duong-2026-2030.xlsx > ke-hoach.json\n"
    "  tonghop plan --units don-vi.toml ke-hoach.xlsx\n"
    "  tonghop plan ke-hoach.docx          (văn bản Word: mỗi bảng là một trang tính)\n\n"
    "Cách dùng: tonghop plan [TÙY CHỌN] TỆP_KẾ_HOẠCH\n\n"
    "Đọc các phụ lục của kế hoạch (bảng chỉ tiêu, bảng phân công nhiệm vụ) trên mọi trang tính,\n"
    "in ra chỉ tiêu, nhiệm vụ, các đơn vị phải báo cáo và các lỗi trong chính kế hoạch (ô, hàng).\n"
    "--units: tệp tên đơn vị và cách viết (mặc định templates/units.toml).\n"
    "Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 kế hoạch có lỗi, 2 sai cách dùng,\n"
    "3 không đọc được tệp.\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop plan plans/an-duong-2026-2030.xlsx\n"
    "  tonghop plan --format json plans/an-duong-2026-2030.xlsx > plan.json\n"
    "  tonghop plan --units units.toml plan.xlsx\n"
    "  tonghop plan plan.docx              (a Word document: every table a sheet)\n\n"
    "Usage: tonghop plan [OPTIONS] PLAN_FILE\n\n"
    "Reads the plan's annex tables (indicators, task assignments) on any sheet and prints the\n"
    "indicators, tasks, the units expected to report and the plan's own defects (cell, row).\n"
    "--units: the file of unit names and spellings (default templates/units.toml).\n"
    "Exit codes: 0 no errors (warnings allowed), 1 the plan has errors, 2 usage error,\n"
    "3 the file cannot be read.\n";

std::string target_text(const Target& t) {
  if (t.kind == TargetKind::Empty) return "";
  return t.raw + " (" + std::string(to_string(t.kind)) + ")";
}

void write_text(std::ostream& os, const PlanResult& r, Lang lang) {
  const auto& p = r.plan;
  bool vi = lang == Lang::Vi;
  os << (vi ? "Kế hoạch: " : "Plan: ") << (p.commune.empty() ? (vi ? "(không rõ xã/phường)" : "(commune not named)") : p.commune);
  if (!p.period.empty()) os << ", " << p.period;
  os << "\n";
  if (!p.title.empty()) os << "  " << p.title << "\n";
  std::size_t numbered = 0;
  for (const auto& i : p.indicators) numbered += !i.code.empty() && i.parent.empty();
  os << "\n" << (vi ? "Chỉ tiêu: " : "Indicators: ") << p.indicators.size() << " (" << numbered
     << (vi ? " có số thứ tự, " : " numbered, ") << p.indicators.size() - numbered << (vi ? " chỉ tiêu con)" : " sub-indicators)")
     << "\n";
  std::string group;
  for (const auto& i : p.indicators) {
    if (i.group != group) os << "  " << (group = i.group) << "\n";
    os << "    " << (i.code.empty() ? "  " : i.code) << "  " << i.name;
    if (!i.unit_of_measure.empty()) os << " [" << i.unit_of_measure << "]";
    os << "\n      ";
    auto annual = target_text(i.yearly_target), final_t = target_text(i.target_final);
    if (!annual.empty()) os << (vi ? "mục tiêu năm: " : "yearly target: ") << annual << "; ";
    if (!final_t.empty()) os << (vi ? "đến cuối kỳ: " : "by the end: ") << final_t << "; ";
    os << (vi ? "đơn vị: " : "unit: ") << (i.responsible.empty() ? "-" : i.responsible) << "\n";
  }
  os << "\n" << (vi ? "Nhiệm vụ: " : "Tasks: ") << p.tasks.size() << "\n";
  std::string section;
  for (const auto& t : p.tasks) {
    if (t.section != section && !(section = t.section).empty()) os << "  " << section << "\n";
    os << "    " << t.code << "  " << t.name << "\n      " << (vi ? "chủ trì: " : "lead: ")
       << (t.lead_agency.empty() ? "-" : t.lead_agency);
    if (!t.coordinating.empty()) {
      os << (vi ? "; phối hợp: " : "; coordinating: ");
      for (std::size_t k = 0; k < t.coordinating.size(); ++k) os << (k ? ", " : "") << t.coordinating[k];
    }
    if (!t.timeframe.raw.empty()) os << (vi ? "; thời gian: " : "; timeframe: ") << t.timeframe.raw;
    os << "\n";
  }
  os << "\n" << (vi ? "Đơn vị phải báo cáo: " : "Units expected to report: ") << p.units.size() << "\n";
  for (const auto& u : p.units)
    os << "  " << u.name << ": " << u.indicators.size() << (vi ? " chỉ tiêu, " : " indicators, ") << u.tasks.size()
       << (vi ? " nhiệm vụ\n" : " tasks\n");
  os << "\n" << (vi ? "Vấn đề trong kế hoạch: " : "Defects in the plan: ") << r.issues.size() << "\n";
  for (const auto& i : r.issues) write_issue_text(os, i, lang, "  ");
}

constexpr std::string_view kExtractVi =
    "Ví dụ:\n"
    "  tonghop plan extract ke-hoach.docx -o du-thao-phu-luc.xlsx\n"
    "  tonghop plan extract ke-hoach.txt -o du-thao-phu-luc.xlsx\n\n"
    "Cách dùng: tonghop plan extract TỆP.docx|TỆP.txt -o PHỤ_LỤC.xlsx\n\n"
    "Soạn dự thảo phụ lục từ kế hoạch viết thành câu văn: các câu chỉ tiêu đánh số dưới mục\n"
    "\"CÁC CHỈ TIÊU ...\" thành dòng chỉ tiêu (tên, mục tiêu, đơn vị tính, thời hạn); các bảng\n"
    "phân công có ô cơ quan viết thành câu thành dòng nhiệm vụ (chủ trì, phối hợp). Mỗi dòng ghi\n"
    "căn cứ và độ tin cậy; điều chưa tách được nằm ở trang \"Cần xem lại\". Rà soát rồi dùng\n"
    "tệp này làm kế hoạch (tonghop plan PHỤ_LỤC.xlsx).\n";
constexpr std::string_view kExtractEn =
    "Examples:\n"
    "  tonghop plan extract plan.docx -o draft-annex.xlsx\n"
    "  tonghop plan extract plan.txt -o draft-annex.xlsx\n\n"
    "Usage: tonghop plan extract FILE.docx|FILE.txt -o ANNEX.xlsx\n\n"
    "Drafts the annex of a plan written as prose: numbered indicator sentences under a heading\n"
    "such as \"CÁC CHỈ TIÊU ...\" become indicator rows (name, target, unit, horizon); task tables\n"
    "whose agency cell is a sentence become task rows (lead, coordinating). Every row has its\n"
    "source and a confidence; what could not be structured is on the \"Cần xem lại\" sheet.\n"
    "Review it, then use it as the plan (tonghop plan ANNEX.xlsx).\n";

int extract_command(const std::vector<std::string>& args, Streams io) {
  CommandOptions opts;
  opts.add("output,o", po::value<std::string>(), Text("TỆP.xlsx", "FILE.xlsx"),
           Text("dự thảo phụ lục cần ghi", "the draft annex to write"))
      .inputs();
  add_common_options(opts);
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  std::string path, out;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kExtractVi : kExtractEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)
      throw UsageError{Text("cần đúng một tệp kế hoạch (.docx hoặc .txt)", "exactly one plan file (.docx or .txt) is needed")};
    if (!vm.count("output")) throw UsageError{Text("cần -o TỆP.xlsx", "-o FILE.xlsx is needed")};
    path = vm["input"].as<std::vector<std::string>>()[0];
    out = vm["output"].as<std::string>();
  } catch (const UsageError& e) {
    io.err << "tonghop plan extract: " << e.message.in(lang) << "\n\n" << (lang == Lang::Vi ? kExtractVi : kExtractEn);
    return int(ExitCode::Usage);
  }
  bool vi = lang == Lang::Vi;
  DocxDocument doc;
  try {
    std::string head;
    auto container = sniff_file(path, &head);
    if (container == Container::Text) {
      std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.size() > opt.limits.text_bytes)
        throw_limit("text-size", opt.limits.text_bytes, Text("văn bản quá dài", "the text is too long"));
      doc = document_from_text(text);
    } else {
      doc = load_docx_document(path, opt.limits);
    }
  } catch (InputError& e) {
    if (e.issue().where.file.empty()) e.issue().where.file = path;
    write_issue_text(io.err, e.issue(), lang, "");
    return int(ExitCode::Unreadable);
  }
  auto draft = draft_annex(doc);
  if (draft.indicators.empty() && draft.tasks.empty()) {
    io.err << (vi ? "tonghop plan extract: không tìm thấy câu chỉ tiêu đánh số nào dưới một mục \"CÁC CHỈ TIÊU ...\" "
                    "hay bảng phân công nhiệm vụ nào trong "
                  : "tonghop plan extract: no numbered indicator sentence under a \"CÁC CHỈ TIÊU ...\" heading and no "
                    "task assignment table in ")
           << path << (vi ? ".\n  Cách sửa: kiểm tra tệp có đúng là kế hoạch; đặt các chỉ tiêu dưới một đề mục có chữ "
                           "\"chỉ tiêu\", mỗi chỉ tiêu một đoạn bắt đầu bằng số (1., (1)).\n"
                         : ".\n  To fix: check that this is the plan; put the indicators under a heading with "
                           "\"chỉ tiêu\" in it, one paragraph each starting with a number (1., (1)).\n");
    return int(ExitCode::DataErrors);
  }
  try {
    write_draft_annex(out, draft);
  } catch (const std::exception& e) {
    io.err << (vi ? "tonghop plan extract: không ghi được " : "tonghop plan extract: cannot write ") << out << ": "
           << e.what() << "\n";
    return int(ExitCode::Internal);
  }
  io.out << (vi ? "Đã ghi " : "Written ") << out << ": " << draft.indicators.size() << (vi ? " chỉ tiêu, " : " indicators, ")
         << draft.tasks.size() << (vi ? " nhiệm vụ, " : " tasks, ") << draft.review.size()
         << (vi ? " mục cần xem lại (trang \"Cần xem lại\").\n" : " items to review (sheet \"Cần xem lại\").\n");
  return int(ExitCode::Ok);
}

}  // namespace

int plan_command(const std::vector<std::string>& args, Streams io) {
  if (!args.empty() && args[0] == "extract") return extract_command({args.begin() + 1, args.end()}, io);
  CommandOptions opts;
  opts.add("units", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("tên đơn vị và cách viết (mặc định templates/units.toml)", "unit names and spellings (default templates/units.toml)"))
      .add("aliases", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("cách viết đã học của kế hoạch: tên đơn vị (docs/aliases.md)", "what the office taught: unit spellings (docs/aliases.md)"))
      .inputs();
  add_common_options(opts);
  Lang lang = lang_from_args(args);
  CommonOptions opt;
  std::string path;
  std::optional<UnitRegistry> units;
  LabelRoles roles;
  try {
    auto vm = parse(args, opts);
    opt = common_options(vm);
    lang = opt.lang;
    if (vm["help"].as<bool>()) {
      write_help(io.out, lang == Lang::Vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)
      throw UsageError{Text("cần đúng một tệp kế hoạch", "exactly one plan file is needed")};
    path = vm["input"].as<std::vector<std::string>>()[0];
    try {
      units = vm.count("units") ? UnitRegistry::load(vm["units"].as<std::string>()) : UnitRegistry::load_default();
      if (vm.count("aliases")) AliasStore::load(vm["aliases"].as<std::string>()).teach(*units);
      roles = LabelRoles::load_default();
    } catch (const ConfigError& e) {
      throw config_usage_error(e);
    }
  } catch (const UsageError& e) {
    io.err << "tonghop plan: " << e.message.in(lang) << "\n\n" << (lang == Lang::Vi ? kUsageVi : kUsageEn);
    return int(ExitCode::Usage);
  }

  Workbook book;
  if (!load_or_report(path, opt, io.err, book, Text("kế hoạch", "plan"))) return int(exit_code(true, false));
  auto result = build_plan(book, roles, *units);
  // What reading found (legacy text converted ...) comes first.
  result.issues.insert(result.issues.begin(), book.issues.begin(), book.issues.end());
  if (opt.format == OutputFormat::Json) write_plan_json(io.out, path, result, lang);
  else write_text(io.out, result, lang);
  bool errors = std::any_of(result.issues.begin(), result.issues.end(),
                            [](const Issue& i) { return i.severity == Severity::Error; });
  return int(exit_code(false, errors));
}

}  // namespace tonghop::cli
