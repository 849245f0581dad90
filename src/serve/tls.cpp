#include "serve/tls.hpp"

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/platform.hpp"

namespace fs = std::filesystem;

namespace tonghop::serve {
namespace {

void openssl(const std::string& program, const std::vector<std::string>& args, const std::string& dir) {
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = platform::run_program(argv, {}, 60);
  if (r.timed_out || r.exit_code != 0)
    throw std::runtime_error("openssl " + args.at(0) + " không tạo được chứng chỉ trong " + dir + " / openssl " +
                             args.at(0) + " could not make the certificate in " + dir + " (exit code " +
                             std::to_string(r.exit_code) + ")");
}

bool is_ip(const std::string& name) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  return !ec;
}

}  // namespace

TlsFiles ensure_tls_files(const std::string& dir, const std::vector<std::string>& names) {
  TlsFiles f;
  fs::path d(dir);
  f.ca_cert = (d / "ca.crt").string();
  f.server_cert = (d / "server.crt").string();
  f.server_key = (d / "server.key").string();
  auto ca_key = (d / "ca.key").string();
  if (fs::exists(f.ca_cert) && fs::exists(ca_key) && fs::exists(f.server_cert) && fs::exists(f.server_key)) return f;
  auto program = platform::find_executable("openssl");
  if (!program)
    throw std::runtime_error(
        "cần chương trình openssl để tạo chứng chỉ HTTPS (apt-get install openssl) / the openssl program is needed "
        "to make the HTTPS certificate (apt-get install openssl)");
  std::error_code ec;
  fs::create_directories(d, ec);
  fs::permissions(d, fs::perms::owner_all, fs::perm_options::replace, ec);
  // The authority: kept for ten years, so the PCs trust it once.
  if (!fs::exists(f.ca_cert) || !fs::exists(ca_key))
    openssl(*program,
            {"req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
             ca_key, "-out", f.ca_cert, "-days", "3650", "-subj", "/O=tonghop/CN=tonghop - chung chi cua van phong",
             "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign"},
            dir);
  std::string san;
  for (const auto& n : names) {
    if (n.empty()) continue;
    san += (san.empty() ? "" : ",") + std::string(is_ip(n) ? "IP:" : "DNS:") + n;
  }
  auto ext = (d / "server.ext").string();
  {
    std::ofstream out(ext, std::ios::trunc);
    out << "subjectAltName=" << san << "\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        << "extendedKeyUsage=serverAuth\n";
  }
  auto csr = (d / "server.csr").string();
  openssl(*program,
          {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
           f.server_key, "-out", csr, "-subj", "/O=tonghop/CN=" + (names.empty() ? std::string("localhost") : names[0])},
          dir);
  // 825 days: the longest a server certificate may live for browsers that check.
  openssl(*program,
          {"x509", "-req", "-in", csr, "-CA", f.ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", f.server_cert,
           "-days", "825", "-extfile", ext},
          dir);
  fs::remove(csr, ec);
  fs::remove(ext, ec);
  // For the office's PCs: trust this authority for the current Windows user (no
  // administrator needed), then the pane's https:// address opens without a warning.
  std::ofstream bat((d / "cai-chung-chi.bat").string(), std::ios::binary | std::ios::trunc);
  bat << "@echo off\r\nrem Cai chung chi cua van phong (tonghop) vao may nay, cho nguoi dung hien tai.\r\n"
      << "certutil -user -addstore Root \"%~dp0ca.crt\"\r\npause\r\n";
  f.made = true;
  return f;
}

std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsFiles& files) {
  auto ctx = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
  boost::system::error_code ec;
  ctx->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                       boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                       boost::asio::ssl::context::no_tlsv1_1,
                   ec);
  ctx->use_certificate_chain_file(files.server_cert, ec);
  if (!ec) ctx->use_private_key_file(files.server_key, boost::asio::ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("không nạp được chứng chỉ " + files.server_cert + " / cannot load the certificate " +
                             files.server_cert + ": " + ec.message());
  return ctx;
}

}  // namespace tonghop::serve
