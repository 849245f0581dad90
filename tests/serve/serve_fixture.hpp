// A real server on 127.0.0.1 (a free port) in this process, over a fresh store, and a
// small blocking HTTP client for the tests.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "serve/app.hpp"
#include "serve/http_server.hpp"
#include "serve/office.hpp"
#include "serve/store.hpp"

namespace tonghop::serve::testing {

inline std::string source_path(const std::string& rel) { return std::string(TONGHOP_SOURCE_DIR) + "/" + rel; }

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
};

class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  Reply send(boost::beast::http::verb verb, const std::string& target, const std::string& body = "",
             const std::map<std::string, std::string>& headers = {}) {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket s(io);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    boost::system::error_code wec;
    http::write(s, req, wec);  // a refusal may close before the body is sent: read its answer
    boost::beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(512u << 20);
    boost::system::error_code ec;
    http::read(s, buf, parser, ec);
    Reply r;
    if (ec) return r;
    auto res = parser.release();
    r.status = int(res.result_int());
    for (const auto& f : res) r.headers[std::string(f.name_string())] = std::string(f.value());
    r.body = res.body();
    return r;
  }
  Reply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return send(boost::beast::http::verb::get, target, "", headers);
  }
  Reply post(const std::string& target, const std::string& body, std::map<std::string, std::string> headers = {}) {
    if (!headers.count("X-Tonghop-CSRF")) headers["X-Tonghop-CSRF"] = csrf;
    return send(boost::beast::http::verb::post, target, body, headers);
  }
  Reply upload(const std::string& name, const std::string& bytes, std::map<std::string, std::string> headers = {}) {
    headers["X-File-Name"] = name;
    return post("/api/submissions", bytes, headers);
  }
  std::string csrf;

 private:
  unsigned short port_;
};

class Server {
 public:
  explicit Server(const std::filesystem::path& data, ServerLimits limits = {}, IsolationLimits isolation = {},
                  std::string plan = "samples/ke-hoach/an-duong-2026-2030.xlsx", std::string aliases = "") {
    OfficeConfig cfg;
    cfg.plan_path = source_path(plan);
    cfg.period = {2026, PeriodKind::Year};
    cfg.aliases_file = aliases;
    store = std::make_unique<Store>(data);
    office = std::make_unique<Office>(cfg);
    AppConfig app_cfg;
    app_cfg.isolation = isolation;
    app_cfg.executable = TONGHOP_BINARY;  // the jobs' child is tonghop, not this test
    app = std::make_unique<App>(*office, *store, app_cfg);
    http = std::make_unique<HttpServer>("127.0.0.1", 0, limits,
                                        [this](const Request& r, const std::string& p) { return app->handle(r, p); });
    app->set_port(http->port());
    thread = std::thread([this] { http->run(); });
  }
  ~Server() {
    http->stop();
    thread.join();
  }
  Client client() {
    Client c(http->port());
    c.csrf = app->csrf_token();
    return c;
  }
  std::unique_ptr<Store> store;
  std::unique_ptr<Office> office;
  std::unique_ptr<App> app;
  std::unique_ptr<HttpServer> http;
  std::thread thread;
};

// A fresh folder under the system's temporary folder, removed at the end.
struct TempDir {
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("tonghop-serve-" + random_hex(8));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path path;
};

}  // namespace tonghop::serve::testing
