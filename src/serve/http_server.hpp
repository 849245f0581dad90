// A small blocking HTTP/1.1 server on Boost.Beast: one thread per connection, at most
// max_connections of them (others get 503 at once), header and body limits enforced
// while reading, a read timeout per receive and a deadline per request (slow clients
// cannot hold a thread), keep-alive.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace tonghop::serve {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Handler = std::function<Response(const Request&, const std::string& peer)>;

struct ServerLimits {
  std::size_t body_bytes = 25u << 20;
  std::size_t header_bytes = 16u << 10;
  int max_connections = 64;
  std::chrono::seconds receive_timeout{30};
  std::chrono::seconds request_deadline{300};  // a 25 MB upload on a slow office network
};

class HttpServer {
 public:
  // Binds at once (throws boost::system::system_error); port 0 picks a free port. With tls,
  // every connection is HTTPS (see tls.hpp) and requests carry X-Forwarded-Proto: https,
  // set by the server, whatever the client sent.
  HttpServer(const std::string& host, unsigned short port, ServerLimits limits, Handler handler,
             std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
  ~HttpServer();
  unsigned short port() const { return port_; }
  // Accepts until stop(); then waits for the open connections to finish.
  void run();
  void stop() { stopping_ = true; }

 private:
  void serve(boost::asio::ip::tcp::socket socket);
  template <class Stream>
  void session(Stream& stream, boost::asio::ip::tcp::socket& socket, const std::string& peer);
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  ServerLimits limits_;
  Handler handler_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable idle_;
  int active_ = 0;
};

// A plain response with the given status, content type and body.
Response make_response(unsigned version, boost::beast::http::status status, std::string content_type,
                       std::string body);

}  // namespace tonghop::serve
