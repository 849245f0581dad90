// tonghop serve: the office's web page (upload, results, units, history, consolidation,
// plan) on this machine, with its JSON API.
#include <atomic>
#include <cctype>
#include <filesystem>
#include <iostream>

#include "cli/check_args.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "core/platform.hpp"
#include "serve/app.hpp"
#include "serve/http_server.hpp"
#include "serve/job.hpp"
#include "serve/catalog.hpp"
#include "serve/tls.hpp"
#include "serve/office.hpp"
#include "serve/store.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace tonghop::cli {
namespace {

constexpr std::string_view kUsageVi =
    "Ví dụ:\n"
    "  tonghop serve --plan ke-hoach/an-duong-2026-2030.xlsx --year 2026\n"
    "  tonghop serve --plan ke-hoach.xlsx --year 2026 --deadline 2026-12-03 --data du-lieu/\n"
    "  tonghop serve --plan ke-hoach.xlsx --year 2026 --listen 0.0.0.0:8080 --make-links\n\n"
    "Cách dùng: tonghop serve --plan KẾ_HOẠCH [--year NĂM] [--period year|h1|q1|q2|q3|q4|9m]\n"
    "                          [--data THƯ_MỤC] [--listen ĐỊA_CHỈ:CỔNG] [--deadline NGÀY]\n"
    "                          [--aliases TỆP.toml] [--tls] [--make-links] [--max-upload MB]\n\n"
    "Mở trang làm việc của văn phòng trên máy này (mặc định http://127.0.0.1:8080/): tải lên báo\n"
    "cáo của các đơn vị, xem kết quả kiểm tra, theo dõi đơn vị đã gửi/chưa gửi, lịch sử các bản,\n"
    "lập sổ tổng hợp. Dữ liệu ở --data (mặc định thư mục tonghop-data cạnh tệp kế hoạch).\n"
    "--listen 0.0.0.0:CỔNG: cho các máy trong mạng nội bộ vào (nên dùng --make-links).\n"
    "--make-links: tạo (một lần) và in đường dẫn truy cập của văn phòng và của từng đơn vị (đơn\n"
    "vị chỉ gửi được báo cáo của mình và xem kết quả của mình); từ đó trang cần đường dẫn.\n"
    "--tls: HTTPS (cần cho phần bổ trợ Excel); ghi THƯ_MỤC_DỮ_LIỆU/excel-addin: manifest.xml để chia\n"
    "sẻ, tệp .reg cài danh mục tin cậy và hướng dẫn cài (huong-dan-cai-dat.txt).\n";
constexpr std::string_view kUsageEn =
    "Examples:\n"
    "  tonghop serve --plan plans/an-duong-2026-2030.xlsx --year 2026\n"
    "  tonghop serve --plan plan.xlsx --year 2026 --deadline 2026-12-03 --data data/\n"
    "  tonghop serve --plan plan.xlsx --year 2026 --listen 0.0.0.0:8080 --make-links\n\n"
    "Usage: tonghop serve --plan PLAN [--year YEAR] [--period year|h1|q1|q2|q3|q4|9m]\n"
    "                     [--data FOLDER] [--listen ADDRESS:PORT] [--deadline DATE]\n"
    "                     [--aliases FILE.toml] [--tls] [--make-links] [--max-upload MB]\n\n"
    "Serves the office's page on this machine (default http://127.0.0.1:8080/): upload the\n"
    "units' reports, read the check results, follow who sent and who has not, the versions,\n"
    "make the consolidated workbook. Data lives in --data (default tonghop-data beside the plan).\n"
    "--listen 0.0.0.0:PORT opens it to the office's network (use --make-links then).\n"
    "--make-links makes (once) and prints the access links of the office and of each unit (a\n"
    "unit can only upload its own reports and see its own results); the page then needs one.\n"
    "--tls: HTTPS (the Excel add-in needs it); writes DATA/excel-addin: manifest.xml to share, a\n"
    ".reg that adds the trusted catalog, and the install steps (huong-dan-cai-dat.txt).\n";

std::atomic<serve::HttpServer*> running{nullptr};

void on_stop() {
  if (auto* s = running.load()) s->stop();
}

// The child side of serve/job.hpp: one job, its answer on stdout. Not in --help: the
// server starts it, people do not.
int run_job(const std::string& file, Streams io) {
  try {
    auto f = serve::read_job_file(file);
    serve::apply_child_limits(f.limits);
    serve::Office office(f.config);
    int code = serve::run_job(office, f.job, io.out);
    io.out.flush();
    return code;
  } catch (const std::bad_alloc&) {
    io.err << "tonghop serve --run-job: out of memory\n";
  } catch (const std::exception& e) {
    io.err << "tonghop serve --run-job: " << e.what() << "\n";
  }
  return int(ExitCode::Internal);
}

}  // namespace

int serve_command(const std::vector<std::string>& args, Streams io) {
  if (args.size() == 2 && args[0] == "--run-job") return run_job(args[1], io);
  CommandOptions opts;
  opts.add("plan", po::value<std::string>(), Text("KẾ_HOẠCH", "PLAN"), Text("sổ kế hoạch (các phụ lục)", "the plan workbook (its annexes)"))
      .add("year", po::value<int>(), Text("NĂM", "YEAR"), Text("năm báo cáo (mặc định năm nay)", "the reporting year (default this year)"))
      .add("period", po::value<std::string>()->default_value("year"), Text("KỲ", "PERIOD"),
           Text("year, h1, q1, q2, q3, q4 hoặc 9m", "year, h1, q1, q2, q3, q4 or 9m"))
      .add("units", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("tên đơn vị và cách viết (mặc định templates/units.toml)", "unit names and spellings (default templates/units.toml)"))
      .add("deadline", po::value<std::string>(), Text("NGÀY", "DATE"), Text("hạn nộp (mặc định 3/12)", "the deadline (default 3 December)"))
      .add("aliases", po::value<std::string>(), Text("TỆP.toml", "FILE.toml"),
           Text("cách viết đã học (docs/aliases.md); sửa trên trang tải về ở /api/corrections?format=toml",
                "what the office taught (docs/aliases.md); the page's corrections download from /api/corrections?format=toml"))
      .add("data", po::value<std::string>(), Text("THƯ_MỤC", "FOLDER"),
           Text("kho dữ liệu (mặc định tonghop-data cạnh kế hoạch)", "the store (default tonghop-data beside the plan)"))
      .add("listen", po::value<std::string>()->default_value("127.0.0.1:8080"), Text("ĐỊA_CHỈ:CỔNG", "ADDRESS:PORT"),
           Text("nơi nghe (0.0.0.0:CỔNG cho mạng nội bộ)", "where to listen (0.0.0.0:PORT for the office's network)"))
      .add("tls", po::bool_switch(), Text(""),
           Text("HTTPS với chứng chỉ riêng của văn phòng (THƯ_MỤC_DỮ_LIỆU/tls; cần cho trang kiểm tra trong Excel)",
                "HTTPS with the office's own certificate (DATA/tls; needed by the Excel task pane)"))
      .add("addin-share", po::value<std::string>(), Text("\\\\MÁY\\THƯ_MỤC", "\\\\MACHINE\\FOLDER"),
           Text("với --tls: thư mục chia sẻ chứa manifest.xml, ghi vào tệp .reg cài phần bổ trợ Excel (THƯ_MỤC_DỮ_LIỆU/excel-addin; "
                "mặc định \\\\TÊN_MÁY_NÀY\\tonghop)",
                "with --tls: the shared folder holding manifest.xml, written into the .reg that installs the Excel add-in "
                "(DATA/excel-addin; default \\\\THIS_MACHINE\\tonghop)"))
      .add("make-links", po::bool_switch(), Text(""),
           Text("tạo và in đường dẫn truy cập của văn phòng và từng đơn vị", "make and print the access links of the office and each unit"))
      .add("max-upload", po::value<int>()->default_value(25), Text("MB"), Text("cỡ tối đa một tệp gửi lên", "largest upload"))
      .add("max-connections", po::value<int>()->default_value(64), Text("SỐ", "N"), Text("số kết nối cùng lúc", "connections at once"))
      .add("workers", po::value<int>()->default_value(2), Text("SỐ", "N"), Text("số tệp kiểm tra cùng lúc", "checks at once"));
  add_common_options(opts, false);
  Lang lang = lang_from_args(args);
  bool vi = lang == Lang::Vi;
  serve::OfficeConfig cfg;
  std::string data, host, addin_share;
  unsigned short port = 0;
  bool make_links = false, tls = false;
  serve::ServerLimits limits;
  serve::AppConfig app_cfg;
  try {
    auto vm = parse(args, opts);
    auto opt = common_options(vm);
    lang = opt.lang;
    vi = lang == Lang::Vi;
    if (vm["help"].as<bool>()) {
      write_help(io.out, vi ? kUsageVi : kUsageEn, opts, lang);
      return int(ExitCode::Ok);
    }
    if (!vm.count("plan")) throw UsageError{Text("cần --plan TỆP_KẾ_HOẠCH", "--plan PLAN_FILE is needed")};
    cfg.plan_path = vm["plan"].as<std::string>();
    cfg.period.year = vm.count("year") ? vm["year"].as<int>() : current_year();
    auto kind = period_kind_from_string(vm["period"].as<std::string>());
    if (!kind) throw UsageError{Text("--period phải là year, h1, q1, q2, q3, q4 hoặc 9m", "--period must be year, h1, q1, q2, q3, q4 or 9m")};
    cfg.period.kind = *kind;
    cfg.limits = opt.limits;
    if (vm.count("units")) cfg.units_file = vm["units"].as<std::string>();
    if (vm.count("aliases")) cfg.aliases_file = platform::utf8_of(fs::absolute(platform::path_from_utf8(vm["aliases"].as<std::string>())));
    if (vm.count("deadline")) {
      auto d = parse_receipt_date(vm["deadline"].as<std::string>());
      if (!d) throw UsageError{Text("--deadline: không hiểu ngày (dùng 2026-12-03 hoặc 03/12/2026)", "--deadline: the date is not understood (use 2026-12-03 or 03/12/2026)")};
      cfg.deadline = *d + 0.99999;
    }
    data = vm.count("data") ? vm["data"].as<std::string>()
                            : platform::utf8_of(fs::absolute(platform::path_from_utf8(cfg.plan_path)).parent_path() /
                                                "tonghop-data");
    auto listen = vm["listen"].as<std::string>();
    auto colon = listen.rfind(':');
    int p = -1;
    try {
      if (colon != std::string::npos) p = std::stoi(listen.substr(colon + 1));
    } catch (...) {
    }
    if (colon == std::string::npos || p < 0 || p > 65535)
      throw UsageError{Text("--listen cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080", "--listen needs ADDRESS:PORT, e.g. 127.0.0.1:8080")};
    host = listen.substr(0, colon);
    port = (unsigned short)p;
    make_links = vm["make-links"].as<bool>();
    tls = vm["tls"].as<bool>();
    if (vm.count("addin-share")) {
      addin_share = vm["addin-share"].as<std::string>();
      if (!tls) throw UsageError{Text("--addin-share chỉ dùng cùng --tls (phần bổ trợ Excel cần HTTPS)",
                                      "--addin-share goes with --tls (the Excel add-in needs HTTPS)")};
      if (auto bad = serve::share_problem(addin_share, true); !bad.empty())
        throw UsageError{Text(bad, serve::share_problem(addin_share, false))};
    }
    int mb = vm["max-upload"].as<int>();
    if (mb < 1 || mb > 1024) throw UsageError{Text("--max-upload: từ 1 đến 1024 MB", "--max-upload: 1 to 1024 MB")};
    limits.body_bytes = std::size_t(mb) << 20;
    limits.max_connections = std::max(1, vm["max-connections"].as<int>());
    app_cfg.isolation.parallel = std::max(1, vm["workers"].as<int>());
    app_cfg.loopback_only = host == "127.0.0.1" || host == "localhost" || host == "::1";
    if (host == "localhost") host = "127.0.0.1";
  } catch (const UsageError& e) {
    io.err << "tonghop serve: " << e.message.in(lang) << "\n\n" << (vi ? kUsageVi : kUsageEn);
    return int(ExitCode::Usage);
  } catch (const ConfigError& e) {
    io.err << "tonghop serve: " << config_usage_error(e).message.in(lang) << "\n";
    return int(ExitCode::Usage);
  }
  std::unique_ptr<serve::Store> store;
  std::unique_ptr<serve::Office> office;
  try {
    store = std::make_unique<serve::Store>(platform::path_from_utf8(data));
  } catch (const std::exception& e) {
    io.err << (vi ? "tonghop serve: không mở được kho dữ liệu " : "tonghop serve: cannot open the store ") << data
           << ": " << e.what() << "\n";
    return int(ExitCode::Unreadable);
  }
  try {
    office = std::make_unique<serve::Office>(cfg);
  } catch (const ConfigError& e) {
    io.err << "tonghop serve: " << config_usage_error(e).message.in(lang) << "\n";
    return int(ExitCode::Usage);
  } catch (const std::exception& e) {
    io.err << "tonghop serve: " << e.what() << "\n";
    return int(ExitCode::Unreadable);
  }
  std::string base = "http://" + (host == "0.0.0.0" ? std::string("ĐỊA_CHỈ_MÁY") : host) + ":" + std::to_string(port);
  if (make_links) {
    auto links = store->links();
    if (links.empty()) {
      store->add_link({serve::random_hex(16), ""});
      for (const auto& u : office->plan().units) store->add_link({serve::random_hex(16), u.name});
      links = store->links();
    }
    io.out << (vi ? "Đường dẫn truy cập (giữ kín; trang cần một trong các đường dẫn này):\n"
                  : "Access links (keep them private; the page now needs one of them):\n");
    for (const auto& l : links)
      io.out << "  " << (l.unit.empty() ? (vi ? "Văn phòng" : "Office") : l.unit) << ": " << base << "/u/" << l.token
             << "\n";
    return int(ExitCode::Ok);
  }
  std::shared_ptr<boost::asio::ssl::context> tls_context;
  std::string hostname = platform::host_name();
  if (tls) {
    std::vector<std::string> names{"localhost", "127.0.0.1"};
    if (host != "0.0.0.0" && host != "127.0.0.1") names.push_back(host);
    if (!hostname.empty()) names.push_back(hostname);
    try {
      auto files = serve::ensure_tls_files(platform::utf8_of(platform::path_from_utf8(data) / "tls"), names);
      tls_context = serve::make_tls_context(files);
      io.out << (vi ? "HTTPS: chứng chỉ của văn phòng " : "HTTPS: the office's certificate ") << files.ca_cert
             << (vi ? " (cài vào các máy của văn phòng một lần: cai-chung-chi.bat cùng thư mục)\n"
                    : " (install it once on the office's PCs: cai-chung-chi.bat in the same folder)\n");
    } catch (const std::exception& e) {
      io.err << "tonghop serve --tls: " << e.what() << "\n";
      return int(ExitCode::Internal);
    }
  }
  serve::App app(*office, *store, app_cfg);
  std::unique_ptr<serve::HttpServer> server;
  try {
    server = std::make_unique<serve::HttpServer>(
        host, port, limits, [&](const serve::Request& r, const std::string& peer) { return app.handle(r, peer); },
        tls_context);
  } catch (const std::exception& e) {
    io.err << (vi ? "tonghop serve: không mở được " : "tonghop serve: cannot listen on ") << host << ":" << port
           << ": " << e.what() << "\n";
    return int(ExitCode::Usage);
  }
  app.set_port(server->port());
  running = server.get();
  platform::on_stop_request(on_stop);
  base = (tls ? "https://" : "http://") + (host == "0.0.0.0" ? std::string("ĐỊA_CHỈ_MÁY") : host) + ":" +
         std::to_string(server->port());
  if (tls) {
    // The shared-folder catalog for Excel: the PCs reach this machine by its name (the
    // certificate holds it) when it listens on every address.
    std::string machine = hostname.empty() ? "localhost" : hostname;
    auto pane_base = "https://" + (host == "0.0.0.0" ? machine : host) + ":" + std::to_string(server->port());
    std::string upper = machine;
    for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    auto share = addin_share.empty() ? "\\\\" + upper + "\\tonghop" : addin_share;
    try {
      auto files = serve::write_addin_catalog(platform::utf8_of(platform::path_from_utf8(data) / "excel-addin"), pane_base, share,
                                              platform::utf8_of(platform::path_from_utf8(data) / "tls"));
      io.out << (vi ? "Phần bổ trợ Excel: " : "Excel add-in: ") << files.guide
             << (vi ? " (cách cài; tệp .reg và thư mục catalog cùng chỗ)\n" : " (how to install; the .reg and the catalog folder beside it)\n");
    } catch (const std::exception& e) {
      io.err << "tonghop serve --tls: " << e.what() << "\n";
    }
  }
  io.out << (vi ? "tonghop đang phục vụ trang làm việc tại " : "tonghop serves the office's page at ") << base
         << "/\n"
         << (vi ? "Kế hoạch: " : "Plan: ") << cfg.plan_path << (vi ? ", năm " : ", year ") << cfg.period.year
         << (vi ? "; dữ liệu: " : "; data: ") << data << "\n"
         << (vi ? "Mở địa chỉ trên bằng trình duyệt. Ctrl+C để dừng.\n" : "Open it in a browser. Ctrl+C stops.\n");
  io.out.flush();
  server->run();
  running = nullptr;
  io.out << (vi ? "Đã dừng.\n" : "Stopped.\n");
  return int(ExitCode::Ok);
}

}  // namespace tonghop::cli
