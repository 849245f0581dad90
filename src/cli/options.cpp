#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>

#include "core/issue_render.hpp"
#include "core/text.hpp"
#include "read/isolated.hpp"
#include "read/reader.hpp"
#include "core/platform.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {

CommandOptions& CommandOptions::add(const char* name, const po::value_semantic* value, Text arg, Text help) {
  desc_.add_options()(name, value, "");
  std::string n(name), flags;
  auto comma = n.find(',');
  if (comma != std::string::npos) flags = "-" + n.substr(comma + 1) + ", ";
  flags += "--" + n.substr(0, comma);
  docs_.push_back({flags, std::move(arg), std::move(help)});
  return *this;
}

CommandOptions& CommandOptions::inputs() {
  desc_.add_options()("input", po::value<std::vector<std::string>>(), "");
  return *this;
}

void CommandOptions::write(std::ostream& os, Lang lang) const {
  std::vector<std::string> heads;
  std::size_t width = 0;
  for (const auto& d : docs_) {
    auto arg = d.arg.in(lang);
    heads.push_back(d.flags + (arg.empty() ? "" : " " + arg));
    width = std::max(width, code_point_count(heads.back()));
  }
  for (std::size_t i = 0; i < docs_.size(); ++i)
    os << "  " << heads[i] << std::string(width - code_point_count(heads[i]) + 2, ' ') << docs_[i].help.in(lang) << "\n";
}

void add_common_options(CommandOptions& opts, bool format) {
  if (format)
    opts.add("format", po::value<std::string>()->default_value("text"), Text("text|json"),
             Text("dạng kết quả (mặc định text)", "output format (default text)"));
  opts.add("lang", po::value<std::string>()->default_value("vi"), Text("vi|en"),
           Text("ngôn ngữ thông báo (mặc định vi)", "language of the messages (default vi)"))
      .add("limit", po::value<std::vector<std::string>>()->composing(), Text("KHÓA=GIÁ_TRỊ", "KEY=VALUE"),
           Text("giới hạn an toàn: file-size, zip-entries, unzipped-size, zip-ratio, cells, sheets, text-size",
                "safety limit: file-size, zip-entries, unzipped-size, zip-ratio, cells, sheets, text-size"))
      .add("no-convert", po::bool_switch(), Text(""),
           Text("không chuyển đổi bằng LibreOffice", "never convert with LibreOffice"))
      .add("help,h", po::bool_switch(), Text(""), Text("hướng dẫn này", "this help"));
}

void write_help(std::ostream& os, std::string_view usage, const CommandOptions& opts, Lang lang) {
  os << usage << (lang == Lang::Vi ? "\nTùy chọn:\n" : "\nOptions:\n");
  opts.write(os, lang);
}

CommonOptions common_options(const po::variables_map& vm) {
  CommonOptions o;
  auto fmt = vm.count("format") ? vm["format"].as<std::string>() : std::string("text");
  if (fmt == "json") o.format = OutputFormat::Json;
  else if (fmt != "text")
    throw UsageError{Text("--format phải là text hoặc json, không phải '" + fmt + "'",
                          "--format must be text or json, not '" + fmt + "'")};
  auto lang = vm["lang"].as<std::string>();
  if (lang == "en") o.lang = Lang::En;
  else if (lang != "vi")
    throw UsageError{Text("--lang phải là vi hoặc en, không phải '" + lang + "'",
                          "--lang must be vi or en, not '" + lang + "'")};
  if (vm["no-convert"].as<bool>()) o.limits.allow_conversion = false;
  if (vm.count("limit"))
    for (const auto& a : vm["limit"].as<std::vector<std::string>>())
      if (auto err = set_limit(o.limits, a))
        throw UsageError{Text("--limit: " + *err, "--limit: " + *err)};
  return o;
}

Lang lang_from_args(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lang=en" || (args[i] == "--lang" && i + 1 < args.size() && args[i + 1] == "en"))
      return Lang::En;
  }
  return Lang::Vi;
}

po::variables_map parse(const std::vector<std::string>& args, const CommandOptions& opts) {
  const auto& desc = opts.desc();
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{Text(std::string("tùy chọn không hợp lệ: ") + e.what(),
                          std::string("invalid option: ") + e.what())};
  }
  return vm;
}

UsageError config_usage_error(const std::exception& e) {
  return UsageError{Text(std::string("tệp cấu hình lỗi: ") + e.what(), std::string("bad configuration file: ") + e.what())};
}

bool load_or_report(const std::string& path, const CommonOptions& opt, std::ostream& err, Workbook& out,
                    const Text& role) {
  try {
    out = load_workbook_isolated(path, opt.limits);
    return true;
  } catch (InputError& e) {
    if (role.vi.empty() || e.issue().code == IssueCode::FileNotFound) {
      if (!role.vi.empty()) set_file_role(e.issue(), role);
      write_issue_text(err, e.issue(), opt.lang, "");
    } else {
      // Which input could not be read: the plan is not one of the units' reports.
      err << (opt.lang == Lang::Vi ? "tệp " : "") << role.in(opt.lang) << (opt.lang == Lang::Vi ? "" : " file")
          << " \"" << path << "\":\n";
      write_issue_text(err, e.issue(), opt.lang, "  ");
    }
    return false;
  }
}

ExitCode exit_code(bool unreadable, bool errors) {
  return unreadable ? ExitCode::Unreadable : errors ? ExitCode::DataErrors : ExitCode::Ok;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  static const std::vector<std::string> exts = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls",
                                                ".xlt",  ".ods",  ".ots",  ".csv",  ".tsv", ".txt"};
  std::vector<std::string> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    auto dir = platform::path_from_utf8(in);
    if (!fs::is_directory(dir, ec)) {
      out.push_back(in);
      continue;
    }
    // Joined with the separator the user typed: "bao-cao" gives "bao-cao/x.xlsx" on every
    // platform; a folder typed with backslashes on Windows gives its files with backslashes
    // (on Linux a backslash is a character of a name, never a separator).
    bool backslash = fs::path::preferred_separator == '\\' && in.find('\\') != std::string::npos;
    std::string prefix = in;
    if (!prefix.empty() && prefix.back() != '/' && !(backslash && prefix.back() == '\\')) prefix += backslash ? '\\' : '/';
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      auto name = platform::utf8_of(e.path().filename());
      if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) continue;
      if (!e.is_regular_file(ec)) continue;
      auto ext = platform::utf8_of(e.path().extension());
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
      found.push_back(prefix + name);
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace tonghop::cli
