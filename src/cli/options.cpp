#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>

#include "core/issue_render.hpp"
#include "read/reader.hpp"

namespace po = boost::program_options;

namespace tonghop::cli {

void add_common_options(po::options_description& desc) {
  desc.add_options()
      ("format", po::value<std::string>()->default_value("text"), "text | json")
      ("lang", po::value<std::string>()->default_value("vi"), "vi | en")
      ("quiet,q", po::bool_switch(), "only errors / chỉ báo lỗi")
      ("verbose,v", po::bool_switch(), "more detail / chi tiết hơn")
      ("limit", po::value<std::vector<std::string>>()->composing(),
       "KEY=VALUE safety limit: file-size, zip-entries, unzipped-size, zip-ratio, cells, "
       "sheets, text-size")
      ("no-convert", po::bool_switch(), "never convert with LibreOffice / không chuyển đổi bằng LibreOffice")
      ("help,h", po::bool_switch(), "usage / hướng dẫn");
}

CommonOptions common_options(const po::variables_map& vm) {
  CommonOptions o;
  auto fmt = vm["format"].as<std::string>();
  if (fmt == "json") o.format = OutputFormat::Json;
  else if (fmt != "text")
    throw UsageError{Text("--format phải là text hoặc json, không phải '" + fmt + "'",
                          "--format must be text or json, not '" + fmt + "'")};
  auto lang = vm["lang"].as<std::string>();
  if (lang == "en") o.lang = Lang::En;
  else if (lang != "vi")
    throw UsageError{Text("--lang phải là vi hoặc en, không phải '" + lang + "'",
                          "--lang must be vi or en, not '" + lang + "'")};
  if (vm["quiet"].as<bool>()) o.verbosity = -1;
  if (vm["verbose"].as<bool>()) o.verbosity = 1;
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

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& desc,
                        bool positional_inputs) {
  po::positional_options_description pos;
  if (positional_inputs) pos.add("input", -1);
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

bool load_or_report(const std::string& path, const CommonOptions& opt, std::ostream& err, Workbook& out) {
  try {
    out = load_workbook(path, opt.limits);
    return true;
  } catch (const InputError& e) {
    write_issue_text(err, e.issue(), opt.lang, "");
    return false;
  }
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  static const std::vector<std::string> exts = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls",
                                                ".xlt",  ".ods",  ".ots",  ".csv",  ".tsv", ".txt"};
  std::vector<std::string> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      out.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(in, ec)) {
      auto name = e.path().filename().string();
      if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) continue;
      if (!e.is_regular_file(ec)) continue;
      auto ext = e.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
      found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace tonghop::cli
