#include "serve/http_server.hpp"

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <thread>

#include "core/platform.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace tonghop::serve {

Response make_response(unsigned version, http::status status, std::string content_type, std::string body) {
  Response res{status, version};
  res.set(http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

HttpServer::HttpServer(const std::string& host, unsigned short port, ServerLimits limits, Handler handler,
                       std::shared_ptr<boost::asio::ssl::context> tls)
    : acceptor_(io_), limits_(limits), handler_(std::move(handler)), tls_(std::move(tls)) {
  tcp::endpoint ep(boost::asio::ip::make_address(host), port);
  acceptor_.open(ep.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen(128);
  port_ = acceptor_.local_endpoint().port();
}

HttpServer::~HttpServer() {
  stopping_ = true;
  std::unique_lock lock(mu_);
  idle_.wait_for(lock, std::chrono::seconds(30), [&] { return active_ == 0; });
}

void HttpServer::run() {
  while (!stopping_) {
    // Poll so that stop() is seen within a fifth of a second.
    if (!platform::socket_readable(std::uintptr_t(acceptor_.native_handle()), 200)) continue;
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec) continue;
    {
      std::lock_guard lock(mu_);
      if (active_ >= limits_.max_connections) {
        auto res = make_response(11, http::status::service_unavailable, "text/plain; charset=utf-8",
                                 "Máy chủ đang bận, vui lòng thử lại. / The server is busy, please retry.\n");
        res.set(http::field::retry_after, "2");
        res.keep_alive(false);
        res.prepare_payload();
        http::write(socket, res, ec);
        continue;
      }
      ++active_;
    }
    std::thread([this, s = std::move(socket)]() mutable {
      try {
        serve(std::move(s));
      } catch (...) {
      }
      std::lock_guard lock(mu_);
      --active_;
      idle_.notify_all();
    }).detach();
  }
  acceptor_.close();
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return active_ == 0; });
}

void HttpServer::serve(tcp::socket socket) {
  platform::set_socket_timeouts(std::uintptr_t(socket.native_handle()), unsigned(limits_.receive_timeout.count()));
  boost::system::error_code ec;
  std::string peer = socket.remote_endpoint(ec).address().to_string();
  if (!tls_) return session(socket, socket, peer);
  boost::asio::ssl::stream<tcp::socket&> stream(socket, *tls_);
  stream.handshake(boost::asio::ssl::stream_base::server, ec);
  if (ec) return;  // not TLS, or a certificate the client refused
  session(stream, socket, peer);
}

template <class Stream>
void HttpServer::session(Stream& stream, tcp::socket& socket, const std::string& peer) {
  constexpr bool plain = std::is_same_v<Stream, tcp::socket>;
  boost::system::error_code ec;
  beast::flat_buffer buffer;
  auto refuse = [&](http::status status, const char* text) {
    auto res = make_response(11, status, "text/plain; charset=utf-8", text);
    res.keep_alive(false);
    res.prepare_payload();
    boost::system::error_code ignored;
    http::write(stream, res, ignored);
    if constexpr (!plain) {
      stream.shutdown(ignored);
      return;
    }
    // Lingering close: read (and drop) what the client is still sending for a moment, so
    // that closing with unread data does not reset the connection before it reads the answer.
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    platform::set_socket_timeouts(std::uintptr_t(socket.native_handle()), 1);
    char sink[65536];
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < until) {
      auto n = socket.read_some(boost::asio::buffer(sink), ignored);
      if (ignored || n == 0) break;
    }
  };
  while (!stopping_) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(std::uint32_t(limits_.header_bytes));
    parser.body_limit(limits_.body_bytes);
    auto deadline = std::chrono::steady_clock::now() + limits_.request_deadline;
    bool continue_sent = false;
    while (!parser.is_done()) {
      if (std::chrono::steady_clock::now() > deadline) return refuse(http::status::request_timeout, "Request timeout\n");
      http::read_some(stream, buffer, parser, ec);
      if (ec == http::error::header_limit)
        return refuse(http::status::request_header_fields_too_large, "Header too large\n");
      if (ec == http::error::body_limit)
        return refuse(http::status::payload_too_large,
                      "Tệp quá lớn (tối đa 25 MB). / The file is too large (25 MB at most).\n");
      if (ec) return;  // closed, timed out, malformed
      if (parser.is_header_done() && !continue_sent && !parser.is_done()) {
        continue_sent = true;
        auto len = parser.content_length();
        if (len && *len > limits_.body_bytes)
          return refuse(http::status::payload_too_large,
                        "Tệp quá lớn (tối đa 25 MB). / The file is too large (25 MB at most).\n");
        if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
          http::response<http::empty_body> cont{http::status::continue_, 11};
          http::write(stream, cont, ec);
          if (ec) return;
        }
      }
    }
    auto req = parser.release();
    if constexpr (!plain) req.set("X-Forwarded-Proto", "https");
    Response res = handler_(req, peer);
    res.keep_alive(req.keep_alive() && !stopping_);
    res.prepare_payload();
    http::write(stream, res, ec);
    if (ec || !res.keep_alive()) break;
  }
  if constexpr (plain)
    socket.shutdown(tcp::socket::shutdown_send, ec);
  else
    stream.shutdown(ec);
}

}  // namespace tonghop::serve
